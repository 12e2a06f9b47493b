// Plans for the reference server, dated from today so the tests hold on
// any day they run (docs/plan.md for the format).
import Foundation

enum Plans {
    static let zone = "America/New_York"

    /// A daily check-in window (09:00, open 8 hours) that began three days
    /// ago, with four reminders a day (window opens, 60 and 15 minutes
    /// before it closes, late), so always more than 64 are pending; and,
    /// if asked, an appointment with reminders a day and two hours before.
    static func daily(revision: Int, appointmentInDays: Int? = nil) -> String {
        let appointments = appointmentInDays.map { days in
            """
            [{"id": "hearing-1", "kind": "court_hearing", "start": "\(localDate(daysFromNow: days))T10:00",
              "duration_minutes": 60, "place": "Courtroom 5B", "reminder_minutes": [1440, 120]}]
            """
        } ?? "[]"
        return """
        {"format": 1, "plan_id": "ios-shell-tests", "revision": \(revision), "zone": "\(zone)",
         "language": "es", "sync_every_minutes": 360,
         "reminders": {"window_opens": true, "before_close_minutes": [60, 15], "late_notice": true,
                       "appointment_before_minutes": [1440, 120]},
         "schedules": [{"id": "daily", "start": "\(localDate(daysFromNow: -3))T09:00", "rrule": "FREQ=DAILY",
                        "window_minutes": 480, "grace_minutes": 30, "late_minutes": 240,
                        "requires": {"photo": true}}],
         "appointments": \(appointments)}
        """
    }

    /// A daily check-in window that opened an hour ago and stays open ten
    /// hours, so "start check-in" is on the home screen whenever the tests
    /// run; photo required.
    static func openNow() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let start = formatter.string(from: Date().addingTimeInterval(-3_600))
        return """
        {"format": 1, "plan_id": "ios-shell-screens", "revision": 1, "zone": "\(zone)",
         "language": "en", "sync_every_minutes": 360,
         "reminders": {"window_opens": true, "before_close_minutes": [60, 15], "late_notice": true,
                       "appointment_before_minutes": [1440, 120]},
         "schedules": [{"id": "daily", "start": "\(start)", "rrule": "FREQ=DAILY",
                        "window_minutes": 600, "grace_minutes": 30, "late_minutes": 60,
                        "requires": {"photo": true}}],
         "appointments": []}
        """
    }

    static func localDate(daysFromNow days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(TimeInterval(days) * 86_400))
    }
}
