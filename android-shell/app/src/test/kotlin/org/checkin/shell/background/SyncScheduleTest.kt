// The background sync's job (network constraint, kept across reboots, at
// the core's next wake-up) and the network watch feeding the core's
// `set_connectivity`.
package org.checkin.shell.background

import android.app.job.JobInfo
import android.app.job.JobScheduler
import android.net.ConnectivityManager
import android.net.NetworkCapabilities
import kotlinx.coroutines.runBlocking
import org.checkin.core.Connectivity
import org.checkin.shell.platform.JobSyncScheduler
import org.checkin.shell.platform.NetworkCallbackConnectivity
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowNetwork
import org.robolectric.shadows.ShadowNetworkCapabilities

class SyncScheduleTest : ShellFixture() {
    private val jobs get() = app.getSystemService(JobScheduler::class.java)!!
    private fun pending(): JobInfo? = jobs.allPendingJobs.singleOrNull { it.id == JobSyncScheduler.JOB_ID }

    @Test
    fun `the sync job waits for a network, survives a reboot and runs at the core's next wake-up`() = runBlocking<Unit> {
        val shell = installShell()
        val server = server()
        val client = shell.client()
        client.enroll(server.baseUrl, server.codes[0])
        shell.scheduleNextSync()
        val job = assertNotNull(pending()).let { pending()!! }
        assertEquals(SyncJobService::class.java.name, job.service.className)
        assertEquals(JobInfo.NETWORK_TYPE_ANY, @Suppress("DEPRECATION") job.networkType)
        assertTrue(job.isPersisted)
        val wake = client.nextWakeupMs(Reminders.MAX_ARMED.toUInt())!!
        val expected = (wake - client.correctedNow().toEpochMilli()).coerceIn(0, JobSyncScheduler.IDLE_DELAY_MS)
        assertTrue("latency ${job.minLatencyMillis} vs $expected", kotlin.math.abs(job.minLatencyMillis - expected) < 5_000)
    }

    @Test
    fun `a sync schedules the next one, also before enrollment`() = runBlocking<Unit> {
        val shell = installShell()
        shell.sync.syncNow()
        assertEquals(JobSyncScheduler.IDLE_DELAY_MS, pending()!!.minLatencyMillis)
    }

    @Test
    fun `network changes reach the core, and a network coming back runs a sync at once`() = runBlocking<Unit> {
        val shell = installShell()
        val client = shell.client()
        shell.start()
        val manager = app.getSystemService(ConnectivityManager::class.java)!!
        val callback = shadowOf(manager).networkCallbacks.single()
        val network = ShadowNetwork.newInstance(7)

        callback.onLost(network)
        awaitMain(what = "offline") { client.connectivity() == Connectivity.OFFLINE }
        jobs.cancelAll()

        callback.onCapabilitiesChanged(network, capabilities(NetworkCapabilities.NET_CAPABILITY_INTERNET))
        awaitMain(what = "metered") { client.connectivity() == Connectivity.METERED }
        awaitMain(what = "a sync as soon as possible") { pending()?.minLatencyMillis == 0L }

        callback.onCapabilitiesChanged(
            network,
            capabilities(NetworkCapabilities.NET_CAPABILITY_INTERNET, NetworkCapabilities.NET_CAPABILITY_NOT_METERED),
        )
        awaitMain(what = "online") { client.connectivity() == Connectivity.ONLINE }
        callback.onLost(network)
        awaitMain(what = "offline again") { client.connectivity() == Connectivity.OFFLINE }
        shell.close()
        assertTrue("the callback is unregistered", shadowOf(manager).networkCallbacks.isEmpty())
    }

    @Test
    fun `capabilities read as the core's connectivity`() {
        assertEquals(Connectivity.OFFLINE, NetworkCallbackConnectivity.reading(null))
        assertEquals(Connectivity.OFFLINE, NetworkCallbackConnectivity.reading(capabilities()))
        assertEquals(Connectivity.OFFLINE, NetworkCallbackConnectivity.reading(capabilities(NetworkCapabilities.NET_CAPABILITY_NOT_METERED)))
        assertEquals(Connectivity.METERED, NetworkCallbackConnectivity.reading(capabilities(NetworkCapabilities.NET_CAPABILITY_INTERNET)))
        assertEquals(
            Connectivity.ONLINE,
            NetworkCallbackConnectivity.reading(capabilities(NetworkCapabilities.NET_CAPABILITY_INTERNET, NetworkCapabilities.NET_CAPABILITY_NOT_METERED)),
        )
    }

    private fun capabilities(vararg capabilities: Int): NetworkCapabilities {
        val caps = ShadowNetworkCapabilities.newInstance()
        shadowOf(caps).clearCapabilities()
        capabilities.forEach { shadowOf(caps).addCapability(it) }
        return caps
    }
}
