// The phone's pending reminders follow the real core's list, against the
// reference server: iOS's limit with the app's other requests counted,
// stable identifiers, and a plan changed at run time.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ReminderSyncTests: XCTestCase {
    func testHoldsTheCoresSoonestRemindersWithinTheLimitLeftByOtherRequests() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1, appointmentInDays: 3))
        defer { server.stop() }
        let client = try openClient()
        _ = try await client.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
        let others = (0..<10).map { "message-\($0)" }
        let center = MemoryReminderCenter(others: others)
        let reminders = ReminderSync(client: client, center: center)

        let changes = try await reminders.refresh()
        let wanted = try client.notifications(max: 54)
        XCTAssertEqual(wanted.count, 54, "the plan has more than enough reminders")
        XCTAssertEqual(changes.add.count, 54)
        XCTAssertEqual(center.pendingCount, 64)
        XCTAssertEqual(center.dropped, 0, "iOS never had to drop one")
        XCTAssertEqual(center.others, Set(others), "the app's other requests are untouched")
        XCTAssertEqual(center.reminderIdentifiers, Set(wanted.map { ReminderPlan.identifierPrefix + $0.id }))
        let hearing = wanted.filter { $0.kind == .appointment }
        XCTAssertEqual(hearing.count, 2, "a day and two hours before the hearing")
        for notification in wanted {
            let held = center.requests[ReminderPlan.identifierPrefix + notification.id]
            XCTAssertEqual(held?.fireAt, notification.fireAtDevice)
            XCTAssertEqual(held?.title, notification.title)
            XCTAssertTrue(held?.deepLink.hasPrefix("checkin://") == true)
        }

        center.forgetHistory()
        let again = try await reminders.refresh()
        XCTAssertTrue(again.isEmpty, "stable identifiers: nothing removed and re-added")
        XCTAssertEqual(center.added, [])
        XCTAssertEqual(center.removed, [])
    }

    func testAPlanChangedAtTheServerReplacesExactlyTheRemindersItAffected() async throws {
        let first = try ReferenceServer(planJson: Plans.daily(revision: 1, appointmentInDays: 3))
        let client = try openClient()
        _ = try await client.enrollWithPins(serverUrl: first.baseUrl, code: first.codes[0], tlsPins: [])
        let center = MemoryReminderCenter()
        let reminders = ReminderSync(client: client, center: center)
        try await reminders.refresh()
        let before = center.reminderIdentifiers
        let hearing = Set(try client.notifications(max: 64).filter { $0.kind == .appointment }
            .map { ReminderPlan.identifierPrefix + $0.id })
        XCTAssertEqual(hearing.count, 2)

        // The program cancels the hearing: same program, same address, new plan.
        let second = try first.restarted(planJson: Plans.daily(revision: 2))
        defer { second.stop() }
        let report = try await client.sync(maxSeconds: 30, listener: nil, cancellation: nil)
        XCTAssertTrue(report.planUpdated, "the new plan arrived: \(report)")

        center.forgetHistory()
        let changes = try await reminders.refresh()
        XCTAssertEqual(Set(changes.remove), hearing, "only the hearing's reminders leave")
        XCTAssertEqual(changes.add.count, 2, "two later window reminders fill the room")
        XCTAssertEqual(center.reminderIdentifiers, before.subtracting(hearing).union(changes.add.map(\.identifier)))
        XCTAssertEqual(center.pendingCount, 64)
        XCTAssertEqual(center.dropped, 0)
    }

    func testWithNoRoomLeftTheCoreIsNotAskedAndStaleRemindersGo() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1))
        defer { server.stop() }
        let client = try openClient()
        _ = try await client.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
        let center = MemoryReminderCenter(others: (0..<30).map { "other-\($0)" })
        let reminders = ReminderSync(client: client, center: center)
        try await reminders.refresh()
        XCTAssertEqual(center.reminderIdentifiers.count, 34)

        // The app's other requests grow to take the whole limit.
        let crowded = MemoryReminderCenter(others: (0..<64).map { "other-\($0)" })
        crowded.seed(center.reminderIdentifiers.sorted())
        let changes = try await ReminderSync(client: client, center: crowded).refresh()
        XCTAssertEqual(changes.add, [])
        XCTAssertEqual(changes.remove.count, 34)
        XCTAssertEqual(crowded.reminderIdentifiers, [])
        XCTAssertEqual(crowded.others.count, 64)
    }

    func testBeforeEnrollmentLeftoverRemindersAreRemoved() async throws {
        let client = try openClient()
        let center = MemoryReminderCenter(others: ["other"])
        center.seed([ReminderPlan.identifierPrefix + "old"])
        let changes = try await ReminderSync(client: client, center: center).refresh()
        XCTAssertEqual(changes.remove, [ReminderPlan.identifierPrefix + "old"])
        XCTAssertEqual(center.reminderIdentifiers, [])
        XCTAssertEqual(center.others, ["other"])
    }

    func testARefusedReminderDoesNotStopTheOthersAndIsReported() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1))
        defer { server.stop() }
        let client = try openClient()
        _ = try await client.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
        let first = try XCTUnwrap(client.notifications(max: 1).first)
        let center = MemoryReminderCenter()
        center.refuse = [ReminderPlan.identifierPrefix + first.id]
        do {
            try await ReminderSync(client: client, center: center).refresh()
            XCTFail("the refusal was not reported")
        } catch {}
        XCTAssertEqual(center.reminderIdentifiers.count, 63, "every other reminder was added")

        center.refuse = []
        let retry = try await ReminderSync(client: client, center: center).refresh()
        XCTAssertEqual(retry.add.map(\.identifier), [ReminderPlan.identifierPrefix + first.id], "tried again next time")
    }
}
