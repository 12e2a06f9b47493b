// Each effect a screen asks for, carried out at the platform boundary and
// handed back to the real core, which answers with the next screen:
// captures taken, stopped, cancelled and refused; the QR scan; the share
// sheet; the dialler; the permission prompt. A refusal comes back as the
// core's own notice, in its words, with its "allow" action.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ScreenEffectsTests: XCTestCase {
    /// An enrolled phone past consent, on the check-in screen of a new
    /// check-in; its id.
    @MainActor
    private func checkinScreen(_ server: ReferenceServer, phone: TestPhone,
                               afterAction: @escaping @MainActor () async -> Void = {}) async throws
        -> (ScreenModel, CheckinClient, String) {
        let client = try openEnglishClient()
        _ = try await client.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
        _ = try client.recordConsent(policyVersion: try client.policy().version, lang: "en")
        let model = screenModel(client, phone: phone, afterAction: afterAction)
        await model.start()
        try await model.tap(id: "home.start-checkin")
        guard case .checkin(let checkinId) = try model.screen.route else {
            throw FixtureError("no check-in screen: \(try model.screen.route)")
        }
        return (model, client, checkinId)
    }

    /// Waits (a few seconds at most) until the model's state satisfies `ready`.
    @MainActor
    private func until(_ model: ScreenModel, _ ready: (ScreenState) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(5)
        while !ready(model.state) {
            guard Date() < deadline else { throw FixtureError("the state never came: \(model.state)") }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
    }

    @MainActor
    func testClosingTheCameraLeavesThePhotoToDoAndReleasesTheCamera() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let phone = try TestPhone.withFixtures()
        let (model, _, checkinId) = try await checkinScreen(server, phone: phone)
        try await model.tap(id: "checkin.capture-photo")
        XCTAssertEqual(model.state.capture, .camera(checkinId: checkinId))
        await model.cancelCapture()
        XCTAssertNil(model.state.capture)
        XCTAssertFalse(phone.camera.running)
        XCTAssertEqual(phone.camera.shots, 0)
        XCTAssertEqual(try model.screen.route, .checkin(checkinId: checkinId))
        XCTAssertEqual(try model.screen.steps.first?.state, .current, "the photo is still to take")
        XCTAssertTrue(try model.screen.notices.isEmpty, "a cancel is not a problem")
    }

    @MainActor
    func testAHeicPhotoNeverReachesTheCore() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        var phone = try TestPhone.withFixtures()
        var heic = Data([0, 0, 0, 0x18]) + Data("ftypheic".utf8)
        heic.append(Data(repeating: 0, count: 64))
        phone.camera = FakeCamera(.success(heic))
        let (model, client, checkinId) = try await checkinScreen(server, phone: phone)
        try await model.tap(id: "checkin.capture-photo")
        await model.takePhoto()
        XCTAssertEqual(phone.camera.shots, 1)
        XCTAssertEqual(try model.screen.steps.first?.state, .current)
        XCTAssertNil(try model.screen.action("checkin.review"), "nothing to review without the photo")
        let review = try client.screen(route: .review(checkinId: checkinId), context: ShellContext(permissions: [], managed: nil))
        XCTAssertEqual(review.action("review.submit")?.enabled, false, "no photo reached the core")
    }

    @MainActor
    func testARefusedCameraComesBackAsTheCoresNoticeAndItsAllowActionAsksAgain() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let phone = try TestPhone.withFixtures()
        phone.camera.startFailure = .denied(.camera)
        phone.permissions.states[.camera] = .denied
        let (model, _, _) = try await checkinScreen(server, phone: phone)

        try await model.tap(id: "checkin.capture-photo")
        XCTAssertNil(model.state.capture, "no camera surface for a refused camera")
        let notice = try XCTUnwrap(try model.screen.notices.first)
        XCTAssertEqual(notice.tone, .warning)
        XCTAssertEqual(notice.title, "The camera is off for this app")
        XCTAssertEqual(notice.action?.id, "permission.allow-camera")

        // Still refused (iOS sends the participant to Settings): the same notice.
        phone.permissions.answers[.camera] = .denied
        try await model.tap(id: "permission.allow-camera")
        XCTAssertEqual(phone.permissions.requested, [.camera])
        XCTAssertEqual(try model.screen.notices.first?.title, "The camera is off for this app")

        // Allowed: the screen is asked for again, without the notice.
        phone.permissions.answers[.camera] = .granted
        phone.camera.startFailure = nil
        try await model.tap(id: "permission.allow-camera")
        XCTAssertTrue(try model.screen.notices.isEmpty)
        try await model.tap(id: "checkin.capture-photo")
        await model.takePhoto()
        XCTAssertEqual(try model.screen.steps.first?.state, .done)
    }

    @MainActor
    func testStoppingARecordingEarlyHandsOverWhatWasSaid() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let phone = try TestPhone.withFixtures()
        phone.microphone.holdOpen = true
        phone.microphone.heldBuffers = 30
        let (model, _, checkinId) = try await checkinScreen(server, phone: phone)
        try await model.tap(id: "checkin.capture-photo")
        await model.takePhoto()

        let record = try XCTUnwrap(try model.screen.action("checkin.capture-voice"))
        await model.tap(record)
        try await until(model) {
            if case .recorder(_, _, _, let level?) = $0.capture { return level.rmsDBFS > AudioLevel.silenceDBFS }
            return false
        }
        guard case .recorder(let id, let maxSeconds, _, _)? = model.state.capture else { return XCTFail("no recorder") }
        XCTAssertEqual(id, checkinId)
        XCTAssertEqual(maxSeconds, 30)
        await model.tap(try XCTUnwrap(try model.screen.action("checkin.review")))
        XCTAssertEqual(try model.screen.route, .checkin(checkinId: checkinId), "no tap goes through while recording")

        model.stopRecording()
        await model.settled()
        XCTAssertNil(model.state.capture)
        let voice = try XCTUnwrap(try model.screen.steps.first { $0.label == "Voice recording" })
        XCTAssertEqual(voice.state, .done)
        XCTAssertEqual(voice.detail.prefix(13), "Recorded: 3 s", "30 buffers of 0.1 s: \(voice.detail)")
    }

    @MainActor
    func testACancelledRecordingKeepsNothing() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let phone = try TestPhone.withFixtures()
        phone.microphone.holdOpen = true
        let (model, _, _) = try await checkinScreen(server, phone: phone)
        try await model.tap(id: "checkin.capture-photo")
        await model.takePhoto()
        await model.tap(try XCTUnwrap(try model.screen.action("checkin.capture-voice")))
        try await until(model) { if case .recorder? = $0.capture { return true }; return false }
        await model.cancelCapture()
        await model.settled()
        XCTAssertNil(model.state.capture)
        XCTAssertEqual(try model.screen.steps.first { $0.label == "Voice recording" }?.state, .optional)
    }

    @MainActor
    func testTheLocationFixGoesWithItsProviderAndMockFlag() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let phone = try TestPhone.withFixtures()
        phone.locator.result = .success(LocationFix(lat: 42.3601, lon: -71.0589, accuracyM: 20, fixTime: Date(),
                                                    provider: "ios-simulated", mock: true))
        let (model, _, checkinId) = try await checkinScreen(server, phone: phone)
        try await model.tap(id: "checkin.capture-photo")
        await model.takePhoto()
        try await model.tap(id: "checkin.capture-location")
        XCTAssertEqual(phone.locator.asked, [false], "one fix, not precise under a coarse policy")
        try await model.tap(id: "checkin.review")
        try await model.tap(id: "review.submit")

        let location = try XCTUnwrap(Self.find("location", in: try ServerFiles(server).record(checkinId)) as? [String: Any])
        XCTAssertEqual(location["mode"] as? String, "coarse")
        XCTAssertEqual(location["provider"] as? String, "ios-simulated")
        XCTAssertEqual(location["mock"] as? Bool, true, "the program sees the fix was simulated")
    }

    @MainActor
    func testScanningTheProgramsQRCodeEnrolls() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        var phone = TestPhone()
        let address = server.baseUrl.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        phone.scanner = FakeScanner(.success("checkin://enroll?server=\(address)&code=\(server.codes[0])"))
        var upkeeps = 0
        let client = try openEnglishClient()
        let model = screenModel(client, phone: phone, afterAction: { upkeeps += 1 })
        await model.start()
        try await model.tap(id: "enroll.scan")
        XCTAssertEqual(phone.scanner.scans, 1)
        XCTAssertEqual(try model.screen.route, .consent)
        XCTAssertTrue(try client.isEnrolled())
        XCTAssertEqual(upkeeps, 1)
    }

    @MainActor
    func testAScanCancelledOrOfAnotherCodeStaysOnEnrollment() async throws {
        var phone = TestPhone()
        phone.scanner = FakeScanner(nil)
        let model = screenModel(try openEnglishClient(), phone: phone)
        await model.start()
        model.setField("server_url", to: "https://typed.example")
        await model.tap(try XCTUnwrap(try model.screen.action("enroll.scan")))
        try await until(model) { $0.capture == .scanner }
        await model.cancelCapture()
        await model.settled()
        XCTAssertNil(model.state.capture)
        XCTAssertEqual(try model.screen.route, .enroll)
        XCTAssertTrue(try model.screen.notices.isEmpty)
        XCTAssertEqual(model.state.fields["server_url"], "https://typed.example", "what was typed before the scan stays")

        phone.scanner.result = .success("https://shop.example/qr")
        try await model.tap(id: "enroll.scan")
        XCTAssertEqual(try model.screen.route, .enroll)
        XCTAssertEqual(try model.screen.notices.first?.body,
                       "This QR code is not from your program. Ask your program for the right one.")
    }

    @MainActor
    func testTheProofGoesToTheShareSheetAndTheScreenStays() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let phone = try TestPhone.withFixtures()
        let (model, _, _) = try await checkinScreen(server, phone: phone)
        try await model.tap(id: "checkin.discard")
        try await model.tap(id: "home.open-proof")
        XCTAssertEqual(try model.screen.route, .proof)
        try await model.tap(id: "proof.export")
        XCTAssertEqual(phone.sharing.shared.count, 1)
        let shared = try XCTUnwrap(phone.sharing.shared.first)
        XCTAssertEqual(shared.mimeType, "text/plain")
        XCTAssertTrue(shared.existed, "the file was there while the sheet showed it")
        XCTAssertEqual(try model.screen.route, .proof)
        XCTAssertFalse(model.state.busy)
    }

    @MainActor
    func testCallingTheProgramDialsItsNumberAndADeviceThatCannotCallStaysPut() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let phone = TestPhone()
        let client = try openEnglishClient()
        _ = try await client.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
        let model = screenModel(client, phone: phone)
        await model.start()
        XCTAssertEqual(try model.screen.route, .consent)
        try await model.tap(id: "call-program")
        XCTAssertEqual(phone.dialler.dialled, ["+15550100"], "the policy's contact, as digits")
        XCTAssertEqual(try model.screen.route, .consent)

        phone.dialler.canCall = false
        try await model.tap(id: "call-program")
        XCTAssertEqual(phone.dialler.dialled.count, 2)
        XCTAssertEqual(try model.screen.route, .consent)
        XCTAssertFalse(model.state.busy)
    }

    @MainActor
    func testAllowingAPermissionFromSettingsAsksTheOSAndTheAnswerIsShown() async throws {
        let phone = TestPhone()
        phone.permissions.states = [.camera: .granted, .microphone: .notAsked, .location: .denied,
                                    .notifications: .granted]
        let model = screenModel(try openEnglishClient(), phone: phone)
        await model.start()
        try await model.tap(id: "enroll.settings")
        let microphone = try XCTUnwrap(try model.screen.items.first { $0.id == "microphone" })
        XCTAssertEqual(microphone.badge, "Not asked yet")
        XCTAssertNil(try model.screen.items.first { $0.id == "exact_alarms" }, "iOS has no exact alarms")

        try await model.tap(id: "settings.allow-microphone")
        XCTAssertEqual(phone.permissions.requested, [.microphone])
        XCTAssertEqual(try model.screen.items.first { $0.id == "microphone" }?.badge, "Allowed")

        phone.permissions.answers[.location] = .denied
        try await model.tap(id: "settings.allow-location")
        XCTAssertEqual(try model.screen.route, .settings)
        XCTAssertEqual(try model.screen.notices.first?.title, "Location is off for this app")
    }

    /// The first value under `key` anywhere in `json`.
    static func find(_ key: String, in json: Any) -> Any? {
        if let object = json as? [String: Any] {
            if let value = object[key] { return value }
            for value in object.values {
                if let found = find(key, in: value) { return found }
            }
        } else if let array = json as? [Any] {
            for value in array {
                if let found = find(key, in: value) { return found }
            }
        }
        return nil
    }
}
