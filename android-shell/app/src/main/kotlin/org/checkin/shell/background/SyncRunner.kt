// Runs a sync: when the app opens, after each submit (the core's `Sync`
// effect), when the participant taps "send now", and from the background
// job. One at a time per process; each is bounded by the time it is given
// (the job's budget, or the core's own while the participant watches), and
// each ends by re-arming the reminders, scheduling the next background
// sync, and telling whoever watches (the screen on show asks the core
// again), whatever the sync's result.
package org.checkin.shell.background

import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import org.checkin.core.Cancellation
import org.checkin.core.CheckinClient
import org.checkin.core.CheckinException
import org.checkin.core.SyncListener
import org.checkin.core.SyncReport
import org.checkin.shell.app.Shell
import java.util.concurrent.CopyOnWriteArrayList

sealed interface SyncOutcome {
    data class Synced(val report: SyncReport) : SyncOutcome
    /** Nothing to sync with before enrollment. */
    data object NotEnrolled : SyncOutcome
    /** The sync failed (network, server, store); it is retried at the next wake-up. */
    data class Failed(val error: CheckinException) : SyncOutcome
}

class SyncRunner(private val shell: Shell) {
    private val oneAtATime = Mutex()
    private val watchers = CopyOnWriteArrayList<() -> Unit>()

    suspend fun syncNow(
        maxSeconds: Int = FOREGROUND_SECONDS,
        listener: SyncListener? = null,
        cancellation: Cancellation? = null,
    ): SyncOutcome = try {
        exclusive { client ->
            if (!client.isEnrolled()) {
                SyncOutcome.NotEnrolled
            } else {
                SyncOutcome.Synced(client.sync(maxSeconds.toUInt(), listener, cancellation))
            }
        }
    } catch (e: CheckinException) {
        SyncOutcome.Failed(e)
    }

    /**
     * Runs [sync] (a call that syncs, such as the core's `perform(SyncNow)`)
     * as this process's one sync, then re-arms, reschedules and tells the
     * watchers, also when [sync] throws.
     */
    suspend fun <T> exclusive(sync: suspend (CheckinClient) -> T): T = oneAtATime.withLock {
        try {
            sync(shell.client())
        } finally {
            afterSync()
            watchers.forEach { it() }
        }
    }

    /** Calls [onSynced] (on the syncing thread) after every sync until the handle is closed. */
    fun watch(onSynced: () -> Unit): AutoCloseable {
        watchers += onSynced
        return AutoCloseable { watchers -= onSynced }
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
