// When the next background sync runs: one JobScheduler job with a network
// constraint, at the time the core names (`next_wakeup_ms`), kept across
// reboots. JobScheduler, not an alarm: the OS batches it with other work and
// runs it only when a network is there, which is what a sync needs.
package org.checkin.shell.platform

import android.app.job.JobInfo
import android.app.job.JobScheduler
import android.content.ComponentName
import android.content.Context
import org.checkin.shell.background.SyncJobService

interface SyncScheduler {
    /** Runs the sync [delayMs] from now (0: as soon as there is a network). */
    fun scheduleIn(delayMs: Long)

    fun cancel()
}

class JobSyncScheduler(private val context: Context) : SyncScheduler {
    private val jobs = context.systemService<JobScheduler>()

    override fun scheduleIn(delayMs: Long) {
        jobs.schedule(jobInfo(context, delayMs))
    }

    override fun cancel() = jobs.cancel(JOB_ID)

    companion object {
        const val JOB_ID = 0x5C

        /** If the core names no time (nothing queued, no reminder ahead), look again this much later. */
        const val IDLE_DELAY_MS = 6 * 60 * 60 * 1000L

        /** Retries of a failed job start at this and double (the core has its own backoff on top). */
        const val BACKOFF_MS = 60_000L

        fun jobInfo(context: Context, delayMs: Long): JobInfo =
            JobInfo.Builder(JOB_ID, ComponentName(context, SyncJobService::class.java))
                .setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)
                .setMinimumLatency(delayMs.coerceAtLeast(0))
                .setBackoffCriteria(BACKOFF_MS, JobInfo.BACKOFF_POLICY_EXPONENTIAL)
                .setPersisted(true) // needs RECEIVE_BOOT_COMPLETED
                .build()
    }
}
