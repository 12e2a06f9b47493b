// The real notification service with a record of every naming of the
// channels: a language switch must rename them with the core's words.
package org.checkin.shell.support

import org.checkin.model.NotificationChannel
import org.checkin.shell.platform.ReminderNotices
import java.util.concurrent.CopyOnWriteArrayList

class RecordingNotices(private val real: ReminderNotices) : ReminderNotices by real {
    val namings = CopyOnWriteArrayList<List<NotificationChannel>>()

    override fun nameChannels(channels: List<NotificationChannel>) {
        namings += channels
        real.nameChannels(channels)
    }
}
