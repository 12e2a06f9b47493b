// The one Activity: hosts the renderer, forwards what only an Activity gets
// (permission results, deep links, coming to the front), runs a sync when
// the app opens, and on an issued phone enrolls from the managed
// configuration and enters lock task.
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
import org.checkin.core.CheckinException
import org.checkin.shell.issued.KioskMode
import org.checkin.shell.issued.ManagedEnrollment
import org.checkin.shell.platform.ActivityPermissionGate
import org.checkin.shell.platform.WindowScreenPrivacy

open class HostActivity : Activity() {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)
    private lateinit var permissions: ActivityPermissionGate
    private lateinit var renderer: ScreenRenderer
    private lateinit var shell: Shell
    private lateinit var kiosk: KioskMode

    /** The renderer this Activity shows. The screens part returns its own here. */
    protected open fun renderer(): ScreenRenderer = StatusRenderer()

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

    /** Enroll from the managed configuration if there is one, then sync. */
    private suspend fun openSession() {
        withContext(Dispatchers.IO) {
            try {
                ManagedEnrollment.enrollIfConfigured(shell.client(), shell.managedConfig())
            } catch (e: CheckinException) {
                // The store cannot open; the renderer shows it.
            }
            shell.sync.syncNow()
        }
        renderer.onResume()
    }

    override fun onResume() {
        super.onResume()
        permissions.onResume()
        if (shell.managedConfig().kiosk) kiosk.enter(this) else kiosk.leave(this)
        renderer.onResume()
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
