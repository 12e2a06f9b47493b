// NotificationTaps: a tap on one of the core's reminders opens the screen
// its deep link names (`checkin://window/<id>`, `checkin://appointment/<id>`,
// kept in the notification's userInfo by SystemReminderCenter). While the
// app is in the foreground a reminder still shows as a banner: the
// participant may be on another screen when a window opens.
//
// Set it as UNUserNotificationCenter's delegate before launch ends (the
// App's init), or a tap that launched the app is lost. Reviewed by reading;
// built and run only on an iPhone.
#if canImport(UserNotifications) && os(iOS)
import CheckinShell
import Foundation
import UserNotifications

public final class NotificationTaps: NSObject, UNUserNotificationCenterDelegate, @unchecked Sendable {
    private let open: @MainActor (DeepLink) -> Void

    /// `open` receives the link of each tapped reminder, on the main actor.
    public init(open: @escaping @MainActor (DeepLink) -> Void) {
        self.open = open
        super.init()
    }

    public func userNotificationCenter(_ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse,
                                       withCompletionHandler completionHandler: @escaping () -> Void) {
        let text = response.notification.request.content.userInfo[SystemReminderCenter.deepLinkKey] as? String
        if let text, let link = DeepLink(text) {
            let open = self.open
            Task { @MainActor in open(link) }
        }
        completionHandler()
    }

    public func userNotificationCenter(_ center: UNUserNotificationCenter, willPresent notification: UNNotification,
                                       withCompletionHandler completionHandler: @escaping (UNNotificationPresentationOptions) -> Void) {
        completionHandler([.banner, .list, .sound])
    }
}
#endif
