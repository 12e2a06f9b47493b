// SystemReminderCenter: the core's reminders as local notifications, over
// UNUserNotificationCenter. Each fires at the core's `fireAtDevice`, an
// instant on the phone's clock, given as UTC date components so a change of
// time zone does not move it; tapping it opens the core's deep link (in
// `userInfo["deepLink"]`, NotificationTaps). ReminderSync decides what is
// added and removed. Each is filed under its group (the core's channel:
// category and thread), whose name, in the participant's language, the
// lock screen shows instead of the text when previews are hidden.
//
// Reviewed by reading; built and run only on an iPhone.
#if canImport(UserNotifications) && os(iOS)
import CheckinShell
import Foundation
import UserNotifications

public final class SystemReminderCenter: ReminderCenter, NotificationCategoryCenter {
    /// The key of the deep link in a notification's `userInfo`.
    public static let deepLinkKey = "deepLink"
    /// Groups the reminders in Notification Center (with the channel after it).
    public static let threadIdentifier = "org.checkin.shell.reminders"

    private let center: UNUserNotificationCenter

    public init(center: UNUserNotificationCenter = .current()) {
        self.center = center
    }

    public func pendingIdentifiers() async -> [String] {
        await center.pendingNotificationRequests().map(\.identifier)
    }

    public func add(_ request: ReminderRequest) async throws {
        let content = UNMutableNotificationContent()
        content.title = request.title
        content.body = request.body
        content.sound = .default
        if let channel = request.channel {
            content.categoryIdentifier = channel
            content.threadIdentifier = "\(SystemReminderCenter.threadIdentifier).\(channel)"
        } else {
            content.threadIdentifier = SystemReminderCenter.threadIdentifier
        }
        content.userInfo = [SystemReminderCenter.deepLinkKey: request.deepLink]
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
        let when = utc.dateComponents([.calendar, .timeZone, .year, .month, .day, .hour, .minute, .second],
                                      from: request.fireAt)
        let trigger = UNCalendarNotificationTrigger(dateMatching: when, repeats: false)
        try await center.add(UNNotificationRequest(identifier: request.identifier, content: content, trigger: trigger))
    }

    public func remove(identifiers: [String]) async {
        center.removePendingNotificationRequests(withIdentifiers: identifiers)
    }

    public func setCategories(_ categories: [ReminderCategory]) {
        center.setNotificationCategories(Set(categories.map {
            UNNotificationCategory(identifier: $0.identifier, actions: [], intentIdentifiers: [],
                                   hiddenPreviewsBodyPlaceholder: $0.name, options: [])
        }))
    }
}
#endif
