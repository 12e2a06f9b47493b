// An issued phone: as device owner the app allowlists itself for lock task,
// sets the lock-task features, enters lock task, and the core's enrollment
// screen comes filled in from the managed configuration (read-only, in the
// program's language): one tap, no typing. On a participant's own phone
// none of that happens. Also the provisioning screens and the QR extras'
// adoption.
package org.checkin.shell.issued

import android.app.Activity
import android.app.ActivityManager
import android.app.admin.DevicePolicyManager
import android.content.ComponentName
import android.content.Intent
import android.content.RestrictionsManager
import android.os.Build
import android.os.Bundle
import android.os.PersistableBundle
import org.checkin.model.Route
import org.checkin.shell.app.HostActivity
import org.checkin.shell.support.ScreenDriver
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric
import org.robolectric.Shadows.shadowOf

class IssuedDeviceTest : ShellFixture() {
    private val policy get() = app.getSystemService(DevicePolicyManager::class.java)!!
    private val admin get() = ComponentName(app, IssuedDeviceAdmin::class.java)
    private val lockTaskState get() = app.getSystemService(ActivityManager::class.java)!!.lockTaskModeState

    private fun restrictions(serverUrl: String, code: String, kiosk: Boolean) = Bundle().apply {
        putString(ManagedConfiguration.KEY_SERVER_URL, serverUrl)
        putString(ManagedConfiguration.KEY_ENROLLMENT_CODE, code)
        putString(ManagedConfiguration.KEY_TLS_PINS, "")
        putString(ManagedConfiguration.KEY_LANGUAGE, "es")
        putBoolean(ManagedConfiguration.KEY_KIOSK, kiosk)
    }

    @Test
    fun `as device owner it enters lock task, and enrolls from the managed configuration without typing`() {
        val server = server()
        shadowOf(policy).setDeviceOwner(admin)
        shadowOf(app.getSystemService(RestrictionsManager::class.java)!!)
            .setApplicationRestrictions(restrictions(server.baseUrl, server.codes[0], kiosk = true))
        val shell = installShell(managedConfig = RestrictionsManagerConfigSource(app))
        assertTrue(KioskMode(app).prepare())
        assertArrayEquals(arrayOf(app.packageName), policy.getLockTaskPackages(admin))
        if (Build.VERSION.SDK_INT >= 28) assertEquals(KioskMode.FEATURES, policy.getLockTaskFeatures(admin))

        val ui = ScreenDriver(Robolectric.buildActivity(HostActivity::class.java).setup())
        assertEquals(ActivityManager.LOCK_TASK_MODE_LOCKED, lockTaskState)
        // The core's enrollment screen, filled in from the configuration and not editable.
        val enroll = ui.awaitRoute(Route.Enroll)
        assertEquals("the program's language", "es", enroll.language)
        for ((field, value) in listOf("server_url" to server.baseUrl, "code" to server.codes[0])) {
            val shown = ui.field(field)
            assertEquals(value, shown.text.toString())
            assertNull("$field is read-only", shown.keyListener)
            assertFalse(shown.isFocusable)
        }
        assertNull("nothing to scan on an issued phone", ui.find("enroll.scan"))
        ui.tap("enroll.submit")
        ui.awaitRoute(Route.Consent)
        assertTrue(shell.client().isEnrolled())
        ui.tap("consent.accept")
        ui.awaitRoute(Route.Home)
        assertTrue("home is kept out of screenshots", ui.secure)
        // Home is the app in lock task: back at the root stays.
        @Suppress("DEPRECATION") ui.activity.onBackPressed()
        assertFalse(ui.activity.isFinishing)
    }

    @Test
    fun `on a participant's own phone there is no lock task, even if a configuration asks for it`() {
        shadowOf(app.getSystemService(RestrictionsManager::class.java)!!)
            .setApplicationRestrictions(restrictions("https://program.example", "ABCD-1234", kiosk = true))
        installShell(managedConfig = RestrictionsManagerConfigSource(app))
        assertFalse(KioskMode(app).prepare())
        Robolectric.buildActivity(HostActivity::class.java).setup()
        assertEquals(ActivityManager.LOCK_TASK_MODE_NONE, lockTaskState)
    }

    @Test
    fun `the QR code's admin extras become the app's restrictions`() {
        shadowOf(policy).setDeviceOwner(admin)
        val extras = PersistableBundle().apply {
            putString(ManagedConfiguration.KEY_SERVER_URL, "https://program.example")
            putString(ManagedConfiguration.KEY_ENROLLMENT_CODE, "K7Q2-9XMD")
            putString(ManagedConfiguration.KEY_TLS_PINS, "pinA=, pinB=")
            putBoolean(ManagedConfiguration.KEY_KIOSK, true)
        }
        IssuedDeviceAdmin.adopt(app, extras)
        val adopted = ManagedConfiguration.from(policy.getApplicationRestrictions(admin, app.packageName))
        assertEquals(
            ManagedConfiguration("https://program.example", "K7Q2-9XMD", listOf("pinA=", "pinB="), null, kiosk = true),
            adopted,
        )
        assertArrayEquals(arrayOf(app.packageName), policy.getLockTaskPackages(admin))
    }

    @Test
    fun `the provisioning screens answer fully managed and compliant`() {
        if (Build.VERSION.SDK_INT < 29) return // the actions exist from Android 10
        val mode = Robolectric.buildActivity(
            ProvisioningActivity::class.java, Intent(DevicePolicyManager.ACTION_GET_PROVISIONING_MODE),
        ).setup().get()
        assertEquals(Activity.RESULT_OK, shadowOf(mode).resultCode)
        assertEquals(
            DevicePolicyManager.PROVISIONING_MODE_FULLY_MANAGED_DEVICE,
            shadowOf(mode).resultIntent.getIntExtra(DevicePolicyManager.EXTRA_PROVISIONING_MODE, -1),
        )
        val compliance = Robolectric.buildActivity(
            ProvisioningActivity::class.java, Intent(DevicePolicyManager.ACTION_ADMIN_POLICY_COMPLIANCE),
        ).setup().get()
        assertEquals(Activity.RESULT_OK, shadowOf(compliance).resultCode)
        assertTrue(compliance.isFinishing)
    }

    @Test
    fun `managed configuration bundles read blank as absent and split pins`() {
        assertTrue(ManagedConfiguration.from(null).isEmpty)
        assertTrue(ManagedConfiguration.from(Bundle().apply { putString(ManagedConfiguration.KEY_SERVER_URL, "  ") }).isEmpty)
        val pins = ManagedConfiguration.from(Bundle().apply { putString(ManagedConfiguration.KEY_TLS_PINS, " a=,b=\n c= ") }).tlsPins
        assertEquals(listOf("a=", "b=", "c="), pins)
    }
}
