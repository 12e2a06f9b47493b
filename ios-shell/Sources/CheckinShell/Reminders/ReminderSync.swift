// ReminderSync: makes the phone's pending notifications the core's
// `notifications(max)`, within iOS's limit (ReminderPlan). Run it at
// launch, on every return to the foreground, after every sync (a new plan
// changes the list) and in each background refresh (fired reminders drop
// off the front, later ones refill the back).
//
// Guarantees: an addition the OS refuses does not stop the others; the
// first such error is rethrown after all were tried, and the next refresh
// tries it again. Before enrollment the core wants none: any left over are
// removed.
import CheckinCore
import Foundation

public struct ReminderSync {
    public let client: CoreClient
    public let center: ReminderCenter

    public init(client: CoreClient, center: ReminderCenter) {
        self.client = client
        self.center = center
    }

    /// How many reminders the core may have now.
    public func budget() async -> UInt32 {
        ReminderPlan.budget(pending: await center.pendingIdentifiers())
    }

    @discardableResult
    public func refresh() async throws -> ReminderChanges {
        let pending = await center.pendingIdentifiers()
        let budget = ReminderPlan.budget(pending: pending)
        let wanted = budget > 0 ? try client.notifications(max: budget) : []
        let changes = ReminderPlan.changes(wanted: wanted, pending: pending, budget: budget)
        if !changes.remove.isEmpty {
            await center.remove(identifiers: changes.remove)
        }
        var firstError: Error?
        for request in changes.add {
            do {
                try await center.add(request)
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return changes
    }
}
