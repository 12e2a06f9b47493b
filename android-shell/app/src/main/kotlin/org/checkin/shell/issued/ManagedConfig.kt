// The program's managed configuration on an issued phone: server URL,
// enrollment code, TLS pins, language, kiosk on/off. Declared in
// res/xml/app_restrictions.xml (the keys below must match it), set by the
// program's device management or, when this app is the device owner, copied
// from the provisioning QR code's admin extras (IssuedDeviceAdmin), and
// read through RestrictionsManager either way.
//
// Its fields are those of the core's `ManagedConfig`
// (core/src/screens/model.rs); the screens part passes it as
// `ShellContext.managed`.
package org.checkin.shell.issued

import android.content.Context
import android.content.RestrictionsManager
import android.os.Bundle
import org.checkin.shell.platform.systemService

data class ManagedConfiguration(
    val serverUrl: String? = null,
    val enrollmentCode: String? = null,
    /** Base64 SHA-256 pins of the server's TLS keys. */
    val tlsPins: List<String> = emptyList(),
    val language: String? = null,
    /** The phone runs only this app (lock task). */
    val kiosk: Boolean = false,
) {
    /** Nothing was configured: a participant's own phone. */
    val isEmpty: Boolean get() = this == ManagedConfiguration()

    companion object {
        const val KEY_SERVER_URL = "server_url"
        const val KEY_ENROLLMENT_CODE = "enrollment_code"
        const val KEY_TLS_PINS = "tls_pins"
        const val KEY_LANGUAGE = "language"
        const val KEY_KIOSK = "kiosk"

        /** Reads a restrictions bundle; blank strings count as absent, pins split on commas and white space. */
        fun from(bundle: Bundle?): ManagedConfiguration {
            if (bundle == null) return ManagedConfiguration()
            fun text(key: String) = bundle.getString(key)?.trim()?.takeIf { it.isNotEmpty() }
            return ManagedConfiguration(
                serverUrl = text(KEY_SERVER_URL),
                enrollmentCode = text(KEY_ENROLLMENT_CODE),
                tlsPins = text(KEY_TLS_PINS)?.split(',', ' ', '\n', '\t')?.map { it.trim() }?.filter { it.isNotEmpty() }.orEmpty(),
                language = text(KEY_LANGUAGE),
                kiosk = bundle.getBoolean(KEY_KIOSK, false),
            )
        }
    }
}

interface ManagedConfigSource {
    fun read(): ManagedConfiguration
}

class RestrictionsManagerConfigSource(private val context: Context) : ManagedConfigSource {
    override fun read(): ManagedConfiguration =
        ManagedConfiguration.from(context.systemService<RestrictionsManager>().applicationRestrictions)
}
