// Runs a sync: when the app opens, after each submit (the renderer calls
// [syncNow]) and from the background job. One at a time per process; each
// is bounded by the time it is given (the job's budget, or a short one
// while the participant watches), and each ends by re-arming the reminders
// and scheduling the next background sync, whatever the sync's result.
package org.checkin.shell.background

import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import org.checkin.core.Cancellation
import org.checkin.core.CheckinException
import org.checkin.core.SyncListener
import org.checkin.core.SyncReport
import org.checkin.shell.app.Shell

sealed interface SyncOutcome {
    data class Synced(val report: SyncReport) : SyncOutcome
    /** Nothing to sync with before enrollment. */
    data object NotEnrolled : SyncOutcome
    /** The sync failed (network, server, store); it is retried at the next wake-up. */
    data class Failed(val error: CheckinException) : SyncOutcome
}

class SyncRunner(private val shell: Shell) {
    private val oneAtATime = Mutex()

    suspend fun syncNow(
        maxSeconds: Int = FOREGROUND_SECONDS,
        listener: SyncListener? = null,
        cancellation: Cancellation? = null,
    ): SyncOutcome = oneAtATime.withLock {
        val outcome = try {
            val client = shell.client()
            if (!client.isEnrolled()) {
                SyncOutcome.NotEnrolled
            } else {
                SyncOutcome.Synced(client.sync(maxSeconds.toUInt(), listener, cancellation))
            }
        } catch (e: CheckinException) {
            SyncOutcome.Failed(e)
        }
        afterSync()
        outcome
    }

    /** Re-arms reminders and schedules the next job; a store that cannot open leaves the old ones. */
    private fun afterSync() {
        try {
            shell.refreshReminders()
            shell.scheduleNextSync()
        } catch (e: CheckinException) {
            // The job's own retry (backoff) brings us back.
        }
    }

    companion object {
        /** While the participant watches (app opened, just submitted). */
        const val FOREGROUND_SECONDS = 60

        /** A job may run 10 minutes before the OS stops it; leave room to finish cleanly. */
        const val JOB_SECONDS = 8 * 60
    }
}
