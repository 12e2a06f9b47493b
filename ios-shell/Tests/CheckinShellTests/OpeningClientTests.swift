// A core that cannot open, through the screens: a phone whose Keychain item
// is gone (restored from a backup) sees the core's screen for it, and
// nothing is deleted until the participant taps "set up this phone again";
// then the check-in still waiting is kept, the enrollment screen says so,
// and enrolling again with a new code for the same participant delivers it
// with the program's receipt. A phone not yet unlocked is told to unlock,
// and opens with everything once it is. Real core, real reference server.
import CheckinCore
@testable import CheckinShell
import XCTest

final class OpeningClientTests: XCTestCase {
    @MainActor
    func testALostKeyShowsTheCoresScreenAndSettingUpAgainDeliversTheCheckinKept() async throws {
        let server = try ReferenceServer(codes: 2, planJson: Plans.openNow(), participant: "A-204-118-993")
        defer { server.stop() }
        let dataDir = Fixtures.tempDir("opening")
        let config = ClientSetup.config(dataDirectory: URL(fileURLWithPath: dataDir), locale: "en")
        let kept: String
        do {
            let before = try CheckinClient.open(config: config, keyStore: testKeyStore())
            _ = try await before.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
            kept = try await submitPhotoCheckin(before)
        }

        // The same files, a Keychain without the item (a restored phone).
        let client = OpeningClient(config: config, keyStore: testKeyStore())
        XCTAssertEqual(client.cannotOpen, .keyLost)
        XCTAssertThrowsError(try client.outbox()) {
            guard case CheckinError.KeyStore = $0 else { return XCTFail("got \($0)") }
        }
        let model = screenModel(client, phone: try TestPhone.withFixtures())
        await model.start()
        let cannotOpen = try model.screen
        XCTAssertEqual(cannotOpen.title, "Call your program")
        XCTAssertEqual(cannotOpen.language, "en")
        XCTAssertFalse(cannotOpen.secure)
        XCTAssertNotNil(cannotOpen.action("unavailable.start-again"))
        XCTAssertEqual(client.cannotOpen, .keyLost, "asking for the screen again deleted nothing")

        try await model.tap(id: "unavailable.start-again")
        let enroll = try model.screen
        XCTAssertEqual(enroll.route, .enroll)
        XCTAssertNil(client.cannotOpen)
        XCTAssertEqual(enroll.notices.first?.title, "Your check-ins were kept")
        XCTAssertTrue(enroll.notices.first?.body.hasPrefix("1 check-in") == true, "\(enroll.notices)")
        let waiting = try XCTUnwrap(try client.outbox().first)
        XCTAssertEqual(waiting.checkinId, kept)
        XCTAssertTrue(waiting.recovered)

        model.setField("server_url", to: server.baseUrl)
        model.setField("code", to: server.codes[1])
        try await model.tap(id: "enroll.submit")
        if try model.screen.route == .consent { try await model.tap(id: "consent.accept") }
        XCTAssertEqual(try model.screen.route, .home)
        try await model.tap(id: "home.sync")
        let delivered = try XCTUnwrap(try client.outbox().first)
        XCTAssertEqual(delivered.state, .delivered, "the kept check-in goes with the new enrollment")
        XCTAssertNotNil(delivered.receipt)
    }

    @MainActor
    func testAPhoneNotYetUnlockedIsToldSoAndOpensWithEverythingOnceUnlocked() async throws {
        let server = try ReferenceServer()
        defer { server.stop() }
        let dataDir = Fixtures.tempDir("opening-locked")
        let keychain = MemoryKeychain()
        let config = ClientSetup.config(dataDirectory: URL(fileURLWithPath: dataDir), locale: "es")
        do {
            let before = try CheckinClient.open(config: config, keyStore: testKeyStore(keychain))
            _ = try await before.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
        }

        keychain.failure = .locked
        let client = OpeningClient(config: config, keyStore: testKeyStore(keychain))
        XCTAssertEqual(client.cannotOpen, .locked)
        let model = screenModel(client, phone: try TestPhone.withFixtures())
        await model.start()
        XCTAssertEqual(try model.screen.title, "Desbloquee su teléfono", "in the phone's language")
        try await model.tap(id: "unavailable.open-again")
        XCTAssertEqual(client.cannotOpen, .locked, "still locked: the same screen")
        XCTAssertNotNil(try model.screen.action("unavailable.open-again"))

        keychain.failure = nil
        try await model.tap(id: "unavailable.open-again")
        XCTAssertNil(client.cannotOpen)
        XCTAssertNotEqual(try model.screen.route, .enroll, "still enrolled: nothing was deleted")
        XCTAssertTrue(try client.isEnrolled())
    }
}
