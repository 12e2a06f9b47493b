// NotificationCategorySync: the app's notification categories, one per
// group the core names (`notificationChannels()`: check-ins, appointments)
// in the participant's language. iOS has no settings page per category
// (Android's channels); the name is what the lock screen shows in place of
// a reminder's text when previews are hidden, and each reminder is filed
// under its group (ReminderRequest.channel) so Notification Center keeps
// check-ins and appointments apart.
//
// Guarantees: registered again only when a name changed (a language
// switch), never on every refresh; the category identifiers are the core's
// stable channel ids.
import CheckinCore
import Foundation

/// One category as iOS registers it.
public struct ReminderCategory: Equatable, Sendable {
    /// The core's channel id, also the category identifier.
    public let identifier: String
    /// Shown instead of the body when notification previews are hidden.
    public let name: String

    public init(identifier: String, name: String) {
        self.identifier = identifier
        self.name = name
    }
}

/// UNUserNotificationCenter's categories.
public protocol NotificationCategoryCenter: AnyObject {
    /// Replaces every category of the app.
    func setCategories(_ categories: [ReminderCategory])
}

@MainActor
public final class NotificationCategorySync {
    private let client: CoreClient
    private let center: NotificationCategoryCenter
    private var registered: [ReminderCategory]?

    public init(client: CoreClient, center: NotificationCategoryCenter) {
        self.client = client
        self.center = center
    }

    /// Registers the categories if their names changed; true if it did.
    @discardableResult
    public func refresh() throws -> Bool {
        let categories = try client.notificationChannels().map {
            ReminderCategory(identifier: $0.id, name: $0.name)
        }
        guard categories != registered else { return false }
        center.setCategories(categories)
        registered = categories
        return true
    }
}
