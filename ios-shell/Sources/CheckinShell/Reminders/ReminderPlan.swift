// ReminderPlan: which pending notifications to remove and which to add so
// the phone holds exactly the core's list. Pure: tested without the OS.
//
// Guarantees:
// - the core's reminders are told apart from the app's other requests by
//   an identifier prefix; other requests are never removed, and they count
//   against iOS's limit of 64 pending requests (iOS silently drops all but
//   the soonest 64), so the core is asked for at most 64 minus them;
// - reconciling is by identifier only: the core's ids are stable and
//   change exactly when a reminder's time, text or link changes, so an
//   unchanged reminder is never removed and re-added, and a changed one is
//   replaced;
// - removals come before additions, so the limit holds at every step.
import CheckinCore
import Foundation

public enum ReminderPlan {
    /// Most pending notification requests iOS keeps for one app.
    public static let pendingLimit = 64
    /// Prefix of the identifiers of the core's reminders.
    public static let identifierPrefix = "checkin.reminder."

    /// How many reminders the core may have, given the app's pending
    /// requests (its other requests take their share of the limit).
    public static func budget(pending: [String]) -> UInt32 {
        let others = Set(pending.filter { !isReminder($0) }).count
        return UInt32(max(0, pendingLimit - others))
    }

    public static func isReminder(_ identifier: String) -> Bool {
        identifier.hasPrefix(identifierPrefix)
    }

    public static func request(for notification: CheckinCore.Notification) -> ReminderRequest {
        ReminderRequest(identifier: identifierPrefix + notification.id,
                        title: notification.title, body: notification.body,
                        fireAt: notification.fireAtDevice, deepLink: notification.deepLink,
                        channel: notification.channel)
    }

    /// What to change so the pending reminders are `wanted` (at most
    /// `budget` of them, soonest first as the core orders them).
    public static func changes(wanted: [CheckinCore.Notification], pending: [String], budget: UInt32) -> ReminderChanges {
        var seen = Set<String>()
        let requests = wanted.map(request(for:))
            .filter { seen.insert($0.identifier).inserted }
            .prefix(Int(budget))
        let keep = Set(requests.map(\.identifier))
        let held = Set(pending.filter(isReminder))
        return ReminderChanges(
            remove: pending.filter { isReminder($0) && !keep.contains($0) },
            add: requests.filter { !held.contains($0.identifier) }
        )
    }
}

/// The difference between what the phone holds and what the core wants.
public struct ReminderChanges: Equatable, Sendable {
    public let remove: [String]
    public let add: [ReminderRequest]

    public var isEmpty: Bool { remove.isEmpty && add.isEmpty }
}
