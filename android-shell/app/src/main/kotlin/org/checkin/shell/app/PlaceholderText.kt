// Every text this shell shows that does not come from the core yet. The
// shell writes no text of its own: each of these is replaced by the core's
// words when the screens part lands (its list is in android-shell/README.md).
// Until then they are English and plainly marked here, nowhere else.
package org.checkin.shell.app

object PlaceholderText {
    /** PLACEHOLDER: notification channel for check-in window reminders (system settings shows it). */
    const val CHANNEL_CHECKIN = "Check-ins"

    /** PLACEHOLDER: notification channel for appointment reminders. */
    const val CHANNEL_APPOINTMENT = "Appointments"

    /** PLACEHOLDER: the interim status view before enrollment (the core's Enroll screen replaces it). */
    const val NOT_ENROLLED = "Not enrolled yet."

    /** PLACEHOLDER: the interim status view when the local store cannot be opened. */
    const val STORE_UNAVAILABLE = "The app's data cannot be opened right now."
}
