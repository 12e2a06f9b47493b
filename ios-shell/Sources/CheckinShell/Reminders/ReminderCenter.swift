// ReminderCenter: the OS's pending local notifications, as the shell's
// logic sees them. AppleServices implements it over UNUserNotificationCenter;
// tests use an in-memory center that enforces iOS's limit.
import Foundation

/// One reminder for the OS to fire: the core's notification, addressed by a
/// stable identifier and timed on the phone's own clock.
public struct ReminderRequest: Equatable, Sendable {
    public let identifier: String
    public let title: String
    public let body: String
    /// When to fire, on the phone's clock (the core's `fireAtDevice`).
    public let fireAt: Date
    /// `checkin://window/<id>` or `checkin://appointment/<id>`, opened on tap.
    public let deepLink: String
    /// The notification group it is filed under (the core's channel id:
    /// `checkins` or `appointments`), nil for none.
    public let channel: String?

    public init(identifier: String, title: String, body: String, fireAt: Date, deepLink: String,
                channel: String? = nil) {
        self.identifier = identifier
        self.title = title
        self.body = body
        self.fireAt = fireAt
        self.deepLink = deepLink
        self.channel = channel
    }
}

public protocol ReminderCenter: AnyObject {
    /// The identifiers of every pending request of the app: the core's
    /// reminders and any other the app holds.
    func pendingIdentifiers() async -> [String]
    func add(_ request: ReminderRequest) async throws
    func remove(identifiers: [String]) async
}
