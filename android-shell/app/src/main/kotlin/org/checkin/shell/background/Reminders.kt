// Reconciles the phone's alarms with the core's list of reminders.
//
// The core's `notifications(max)` is the whole truth: every reminder in it
// gets its alarm (set again each time: it replaces the same PendingIntent,
// and re-arms what a reboot or a clock change lost), and every armed
// reminder no longer in it is cancelled by its stable id. One that left the
// list because its time passed has fired: its posted notification stays.
// One that left it before its time (plan changed, window done) is cancelled
// and its notification, if any, removed.
package org.checkin.shell.background

import org.checkin.core.Notification
import org.checkin.shell.platform.ReminderAlarms
import org.checkin.shell.platform.ReminderNotices

/** What one reconcile did. */
data class ReconcileReport(val armed: Int, val cancelled: Int, val exact: Boolean)

class Reminders(
    private val alarms: ReminderAlarms,
    private val notices: ReminderNotices,
    private val book: ArmedReminders,
) {
    /** Arms [wanted] (the core's list) and cancels the rest; [nowDeviceMs] is the phone's clock. */
    @Synchronized
    fun reconcile(wanted: List<Notification>, nowDeviceMs: Long): ReconcileReport {
        val exact = alarms.exactAllowed()
        val wantedIds = wanted.mapTo(HashSet()) { it.id }
        var cancelled = 0
        for (armed in book.all()) {
            if (armed.id in wantedIds) continue
            if (armed.fireAtDeviceMs > nowDeviceMs) {
                alarms.disarm(armed.requestCode)
                notices.cancel(armed.id, armed.requestCode)
                cancelled++
            }
            book.remove(armed.id)
        }
        val inUse = book.all().associate { it.requestCode to it.id }.toMutableMap()
        for (reminder in wanted) {
            val code = book.codeFor(reminder.id, inUse)
            inUse[code] = reminder.id
            alarms.arm(reminder, code, exact)
            book.put(ArmedReminder(reminder.id, code, reminder.fireAtDevice.toEpochMilli()))
        }
        return ReconcileReport(armed = wanted.size, cancelled = cancelled, exact = exact)
    }

    companion object {
        /**
         * How many reminders the phone holds at once: a week or more of a
         * daily plan; the rest are armed as these fire (each fire refills).
         */
        const val MAX_ARMED = 48
    }
}
