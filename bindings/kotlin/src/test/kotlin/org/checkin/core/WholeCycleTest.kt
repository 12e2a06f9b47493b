// The whole check-in cycle from Kotlin against the reference server:
// enroll → plan and policy → check-in with a photo → submit → sync with
// progress → receipt → ledger.
package org.checkin.core

import kotlinx.coroutines.runBlocking
import org.checkin.core.support.cameraJpeg
import org.checkin.core.support.memoryKeyStore
import org.checkin.core.support.newAesKey
import org.checkin.core.support.openClient
import org.checkin.core.support.tempDir
import org.checkin.embedding.checkInOnce
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.util.concurrent.CopyOnWriteArrayList

class WholeCycleTest : ServerFixture() {
    @Test
    fun `enroll, check in with a photo, sync with progress, receipt and ledger`() = runBlocking<Unit> {
        openClient().use { client ->
            assertFalse(client.isEnrolled())
            val enrollment = client.enroll(server.baseUrl, freshCode())
            assertTrue(client.isEnrolled())
            assertTrue(enrollment.programName.isNotBlank())
            val policy = client.policy()
            assertEquals(enrollment.policyVersion, policy.version)
            assertEquals(Requirement.REQUIRED, policy.photo)
            assertNotNull(client.planJson())

            val checkinId = client.startCheckin(windowId = null)
            val quality = client.attachPhoto(checkinId, cameraJpeg())
            assertFalse(quality.blocking, "quality issues: ${quality.issues}")
            val summary = client.submit(checkinId)
            assertEquals(checkinId, summary.checkinId)
            assertEquals(listOf(PartKind.RECORD, PartKind.PHOTO), summary.parts.map { it.kind })
            assertTrue(summary.envelopeSize > 0uL)
            assertEquals(OutboxState.QUEUED, client.outbox().single().state)

            val seen = CopyOnWriteArrayList<SyncProgress>()
            val listener = object : SyncListener {
                override fun onProgress(progress: SyncProgress) { seen.add(progress) }
            }
            val report = client.sync(30u, listener, null)
            assertEquals(1u, report.delivered)
            assertEquals(0u, report.remaining)
            assertTrue(seen.isNotEmpty(), "no progress reported")
            assertEquals(0u, seen.last().remaining)
            assertTrue(seen.last().bytesSent >= summary.envelopeSize, "bytes sent ${seen.last().bytesSent}")

            val delivered = client.outbox().single()
            assertEquals(OutboxState.DELIVERED, delivered.state)
            val receipt = delivered.receipt ?: error("delivered without a receipt")
            assertEquals(summary.checkinId, receipt.checkinId)
            assertEquals(summary.envelopeSha256Hex, receipt.envelopeSha256Hex)
            assertEquals(summary.capturedAt, receipt.capturedAt)

            val ledger = client.ledger()
            assertEquals((1..ledger.size).map { it.toULong() }, ledger.map { it.seq })
            val events = ledger.map { it.event }
            assertTrue(events.first() is LedgerEvent.Enrolled, "first event ${events.first()}")
            assertEquals(summary, events.filterIsInstance<LedgerEvent.CheckinSubmitted>().single().summary)
            assertEquals(receipt, events.filterIsInstance<LedgerEvent.CheckinDelivered>().single().receipt)
        }
    }

    @Test
    fun `a photo passed as a file path is processed like the same bytes`() = runBlocking<Unit> {
        val jpeg = cameraJpeg(seed = 7)
        val file = File.createTempFile("camera", ".jpg").apply { writeBytes(jpeg); deleteOnExit() }
        openClient().use { client ->
            client.enroll(server.baseUrl, freshCode())
            val fromBytes = client.attachPhoto(client.startCheckin(null), jpeg)
            val fromPath = client.attachPhotoFile(client.startCheckin(null), file.path)
            assertEquals(fromBytes, fromPath)
        }
    }

    @Test
    fun `the store reopens with the same platform key and refuses another`() = runBlocking<Unit> {
        val dir = tempDir()
        val key = newAesKey()
        openClient(dir, memoryKeyStore(key)).use { it.enroll(server.baseUrl, freshCode()) }
        openClient(dir, memoryKeyStore(key)).use { assertTrue(it.isEnrolled()) }
        assertThrows<CheckinException.KeyStore> { openClient(dir, memoryKeyStore(newAesKey())) }
        Unit
    }

    @Test
    fun `the README embedding snippet runs a whole check-in`() = runBlocking<Unit> {
        val photo = File.createTempFile("camera", ".jpg").apply { writeBytes(cameraJpeg(seed = 3)); deleteOnExit() }
        val receipt = checkInOnce(tempDir(), memoryKeyStore(), server.baseUrl, freshCode(), photo)
        assertNotNull(receipt)
        assertTrue(receipt!!.signatureB64.isNotEmpty())
    }
}
