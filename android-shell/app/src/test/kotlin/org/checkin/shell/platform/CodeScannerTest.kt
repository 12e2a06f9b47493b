// The QR reader: a program's link is read from a camera frame (rows padded
// as cameras pad them), whatever else a frame holds is no code, bad frames
// are no code rather than a crash, and the scan ends (camera closed) when
// the frames run out.
package org.checkin.shell.platform

import kotlinx.coroutines.runBlocking
import org.checkin.shell.support.FramesScanCamera
import org.checkin.shell.support.Programs
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import kotlin.random.Random

class CodeScannerTest : ShellFixture() {
    private val link = Programs.enrollLink("https://checkin.program.example", "K7Q4P-2MX9A-7HJQ3")

    @Test
    fun `a code is read from a frame, and nothing from a frame without one`() {
        assertEquals(link, CodeScanner.decode(Programs.qrFrame(link)))
        assertEquals(link, CodeScanner.decode(Programs.qrFrame(link, rowPadding = 0)))
        assertNull(CodeScanner.decode(Programs.blankFrame()))
        val noise = Random(7).nextBytes(320 * 240)
        assertNull(CodeScanner.decode(LumaFrame(320, 240, 320, noise)))
    }

    @Test
    fun `a frame that lies about its size is no code, not a crash`() {
        val frame = Programs.qrFrame(link)
        assertNull(CodeScanner.decode(LumaFrame(frame.width, frame.height, frame.rowStride, frame.luma.copyOf(100))))
        assertNull(CodeScanner.decode(LumaFrame(0, 0, 0, ByteArray(0))))
        assertNull(CodeScanner.decode(LumaFrame(frame.width, frame.height, frame.width - 1, frame.luma)))
        assertNull(CodeScanner.decode(LumaFrame(-5, 10, 10, ByteArray(100))))
    }

    @Test
    fun `a scan reads frames until one holds a code, and always closes the camera`() = runBlocking<Unit> {
        val camera = FramesScanCamera(listOf(Programs.blankFrame(), Programs.blankFrame(), Programs.qrFrame(link)))
        assertEquals(CaptureOutcome.Captured(link), CodeScanner(camera).scan(null))
        assertEquals(3, camera.read)
        assertEquals(Facing.BACK, camera.opened)
        assertEquals(1, camera.closed)

        val empty = FramesScanCamera(listOf(Programs.blankFrame()))
        assertTrue(CodeScanner(empty).scan(null) is CaptureOutcome.Failed)
        assertEquals(1, empty.closed)
    }
}
