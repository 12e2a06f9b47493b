// The one Activity: hosts the renderer, forwards what only an Activity gets
// (permission results, deep links, coming to the front, the back gesture),
// names the notification channels and runs a sync when the app opens, and
// on an issued phone enters lock task. Enrollment from the managed
// configuration is the core's enrollment screen, pre-filled from it.
package org.checkin.shell.app

import android.app.Activity
import android.content.Intent
import android.os.Bundle
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.checkin.shell.issued.KioskMode
import org.checkin.shell.platform.ActivityPermissionGate
import org.checkin.shell.platform.WindowScreenPrivacy
import org.checkin.shell.screens.CoreRenderer

open class HostActivity : Activity() {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)
    private lateinit var permissions: ActivityPermissionGate
    /** The renderer on show (tests read the core's screen from it). */
    lateinit var renderer: ScreenRenderer
        private set
    private lateinit var shell: Shell
    private lateinit var kiosk: KioskMode

    /** The renderer this Activity shows: the core's screens. */
    protected open fun renderer(): ScreenRenderer = CoreRenderer()

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        shell = Shell.of(this)
        kiosk = KioskMode(this)
        permissions = ActivityPermissionGate(this)
        renderer = renderer()
        val host = ScreenHost(this, shell, permissions, WindowScreenPrivacy(this), scope)
        setContentView(renderer.attach(host))
        deliverLink(intent)
        scope.launch { openSession() }
    }

    /** The channels in the participant's language, then a sync (the renderer re-asks its screen after it). */
    private suspend fun openSession() {
        withContext(Dispatchers.IO) {
            shell.nameNotificationChannels()
            shell.sync.syncNow()
        }
    }

    override fun onResume() {
        super.onResume()
        permissions.onResume()
        if (shell.managedConfig().kiosk) kiosk.enter(this) else kiosk.leave(this)
        renderer.onResume()
    }

    override fun onPause() {
        renderer.onPause()
        super.onPause()
    }

    @Deprecated("Still how the back gesture arrives without enableOnBackInvokedCallback")
    override fun onBackPressed() {
        if (renderer.onBack()) return
        // In lock task the app is home: there is nothing behind it to go back to.
        if (kiosk.inLockTask()) return
        @Suppress("DEPRECATION")
        super.onBackPressed()
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        deliverLink(intent)
    }

    private fun deliverLink(intent: Intent?) {
        val link = intent?.data ?: return
        if (link.scheme == LINK_SCHEME) renderer.onDeepLink(link)
    }

    override fun onRequestPermissionsResult(requestCode: Int, names: Array<out String>, results: IntArray) {
        super.onRequestPermissionsResult(requestCode, names, results)
        permissions.onRequestPermissionsResult(requestCode)
    }

    override fun onDestroy() {
        renderer.detach()
        scope.cancel()
        super.onDestroy()
    }

    companion object {
        /** The core's deep link scheme (`checkin://window/<id>`, `checkin://appointment/<id>`). */
        const val LINK_SCHEME = "checkin"
    }
}
