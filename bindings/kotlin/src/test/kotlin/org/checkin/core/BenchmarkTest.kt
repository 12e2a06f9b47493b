// Benchmarks (slow, -Dcheckin.slow=true): the cost of a call across the
// boundary, and a 4 MB photo passed as bytes vs as a file path.
package org.checkin.core

import kotlinx.coroutines.runBlocking
import org.checkin.core.support.cameraJpeg
import org.checkin.core.support.openClient
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.condition.EnabledIfSystemProperty
import java.io.File

@EnabledIfSystemProperty(named = "checkin.slow", matches = "true")
class BenchmarkTest : ServerFixture(codes = 1) {
    private fun nsPerCall(calls: Int, body: () -> Unit): Double {
        repeat(calls / 10) { body() } // warm-up (JIT, first-call set-up)
        val started = System.nanoTime()
        repeat(calls) { body() }
        return (System.nanoTime() - started).toDouble() / calls
    }

    private fun medianMs(runs: Int, body: () -> Unit): Double {
        body()
        val times = (1..runs).map { val t = System.nanoTime(); body(); (System.nanoTime() - t) / 1e6 }
        return times.sorted()[runs / 2]
    }

    @Test
    fun `call cost across the boundary`() {
        Cancellation().use { cancellation ->
            val flag = nsPerCall(1_000_000) { cancellation.isCancelled() }
            val string = nsPerCall(200_000) { coreVersion() }
            val sqlite = openClient().use { client -> nsPerCall(20_000) { client.isEnrolled() } }
            println("BENCH call: isCancelled() %.0f ns, coreVersion() (String return) %.0f ns, isEnrolled() (SQLite read) %.0f ns".format(flag, string, sqlite))
            assertTrue(flag > 0)
        }
    }

    @Test
    fun `a 4 MB photo as bytes vs as a path`() = runBlocking<Unit> {
        // (1) The boundary alone: 4 MB that the core rejects at its first look.
        val junk = ByteArray(4 * 1024 * 1024) { (it * 131 + 7).toByte() }
        val junkFile = File.createTempFile("junk", ".bin").apply { writeBytes(junk); deleteOnExit() }
        // (2) End to end: a real ~4 MB camera JPEG, decoded, checked and re-encoded.
        val jpeg = cameraJpeg(2600, 1950, quality = 0.97f, noise = true)
        val jpegFile = File.createTempFile("camera", ".jpg").apply { writeBytes(jpeg); deleteOnExit() }
        openClient().use { client ->
            client.enroll(server.baseUrl, freshCode())
            val id = client.startCheckin(null)
            val junkBytes = medianMs(20) { runCatching { runBlocking { client.attachPhoto(id, junk) } } }
            val junkPath = medianMs(20) { runCatching { runBlocking { client.attachPhotoFile(id, junkFile.path) } } }
            val jpegBytes = medianMs(5) { runBlocking { client.attachPhoto(id, jpeg) } }
            val jpegPath = medianMs(5) { runBlocking { client.attachPhotoFile(id, jpegFile.path) } }
            println("BENCH 4 MiB rejected input: bytes %.2f ms, path %.2f ms".format(junkBytes, junkPath))
            println("BENCH %.2f MB camera JPEG %dx%d processed: bytes %.1f ms, path %.1f ms".format(jpeg.size / 1e6, 2600, 1950, jpegBytes, jpegPath))
        }
    }
}
