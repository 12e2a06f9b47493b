// The effects a screen asks for, carried out and answered: a capture left
// by the back gesture, the close button or the app leaving the front comes
// back as `Cancelled` (the camera or microphone released, the step still
// to do); a refused permission comes back as the core's notice, whose
// action opens Settings, and a grant there asks for the screen again; the
// program's QR code enrolls and another code is refused in the core's
// words; one location fix becomes the check-in's location; the proof is
// shared through the app's own read-only provider.
package org.checkin.shell.screens

import android.Manifest
import android.content.Intent
import android.location.Location
import android.location.LocationManager
import android.net.Uri
import android.provider.OpenableColumns
import android.provider.Settings
import kotlinx.coroutines.runBlocking
import org.checkin.model.Block
import org.checkin.model.Route
import org.checkin.model.StepState
import org.checkin.shell.app.HostActivity
import org.checkin.shell.app.Shell
import org.checkin.shell.platform.ExportProvider
import org.checkin.shell.platform.Facing
import org.checkin.shell.platform.ScanCamera
import org.checkin.shell.support.FramesCamera
import org.checkin.shell.support.FramesScanCamera
import org.checkin.shell.support.Media
import org.checkin.shell.support.Programs
import org.checkin.shell.support.SamplesMicrophone
import org.checkin.shell.support.ScreenDriver
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric
import org.robolectric.Shadows.shadowOf

class EffectsTest : ShellFixture() {
    private fun launch() = ScreenDriver(Robolectric.buildActivity(HostActivity::class.java).setup())

    /** Enrolled and past the statement (through the core directly), the app open at a new check-in. */
    private fun atCheckin(shell: Shell): ScreenDriver {
        val server = server(planJson = Programs.planOpenNow())
        runBlocking {
            val client = shell.client()
            client.enroll(server.baseUrl, server.codes[0])
            client.recordConsent(client.policy().version, "en")
        }
        val ui = launch()
        ui.awaitRoute(Route.Home)
        ui.tap("home.start-checkin")
        ui.awaitRoute("check-in") { it is Route.Checkin }
        return ui
    }

    /** The photo attached through the core (the voice and location steps come after it), the screen asked again. */
    private fun withPhoto(ui: ScreenDriver, shell: Shell) {
        val checkinId = (ui.screen.route as Route.Checkin).checkinId
        runBlocking { shell.client().attachPhoto(checkinId, Media.portraitJpeg()) }
        ui.controller.pause().resume()
        ui.awaitRoute("the photo in") { it is Route.Checkin && stepOf(ui, 0) == StepState.DONE }
    }

    /** Every activity the app started since the last call, oldest first. */
    private fun started(ui: ScreenDriver): List<Intent> =
        generateSequence { shadowOf(ui.activity).nextStartedActivity }.toList()

    private fun stepOf(ui: ScreenDriver, index: Int): StepState =
        ui.screen.blocks.filterIsInstance<Block.Steps>().single().items[index].state

    @Test
    fun `back leaves the camera - the capture is cancelled, the camera released, the photo still to take`() {
        val camera = FramesCamera(listOf(Media.portraitJpeg()))
        val ui = atCheckin(installShell(camera = { camera }))
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        ui.tap("checkin.capture-photo")
        ui.awaitUi("the camera open") { ui.find("capture.shutter")?.isEnabled == true }
        @Suppress("DEPRECATION") ui.activity.onBackPressed()
        ui.awaitRoute("the check-in again") { it is Route.Checkin }
        assertNull("the camera is gone from the screen", ui.renderer.panel)
        assertTrue("and released", camera.closed >= 1)
        assertEquals(StepState.CURRENT, stepOf(ui, 0))
    }

    @Test
    fun `the recorder's close button and the app leaving the front cancel, its stop button keeps the recording`() {
        val microphones = mutableListOf<SamplesMicrophone>()
        val shell = installShell(microphone = { SamplesMicrophone(Media.speechSamples(), blockMs = 20).also { microphones += it } })
        shadowOf(app).grantPermissions(Manifest.permission.RECORD_AUDIO)
        val ui = atCheckin(shell)
        withPhoto(ui, shell)

        ui.tap("checkin.capture-voice")
        ui.awaitUi("recording") { ui.find("capture.stop") != null && microphones.singleOrNull()?.started == true }
        ui.find("capture.close")!!.performClick()
        ui.awaitRoute("the check-in, nothing recorded") { it is Route.Checkin }
        ui.awaitUi("the microphone released") { microphones[0].stopped >= 1 }
        assertNotEquals(StepState.DONE, stepOf(ui, 1))

        ui.tap("checkin.capture-voice")
        ui.awaitUi("recording again") { microphones.size == 2 && microphones[1].started }
        ui.controller.pause()
        ui.awaitUi("the microphone stopped when the app left the front") { microphones[1].stopped >= 1 }
        ui.controller.resume()
        ui.awaitRoute("the check-in, nothing recorded") { it is Route.Checkin }
        assertNotEquals(StepState.DONE, stepOf(ui, 1))

        ui.tap("checkin.capture-voice")
        ui.awaitUi("recording a third time") { microphones.size == 3 && microphones[2].started }
        Thread.sleep(1_500)
        ui.find("capture.stop")!!.performClick()
        ui.awaitRoute("the recording kept") { it is Route.Checkin && stepOf(ui, 1) == StepState.DONE }
    }

    @Test
    fun `a refused permission comes back as the core's notice, whose action opens Settings, and a grant there asks again`() {
        val ui = atCheckin(installShell())
        started(ui)
        ui.tap("checkin.capture-photo")
        ui.awaitUi("the camera permission asked") { shadowOf(ui.activity).lastRequestedPermission != null }
        val asked = shadowOf(ui.activity).lastRequestedPermission
        assertEquals(listOf(Manifest.permission.CAMERA), asked.requestedPermissions.toList())
        ui.activity.onRequestPermissionsResult(asked.requestCode, asked.requestedPermissions, intArrayOf(-1))

        ui.awaitUi("the core's notice") { ui.idle() && ui.find("permission.allow-camera") != null }
        val notice = ui.screen.blocks.filterIsInstance<Block.Notice>().first { it.action?.id == "permission.allow-camera" }
        assertTrue(notice.title in ui.texts() && notice.body in ui.texts())

        started(ui) // The permission dialog.
        ui.tap("permission.allow-camera")
        ui.awaitUi("the app's page in Settings") { shadowOf(ui.activity).peekNextStartedActivity() != null }
        val settings = started(ui).single()
        assertEquals("refused before, the OS would not ask again", Settings.ACTION_APPLICATION_DETAILS_SETTINGS, settings.action)
        assertEquals("package:" + app.packageName, settings.dataString)
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        ui.controller.pause().resume()
        ui.awaitUi("the screen asked again, the notice gone") { ui.idle() && ui.find("permission.allow-camera") == null }
        assertEquals(StepState.CURRENT, stepOf(ui, 0))
    }

    @Test
    fun `the program's QR code enrolls, another code is refused in the core's words`() {
        val server = server()
        val cameras = ArrayDeque(listOf(
            FramesScanCamera(listOf(Programs.blankFrame(), Programs.qrFrame("https://example.org/not-a-program"))),
            FramesScanCamera(listOf(Programs.blankFrame(), Programs.qrFrame(Programs.enrollLink(server.baseUrl, server.codes[0])))),
        ))
        val used = mutableListOf<FramesScanCamera>()
        val shell = installShell(scanCamera = { cameras.removeFirst().also { used += it } as ScanCamera })
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val ui = launch()
        ui.awaitRoute(Route.Enroll)

        ui.tap("enroll.scan")
        ui.awaitUi("the foreign code refused") { ui.idle() && used.size == 1 && ui.screen.blocks.any { it is Block.Notice } }
        assertEquals(Route.Enroll, ui.screen.route)
        val refused = ui.screen.blocks.filterIsInstance<Block.Notice>().first()
        assertTrue(refused.body in ui.texts())
        assertEquals("the back camera, for a code on paper", Facing.BACK, used[0].opened)
        assertTrue(used[0].closed >= 1)

        ui.tap("enroll.scan")
        ui.awaitRoute(Route.Consent)
        assertEquals(2, used[1].read)
        assertTrue(runBlocking { shell.client().isEnrolled() })
    }

    @Test
    fun `one location fix, with the phone's provider, becomes the check-in's location`() {
        val shell = installShell()
        shadowOf(app).grantPermissions(
            Manifest.permission.CAMERA, Manifest.permission.RECORD_AUDIO,
            Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION,
        )
        val manager = app.getSystemService(LocationManager::class.java)!!
        shadowOf(manager).setLocationEnabled(true)
        shadowOf(manager).setProviderEnabled(LocationManager.GPS_PROVIDER, true)
        val ui = atCheckin(shell)
        // The location is optional: it is offered once the photo and the recording are in.
        ui.tap("checkin.capture-photo")
        ui.awaitUi("the camera open") { ui.find("capture.shutter")?.isEnabled == true }
        ui.find("capture.shutter")!!.performClick()
        ui.awaitRoute("the photo taken") { it is Route.Checkin && stepOf(ui, 0) == StepState.DONE }
        ui.tap("checkin.capture-voice")
        ui.awaitRoute("the recording made") { it is Route.Checkin && stepOf(ui, 1) == StepState.DONE }

        ui.tap("checkin.capture-location")
        ui.awaitUi("a location request") { shadowOf(manager).getLocationRequests(LocationManager.GPS_PROVIDER).isNotEmpty() || shadowOf(manager).requestLocationUpdateListeners.isNotEmpty() }
        val provider = shell.locator.let { (it as org.checkin.shell.platform.LocationManagerLocator).provider()!! }
        shadowOf(manager).simulateLocation(provider, Location(provider).apply {
            latitude = 40.7411
            longitude = -73.9897
            accuracy = 12f
            time = System.currentTimeMillis()
        })
        ui.awaitRoute("the location in") { it is Route.Checkin && stepOf(ui, 2) == StepState.DONE }
    }

    @Test
    fun `the proof is shared through the app's provider, which serves exactly the core's export`() {
        Robolectric.setupContentProvider(ExportProvider::class.java, ExportProvider.AUTHORITY)
        val shell = installShell()
        val server = server()
        runBlocking {
            val client = shell.client()
            client.enroll(server.baseUrl, server.codes[0])
            client.recordConsent(client.policy().version, "en")
        }
        val ui = launch()
        ui.awaitRoute(Route.Home)
        ui.tap("home.open-proof")
        ui.awaitRoute(Route.Proof)
        ui.tap("proof.export")
        ui.awaitUi("the share sheet") { shadowOf(ui.activity).peekNextStartedActivity() != null }
        val chooser = shadowOf(ui.activity).nextStartedActivity
        assertEquals(Intent.ACTION_CHOOSER, chooser.action)
        @Suppress("DEPRECATION") val send = chooser.getParcelableExtra<Intent>(Intent.EXTRA_INTENT)!!
        assertEquals(Intent.ACTION_SEND, send.action)
        assertTrue("the receiving app may read it, once", send.flags and Intent.FLAG_GRANT_READ_URI_PERMISSION != 0)
        @Suppress("DEPRECATION") val uri = send.getParcelableExtra<Uri>(Intent.EXTRA_STREAM)!!
        assertEquals(ExportProvider.AUTHORITY, uri.authority)

        val written = ExportProvider.folder(app).listFiles()!!.single()
        val served = app.contentResolver.openInputStream(uri)!!.use { it.readBytes() }
        assertTrue(served.isNotEmpty())
        assertTrue("the core's export, byte for byte", served.contentEquals(written.readBytes()))
        assertEquals(send.type, app.contentResolver.getType(uri))
        app.contentResolver.query(uri, null, null, null, null)!!.use { cursor ->
            cursor.moveToFirst()
            assertEquals(written.name, cursor.getString(cursor.getColumnIndexOrThrow(OpenableColumns.DISPLAY_NAME)))
            assertEquals(written.length(), cursor.getLong(cursor.getColumnIndexOrThrow(OpenableColumns.SIZE)))
        }
    }
}
