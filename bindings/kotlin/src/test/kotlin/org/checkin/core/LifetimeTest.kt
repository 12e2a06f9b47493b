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
            if (cycle % (cycles / 10) == 0) {
                System.gc()
                samples += cycle to rssKib()
            }
        }
        val seconds = (System.nanoTime() - started) / 1e9
        val warm = samples[1].second
        val last = samples.last().second
        println("RSS over $cycles cycles (KiB, after warm-up at ${samples[1].first}): ${samples.joinToString { "${it.first}:${it.second}" }}")
        println("RSS growth from cycle ${samples[1].first} to $cycles: ${last - warm} KiB; ${"%.1f".format(cycles / seconds)} cycles/s")
        // Noise on the JVM is a few MiB (heap, JIT); a leak of one client or
        // draft per cycle would be far above this.
        assertTrue(last - warm < 16 * 1024, "resident memory grew by ${last - warm} KiB")
    }
}
