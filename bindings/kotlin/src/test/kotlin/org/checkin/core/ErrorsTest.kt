// Errors crossing the boundary both ways: core errors arrive as typed
// CheckinException subclasses with the core's message; errors thrown by
// Kotlin implementations (KeyStore, SyncListener) reach Rust and come back.
package org.checkin.core

import kotlinx.coroutines.runBlocking
import org.checkin.core.support.cameraJpeg
import org.checkin.core.support.memoryKeyStore
import org.checkin.core.support.openClient
import org.checkin.core.support.tempDir
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.util.UUID

class ErrorsTest : ServerFixture() {
    @Test
    fun `wrong and used enrollment codes get the one answer a guesser cannot tell apart`() = runBlocking<Unit> {
        openClient().use { client ->
            val wrong = assertThrows<CheckinException.EnrollmentCodeInvalid> { runBlocking { client.enroll(server.baseUrl, "WRONG-CODE") } }
            assertEquals("the enrollment code is not valid", wrong.message)
            assertFalse(client.isEnrolled())
        }
        val code = freshCode()
        openClient().use { it.enroll(server.baseUrl, code) }
        openClient().use { client ->
            // The server answers an unknown and a used code alike (docs/protocol.md).
            val used = assertThrows<CheckinException.EnrollmentCodeInvalid> { runBlocking { client.enroll(server.baseUrl, code) } }
            assertEquals("the enrollment code is not valid", used.message)
            assertFalse(client.isEnrolled())
        }
        openClient().use { client ->
            assertThrows<CheckinException.Network> { runBlocking { client.enroll("http://127.0.0.1:9", freshCode()) } }
        }
        Unit
    }

    @Test
    fun `check-in misuse is a typed error, never a crash`() = runBlocking<Unit> {
        openClient().use { client ->
            assertThrows<CheckinException.NotEnrolled> { client.startCheckin(null) }
            client.enroll(server.baseUrl, freshCode())
            assertThrows<CheckinException.AlreadyEnrolled> { runBlocking { client.enroll(server.baseUrl, "ANY") } }
            assertThrows<CheckinException.InvalidInput> { client.discardCheckin("not-an-id") }
            assertThrows<CheckinException.CheckinNotFound> { runBlocking { client.submit(UUID.randomUUID().toString()) } }

            val checkinId = client.startCheckin(null)
            assertThrows<CheckinException.MissingEvidence> { runBlocking { client.submit(checkinId) } }
            val garbage = ByteArray(4096) { (it * 31).toByte() }
            val media = assertThrows<CheckinException.InvalidMedia> { runBlocking { client.attachPhoto(checkinId, garbage) } }
            assertTrue(media.message!!.isNotBlank())
            assertThrows<CheckinException.InvalidMedia> { runBlocking { client.attachPhoto(checkinId, ByteArray(0)) } }
            assertThrows<CheckinException.InvalidInput> { runBlocking { client.attachPhotoFile(checkinId, "/nonexistent/photo.jpg") } }
            client.discardCheckin(checkinId)
            assertThrows<CheckinException.CheckinNotFound> { runBlocking { client.attachPhoto(checkinId, cameraJpeg()) } }
        }
    }

    @Test
    fun `a KeyStore's declared error crosses into Rust and back with its reason`() {
        val locked = object : KeyStore {
            override fun wrap(key: ByteArray): ByteArray = throw KeyAccessException.Unavailable("device locked")
            override fun unwrap(wrapped: ByteArray): ByteArray = throw KeyAccessException.Unavailable("device locked")
        }
        val error = assertThrows<CheckinException.KeyStore> { openClient(tempDir(), locked) }
        assertTrue(error.message!!.contains("device locked"), error.message)
    }

    @Test
    fun `a KeyStore's undeclared exception arrives as a key store error, not a crash`() {
        val broken = object : KeyStore {
            override fun wrap(key: ByteArray): ByteArray = throw IllegalStateException("boom")
            override fun unwrap(wrapped: ByteArray): ByteArray = throw IllegalStateException("boom")
        }
        val error = assertThrows<CheckinException.KeyStore> { openClient(tempDir(), broken) }
        assertTrue(error.message!!.contains("unexpected key store failure"), error.message)
    }

    @Test
    fun `a wrong platform key is told apart from a missing one`() {
        val dir = tempDir()
        openClient(dir, memoryKeyStore()).close()
        val missing = object : KeyStore by memoryKeyStore() {
            override fun unwrap(wrapped: ByteArray): ByteArray = throw KeyAccessException.KeyMissing()
        }
        val error = assertThrows<CheckinException.KeyStore> { openClient(dir, missing) }
        assertTrue(error.message!!.contains("missing"), error.message)
    }

    @Test
    fun `after a lost platform key, the check-ins still waiting are kept for the next enrollment`() = runBlocking<Unit> {
        val dir = tempDir()
        val checkinId = openClient(dir, memoryKeyStore()).use { client ->
            client.enroll(server.baseUrl, freshCode())
            val id = client.startCheckin(null)
            client.attachPhoto(id, cameraJpeg())
            client.submit(id).checkinId
        }
        val newKey = memoryKeyStore()
        assertThrows<CheckinException.KeyStore> { openClient(dir, newKey) }
        val config = ClientConfig(dataDir = dir.path, locale = "es", platform = "desktop")
        CheckinClient.openAfterKeyLoss(config, newKey).use { client ->
            assertFalse(client.isEnrolled())
            val kept = client.outbox().single()
            assertEquals(checkinId, kept.checkinId)
            assertTrue(kept.recovered)
            assertEquals(OutboxState.QUEUED, kept.state)
            val lost = client.ledger().first().event
            assertTrue(lost is LedgerEvent.StorageKeyLost && lost.recovered == listOf(checkinId), "$lost")
        }
        // From now on it opens with the new key like any store.
        openClient(dir, newKey).use { assertEquals(1, it.outbox().size) }
    }

    @Test
    fun `a listener that throws does not stop the delivery`() = runBlocking<Unit> {
        openClient().use { client ->
            client.enroll(server.baseUrl, freshCode())
            val checkinId = client.startCheckin(null)
            client.attachPhoto(checkinId, cameraJpeg())
            client.submit(checkinId)
            val throwing = object : SyncListener {
                override fun onProgress(progress: SyncProgress) = throw IllegalStateException("UI gone")
            }
            val report = client.sync(30u, throwing, null)
            assertEquals(1u, report.delivered)
        }
    }
}
