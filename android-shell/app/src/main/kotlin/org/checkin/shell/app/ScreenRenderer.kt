// Where the renderer plugs in. The host Activity gives a renderer a
// [ScreenHost] (the services a screen needs) and shows the View it returns;
// the screens part implements this interface over the core's `screen`,
// `perform` and `deliver_capture`, and swaps it in for StatusRenderer in
// HostActivity.renderer(); nothing else in the shell changes.
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

    fun detach() = Unit
}
