// Phase-1 tests of the sample facade: each uniffi feature the real facade
// relies on, exercised from Kotlin against the host library.
package org.checkin.core

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.supervisorScope
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.util.concurrent.CopyOnWriteArrayList
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/** An AES-GCM key store in memory, shaped like an Android Keystore one. */
class MemoryKeyStore : KeyStore {
    private val key: SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    var calls = 0

    override fun wrap(plaintext: ByteArray): ByteArray {
        calls++
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, key)
        return cipher.iv + cipher.doFinal(plaintext)
    }

    override fun unwrap(wrapped: ByteArray): ByteArray {
        calls++
        if (wrapped.size < 12 + 16) throw KeyAccessException.KeyInvalidated()
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(128, wrapped, 0, 12))
        return cipher.doFinal(wrapped, 12, wrapped.size - 12)
    }
}

class SampleFacadeTest {
    @Test
    fun `object, record and enum cross the boundary`() {
        val keyStore = MemoryKeyStore()
        SampleVault(keyStore).use { vault ->
            assertTrue(vault.isEmpty())
            val item = vault.put(SampleKind.PHOTO, byteArrayOf(1, 2, 3))
            assertEquals(SampleItem(0u, SampleKind.PHOTO, 3uL, (12 + 3 + 16).toULong()), item)
            assertArrayEquals(byteArrayOf(1, 2, 3), vault.get(0u))
            assertEquals(1u, vault.len())
            assertEquals(2, keyStore.calls)
        }
        assertFalse(coreVersion().isEmpty())
    }

    @Test
    fun `a Rust error arrives as a typed exception with its message`() {
        SampleVault(MemoryKeyStore()).use { vault ->
            val empty = assertThrows<CheckinException.InvalidInput> { vault.put(SampleKind.RECORDING, ByteArray(0)) }
            assertTrue(empty.message!!.contains("1 to 8388608 bytes"), empty.message)
            assertThrows<CheckinException.InvalidInput> { vault.get(7u) }
        }
    }

    @Test
    fun `a Kotlin key store error crosses into Rust and back`() {
        val failing = object : KeyStore {
            override fun wrap(plaintext: ByteArray): ByteArray =
                throw KeyAccessException.Unavailable("device locked")
            override fun unwrap(wrapped: ByteArray): ByteArray =
                throw IllegalStateException("boom")
        }
        SampleVault(failing).use { vault ->
            val declared = assertThrows<CheckinException.KeyStore> { vault.put(SampleKind.PHOTO, byteArrayOf(1)) }
            assertTrue(declared.message!!.contains("key store unavailable: device locked"), declared.message)
        }
        // An undeclared exception becomes KeyAccessError::Unexpected in Rust.
        val keyStore = MemoryKeyStore()
        SampleVault(keyStore).use { vault ->
            vault.put(SampleKind.PHOTO, byteArrayOf(9))
        }
        val halfBroken = object : KeyStore by keyStore {
            override fun unwrap(wrapped: ByteArray): ByteArray = throw IllegalStateException("boom")
        }
        SampleVault(halfBroken).use { vault ->
            vault.put(SampleKind.PHOTO, byteArrayOf(9))
            val unexpected = assertThrows<CheckinException.KeyStore> { vault.get(0u) }
            assertTrue(unexpected.message!!.contains("unexpected key store failure"), unexpected.message)
        }
    }

    @Test
    fun `bytes and a file path give the same item`() {
        val file = File.createTempFile("photo", ".jpg").apply { writeBytes(ByteArray(1000) { it.toByte() }); deleteOnExit() }
        SampleVault(MemoryKeyStore()).use { vault ->
            val fromPath = vault.putFile(SampleKind.PHOTO, file.path)
            val fromBytes = vault.put(SampleKind.PHOTO, file.readBytes())
            assertEquals(fromBytes.plainLen, fromPath.plainLen)
            assertArrayEquals(vault.get(0u), vault.get(1u))
            assertThrows<CheckinException.InvalidInput> { vault.putFile(SampleKind.PHOTO, "/nonexistent/x.jpg") }
        }
    }

    @Test
    fun `async work runs on the Rust runtime and reports progress`() = runBlocking {
        assertEquals(5uL, addLater(2uL, 3uL, 10u))
        assertThrows<CheckinException.InvalidInput> { runBlocking { addLater(ULong.MAX_VALUE, 1uL, 0u) } }
        val seen = CopyOnWriteArrayList<Pair<UInt, UInt>>()
        val listener = object : ProgressListener {
            override fun onProgress(done: UInt, total: UInt) { seen.add(done to total) }
        }
        SampleVault(MemoryKeyStore()).use { vault ->
            Cancellation().use { cancellation ->
                assertEquals(4u, vault.count(4u, 5u, listener, cancellation))
            }
        }
        assertEquals(listOf(1u to 4u, 2u to 4u, 3u to 4u, 4u to 4u), seen.toList())
    }

    @Test
    fun `a Cancellation stops a running operation`() = runBlocking<Unit> {
        val seen = CopyOnWriteArrayList<UInt>()
        val listener = object : ProgressListener {
            override fun onProgress(done: UInt, total: UInt) { seen.add(done) }
        }
        SampleVault(MemoryKeyStore()).use { vault ->
            Cancellation().use { cancellation ->
                supervisorScope {
                    val running = async { vault.count(1000u, 10u, listener, cancellation) }
                    while (seen.size < 2) delay(5)
                    cancellation.cancel()
                    assertTrue(cancellation.isCancelled())
                    val error = runCatching { running.await() }.exceptionOrNull()
                    assertTrue(error is CheckinException.Cancelled, "got $error")
                }
            }
        }
        assertTrue(seen.size < 100, "stopped after ${seen.size} steps")
    }

    @Test
    fun `cancelling the coroutine drops the Rust work`() = runBlocking {
        val seen = CopyOnWriteArrayList<UInt>()
        val listener = object : ProgressListener {
            override fun onProgress(done: UInt, total: UInt) { seen.add(done) }
        }
        SampleVault(MemoryKeyStore()).use { vault ->
            Cancellation().use { cancellation ->
                assertThrows<CancellationException> {
                    runBlocking { withTimeout(100) { vault.count(1000u, 10u, listener, cancellation) } }
                }
                val atCancel = seen.size
                delay(200)
                assertTrue(seen.size <= atCancel + 1, "work went on after cancel: $atCancel -> ${seen.size}")
            }
        }
    }
}
