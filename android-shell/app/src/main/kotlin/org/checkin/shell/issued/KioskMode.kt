// Lock task ("kiosk") on an issued phone where this app is the device owner:
// only this app runs; the power menu, the status bar's system info and
// notifications stay (a reminder must still be seen, the phone must still
// turn off).
//
// Android allows notifications in lock task only together with the Home
// button. So Home is enabled, and this app's KioskHome alias is made the
// persistent home activity: Home comes back here, which is "no home" in
// effect. Recents stay off. The alias is disabled in the manifest, so on a
// participant's own phone the app never offers itself as a launcher.
package org.checkin.shell.issued

import android.app.Activity
import android.app.ActivityManager
import android.app.admin.DevicePolicyManager
import android.content.ComponentName
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.content.pm.PackageManager
import android.os.Build
import org.checkin.shell.platform.systemService

class KioskMode(private val context: Context) {
    private val policy = context.systemService<DevicePolicyManager>()
    val admin = ComponentName(context, IssuedDeviceAdmin::class.java)

    fun isDeviceOwner(): Boolean = policy.isDeviceOwnerApp(context.packageName)

    /** Allowlists this app for lock task and sets its features. Only as device owner; false otherwise. */
    fun prepare(): Boolean {
        if (!isDeviceOwner()) return false
        policy.setLockTaskPackages(admin, arrayOf(context.packageName))
        if (Build.VERSION.SDK_INT >= 28) policy.setLockTaskFeatures(admin, FEATURES)
        val home = ComponentName(context, KIOSK_HOME_ALIAS)
        context.packageManager.setComponentEnabledSetting(
            home, PackageManager.COMPONENT_ENABLED_STATE_ENABLED, PackageManager.DONT_KILL_APP,
        )
        val filter = IntentFilter(Intent.ACTION_MAIN).apply {
            addCategory(Intent.CATEGORY_HOME)
            addCategory(Intent.CATEGORY_DEFAULT)
        }
        policy.addPersistentPreferredActivity(admin, filter, home)
        return true
    }

    /** Enters lock task from [activity] when this app is allowed to; true if it is in lock task now. */
    fun enter(activity: Activity): Boolean {
        if (!policy.isLockTaskPermitted(context.packageName)) return false
        if (!inLockTask()) activity.startLockTask()
        return true
    }

    /** Leaves lock task (kiosk turned off in the managed configuration); screen pinning the participant chose stays. */
    fun leave(activity: Activity) {
        if (lockTaskState() == ActivityManager.LOCK_TASK_MODE_LOCKED) activity.stopLockTask()
    }

    fun inLockTask(): Boolean = lockTaskState() != ActivityManager.LOCK_TASK_MODE_NONE

    private fun lockTaskState(): Int = context.systemService<ActivityManager>().lockTaskModeState

    companion object {
        const val KIOSK_HOME_ALIAS = "org.checkin.shell.app.KioskHome"

        /** Home only to allow notifications (see above); no recents, no keyguard. */
        val FEATURES: Int
            get() = DevicePolicyManager.LOCK_TASK_FEATURE_HOME or
                DevicePolicyManager.LOCK_TASK_FEATURE_NOTIFICATIONS or
                DevicePolicyManager.LOCK_TASK_FEATURE_GLOBAL_ACTIONS or
                DevicePolicyManager.LOCK_TASK_FEATURE_SYSTEM_INFO
    }
}
