// The reminders the participant sees: NotificationManager notifications on
// the core's two channels (check-ins, appointments), with the core's title
// and body, opening the app at the core's deep link when tapped. The
// channels' names and descriptions are the core's too, in the
// participant's language (`notification_channels()`): the shell names them
// when the app opens, when the language changes and before a reminder is
// posted (Shell.nameNotificationChannels).
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
import org.checkin.model.NotificationChannel as CoreChannel
import org.checkin.shell.app.HostActivity
import android.app.Notification as AndroidNotification

/** A reminder as it fires: what the alarm carried. */
data class FiredReminder(
    val id: String,
    val requestCode: Int,
    /** The core's notification group (`Notification.channel`): the channel it is posted to. */
    val channel: String,
    val title: String,
    val body: String,
    val deepLink: String,
)

interface ReminderNotices {
    /** Creates or renames the channels: the core's ids, names and descriptions. */
    fun nameChannels(channels: List<CoreChannel>)

    /** Whether both channels exist (a reminder posted to a missing channel is dropped). */
    fun channelsNamed(): Boolean

    fun post(reminder: FiredReminder)

    /** Removes a posted reminder by its stable id and request code. */
    fun cancel(id: String, requestCode: Int)
}

class NotificationManagerNotices(private val context: Context) : ReminderNotices {
    private val manager = context.systemService<NotificationManager>()

    /**
     * Creating a channel that exists renames it and changes its description
     * only; the participant's choices (sound, off) stay. Cheap to repeat.
     */
    override fun nameChannels(channels: List<CoreChannel>) {
        for (channel in channels) {
            manager.createNotificationChannel(
                NotificationChannel(channel.id, channel.name, NotificationManager.IMPORTANCE_HIGH).apply {
                    description = channel.description
                },
            )
        }
    }

    override fun channelsNamed(): Boolean =
        listOf(CHANNEL_CHECKIN, CHANNEL_APPOINTMENT).all { manager.getNotificationChannel(it) != null }

    override fun post(reminder: FiredReminder) {
        val open = Intent(Intent.ACTION_VIEW, Uri.parse(reminder.deepLink)).setClass(context, HostActivity::class.java)
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
        val tap = PendingIntent.getActivity(
            context, reminder.requestCode, open, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        val notification = AndroidNotification.Builder(context, reminder.channel)
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
        /** The core's channel ids (`NotificationChannel.id`). */
        const val CHANNEL_CHECKIN = "checkins"
        const val CHANNEL_APPOINTMENT = "appointments"
    }
}
