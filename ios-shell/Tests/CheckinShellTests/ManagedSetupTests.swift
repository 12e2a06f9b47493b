// An issued phone sets itself up from the MDM's configuration against the
// reference server: enrollment without typing, single app mode, and
// feedback with no personal data.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ManagedSetupTests: XCTestCase {
    @MainActor
    func testEnrollsWithoutTypingAndReportsItOnce() async throws {
        let server = try ReferenceServer()
        defer { server.stop() }
        let client = try openClient()
        let code = server.codes[0]
        let source = DictionarySource(["serverURL": server.baseUrl, "enrollmentCode": code, "language": "es"])
        let setup = ManagedSetup(client: client, source: source, singleAppMode: FakeSingleAppMode(supervised: true))

        let outcome = await setup.apply()
        XCTAssertTrue(outcome.enrolledNow)
        XCTAssertTrue(try client.isEnrolled())
        XCTAssertEqual(outcome.feedback.configuration, .valid)
        XCTAssertNil(outcome.feedback.lastError)
        let feedback = try XCTUnwrap(source.feedback)
        XCTAssertEqual(feedback["enrolled"] as? Bool, true)
        XCTAssertEqual(feedback["configuration"] as? String, "valid")
        XCTAssertEqual(feedback["singleAppMode"] as? String, "off")
        XCTAssertNil(feedback["lastError"])
        assertNothingPersonal(feedback, code: code, server: server.baseUrl)

        let again = await setup.apply()
        XCTAssertFalse(again.enrolledNow, "an enrolled phone is never enrolled again")
        XCTAssertNil(again.feedback.lastError)
        XCTAssertEqual(source.feedback?["enrolled"] as? Bool, true)
    }

    @MainActor
    func testAWrongOrUsedCodeIsReportedByCodeAndLeavesThePhoneUnenrolled() async throws {
        let server = try ReferenceServer(codes: 1)
        defer { server.stop() }
        _ = try await enrolledClient(server) // another phone used the code
        // The server answers a used and an unknown code alike (a guesser learns nothing).
        for (code, expected) in [(server.codes[0], "enrollment-code-invalid"), ("WRONG-CODE", "enrollment-code-invalid")] {
            let client = try openClient()
            let source = DictionarySource(["serverURL": server.baseUrl, "enrollmentCode": code])
            let outcome = await ManagedSetup(client: client, source: source,
                                             singleAppMode: FakeSingleAppMode(supervised: false)).apply()
            XCTAssertFalse(try client.isEnrolled())
            XCTAssertEqual(outcome.feedback.lastError?.rawValue, expected)
            XCTAssertEqual(source.feedback?["lastError"] as? String, expected)
            XCTAssertEqual(source.feedback?["enrolled"] as? Bool, false)
            assertNothingPersonal(try XCTUnwrap(source.feedback), code: code, server: server.baseUrl)
        }
    }

    @MainActor
    func testTheConfigurationsPinsReachTheCore() async throws {
        let client = ScriptedClient()
        client.enrolled = false
        let pin = Data(repeating: 9, count: 32).base64EncodedString()
        let source = DictionarySource(["serverURL": "https://program.example", "enrollmentCode": "AB12-CD34", "tlsPins": [pin]])
        let outcome = await ManagedSetup(client: client, source: source, singleAppMode: FakeSingleAppMode(supervised: false)).apply()
        XCTAssertEqual(client.enrollments.map(\.pins), [[pin]])
        XCTAssertEqual(client.enrollments.map(\.url), ["https://program.example"])
        XCTAssertEqual(outcome.feedback.lastError?.rawValue, "internal", "the scripted client refuses")
    }

    @MainActor
    func testAnInvalidConfigurationIsReportedAndNothingIsTried() async throws {
        let client = ScriptedClient()
        client.enrolled = false
        let kiosk = FakeSingleAppMode(supervised: true)
        let source = DictionarySource(["serverURL": "https://program.example", "enrollmentCode": 1234, "kiosk": true])
        let outcome = await ManagedSetup(client: client, source: source, singleAppMode: kiosk).apply()
        XCTAssertEqual(outcome.feedback.configuration, .invalid)
        XCTAssertEqual(source.feedback?["lastError"] as? String, "config-wrong-type-enrollmentCode")
        XCTAssertTrue(client.enrollments.isEmpty)
        XCTAssertEqual(kiosk.requests, [], "single app mode is left as it is")
    }

    @MainActor
    func testNoConfigurationMeansAnOrdinaryPhone() async throws {
        let client = try openClient()
        let source = DictionarySource(nil)
        let outcome = await ManagedSetup(client: client, source: source, singleAppMode: FakeSingleAppMode(supervised: false)).apply()
        XCTAssertFalse(outcome.enrolledNow)
        XCTAssertEqual(source.feedback?["configuration"] as? String, "absent")
        XCTAssertEqual(source.feedback?["enrolled"] as? Bool, false)
    }

    @MainActor
    func testKioskIsRequestedOnASupervisedPhoneRefusedElsewhereAndLeftWhenWithdrawn() async throws {
        let client = ScriptedClient()
        let supervised = FakeSingleAppMode(supervised: true)
        let source = DictionarySource(["kiosk": true])
        let setup = ManagedSetup(client: client, source: source, singleAppMode: supervised)
        let first = await setup.apply().feedback.singleAppMode
        let second = await setup.apply().feedback.singleAppMode
        XCTAssertEqual(first, .active)
        XCTAssertEqual(second, .active)
        XCTAssertEqual(supervised.requests, [true], "asked once while it holds")

        source.configuration = ["kiosk": false]
        let withdrawn = await setup.apply().feedback.singleAppMode
        XCTAssertEqual(withdrawn, .off)
        XCTAssertEqual(supervised.requests, [true, false])
        XCTAssertFalse(supervised.isActive)

        let unsupervised = FakeSingleAppMode(supervised: false)
        let refused = await ManagedSetup(client: client, source: DictionarySource(["kiosk": true]),
                                         singleAppMode: unsupervised).apply()
        XCTAssertEqual(refused.feedback.singleAppMode, .refused)
        XCTAssertEqual(refused.feedback.dictionary["singleAppMode"] as? String, "refused")
    }

    @MainActor
    func testLaunchAndForegroundAtOnceEnrollOnce() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1))
        defer { server.stop() }
        let client = try openClient()
        let source = DictionarySource(["serverURL": server.baseUrl, "enrollmentCode": server.codes[0]])
        let center = MemoryReminderCenter()
        let scheduler = RecordingScheduler()
        let lifecycle = AppLifecycle(client: client, reminders: center, scheduler: scheduler, managed: source,
                                     singleAppMode: FakeSingleAppMode(supervised: false), status: StatusModel())
        async let launched: Void = lifecycle.launched()
        async let active: Void = lifecycle.becameActive()
        _ = await (launched, active)
        XCTAssertTrue(try client.isEnrolled())
        XCTAssertNil(source.feedback?["lastError"], "a second enrollment attempt failed: \(String(describing: source.feedback))")
        XCTAssertEqual(center.reminderIdentifiers.count, 64, "the new plan's reminders are scheduled")
        XCTAssertNotNil(scheduler.pending)
        let state = lifecycle.status.state
        XCTAssertTrue(state.enrolled)
        XCTAssertEqual(state.programName, try client.policy().programName)
    }

    @MainActor
    func testASecondRunWhileTheFirstEnrollsJoinsItInsteadOfEnrollingAgain() async throws {
        let client = ScriptedClient()
        client.enrolled = false
        client.enrollDelay = 0.2
        let source = DictionarySource(["serverURL": "https://program.example", "enrollmentCode": "AB12-CD34"])
        let lifecycle = AppLifecycle(client: client, reminders: MemoryReminderCenter(), scheduler: RecordingScheduler(),
                                     managed: source, singleAppMode: FakeSingleAppMode(supervised: false),
                                     status: StatusModel())
        async let launched: Void = lifecycle.launched()
        async let active: Void = lifecycle.becameActive()
        async let again: Void = lifecycle.becameActive()
        _ = await (launched, active, again)
        XCTAssertEqual(client.enrollments.count, 1)
        XCTAssertTrue(client.enrolled)
        XCTAssertNil(source.feedback?["lastError"])
    }

    @MainActor
    private func assertNothingPersonal(_ feedback: [String: Any], code: String, server: String,
                                       file: StaticString = #filePath, line: UInt = #line) {
        for (key, value) in feedback {
            let text = "\(value)"
            XCTAssertFalse(text.contains(code) || text.contains(server), "\(key) carries \(text)", file: file, line: line)
        }
        XCTAssertEqual(Set(feedback.keys).subtracting(["enrolled", "configuration", "singleAppMode", "lastError", "updatedAt"]),
                       [], file: file, line: line)
    }
}
