// ReminderPlan alone: the budget, the prefix, adding and removing by id.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ReminderPlanTests: XCTestCase {
    func testOtherRequestsOfTheAppShareTheLimitAndOursDoNot() {
        let ours = (0..<20).map { ReminderPlan.identifierPrefix + "n\($0)" }
        let others = (0..<10).map { "reply-later-\($0)" }
        XCTAssertEqual(ReminderPlan.budget(pending: ours + others), 54)
        XCTAssertEqual(ReminderPlan.budget(pending: ours), 64)
        XCTAssertEqual(ReminderPlan.budget(pending: others + others), 54, "duplicates count once")
        XCTAssertEqual(ReminderPlan.budget(pending: (0..<70).map { "other-\($0)" }), 0)
    }

    func testAddsWhatIsMissingRemovesWhatLeftAndKeepsTheRest() {
        let wanted = [notification("a", minutes: 10), notification("b", minutes: 20), notification("c", minutes: 30)]
        let pending = ["other", prefixed("a"), prefixed("stale")]
        let changes = ReminderPlan.changes(wanted: wanted, pending: pending, budget: 63)
        XCTAssertEqual(changes.remove, [prefixed("stale")], "the other request is never touched")
        XCTAssertEqual(changes.add.map(\.identifier), [prefixed("b"), prefixed("c")])
        XCTAssertEqual(changes.add.first?.fireAt, wanted[1].fireAtDevice, "timed on the phone's clock")
        XCTAssertEqual(changes.add.first?.deepLink, wanted[1].deepLink)

        let settled = ReminderPlan.changes(wanted: wanted, pending: pending.filter { $0 != prefixed("stale") }
            + changes.add.map(\.identifier), budget: 63)
        XCTAssertTrue(settled.isEmpty, "a second reconcile changes nothing")
    }

    func testNeverMoreThanTheBudgetSoonestFirstAndNoDuplicates() {
        let wanted = (0..<10).map { notification("n\($0)", minutes: $0) } + [notification("n0", minutes: 0)]
        let changes = ReminderPlan.changes(wanted: wanted, pending: [prefixed("n9")], budget: 4)
        XCTAssertEqual(changes.add.map(\.identifier), ["n0", "n1", "n2", "n3"].map(prefixed))
        XCTAssertEqual(changes.remove, [prefixed("n9")], "past the budget, so it goes")
        XCTAssertEqual(ReminderPlan.changes(wanted: wanted, pending: [], budget: 0).add, [])
    }

    private func prefixed(_ id: String) -> String { ReminderPlan.identifierPrefix + id }

    private func notification(_ id: String, minutes: Int) -> CheckinCore.Notification {
        let fireAt = Date(timeIntervalSince1970: 1_800_000_000 + TimeInterval(minutes * 60))
        return CheckinCore.Notification(
            id: id, kind: .windowClosing, minutesBefore: 15, subjectId: "daily@x", fireAt: fireAt,
            fireAtDevice: fireAt.addingTimeInterval(-120), fireLocal: "", title: "t \(id)", body: "b",
            deepLink: "checkin://window/\(id)", channel: "checkins")
    }
}
