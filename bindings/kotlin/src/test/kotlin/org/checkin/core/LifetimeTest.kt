// Object lifetimes: `use {}` closes the Rust object; a closed object fails
// loudly; and (slow) 10,000 create/use/close cycles do not grow the
// process's resident memory beyond noise.
package org.checkin.core

import kotlinx.coroutines.runBlocking
import org.checkin.core.support.cameraJpeg
import org.checkin.core.support.memoryKeyStore
import org.checkin.core.support.openClient
import org.checkin.core.support.rssKib
import org.checkin.core.support.tempDir
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.condition.EnabledIfSystemProperty

class LifetimeTest : ServerFixture(codes = 2) {
    @Test
    fun `a client closed by use cannot be used again`() {
        val client = openClient()
        client.use { assertTrue(!it.isEnrolled()) }
        assertThrows<IllegalStateException> { client.isEnrolled() }
        Cancellation().use { it.cancel() }
    }

    @Test
    @EnabledIfSystemProperty(named = "checkin.slow", matches = "true")
    fun `10,000 create-use-close cycles of clients and check-in sessions keep resident memory flat`() = runBlocking<Unit> {
        val dir = tempDir()
        val keyStore = memoryKeyStore()
        openClient(dir, keyStore).use { it.enroll(server.baseUrl, freshCode()) }
        val jpeg = cameraJpeg(320, 240)
        val cycles = Integer.getInteger("checkin.cycles", 10_000)
        val samples = mutableListOf<Pair<Int, Long>>()
        val started = System.nanoTime()
        for (cycle in 1..cycles) {
            openClient(dir, keyStore).use { client ->
                check(client.isEnrolled())
                val checkinId = client.startCheckin(null)
                if (cycle % 10 == 0) client.attachPhoto(checkinId, jpeg)
                client.discardCheckin(checkinId)
                Cancellation().use { it.cancel() }
            }
            if (cycle % (cycles / 20) == 0) {
                System.gc()
                samples += cycle to rssKib()
            }
        }
        val seconds = (System.nanoTime() - started) / 1e9
        // Compare the mean of the first third of the samples after warm-up
        // with the last third: a leak of one client, draft or photo per
        // cycle (tens of KiB each) would show as hundreds of MiB. Warm-up is
        // the first quarter: CI runs show one step of about 10 MiB near
        // cycle 2,000 (JIT-compiled code, allocator arenas), flat after it.
        val settled = samples.drop(samples.size / 4)
        val third = settled.size / 3
        val early = settled.take(third).map { it.second }.average()
        val late = settled.takeLast(third).map { it.second }.average()
        println("RSS over $cycles cycles (KiB): ${samples.joinToString { "${it.first}:${it.second}" }}")
        println("RSS growth, mean of last $third samples minus mean of first $third after the first quarter: ${"%.0f".format(late - early)} KiB; ${"%.1f".format(cycles / seconds)} cycles/s")
        assertTrue(late - early < 8 * 1024, "resident memory grew by ${late - early} KiB")
    }
}
