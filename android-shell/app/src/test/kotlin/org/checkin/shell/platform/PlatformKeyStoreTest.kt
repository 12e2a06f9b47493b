// The Keystore-backed key store with an injected software key: wrap/unwrap
// round trip, KeyMissing for a lost or invalidated key, WrongKey for bytes
// it did not wrap, and the core's own reaction to a lost key.
package org.checkin.shell.platform

import android.security.keystore.KeyPermanentlyInvalidatedException
import org.checkin.core.CheckinException
import org.checkin.core.KeyAccessException
import org.checkin.shell.support.ShellFixture
import org.checkin.shell.support.SoftwareKeySource
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Test
import javax.crypto.SecretKey

class PlatformKeyStoreTest : ShellFixture() {
    private val storageKey = ByteArray(32) { (it * 7 + 3).toByte() }

    @Test
    fun `wrap then unwrap gives the key back and the key is made once`() {
        val source = SoftwareKeySource()
        val store = PlatformKeyStore(source)
        val wrapped = store.wrap(storageKey)
        assertEquals(1 + 12 + 32 + 16, wrapped.size)
        assertFalse("the key is not in the clear", wrapped.toList().windowed(32).any { it == storageKey.toList() })
        assertArrayEquals(storageKey, store.unwrap(wrapped))
        assertArrayEquals(storageKey, PlatformKeyStore(source).unwrap(store.wrap(storageKey)))
        assertEquals(1, source.created)
    }

    @Test
    fun `a lost key is KeyMissing, a stranger's bytes are WrongKey`() {
        val source = SoftwareKeySource()
        val wrapped = PlatformKeyStore(source).wrap(storageKey)
        val other = PlatformKeyStore(SoftwareKeySource()).also { it.wrap(storageKey) }
        assertThrows(KeyAccessException.WrongKey::class.java) { other.unwrap(wrapped) }
        val tampered = wrapped.copyOf().also { it[20] = (it[20] + 1).toByte() }
        assertThrows(KeyAccessException.WrongKey::class.java) { PlatformKeyStore(source).unwrap(tampered) }
        assertThrows(KeyAccessException.WrongKey::class.java) { PlatformKeyStore(source).unwrap(ByteArray(5)) }
        source.lose()
        assertThrows(KeyAccessException.KeyMissing::class.java) { PlatformKeyStore(source).unwrap(wrapped) }
    }

    @Test
    fun `a key the OS invalidated is KeyMissing`() {
        val real = SoftwareKeySource()
        val wrapped = PlatformKeyStore(real).wrap(storageKey)
        val invalidated = object : WrappingKeySource {
            override fun existing(): SecretKey = throw KeyPermanentlyInvalidatedException()
            override fun create(): SecretKey = error("not asked")
        }
        assertThrows(KeyAccessException.KeyMissing::class.java) { PlatformKeyStore(invalidated).unwrap(wrapped) }
    }

    @Test
    fun `the core opens its store through it, and a lost key is the core's typed KeyStore error`() {
        val shell = installShell()
        assertFalse(shell.client().isEnrolled())
        shell.close()
        keys.lose()
        val reopened = installShell()
        val error = assertThrows(CheckinException.KeyStore::class.java) { reopened.client() }
        assertTrue(error.message, error.message!!.contains("missing"))
    }
}
