// Permissions, asked at the moment they are needed and never before: the
// renderer drives this when the core's screen asks (`RequestPermission`),
// after the core's own words have said why.
//
// The names mirror the core's `Permission` and `PermissionState`
// (core/src/screens/model.rs) one to one, so the renderer maps them by name
// into `ShellContext.permissions`.
package org.checkin.shell.platform

import android.Manifest
import android.app.Activity
import android.app.AlarmManager
import android.app.NotificationManager
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import android.provider.Settings

enum class ShellPermission { CAMERA, MICROPHONE, LOCATION, NOTIFICATIONS, EXACT_ALARMS }

enum class PermissionState { GRANTED, DENIED, NOT_ASKED, NOT_APPLICABLE }

interface PermissionGate {
    fun state(permission: ShellPermission): PermissionState

    /** Every permission with its state, for `ShellContext.permissions`. */
    fun states(): Map<ShellPermission, PermissionState> = ShellPermission.entries.associateWith(::state)

    /**
     * Asks the OS; [onResult] gets the state afterwards (on the main thread).
     * [settingsIfRefused]: when the OS will not ask again (refused for good,
     * or notifications below Android 13), open the app's page in Settings
     * instead and read the state back when the participant returns.
     */
    fun request(permission: ShellPermission, settingsIfRefused: Boolean = false, onResult: (PermissionState) -> Unit)
}

/**
 * [PermissionGate] for the host Activity. The Activity forwards
 * `onRequestPermissionsResult` and `onResume` (exact alarms are granted in a
 * Settings page, not a dialog). "Asked before" is remembered so a refusal
 * reads as DENIED rather than NOT_ASKED.
 */
class ActivityPermissionGate(private val activity: Activity) : PermissionGate {
    private val asked = activity.getSharedPreferences(PREFS, Context.MODE_PRIVATE)
    private val waiting = mutableMapOf<Int, Pair<ShellPermission, (PermissionState) -> Unit>>()
    private var waitingForSettings: Pair<ShellPermission, (PermissionState) -> Unit>? = null

    override fun state(permission: ShellPermission): PermissionState = stateOf(activity, permission, asked.getBoolean(permission.name, false))

    override fun request(permission: ShellPermission, settingsIfRefused: Boolean, onResult: (PermissionState) -> Unit) {
        val askedBefore = asked.getBoolean(permission.name, false)
        asked.edit().putBoolean(permission.name, true).apply()
        if (state(permission) == PermissionState.GRANTED) return onResult(PermissionState.GRANTED)
        if (permission == ShellPermission.EXACT_ALARMS) {
            if (Build.VERSION.SDK_INT < 31) return onResult(state(permission))
            return openSettings(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, permission, onResult)
        }
        val names = runtimeNames(permission)
        val osWillNotAsk = names.isEmpty() || (askedBefore && names.none(activity::shouldShowRequestPermissionRationale))
        if (settingsIfRefused && osWillNotAsk) {
            val page = if (permission == ShellPermission.NOTIFICATIONS) {
                Settings.ACTION_APP_NOTIFICATION_SETTINGS
            } else {
                Settings.ACTION_APPLICATION_DETAILS_SETTINGS
            }
            return openSettings(page, permission, onResult)
        }
        if (names.isEmpty()) return onResult(state(permission))
        val code = REQUEST_BASE + permission.ordinal
        waiting[code] = permission to onResult
        activity.requestPermissions(names.toTypedArray(), code)
    }

    private fun openSettings(action: String, permission: ShellPermission, onResult: (PermissionState) -> Unit) {
        val intent = when (action) {
            Settings.ACTION_APP_NOTIFICATION_SETTINGS ->
                Intent(action).putExtra(Settings.EXTRA_APP_PACKAGE, activity.packageName)
            else -> Intent(action, Uri.parse("package:" + activity.packageName))
        }
        try {
            activity.startActivity(intent)
            waitingForSettings = permission to onResult
        } catch (e: android.content.ActivityNotFoundException) {
            onResult(state(permission)) // A phone without that Settings page: the state as it is.
        }
    }

    /** From `Activity.onRequestPermissionsResult`. */
    fun onRequestPermissionsResult(requestCode: Int) {
        val (permission, callback) = waiting.remove(requestCode) ?: return
        callback(state(permission))
    }

    /** From `Activity.onResume`: the participant may be back from the exact-alarm Settings page. */
    fun onResume() {
        val (permission, callback) = waitingForSettings ?: return
        waitingForSettings = null
        callback(state(permission))
    }

    companion object {
        private const val PREFS = "permissions-asked"
        private const val REQUEST_BASE = 0x4300

        /** The manifest permissions behind each; empty where there is no runtime dialog. */
        fun runtimeNames(permission: ShellPermission): List<String> = when (permission) {
            ShellPermission.CAMERA -> listOf(Manifest.permission.CAMERA)
            ShellPermission.MICROPHONE -> listOf(Manifest.permission.RECORD_AUDIO)
            // Fine and coarse together: Android 12+ lets the participant give only approximate.
            ShellPermission.LOCATION -> listOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION)
            ShellPermission.NOTIFICATIONS ->
                if (Build.VERSION.SDK_INT >= 33) listOf(Manifest.permission.POST_NOTIFICATIONS) else emptyList()
            ShellPermission.EXACT_ALARMS -> emptyList()
        }

        /** The state from the OS, with whether the app asked before. Usable without an Activity (background work). */
        fun stateOf(context: Context, permission: ShellPermission, askedBefore: Boolean): PermissionState {
            val granted = when (permission) {
                ShellPermission.EXACT_ALARMS -> ExactAlarms.allowed(context)
                ShellPermission.NOTIFICATIONS -> if (Build.VERSION.SDK_INT >= 33) {
                    context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED
                } else {
                    context.systemService<NotificationManager>().areNotificationsEnabled()
                }
                else -> runtimeNames(permission).any { context.checkSelfPermission(it) == PackageManager.PERMISSION_GRANTED }
            }
            return when {
                granted -> PermissionState.GRANTED
                askedBefore || !askable(permission) -> PermissionState.DENIED
                else -> PermissionState.NOT_ASKED
            }
        }

        /** Notifications below API 33 can only be turned off in Settings, never asked for. */
        private fun askable(permission: ShellPermission) =
            permission != ShellPermission.NOTIFICATIONS || Build.VERSION.SDK_INT >= 33
    }
}

/**
 * Whether exact alarms may be set: always below API 31, else what
 * `canScheduleExactAlarms` says (true with the permission, and for an app on
 * the Doze allowlist: how an issued phone's set-up allows them).
 */
object ExactAlarms {
    fun allowed(context: Context): Boolean =
        Build.VERSION.SDK_INT < 31 || context.systemService<AlarmManager>().canScheduleExactAlarms()
}
