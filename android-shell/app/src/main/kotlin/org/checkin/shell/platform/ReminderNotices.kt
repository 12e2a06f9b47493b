// The reminders the participant sees: NotificationManager notifications on
// one channel per kind (check-in windows, appointments), with the core's
// title and body, opening the app at the core's deep link when tapped.
//
// Privacy: `VISIBILITY_PRIVATE`, so a locked screen shows that a reminder
// came but not its text (an appointment's place is personal).
package org.checkin.shell.platform

import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri
import org.checkin.core.NotificationKind
import org.checkin.shell.app.HostActivity
import org.checkin.shell.app.PlaceholderText
import android.app.Notification as AndroidNotification

/** A reminder as it fires: what the alarm carried. */
data class FiredReminder(
    val id: String,
    val requestCode: Int,
    val kind: NotificationKind,
    val title: String,
    val body: String,
    val deepLink: String,
)

interface ReminderNotices {
    fun post(reminder: FiredReminder)

    /** Removes a posted reminder by its stable id and request code. */
    fun cancel(id: String, requestCode: Int)
}

class NotificationManagerNotices(private val context: Context) : ReminderNotices {
    private val manager = context.systemService<NotificationManager>()

    /** Creates (or renames) the channels; cheap to repeat. */
    fun ensureChannels() {
        manager.createNotificationChannel(
            NotificationChannel(CHANNEL_CHECKIN, PlaceholderText.CHANNEL_CHECKIN, NotificationManager.IMPORTANCE_HIGH),
        )
        manager.createNotificationChannel(
            NotificationChannel(CHANNEL_APPOINTMENT, PlaceholderText.CHANNEL_APPOINTMENT, NotificationManager.IMPORTANCE_HIGH),
        )
    }

    override fun post(reminder: FiredReminder) {
        ensureChannels()
        val open = Intent(Intent.ACTION_VIEW, Uri.parse(reminder.deepLink)).setClass(context, HostActivity::class.java)
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
        val tap = PendingIntent.getActivity(
            context, reminder.requestCode, open, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        val notification = AndroidNotification.Builder(context, channelOf(reminder.kind))
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(reminder.title)
            .setContentText(reminder.body)
            .setStyle(AndroidNotification.BigTextStyle().bigText(reminder.body))
            .setCategory(AndroidNotification.CATEGORY_REMINDER)
            .setVisibility(AndroidNotification.VISIBILITY_PRIVATE)
            .setContentIntent(tap)
            .setAutoCancel(true)
            .build()
        manager.notify(reminder.id, reminder.requestCode, notification)
    }

    override fun cancel(id: String, requestCode: Int) = manager.cancel(id, requestCode)

    companion object {
        const val CHANNEL_CHECKIN = "checkin-windows"
        const val CHANNEL_APPOINTMENT = "appointments"

        fun channelOf(kind: NotificationKind): String = when (kind) {
            NotificationKind.APPOINTMENT -> CHANNEL_APPOINTMENT
            NotificationKind.WINDOW_OPENS, NotificationKind.WINDOW_CLOSING, NotificationKind.WINDOW_LATE -> CHANNEL_CHECKIN
        }
    }
}
