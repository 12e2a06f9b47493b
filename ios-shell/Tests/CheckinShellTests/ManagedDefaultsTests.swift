// ManagedDefaults over a real UserDefaults suite (Foundation on Linux too):
// the configuration in, feedback out, and change notices that writing the
// feedback does not trigger. Linux's UserDefaults posts no change
// notification, so the test posts it after each write, as iOS does.
import Foundation
@testable import CheckinShell
import XCTest

final class ManagedDefaultsTests: XCTestCase {
    func testReadsTheConfigurationWritesFeedbackAndIgnoresItsOwnWrites() async throws {
        let suite = "org.checkin.shell.tests.\(UUID().uuidString)"
        let defaults = try XCTUnwrap(UserDefaults(suiteName: suite))
        defer { defaults.removePersistentDomain(forName: suite) }
        let source = ManagedDefaults(defaults: defaults)
        XCTAssertNil(source.managedConfiguration())

        let changes = Counter()
        source.observe { changes.count += 1 }
        defaults.set(["serverURL": "https://program.example", "kiosk": true], forKey: ManagedAppConfig.defaultsKey)
        await changed(defaults)
        XCTAssertEqual(changes.count, 1)
        let config = try ManagedAppConfig(parsing: try XCTUnwrap(source.managedConfiguration()))
        XCTAssertEqual(config.serverURL, "https://program.example")
        XCTAssertTrue(config.kiosk)

        source.writeFeedback(ManagedFeedback(enrolled: true, configuration: .valid, updatedAt: Date()).dictionary)
        await changed(defaults)
        XCTAssertEqual(changes.count, 1, "the app's own feedback is not a new configuration")
        let feedback = try XCTUnwrap(defaults.dictionary(forKey: ManagedFeedback.defaultsKey))
        XCTAssertEqual(feedback["enrolled"] as? Bool, true)

        defaults.removeObject(forKey: ManagedAppConfig.defaultsKey)
        await changed(defaults)
        XCTAssertEqual(changes.count, 2, "a withdrawn configuration is a change")
    }

    private final class Counter { var count = 0 }

    /// Announces a change of `defaults` (as iOS does after every write),
    /// then lets the main queue run the observer's block.
    private func changed(_ defaults: UserDefaults) async {
        #if os(Linux)
        NotificationCenter.default.post(name: UserDefaults.didChangeNotification, object: defaults)
        #endif
        await withCheckedContinuation { continuation in DispatchQueue.main.async { continuation.resume() } }
    }
}
