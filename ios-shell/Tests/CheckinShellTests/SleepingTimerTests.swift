// The app's refresh timer: fires once at its time, a new schedule
// replaces the old one, a cancelled one never fires.
@testable import CheckinShell
import XCTest

final class SleepingTimerTests: XCTestCase {
    @MainActor
    func testFiresOnceReplacesAndCancels() async throws {
        let timer = SleepingTimer()
        var fired: [String] = []
        timer.schedule(at: Date().addingTimeInterval(0.05)) { fired.append("first") }
        timer.schedule(at: Date().addingTimeInterval(0.1)) { fired.append("second") }
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertEqual(fired, ["second"], "the later schedule replaced the earlier one")

        timer.schedule(at: Date().addingTimeInterval(0.05)) { fired.append("cancelled") }
        timer.cancel()
        timer.schedule(at: Date().addingTimeInterval(-5)) { fired.append("past") }
        try await Task.sleep(nanoseconds: 200_000_000)
        XCTAssertEqual(fired, ["second", "past"], "a time already past fires soon; a cancelled one never")
    }
}
