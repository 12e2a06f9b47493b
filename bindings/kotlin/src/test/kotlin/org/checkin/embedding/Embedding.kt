// Copy of the Kotlin snippet in bindings/README.md ("Embedding"), compiled
// and run by the test suite (EmbeddingTest). Keep the two identical.
package org.checkin.embedding

import org.checkin.core.CheckinClient
import org.checkin.core.ClientConfig
import org.checkin.core.KeyAccessException
import org.checkin.core.KeyStore
import org.checkin.core.Receipt
import org.checkin.core.SyncListener
import org.checkin.core.SyncProgress
import java.io.File
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * Wraps the core's storage key with an AES key the platform keeps. On
 * Android, `platformKey` returns a key from the "AndroidKeyStore" provider
 * (KeyGenParameterSpec with PURPOSE_ENCRYPT or PURPOSE_DECRYPT, GCM, no padding).
 */
class AesKeyStore(private val platformKey: () -> SecretKey) : KeyStore {
    override fun wrap(key: ByteArray): ByteArray {
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, platformKey())
        return cipher.iv + cipher.doFinal(key)
    }

    override fun unwrap(wrapped: ByteArray): ByteArray {
        if (wrapped.size < 12 + 16) throw KeyAccessException.WrongKey()
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, platformKey(), GCMParameterSpec(128, wrapped, 0, 12))
        return try {
            cipher.doFinal(wrapped, 12, wrapped.size - 12)
        } catch (e: AEADBadTagException) {
            throw KeyAccessException.WrongKey()
        }
    }
}

/** One check-in from enrollment to the program's receipt. Call it off the main thread's dispatcher. */
suspend fun checkInOnce(dataDir: File, keyStore: KeyStore, serverUrl: String, code: String, photo: File): Receipt? =
    CheckinClient.open(ClientConfig(dataDir.path, locale = "es", platform = "android"), keyStore).use { client ->
        if (!client.isEnrolled()) client.enroll(serverUrl, code)
        val checkinId = client.startCheckin(windowId = null)
        val quality = client.attachPhotoFile(checkinId, photo.path)
        if (quality.blocking) {
            client.discardCheckin(checkinId) // show quality.issues to the participant and retake
            return null
        }
        val summary = client.submit(checkinId) // sealed and queued: never lost from here
        client.sync(
            maxSeconds = 25u,
            listener = object : SyncListener {
                override fun onProgress(progress: SyncProgress) {
                    println("sent ${progress.sent}, ${progress.remaining} to go")
                }
            },
            cancellation = null,
        )
        client.outbox().first { it.checkinId == summary.checkinId }.receipt
    }
