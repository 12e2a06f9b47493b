// Where the renderer plugs in. The host Activity gives a renderer a
// [ScreenHost] (the services a screen needs) and shows the View it returns;
// it forwards the lifecycle, deep links and the system back gesture.
// screens/CoreRenderer is the one the app uses: it renders the core's
// screens (HostActivity.renderer()); tests plug in others.
package org.checkin.shell.app

import android.app.Activity
import android.net.Uri
import android.view.View
import kotlinx.coroutines.CoroutineScope
import org.checkin.shell.platform.PermissionGate
import org.checkin.shell.platform.ScreenPrivacy

/** What a renderer gets from the host: the Activity, the shell, and the per-Activity services. */
class ScreenHost(
    val activity: Activity,
    val shell: Shell,
    /** Ask for a permission when a screen needs it. */
    val permissions: PermissionGate,
    /** Set from each screen's `secure`. */
    val privacy: ScreenPrivacy,
    /** Lives as long as the Activity; runs on the main thread. */
    val scope: CoroutineScope,
)

interface ScreenRenderer {
    /** Builds the content view. Called once per Activity. */
    fun attach(host: ScreenHost): View

    /** The Activity was opened at a deep link (a tapped reminder: `checkin://window/<id>`). */
    fun onDeepLink(link: Uri) = Unit

    /** The Activity came to the front (refresh: time passed, a sync may have run). */
    fun onResume() = Unit

    /** The Activity left the front: stop using the camera, microphone and location. */
    fun onPause() = Unit

    /** The system back gesture; false when the renderer is at a root (the Activity then closes). */
    fun onBack(): Boolean = false

    fun detach() = Unit
}
