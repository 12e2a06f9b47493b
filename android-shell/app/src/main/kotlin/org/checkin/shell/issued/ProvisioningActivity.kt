// The two screens Android's provisioning asks a device-owner app for
// (Android 10+; required from 12 for QR-code provisioning): which mode
// (fully managed: the phone belongs to the program) and policy compliance
// (adopt the managed configuration, prepare lock task). Neither shows
// anything; each answers at once. Only the system may start them
// (BIND_DEVICE_ADMIN in the manifest).
package org.checkin.shell.issued

import android.app.Activity
import android.app.admin.DevicePolicyManager
import android.content.Intent
import android.os.Build
import android.os.Bundle
import android.os.PersistableBundle

class ProvisioningActivity : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        when (intent?.action) {
            DevicePolicyManager.ACTION_GET_PROVISIONING_MODE -> {
                val mode = Intent().putExtra(
                    DevicePolicyManager.EXTRA_PROVISIONING_MODE,
                    DevicePolicyManager.PROVISIONING_MODE_FULLY_MANAGED_DEVICE,
                )
                setResult(RESULT_OK, mode)
            }
            DevicePolicyManager.ACTION_ADMIN_POLICY_COMPLIANCE -> {
                val extras = if (Build.VERSION.SDK_INT >= 33) {
                    intent.getParcelableExtra(DevicePolicyManager.EXTRA_PROVISIONING_ADMIN_EXTRAS_BUNDLE, PersistableBundle::class.java)
                } else {
                    @Suppress("DEPRECATION")
                    intent.getParcelableExtra(DevicePolicyManager.EXTRA_PROVISIONING_ADMIN_EXTRAS_BUNDLE)
                }
                IssuedDeviceAdmin.adopt(this, extras)
                setResult(RESULT_OK)
            }
            else -> setResult(RESULT_CANCELED)
        }
        finish()
    }
}
