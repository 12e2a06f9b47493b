// Re-arms the reminders and the sync job when the OS dropped or shifted
// them: after a reboot (alarms do not survive one), a change of the clock
// or the time zone (`fireAtDevice` moved), an app update, and when the
// participant grants exact alarms (inexact ones become exact).
package org.checkin.shell.background

import android.app.AlarmManager
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import org.checkin.core.CheckinException
import org.checkin.shell.app.Shell

class RearmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action !in ACTIONS) return
        val shell = Shell.of(context)
        // Null when called directly rather than by the system (tests).
        val pending: PendingResult? = goAsync()
        Thread {
            try {
                rearm(shell)
            } finally {
                pending?.finish()
            }
        }.start()
    }

    companion object {
        val ACTIONS = setOf(
            Intent.ACTION_BOOT_COMPLETED,
            Intent.ACTION_TIME_CHANGED,
            Intent.ACTION_TIMEZONE_CHANGED,
            Intent.ACTION_MY_PACKAGE_REPLACED,
            AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED,
        )

        /** The work itself, also run directly by tests. */
        fun rearm(shell: Shell) {
            try {
                shell.refreshReminders()
                shell.scheduleNextSync()
            } catch (e: CheckinException) {
                // The store cannot open (e.g. key store unavailable): nothing to arm from.
            }
        }
    }
}
