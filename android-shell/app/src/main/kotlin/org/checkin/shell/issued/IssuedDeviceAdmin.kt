// The device admin of an issued phone. Provisioned as device owner by the
// program's QR code (README, "Issued phones"): when provisioning completes,
// the managed configuration in the QR code's admin extras becomes this
// app's own restrictions (read back through RestrictionsManager like any
// device management's), lock task is prepared, and the app opens.
package org.checkin.shell.issued

import android.app.admin.DeviceAdminReceiver
import android.app.admin.DevicePolicyManager
import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.os.PersistableBundle
import org.checkin.shell.app.HostActivity
import org.checkin.shell.platform.systemService

class IssuedDeviceAdmin : DeviceAdminReceiver() {
    override fun onProfileProvisioningComplete(context: Context, intent: Intent) {
        val extras = if (android.os.Build.VERSION.SDK_INT >= 33) {
            intent.getParcelableExtra(DevicePolicyManager.EXTRA_PROVISIONING_ADMIN_EXTRAS_BUNDLE, PersistableBundle::class.java)
        } else {
            @Suppress("DEPRECATION")
            intent.getParcelableExtra(DevicePolicyManager.EXTRA_PROVISIONING_ADMIN_EXTRAS_BUNDLE)
        }
        adopt(context, extras)
        context.startActivity(Intent(context, HostActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    }

    companion object {
        /** Makes the provisioning extras the app's restrictions and prepares lock task. */
        fun adopt(context: Context, extras: PersistableBundle?) {
            val kiosk = KioskMode(context)
            if (!kiosk.isDeviceOwner()) return
            if (extras != null) {
                context.systemService<DevicePolicyManager>()
                    .setApplicationRestrictions(kiosk.admin, context.packageName, Bundle(extras))
            }
            kiosk.prepare()
        }
    }
}
