// The camera's decisions (which camera, which JPEG size, which orientation),
// PhotoCapture's guarantees over a camera that stalls, lies or refuses, and
// one location fix through LocationManager (the API 30+ path at SDK 34, the
// single-update path at SDK 26), handed to the core.
@file:Suppress("DEPRECATION") // ShadowLocationManager's listener lists are how a test sees the API 26 request.

package org.checkin.shell.platform

import android.Manifest
import android.location.Location
import android.location.LocationManager
import android.os.Build
import android.util.Size
import android.view.Surface
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import org.checkin.core.SentLocation
import org.checkin.shell.support.FramesCamera
import org.checkin.shell.support.Media
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Shadows.shadowOf

class CaptureTest : ShellFixture() {
    private val sizes = listOf(Size(640, 480), Size(1280, 720), Size(1920, 1080), Size(4032, 3024))

    @Test
    fun `the front camera first, the back one on a phone without it`() {
        val back = CameraFacts("0", Facing.BACK, 90, sizes)
        val front = CameraFacts("1", Facing.FRONT, 270, sizes)
        val noJpeg = CameraFacts("2", Facing.FRONT, 270, emptyList())
        assertEquals(front, CameraChoice.pick(listOf(back, front)))
        assertEquals(back, CameraChoice.pick(listOf(back, noJpeg)))
        assertEquals(back, CameraChoice.pick(listOf(front, back), Facing.BACK))
        assertNull(CameraChoice.pick(listOf(noJpeg)))
    }

    @Test
    fun `the smallest JPEG that reaches the policy's long edge, else the largest`() {
        assertEquals(Size(1280, 720), CameraChoice.jpegSize(sizes, 1024))
        assertEquals(Size(1920, 1080), CameraChoice.jpegSize(sizes, 1600))
        assertEquals(Size(4032, 3024), CameraChoice.jpegSize(sizes, 5000))
        assertNull(CameraChoice.jpegSize(emptyList(), 1024))
    }

    @Test
    fun `the JPEG is turned by the sensor's mounting and the display, mirrored for the front camera`() {
        val front = CameraFacts("1", Facing.FRONT, 270, sizes)
        val back = CameraFacts("0", Facing.BACK, 90, sizes)
        assertEquals(270, CameraChoice.jpegOrientation(front, 0))
        assertEquals(0, CameraChoice.jpegOrientation(front, 90))
        assertEquals(90, CameraChoice.jpegOrientation(back, 0))
        assertEquals(0, CameraChoice.jpegOrientation(back, 90))
        assertEquals(180, CameraChoice.jpegOrientation(back, 270))
    }

    @Test
    fun `a stalled camera times out, a non-JPEG is refused, a refusal is Denied, and the camera is always closed`() = runBlocking<Unit> {
        val stalled = FramesCamera(listOf(Media.portraitJpeg()), stallMs = 5_000)
        val timedOut = PhotoCapture(stalled, timeoutMs = 100).run { start(null, 1024, 0); take() }
        assertEquals(CaptureOutcome.Failed("camera timed out"), timedOut)
        assertTrue(stalled.closed >= 1)

        val liar = FramesCamera(listOf(byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte())))
        assertEquals(CaptureOutcome.Failed("camera output is not a JPEG"), PhotoCapture(liar).run { start(null, 1024, 0); take() })
        assertTrue(liar.closed >= 1)

        val refusing = object : PhotoCamera {
            var closed = false
            override suspend fun open(preview: Surface?, facing: Facing, longEdgePx: Int, displayDegrees: Int) = throw SecurityException("no CAMERA")
            override suspend fun takeJpeg(): ByteArray = error("not open")
            override fun close() { closed = true }
        }
        assertEquals(CaptureOutcome.Denied(ShellPermission.CAMERA), PhotoCapture(refusing).start(null, 1024, 0))
        assertTrue(refusing.closed)
    }

    @Test
    fun `a capture abandoned mid-way releases the camera`() = runBlocking<Unit> {
        val stalled = FramesCamera(listOf(Media.portraitJpeg()), stallMs = 60_000)
        val capture = PhotoCapture(stalled)
        capture.start(null, 1024, 0)
        val taking = async { capture.take() }
        kotlinx.coroutines.delay(100)
        taking.cancel()
        taking.join()
        assertTrue("closed after cancellation", stalled.closed >= 1)
    }

    private fun location(): Location = Location(LocationManager.GPS_PROVIDER).apply {
        latitude = 40.7411
        longitude = -73.9897
        accuracy = 12f
        time = System.currentTimeMillis()
    }

    @Test
    fun `one fix, handed to the core, which keeps only the policy's coarse cell`() = runBlocking<Unit> {
        shadowOf(app).grantPermissions(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION)
        val manager = app.getSystemService(LocationManager::class.java)!!
        shadowOf(manager).setLocationEnabled(true)
        shadowOf(manager).setProviderEnabled(LocationManager.GPS_PROVIDER, true)
        val locator = LocationManagerLocator(app)
        val provider = locator.provider()!!

        val pending = async(Dispatchers.Default) { locator.oneFix(10_000) }
        awaitMain(what = "a location request") {
            shadowOf(manager).getLocationRequests(provider).isNotEmpty() || shadowOf(manager).getLocationUpdateListeners(provider).isNotEmpty() ||
                shadowOf(manager).requestLocationUpdateListeners.isNotEmpty()
        }
        shadowOf(manager).simulateLocation(provider, location().apply { this.provider = provider })
        awaitMain(what = "the fix") { pending.isCompleted }
        val fix = (pending.await() as CaptureOutcome.Captured).value
        assertEquals(40.7411, fix.lat, 1e-9)
        assertEquals(12.0, fix.accuracyM, 1e-6)
        assertEquals(provider, fix.provider)
        if (Build.VERSION.SDK_INT < 30) {
            assertTrue("the single update is removed", shadowOf(manager).getLocationUpdateListeners(provider).isEmpty())
        }

        val shell = installShell()
        val server = server()
        val client = shell.client()
        client.enroll(server.baseUrl, server.codes[0])
        val sent = client.attachLocation(client.startCheckin(null), fix)
        assertTrue("the policy's coarse cell, not the fix: $sent", sent is SentLocation.Coarse)
    }

    @Test
    fun `no fix in time and location off are failures, not hangs`() = runBlocking<Unit> {
        shadowOf(app).grantPermissions(Manifest.permission.ACCESS_FINE_LOCATION)
        val manager = app.getSystemService(LocationManager::class.java)!!
        shadowOf(manager).setLocationEnabled(true)
        shadowOf(manager).setProviderEnabled(LocationManager.GPS_PROVIDER, true)
        val locator = LocationManagerLocator(app)
        assertTrue(async(Dispatchers.Default) { locator.oneFix(200) }.let { job -> awaitMain { job.isCompleted }; job.await() } is CaptureOutcome.Failed)
        for (provider in manager.allProviders) shadowOf(manager).setProviderEnabled(provider, false)
        assertEquals(CaptureOutcome.Failed("location is off"), locator.oneFix(200))
    }
}
