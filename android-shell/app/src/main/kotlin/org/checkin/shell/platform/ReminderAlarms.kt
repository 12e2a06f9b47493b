// Alarms that fire the core's reminders at their time: AlarmManager with
// RTC_WAKEUP at `fireAtDevice` (the phone's own clock, as the core
// computed it). Exact (`setExactAndAllowWhileIdle`, fires in Doze) when the
// app may set exact alarms; otherwise an inexact window (`setWindow`) of
// [INEXACT_WINDOW_MS], the shortest Android 12+ honours, and the core is
// told (permission `ExactAlarms` not granted) so its screen can say so.
package org.checkin.shell.platform

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import org.checkin.core.Notification
import org.checkin.shell.background.ReminderReceiver

interface ReminderAlarms {
    /** Whether alarms set now will be exact. */
    fun exactAllowed(): Boolean

    /** Sets (or replaces) the alarm of [reminder] under [requestCode]. */
    fun arm(reminder: Notification, requestCode: Int, exact: Boolean)

    /** Cancels the alarm under [requestCode], if any. */
    fun disarm(requestCode: Int)
}

class AlarmManagerReminderAlarms(private val context: Context) : ReminderAlarms {
    private val alarms = context.systemService<AlarmManager>()

    override fun exactAllowed(): Boolean = ExactAlarms.allowed(context)

    override fun arm(reminder: Notification, requestCode: Int, exact: Boolean) {
        val at = reminder.fireAtDevice.toEpochMilli()
        val operation = PendingIntent.getBroadcast(
            context, requestCode, ReminderReceiver.intent(context, reminder, requestCode),
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        try {
            if (exact) {
                alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
            } else {
                alarms.setWindow(AlarmManager.RTC_WAKEUP, at, INEXACT_WINDOW_MS, operation)
            }
        } catch (e: SecurityException) {
            // The exact-alarm permission was revoked between the check and the call.
            alarms.setWindow(AlarmManager.RTC_WAKEUP, at, INEXACT_WINDOW_MS, operation)
        }
    }

    override fun disarm(requestCode: Int) {
        val operation = PendingIntent.getBroadcast(
            context, requestCode, ReminderReceiver.intent(context, null, requestCode),
            PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE,
        ) ?: return
        alarms.cancel(operation)
        operation.cancel()
    }

    companion object {
        /** Android 12+ stretches shorter windows to 10 minutes. */
        const val INEXACT_WINDOW_MS = 10 * 60 * 1000L
    }
}
