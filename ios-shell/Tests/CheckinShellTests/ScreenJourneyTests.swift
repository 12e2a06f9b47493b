// The first run through the core's screens, as a participant goes: start,
// enrollment (typed, or filled in by the program's device management),
// consent, home, a check-in with photo, voice and one location fix taken at
// the platform boundary, the review, "send", and the submitted screen
// saying "received" with the program's receipt once the background sync
// ran. Real core, real reference server; fakes only for the hardware.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ScreenJourneyTests: XCTestCase {
    @MainActor
    func testFirstRunByTypingToADeliveredCheckinWithItsReceipt() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let client = try openEnglishClient()
        let phone = try TestPhone.withFixtures()
        var upkeeps = 0
        let model = screenModel(client, phone: phone, afterAction: { upkeeps += 1 })

        await model.start()
        let enroll = try model.screen
        XCTAssertEqual(enroll.route, .enroll)
        XCTAssertEqual(enroll.title, "Set up check-ins")
        XCTAssertEqual(enroll.inputFields.map(\.kind), [.serverUrl, .enrollmentCode])
        XCTAssertEqual(model.state.fields, ["server_url": "", "code": ""])
        XCTAssertNotNil(enroll.action("enroll.scan"), "typing or scanning")

        model.setField("server_url", to: server.baseUrl)
        model.setField("code", to: server.codes[0])
        try await model.tap(id: "enroll.submit")
        XCTAssertEqual(try model.screen.route, .consent)
        XCTAssertEqual(upkeeps, 1, "enrolling brings reminders and the schedule up to date")

        try await model.tap(id: "consent.accept")
        XCTAssertEqual(try model.screen.route, .home)
        try await checkInThroughTheScreens(model, client: client, server: server, phone: phone)
    }

    @MainActor
    func testAnIssuedPhoneEnrollsFromItsManagedConfigurationWithoutTyping() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let client = try openEnglishClient()
        var phone = try TestPhone.withFixtures()
        phone.managed = DictionarySource(["serverURL": server.baseUrl, "enrollmentCode": server.codes[0]])
        let model = screenModel(client, phone: phone)

        await model.start()
        let enroll = try model.screen
        XCTAssertEqual(enroll.route, .enroll)
        XCTAssertEqual(enroll.inputFields.map(\.readOnly), [true, true])
        XCTAssertEqual(model.state.fields, ["server_url": server.baseUrl, "code": server.codes[0]])
        XCTAssertEqual(enroll.notices.first?.title, "Set up by your program")
        XCTAssertNil(enroll.action("enroll.scan"), "nothing to scan: the program filled it in")
        model.setField("code", to: "TYPED-OVER")
        XCTAssertEqual(model.state.fields["code"], server.codes[0], "a field the program filled in is not editable")

        try await model.tap(id: "enroll.submit")
        XCTAssertEqual(try model.screen.route, .consent)
        try await model.tap(id: "consent.accept")
        try await checkInThroughTheScreens(model, client: client, server: server, phone: phone)
    }

    /// From home to the submitted screen that shows the receipt.
    @MainActor
    private func checkInThroughTheScreens(_ model: ScreenModel, client: CheckinClient, server: ReferenceServer,
                                          phone: TestPhone) async throws {
        var shown: [Screen] = []
        model.onChange = { if let screen = $0.screen, shown.last != screen { shown.append(screen) } }
        XCTAssertTrue(try model.screen.secure, "home shows personal data")
        try await model.tap(id: "home.start-checkin")
        guard case .checkin(let checkinId) = try model.screen.route else {
            return XCTFail("start led to \(try model.screen.route)")
        }
        XCTAssertEqual(try model.screen.steps.map(\.state), [.current, .optional, .optional],
                       "photo required; voice and location optional in the default policy")

        // The photo: the camera opens, the shutter hands the JPEG fixture over.
        try await model.tap(id: "checkin.capture-photo")
        XCTAssertEqual(model.state.capture, .camera(checkinId: checkinId))
        XCTAssertTrue(phone.camera.running)
        await model.takePhoto()
        XCTAssertNil(model.state.capture)
        XCTAssertFalse(phone.camera.running, "the camera is released once the photo is taken")
        XCTAssertEqual(try model.screen.steps.first?.state, .done)

        // The voice: recorded up to the policy's maximum, handed over whole.
        try await model.tap(id: "checkin.capture-voice")
        XCTAssertEqual(phone.microphone.askedMaxSeconds, [30], "the effect's maxSeconds, the policy's")
        XCTAssertGreaterThan(phone.microphone.levels, 0, "the meter ran")

        // One location fix, coarse as the policy wants.
        try await model.tap(id: "checkin.capture-location")
        XCTAssertEqual(phone.locator.asked, [false])
        XCTAssertEqual(try model.screen.steps.map(\.state), [.done, .done, .done])

        try await model.tap(id: "checkin.review")
        XCTAssertEqual(try model.screen.route, .review(checkinId: checkinId))
        XCTAssertEqual(try model.screen.items.map(\.id), ["photo", "voice", "location", "time"])

        try await model.tap(id: "review.submit")
        let submitted = try model.screen
        XCTAssertEqual(submitted.route, .submitted(checkinId: checkinId))
        XCTAssertTrue(shown.contains { $0.route == submitted.route && $0.notices.first?.title == "Locked and saved on this phone" },
                      "first saved, then sent in the background")
        let received = try XCTUnwrap(submitted.notices.first)
        XCTAssertEqual(received.tone, .success)
        XCTAssertEqual(received.title, "Received by the program")

        // The receipt on screen is the one the core verified and keeps.
        let item = try XCTUnwrap(try client.outbox().first { $0.checkinId == checkinId })
        XCTAssertEqual(item.state, .delivered)
        let receipt = try XCTUnwrap(item.receipt)
        XCTAssertEqual(submitted.facts.first { $0.label == "Signed by" }?.value, receipt.receiptKeyId)

        // The program opened what the phone captured.
        let opened = try ServerFiles(server).opened(checkinId)
        XCTAssertTrue(try Data(contentsOf: opened.appendingPathComponent("photo.jpg")).starts(with: [0xFF, 0xD8, 0xFF]))
        XCTAssertTrue(try Data(contentsOf: opened.appendingPathComponent("voice.ogg")).starts(with: Array("OggS".utf8)))
    }
}

/// What the reference server keeps: devices/<device>/opened/<check-in>/.
struct ServerFiles {
    let server: ReferenceServer

    init(_ server: ReferenceServer) {
        self.server = server
    }

    func opened(_ checkinId: String) throws -> URL {
        let devices = URL(fileURLWithPath: server.dataDir).appendingPathComponent("devices")
        for device in try FileManager.default.contentsOfDirectory(atPath: devices.path) {
            let opened = devices.appendingPathComponent("\(device)/opened/\(checkinId)")
            if FileManager.default.fileExists(atPath: opened.path) { return opened }
        }
        throw FixtureError("the server opened no check-in \(checkinId)")
    }

    /// The check-in record the server opened, as JSON.
    func record(_ checkinId: String) throws -> [String: Any] {
        let data = try Data(contentsOf: try opened(checkinId).appendingPathComponent("record.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
