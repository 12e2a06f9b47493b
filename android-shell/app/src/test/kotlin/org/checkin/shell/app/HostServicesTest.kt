// What the host Activity gives the renderer: permissions asked at the moment
// they are needed (and read back as the core's states), and FLAG_SECURE
// per screen.
package org.checkin.shell.app

import android.Manifest
import android.app.AlarmManager
import android.os.Build
import android.provider.Settings
import android.view.WindowManager
import org.checkin.shell.platform.ActivityPermissionGate
import org.checkin.shell.platform.PermissionState
import org.checkin.shell.platform.ShellPermission
import org.checkin.shell.platform.WindowScreenPrivacy
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowAlarmManager

class HostServicesTest : ShellFixture() {
    private fun activity(): HostActivity {
        installShell()
        return Robolectric.buildActivity(HostActivity::class.java).setup().get()
    }

    @Test
    fun `a permission is asked when requested, and reads NOT_ASKED, GRANTED or DENIED`() {
        val activity = activity()
        val gate = ActivityPermissionGate(activity)
        assertEquals(PermissionState.NOT_ASKED, gate.state(ShellPermission.CAMERA))
        val results = mutableListOf<PermissionState>()
        gate.request(ShellPermission.CAMERA) { results += it }
        val asked = shadowOf(activity).lastRequestedPermission
        assertEquals(listOf(Manifest.permission.CAMERA), asked.requestedPermissions.toList())
        gate.onRequestPermissionsResult(asked.requestCode)
        assertEquals(listOf(PermissionState.DENIED), results)

        shadowOf(app).grantPermissions(Manifest.permission.RECORD_AUDIO)
        assertEquals(PermissionState.GRANTED, gate.state(ShellPermission.MICROPHONE))
        gate.request(ShellPermission.LOCATION) { results += it }
        val location = shadowOf(activity).lastRequestedPermission
        assertEquals(setOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION), location.requestedPermissions.toSet())
        shadowOf(app).grantPermissions(Manifest.permission.ACCESS_COARSE_LOCATION) // "approximate" only
        gate.onRequestPermissionsResult(location.requestCode)
        assertEquals(PermissionState.GRANTED, results.last())
        assertEquals(ShellPermission.entries.toSet(), gate.states().keys)
    }

    @Test
    fun `exact alarms are asked for in Settings and read back on return`() {
        val activity = activity()
        val gate = ActivityPermissionGate(activity)
        if (Build.VERSION.SDK_INT < 31) {
            assertEquals(PermissionState.GRANTED, gate.state(ShellPermission.EXACT_ALARMS))
            return
        }
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        assertEquals(PermissionState.NOT_ASKED, gate.state(ShellPermission.EXACT_ALARMS))
        var result: PermissionState? = null
        gate.request(ShellPermission.EXACT_ALARMS) { result = it }
        val settings = shadowOf(activity).nextStartedActivity
        assertEquals(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, settings.action)
        assertEquals("package:" + app.packageName, settings.dataString)
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        gate.onResume()
        assertEquals(PermissionState.GRANTED, result)
        assertTrue(app.getSystemService(AlarmManager::class.java)!!.canScheduleExactAlarms())
    }

    @Test
    fun `a secure screen sets FLAG_SECURE and a plain one clears it`() {
        val activity = activity()
        val privacy = WindowScreenPrivacy(activity)
        privacy.setSecure(true)
        assertTrue(activity.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE != 0)
        privacy.setSecure(false)
        assertEquals(0, activity.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE)
    }
}
