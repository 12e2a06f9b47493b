// The whole check-in through the shell: enrollment against the reference
// server, a photo from the camera seam (JPEG frames injected where Camera2
// would give them) and a voice recording from the microphone seam (samples
// injected where AudioRecord would give them), submitted, synced by the
// SyncRunner and delivered with a receipt the core verified.
package org.checkin.shell.app

import kotlinx.coroutines.runBlocking
import org.checkin.core.LedgerEvent
import org.checkin.core.OutboxState
import org.checkin.core.PartKind
import org.checkin.shell.background.SyncOutcome
import org.checkin.shell.platform.CaptureOutcome
import org.checkin.shell.platform.Facing
import org.checkin.shell.support.FramesCamera
import org.checkin.shell.support.Media
import org.checkin.shell.support.SamplesMicrophone
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test

class CheckinCycleTest : ShellFixture() {
    @Test
    fun `enroll, take a photo and a recording through the capture seams, submit, deliver with a receipt`() = runBlocking<Unit> {
        val camera = FramesCamera(listOf(Media.portraitJpeg()))
        val microphone = SamplesMicrophone(Media.speechSamples())
        val shell = installShell(camera = { camera }, microphone = { microphone })
        val server = server()
        val client = shell.client()
        client.enroll(server.baseUrl, server.codes[0])
        assertTrue(client.isEnrolled())

        val checkinId = client.startCheckin(null)
        val photo = shell.photoCapture()
        assertEquals(CaptureOutcome.Captured(Unit), photo.start(null, client.policy().photoLongEdgePx.toInt(), 0))
        assertEquals(Triple(Facing.FRONT, 1024, 0), camera.opened)
        val jpeg = (photo.take() as CaptureOutcome.Captured).value
        assertTrue("the camera is released after the photo", camera.closed >= 1)
        val photoQuality = client.attachPhoto(checkinId, jpeg)
        assertFalse("photo issues: ${photoQuality.issues}", photoQuality.blocking)

        val levels = mutableListOf<Float>()
        val recording = shell.voiceRecorder().record(maxSeconds = 30) { levels += it.rmsDbfs }
        val wav = (recording as CaptureOutcome.Captured).value
        assertEquals(1, microphone.stopped)
        assertTrue("a level per block", levels.size >= 10 * 20)
        val voiceQuality = client.attachVoice(checkinId, wav)
        assertFalse("voice issues: ${voiceQuality.issues}", voiceQuality.blocking)
        assertTrue("speech found: ${voiceQuality.speechMs} ms", voiceQuality.speechMs > 1000u)

        val summary = client.submit(checkinId)
        assertEquals(listOf(PartKind.RECORD, PartKind.PHOTO, PartKind.VOICE), summary.parts.map { it.kind })

        val outcome = shell.sync.syncNow()
        assertEquals(1u, (outcome as SyncOutcome.Synced).report.delivered)
        val delivered = client.outbox().single()
        assertEquals(OutboxState.DELIVERED, delivered.state)
        val receipt = delivered.receipt ?: error("delivered without a receipt")
        assertEquals(summary.envelopeSha256Hex, receipt.envelopeSha256Hex)
        val ledgerReceipt = client.ledger().map { it.event }.filterIsInstance<LedgerEvent.CheckinDelivered>().single().receipt
        assertEquals(receipt, ledgerReceipt)
    }

    @Test
    fun `a sync before enrollment says so and still leaves the next one scheduled`() = runBlocking<Unit> {
        val shell = installShell()
        assertEquals(SyncOutcome.NotEnrolled, shell.sync.syncNow())
    }
}
