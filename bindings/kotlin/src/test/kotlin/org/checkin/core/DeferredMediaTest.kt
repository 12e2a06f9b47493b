// Deferred media from Kotlin against the reference server, under a policy
// that lets every photo and voice recording wait for an unmetered network
// (media.defer_on_metered_above_bytes = 0, given at enrollment): on a metered
// network the check-in record is delivered at once and its media waits,
// sealed; once unmetered the media follows with its own receipt.
package org.checkin.core

import kotlinx.coroutines.runBlocking
import org.checkin.core.support.ReferenceServer
import org.checkin.core.support.cameraJpeg
import org.checkin.core.support.openClient
import org.checkin.embedding.onNetworkChanged
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/** The demo's evidence without location, with every photo and recording deferred on metered networks. */
const val DEFER_ALL_MEDIA_POLICY =
    """{"version": 3, "evidence": {"photo": "required", "voice": "optional", "location": "none"},
        "media": {"defer_on_metered_above_bytes": 0}}"""

/** A short spoken phrase (fixtures/media, 8 kHz unsigned 8-bit WAV). */
fun speechWav(): File = File(
    System.getProperty("checkin.media.dir") ?: error("set -Dcheckin.media.dir to fixtures/media"),
    "speech_8k_u8.wav",
)

class DeferredMediaTest {
    @Test
    fun `on a metered network the record goes at once and the photo and voice once unmetered`() = runBlocking<Unit> {
        ReferenceServer.start(codes = 1, policyJson = DEFER_ALL_MEDIA_POLICY).use { server ->
            openClient().use { client ->
                client.enroll(server.baseUrl, server.codes[0])
                assertEquals(0uL, client.policy().mediaDeferOnMeteredAboveBytes)
                // A policy given at enrollment needs no new consent before capture.
                client.setConnectivity(Connectivity.METERED)

                val checkinId = client.startCheckin(null)
                val photo = client.attachPhoto(checkinId, cameraJpeg())
                assertFalse(photo.blocking, "photo issues: ${photo.issues}")
                val voice = client.attachVoiceFile(checkinId, speechWav().path)
                assertFalse(voice.blocking, "voice issues: ${voice.issues}")
                val summary = client.submit(checkinId)
                assertEquals(
                    listOf(PartKind.RECORD to false, PartKind.PHOTO to true, PartKind.VOICE to true),
                    summary.parts.map { it.kind to it.deferred },
                )
                val mediaDigest = summary.mediaEnvelopeSha256Hex ?: error("no media envelope")
                assertNotEquals(summary.envelopeSha256Hex, mediaDigest)
                val mediaSize = summary.mediaEnvelopeSize ?: error("no media envelope size")
                val deferredBytes = summary.parts.filter { it.deferred }.sumOf { it.size }
                assertTrue(mediaSize > deferredBytes, "media envelope $mediaSize for $deferredBytes bytes of media")
                assertTrue(summary.envelopeSize < mediaSize, "record envelope ${summary.envelopeSize}")
                val queued = client.mediaOutbox().single()
                assertEquals(checkinId, queued.checkinId)
                assertEquals(OutboxState.QUEUED, queued.state)

                // Metered: the record is delivered with its receipt; the media waits.
                val metered = client.sync(30u, null, null)
                assertEquals(1u, metered.delivered, "$metered")
                assertEquals(0u, metered.remaining, "$metered")
                assertEquals(0u, metered.mediaDelivered, "$metered")
                assertEquals(1u, metered.mediaWaiting, "$metered")
                assertEquals(0u, metered.mediaWedged, "$metered")
                assertTrue(metered.serverWaitMs > 0uL, "$metered")
                assertNull(metered.nextRetryAt, "a metered sync wakes nobody for media it may not send")
                assertEquals(RetentionReport(0u, 0u, 0u), metered.retention)
                val record = client.outbox().single()
                assertEquals(OutboxState.DELIVERED, record.state)
                assertEquals(summary.envelopeSha256Hex, record.receipt?.envelopeSha256Hex)
                val waiting = client.mediaOutbox().single()
                assertEquals(OutboxState.QUEUED, waiting.state)
                assertNull(waiting.receipt)
                assertEquals(0u, waiting.attempts)

                // Unmetered: the media follows, with a media receipt for its envelope.
                client.setConnectivity(Connectivity.ONLINE)
                val online = client.sync(30u, null, null)
                assertEquals(0u, online.delivered, "$online")
                assertEquals(1u, online.mediaDelivered, "$online")
                assertEquals(0u, online.mediaWaiting, "$online")
                assertEquals(0u, online.mediaWedged, "$online")
                assertTrue(online.serverWaitMs > 0uL, "$online")
                val delivered = client.mediaOutbox().single()
                assertEquals(checkinId, delivered.checkinId)
                assertEquals(OutboxState.DELIVERED, delivered.state)
                val mediaReceipt = delivered.receipt ?: error("media delivered without a receipt")
                assertEquals(checkinId, mediaReceipt.checkinId)
                assertEquals(mediaDigest, mediaReceipt.envelopeSha256Hex)
                assertEquals(summary.capturedAt, mediaReceipt.capturedAt)
                assertNotEquals(record.receipt?.signatureB64, mediaReceipt.signatureB64)

                // The ledger holds the check-in as submitted (deferred parts
                // included) and both receipts.
                val events = client.ledger().map { it.event }
                assertTrue(LedgerEvent.CheckinSubmitted(summary) in events, "no submitted entry")
                assertTrue(LedgerEvent.MediaDelivered(checkinId, mediaReceipt) in events, "no media-delivered entry: $events")
                val text = client.ledgerSummary("en")
                assertTrue(text.contains("Waits for a network without data charges: photo, voice"), text)
                assertTrue(text.contains("Media of check-in $checkinId received"), text)
            }
        }
    }

    @Test
    fun `the README connectivity snippet sends the record on metered and the media when unmetered`() = runBlocking<Unit> {
        ReferenceServer.start(codes = 1, policyJson = DEFER_ALL_MEDIA_POLICY).use { server ->
            openClient().use { client ->
                client.enroll(server.baseUrl, server.codes[0])
                val checkinId = client.startCheckin(null)
                client.attachPhoto(checkinId, cameraJpeg(seed = 3))
                client.submit(checkinId)

                assertEquals(1u, onNetworkChanged(client, online = false, unmetered = false))
                assertEquals(Connectivity.OFFLINE, client.connectivity())
                assertEquals(OutboxState.QUEUED, client.outbox().single().state)
                assertEquals(1u, onNetworkChanged(client, online = true, unmetered = false))
                assertEquals(Connectivity.METERED, client.connectivity())
                assertEquals(OutboxState.DELIVERED, client.outbox().single().state)
                assertEquals(OutboxState.QUEUED, client.mediaOutbox().single().state)
                assertEquals(0u, onNetworkChanged(client, online = true, unmetered = true))
                assertEquals(Connectivity.ONLINE, client.connectivity())
                assertEquals(OutboxState.DELIVERED, client.mediaOutbox().single().state)
            }
        }
    }
}
