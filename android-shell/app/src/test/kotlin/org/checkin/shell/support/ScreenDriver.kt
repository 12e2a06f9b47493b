// Driving the app's screens as a participant would: the real HostActivity
// with the core's renderer, taps on the views the core's actions became
// (found by the actions' stable ids), typing into fields, and waiting for
// the core's next screen. Only the UI is driven here; the core, the
// reference server and the Android services underneath are real.
//
// Waiting advances Robolectric's clock with the real one (a paused main
// looper otherwise never reaches a delayed task: the camera preview's
// wait, the refresh timer).
package org.checkin.shell.support

import android.os.Looper
import android.view.View
import android.view.ViewGroup
import android.view.WindowManager
import android.widget.EditText
import android.widget.TextView
import org.checkin.model.Route
import org.checkin.model.Screen
import org.checkin.shell.app.HostActivity
import org.checkin.shell.screens.CoreRenderer
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import java.time.Duration

class ScreenDriver(val controller: ActivityController<out HostActivity>) {
    val activity: HostActivity get() = controller.get()
    val renderer: CoreRenderer get() = activity.renderer as CoreRenderer

    /** The core's screen on show. */
    val screen: Screen get() = renderer.screen ?: throw AssertionError("no screen yet")

    /** The view of the screen on show (below any capture panel). */
    val view: View get() {
        val root = activity.findViewById<ViewGroup>(android.R.id.content)!!.getChildAt(0) as ViewGroup
        return (root.getChildAt(0) as ViewGroup).getChildAt(0) ?: throw AssertionError("nothing shown")
    }

    val secure: Boolean get() = activity.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE != 0

    /** Runs the main looper, the clock moving on, until [condition] holds. */
    fun awaitUi(what: String, timeoutMs: Long = 30_000, condition: () -> Boolean) {
        val deadline = System.currentTimeMillis() + timeoutMs
        while (true) {
            shadowOf(Looper.getMainLooper()).idleFor(Duration.ofMillis(STEP_MS))
            if (condition()) return
            if (System.currentTimeMillis() > deadline) throw AssertionError("timed out waiting for $what")
            Thread.sleep(STEP_MS)
        }
    }

    /** Waits for a screen of the route [route] matches, shown and usable. */
    fun awaitRoute(what: String, route: (Route) -> Boolean): Screen {
        awaitUi("the $what screen") { renderer.screen?.let { route(it.route) } == true && idle() }
        return screen
    }

    fun awaitRoute(route: Route): Screen = awaitRoute(route.toString()) { it == route }

    /** The screen on show is usable: no capture panel over it, nothing waiting on the core. */
    fun idle(): Boolean = renderer.panel == null && runCatching { view.isEnabled }.getOrDefault(false)

    fun find(tag: String): View? = view.findViewWithTag(tag) ?: renderer.panel?.findViewWithTag(tag)

    /** Taps the view the action [id] became (a button, an option, a row's action). */
    fun tap(id: String) {
        awaitUi("$id to be tappable") { find(id)?.isEnabled == true }
        find(id)!!.performClick()
    }

    fun type(fieldId: String, text: String) {
        val field = view.findViewWithTag<EditText>("field:$fieldId") ?: throw AssertionError("no field $fieldId")
        field.setText(text)
    }

    fun field(fieldId: String): EditText = view.findViewWithTag("field:$fieldId") ?: throw AssertionError("no field $fieldId")

    /** Every text the participant sees on the screen, in order. */
    fun texts(): List<String> = textsIn(view)

    companion object {
        private const val STEP_MS = 20L

        fun textsIn(view: View): List<String> = when (view) {
            is ViewGroup -> (0 until view.childCount).flatMap { textsIn(view.getChildAt(it)) }
            is TextView -> listOf(view.text.toString())
            else -> emptyList()
        }

        /** Every view under [view], itself included. */
        fun all(view: View): List<View> = listOf(view) + when (view) {
            is ViewGroup -> (0 until view.childCount).flatMap { all(view.getChildAt(it)) }
            else -> emptyList()
        }
    }
}
