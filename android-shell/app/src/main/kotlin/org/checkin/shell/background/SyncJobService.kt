// The background sync: JobScheduler starts it when its time has come and a
// network is there (platform/SyncScheduler.kt). It syncs within the job's
// budget; if the OS stops the job early, the sync is cancelled (every
// check-in stays whole and queued, the core guarantees it) and the job asks
// to be rescheduled. A finished sync schedules the next run itself, under
// the same job id: JobScheduler then replaces this job, which is done.
package org.checkin.shell.background

import android.app.job.JobParameters
import android.app.job.JobService
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import org.checkin.core.Cancellation
import org.checkin.shell.app.Shell
import java.util.concurrent.ConcurrentHashMap

class SyncJobService : JobService() {
    private val running = ConcurrentHashMap<Int, Pair<Job, Cancellation>>()

    override fun onStartJob(params: JobParameters): Boolean {
        val shell = Shell.of(this)
        val cancellation = Cancellation()
        val job = shell.scope.launch {
            shell.sync.syncNow(SyncRunner.JOB_SECONDS, null, cancellation)
            running.remove(params.jobId)
            // The next run is already scheduled at the core's next wake-up (the
            // runner did it, replacing this job); a failure waits for that too.
            jobFinished(params, false)
        }
        running[params.jobId] = job to cancellation
        return true
    }

    override fun onStopJob(params: JobParameters): Boolean {
        running.remove(params.jobId)?.second?.cancel()
        return true
    }
}
