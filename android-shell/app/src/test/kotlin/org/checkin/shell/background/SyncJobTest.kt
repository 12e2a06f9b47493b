// The background sync job itself: started by JobScheduler it delivers what
// waits and finishes; stopped by the OS mid-sync (a server that hangs) it
// cancels the sync at once, the check-in stays queued, and it asks to be
// rescheduled.
package org.checkin.shell.background

import android.app.job.JobParameters
import kotlinx.coroutines.runBlocking
import org.checkin.core.OutboxState
import org.checkin.shell.platform.JobSyncScheduler
import org.checkin.shell.support.BlackHole
import org.checkin.shell.support.Media
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric
import org.robolectric.Shadows.shadowOf

class SyncJobTest : ShellFixture() {
    /** JobParameters as the system passes them (its constructor is hidden; only the job id is read). */
    private fun parameters(): JobParameters {
        val unsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe").apply { isAccessible = true }.get(null)
        val params = unsafe.javaClass.getMethod("allocateInstance", Class::class.java).invoke(unsafe, JobParameters::class.java) as JobParameters
        JobParameters::class.java.getDeclaredField("jobId").apply { isAccessible = true }.setInt(params, JobSyncScheduler.JOB_ID)
        return params
    }

    private suspend fun queuedCheckin(baseUrl: String, code: String): String {
        val client = installShell().client()
        client.enroll(baseUrl, code)
        val id = client.startCheckin(null)
        client.attachPhoto(id, Media.portraitJpeg())
        client.submit(id)
        return id
    }

    @Test
    fun `the job delivers what waits and finishes`() = runBlocking<Unit> {
        val server = server()
        queuedCheckin(server.baseUrl, server.codes[0])
        val service = Robolectric.setupService(SyncJobService::class.java)
        assertTrue("works in the background", service.onStartJob(parameters()))
        awaitMain(what = "the job finished") { shadowOf(service).isJobFinished }
        assertEquals(OutboxState.DELIVERED, app.shell.client().outbox().single().state)
    }

    @Test
    fun `a job the OS stops cancels its sync and leaves the check-in queued`() = runBlocking<Unit> {
        val server = server()
        queuedCheckin(server.baseUrl, server.codes[0])
        val port = server.baseUrl.substringAfterLast(':').toInt()
        server.close()
        BlackHole(port).use { hole ->
            val service = Robolectric.setupService(SyncJobService::class.java)
            val params = parameters()
            service.onStartJob(params)
            awaitMain(what = "the sync reached the server") { hole.accepted > 0 }
            val stoppedAt = System.currentTimeMillis()
            assertTrue("asks to be rescheduled", service.onStopJob(params))
            awaitMain(what = "the cancelled sync ended", timeoutMs = 10_000) { shadowOf(service).isJobFinished }
            assertTrue("cancelled at once, not at the job's budget", System.currentTimeMillis() - stoppedAt < 5_000)
        }
        val item = app.shell.client().outbox().single()
        assertTrue("still waiting: ${item.state}", item.state == OutboxState.QUEUED || item.state == OutboxState.SENDING)
    }
}
