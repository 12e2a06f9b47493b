// The core's storage key, wrapped by a key the phone's secure hardware keeps.
//
// The core asks its `KeyStore` (the uniffi foreign trait) to wrap the storage
// key once, when a store is created, and to unwrap it each time a client
// opens. Here that is AES-256-GCM under an Android Keystore key that never
// leaves the TEE or StrongBox and cannot be exported.
//
// Guarantees:
// - a missing key, or one the OS invalidated (lock screen removed, data
//   restored to a new phone), is `KeyMissing`, never a crash or a new key
//   silently created for old data: the core can then recover (invariant 7);
// - bytes this key did not wrap are `WrongKey`;
// - the key needs no user authentication and works while the phone is locked:
//   reminders and background delivery run from a locked phone in a pocket,
//   and a missed check-in can mean arrest. `setUnlockedDeviceRequired` would
//   keep the key from code running while the phone is locked, at the price of
//   every background sync after the first lock; the key is not exportable
//   either way, so we leave it off (README, "Keys").
//
// The key source is injected: JVM tests run with a software key (Robolectric
// has no AndroidKeyStore).
package org.checkin.shell.platform

import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import org.checkin.core.KeyAccessException
import org.checkin.core.KeyStore
import java.nio.ByteBuffer
import java.security.GeneralSecurityException
import java.security.UnrecoverableKeyException
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/** Where the wrapping key lives. */
interface WrappingKeySource {
    /** The key, or null when there is none (never made, or lost with the key store). */
    fun existing(): SecretKey?

    /** Makes the key; called only when [existing] is null. */
    fun create(): SecretKey
}

/** An AES-256-GCM key in the Android Keystore: StrongBox when the phone has one, else the TEE. */
class AndroidKeystoreKeySource(
    private val context: Context,
    private val alias: String = KEY_ALIAS,
) : WrappingKeySource {
    private val keyStore by lazy { java.security.KeyStore.getInstance(PROVIDER).apply { load(null) } }

    override fun existing(): SecretKey? = try {
        keyStore.getKey(alias, null) as? SecretKey
    } catch (e: UnrecoverableKeyException) {
        // A key whose secure-hardware blob is gone reads as unrecoverable.
        null
    }

    override fun create(): SecretKey {
        val strongBox = Build.VERSION.SDK_INT >= 28 &&
            context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)
        if (strongBox) {
            try {
                return generate(strongBox = true)
            } catch (e: StrongBoxUnavailableException) {
                // Declared but not usable for this key: the TEE it is.
            }
        }
        return generate(strongBox = false)
    }

    private fun generate(strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setKeySize(256)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setUserAuthenticationRequired(false)
        if (Build.VERSION.SDK_INT >= 28) {
            spec.setIsStrongBoxBacked(strongBox)
            spec.setUnlockedDeviceRequired(false)
        }
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER)
            .apply { init(spec.build()) }
            .generateKey()
    }

    companion object {
        const val PROVIDER = "AndroidKeyStore"
        const val KEY_ALIAS = "checkin-storage-wrap-v1"
    }
}

/**
 * The core's [KeyStore] over a [WrappingKeySource]. Wrapped bytes are
 * `version (1) | nonce (12) | ciphertext and tag`; the nonce comes from the
 * cipher (the Android Keystore refuses caller-chosen nonces for encryption).
 */
class PlatformKeyStore(private val source: WrappingKeySource) : KeyStore {
    override fun wrap(key: ByteArray): ByteArray = guarded {
        val wrappingKey = source.existing() ?: source.create()
        val cipher = Cipher.getInstance(TRANSFORMATION).apply { init(Cipher.ENCRYPT_MODE, wrappingKey) }
        val sealed = cipher.doFinal(key)
        val nonce = cipher.iv
        if (nonce.size != NONCE_BYTES) throw KeyAccessException.Unavailable("unexpected nonce length")
        ByteBuffer.allocate(1 + NONCE_BYTES + sealed.size).put(FORMAT).put(nonce).put(sealed).array()
    }

    override fun unwrap(wrapped: ByteArray): ByteArray = guarded {
        if (wrapped.size < 1 + NONCE_BYTES + TAG_BYTES || wrapped[0] != FORMAT) throw KeyAccessException.WrongKey()
        val wrappingKey = source.existing() ?: throw KeyAccessException.KeyMissing()
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, wrappingKey, GCMParameterSpec(TAG_BYTES * 8, wrapped, 1, NONCE_BYTES))
        cipher.doFinal(wrapped, 1 + NONCE_BYTES, wrapped.size - 1 - NONCE_BYTES)
    }

    /** The one place platform failures become the trait's typed errors (no key material in messages). */
    private inline fun guarded(block: () -> ByteArray): ByteArray = try {
        block()
    } catch (e: KeyAccessException) {
        throw e
    } catch (e: KeyPermanentlyInvalidatedException) {
        throw KeyAccessException.KeyMissing()
    } catch (e: AEADBadTagException) {
        throw KeyAccessException.WrongKey()
    } catch (e: GeneralSecurityException) {
        throw KeyAccessException.Unavailable(e.javaClass.simpleName)
    } catch (e: RuntimeException) {
        // The keystore daemon can fail with ProviderException and friends.
        throw KeyAccessException.Unavailable(e.javaClass.simpleName)
    }

    private companion object {
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val FORMAT: Byte = 1
        const val NONCE_BYTES = 12
        const val TAG_BYTES = 16
    }
}
