// The participant's first run through the core's screens, as they would
// tap it: enrollment typed in, the statement of what is collected (and the
// program's number dialled from it), home, a check-in with a photo and a
// recording (frames and samples injected at the capture boundary only),
// the review, and the submitted screen saying "received" with the
// program's signed receipt once the background sync has run. The core, the
// reference server and the Android services are real.
package org.checkin.shell.screens

import android.Manifest
import android.content.Intent
import org.checkin.core.OutboxState
import org.checkin.model.Block
import org.checkin.model.Route
import org.checkin.model.StepState
import org.checkin.model.Tone
import org.checkin.shell.app.HostActivity
import org.checkin.shell.platform.Facing
import org.checkin.shell.support.FramesCamera
import org.checkin.shell.support.Media
import org.checkin.shell.support.Programs
import org.checkin.shell.support.SamplesMicrophone
import org.checkin.shell.support.ScreenDriver
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric
import org.robolectric.Shadows.shadowOf

class FirstRunFlowTest : ShellFixture() {
    @Test
    fun `typed enrollment to a delivered check-in with its receipt, all through the screens`() {
        val camera = FramesCamera(listOf(Media.portraitJpeg()))
        val microphone = SamplesMicrophone(Media.speechSamples())
        val shell = installShell(camera = { camera }, microphone = { microphone })
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA, Manifest.permission.RECORD_AUDIO)
        val server = server(planJson = Programs.planOpenNow())
        val ui = ScreenDriver(Robolectric.buildActivity(HostActivity::class.java).setup())

        val enroll = ui.awaitRoute(Route.Enroll)
        assertFalse("enrollment shows nothing personal", ui.secure)
        assertEquals(enroll.title, ui.activity.title)
        ui.type("server_url", server.baseUrl)
        ui.type("code", server.codes[0])
        ui.tap("enroll.submit")

        ui.awaitRoute(Route.Consent)
        ui.tap("call-program")
        ui.awaitUi("the dialler") { shadowOf(ui.activity).peekNextStartedActivity()?.action == Intent.ACTION_DIAL }
        val dial = shadowOf(ui.activity).nextStartedActivity.data!!
        assertEquals("tel" to "+15550100", dial.scheme to dial.schemeSpecificPart)
        ui.tap("consent.accept")

        ui.awaitRoute(Route.Home)
        assertTrue("home shows personal data", ui.secure)
        ui.tap("home.start-checkin")
        val checkin = ui.awaitRoute("check-in") { it is Route.Checkin }
        assertTrue(checkin.blocks.any { it is Block.Capture })

        ui.tap("checkin.capture-photo")
        ui.awaitUi("the camera open") { ui.find("capture.shutter")?.isEnabled == true }
        assertEquals(Facing.FRONT, camera.opened?.first)
        ui.find("capture.shutter")!!.performClick()
        ui.awaitRoute("the photo taken") { it is Route.Checkin && steps(ui).first() == StepState.DONE }
        assertTrue("the camera is released", camera.closed >= 1)

        ui.tap("checkin.capture-voice")
        ui.awaitRoute("the recording made") { it is Route.Checkin && steps(ui).count { s -> s == StepState.DONE } == 2 }
        assertEquals("the microphone is released", 1, microphone.stopped)

        ui.tap("checkin.review")
        ui.awaitRoute("review") { it is Route.Review }
        ui.tap("review.submit")
        ui.awaitRoute("submitted") { it is Route.Submitted }

        // Sealed and saved; the background sync delivers it and the screen is asked for again.
        val client = shell.client()
        ui.awaitUi("delivered") { client.outbox().singleOrNull()?.state == OutboxState.DELIVERED }
        val receipt = client.outbox().single().receipt ?: throw AssertionError("delivered without a receipt")
        ui.awaitUi("the receipt on screen") { receipt.receiptKeyId in ui.texts() }
        val received = ui.screen.blocks.filterIsInstance<Block.Notice>().first()
        assertEquals(Tone.SUCCESS, received.tone)
        assertTrue(received.title, received.title.contains("received", ignoreCase = true))
        assertTrue("the notice is shown as the core wrote it", received.title in ui.texts() && received.body in ui.texts())
        assertTrue(ui.secure)
    }

    private fun steps(ui: ScreenDriver): List<StepState> =
        ui.screen.blocks.filterIsInstance<Block.Steps>().single().items.map { it.state }
}
