// The renderer the app shows: the core's screens (ScreenLoop), from the
// start route (the core answers enrollment, consent or home), following
// deep links from reminders, asking again on resume and after every sync
// (the app's own, the background job's), and handing the back gesture to
// the screen's `back`.
package org.checkin.shell.screens

import android.net.Uri
import android.view.View
import kotlinx.coroutines.launch
import org.checkin.model.Route
import org.checkin.model.Screen
import org.checkin.shell.app.ScreenHost
import org.checkin.shell.app.ScreenRenderer

class CoreRenderer : ScreenRenderer {
    private var loop: ScreenLoop? = null
    private var frame: ScreenFrame? = null
    private var watch: AutoCloseable? = null

    /** The screen on show (null before the core's first answer). */
    val screen: Screen? get() = loop?.screen

    /** The capture panel on show (camera, recorder, scanner), if any. */
    val panel: View? get() = frame?.openPanel

    override fun attach(host: ScreenHost): View {
        val frame = ScreenFrame(host.activity).also { this.frame = it }
        val loop = ScreenLoop(host, frame).also { this.loop = it }
        // Called on the syncing thread; the loop lives on the main one.
        watch = host.shell.sync.watch { host.scope.launch { loop.refresh() } }
        loop.open(Route.Start)
        return frame.root
    }

    override fun onDeepLink(link: Uri) {
        loop?.open(routeOf(link))
    }

    override fun onResume() {
        loop?.refresh()
    }

    override fun onPause() {
        loop?.pause()
    }

    override fun onBack(): Boolean = loop?.back() ?: false

    override fun detach() {
        watch?.close()
        loop?.stop()
        watch = null
        loop = null
        frame = null
    }

    companion object {
        /**
         * The route a reminder's link opens: an appointment's own screen, else
         * the start (for a check-in window, the home screen says what is due).
         */
        fun routeOf(link: Uri): Route = when (link.host) {
            "appointment" -> link.lastPathSegment?.takeIf { it.isNotBlank() }?.let { Route.Appointment(it) } ?: Route.Start
            else -> Route.Start
        }
    }
}
