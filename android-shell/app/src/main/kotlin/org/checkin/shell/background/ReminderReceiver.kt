// An armed reminder's alarm went off: post the notification the alarm
// carried, then refill the armed set from the core (the list moves on as
// reminders fire). The alarm's intent carries the core's title, body and
// deep link, held by the system in memory only; its request code is the
// notification's id.
package org.checkin.shell.background

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import org.checkin.core.CheckinException
import org.checkin.core.Notification
import org.checkin.shell.app.Shell
import org.checkin.shell.platform.FiredReminder

class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val fired = fired(intent) ?: return
        val shell = Shell.of(context)
        // Named whenever the app opens; a reminder armed before that (after
        // an update, by a boot re-arm) names them here, from the core.
        if (!shell.platform.notices.channelsNamed()) shell.nameNotificationChannels()
        shell.platform.notices.post(fired)
        // Null when called directly rather than by the system (tests).
        val pending: PendingResult? = goAsync()
        Thread {
            try {
                shell.refreshReminders()
            } catch (e: CheckinException) {
                // Reminders already armed still fire; the next sync refills.
            } finally {
                pending?.finish()
            }
        }.start()
    }

    companion object {
        const val ACTION = "org.checkin.shell.REMINDER"
        private const val ID = "id"
        private const val CODE = "code"
        private const val CHANNEL = "channel"
        private const val TITLE = "title"
        private const val BODY = "body"
        private const val LINK = "link"

        /**
         * The alarm's intent. Its identity (action, component, request code)
         * is the same with or without [reminder], so `disarm` finds it by
         * request code alone.
         */
        fun intent(context: Context, reminder: Notification?, requestCode: Int): Intent {
            val intent = Intent(ACTION).setClass(context, ReminderReceiver::class.java)
            if (reminder != null) {
                intent.putExtra(ID, reminder.id).putExtra(CODE, requestCode).putExtra(CHANNEL, reminder.channel)
                    .putExtra(TITLE, reminder.title).putExtra(BODY, reminder.body).putExtra(LINK, reminder.deepLink)
            }
            return intent
        }

        /** What the alarm carried; null for an intent this app did not make. */
        fun fired(intent: Intent): FiredReminder? {
            if (intent.action != ACTION) return null
            return FiredReminder(
                id = intent.getStringExtra(ID) ?: return null,
                requestCode = intent.getIntExtra(CODE, -1).takeIf { it >= 0 } ?: return null,
                channel = intent.getStringExtra(CHANNEL) ?: return null,
                title = intent.getStringExtra(TITLE) ?: return null,
                body = intent.getStringExtra(BODY) ?: return null,
                deepLink = intent.getStringExtra(LINK) ?: return null,
            )
        }
    }
}
