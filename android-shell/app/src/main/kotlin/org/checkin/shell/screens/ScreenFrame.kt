// The Activity's content: the screen on show (scrolling), a panel over it
// while the in-app camera, the recorder or the scanner is open, and a thin
// progress bar while the core works on a tap (the screen disabled
// meanwhile, so a second tap cannot send a second action).
//
// Content stays clear of the status and navigation bars, display cutouts
// and the keyboard (Android 15 draws apps edge to edge).
package org.checkin.shell.screens

import android.content.Context
import android.graphics.Color
import android.os.Build
import android.view.Gravity
import android.view.View
import android.view.ViewGroup
import android.view.WindowInsets
import android.widget.EditText
import android.widget.FrameLayout
import android.widget.ProgressBar
import android.widget.ScrollView

internal class ScreenFrame(context: Context) {
    private val scroll = ScrollView(context).apply { isFillViewport = true }
    private val progress = ProgressBar(context, null, android.R.attr.progressBarStyleHorizontal).apply {
        isIndeterminate = true
        visibility = View.GONE
        importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_NO
    }
    private val panel = FrameLayout(context).apply {
        visibility = View.GONE
        setBackgroundColor(Color.BLACK)
        isClickable = true // Taps do not reach the screen below.
    }

    val root: FrameLayout = FrameLayout(context).apply {
        setBackgroundColor(Color.WHITE)
        addView(scroll, FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.MATCH_PARENT))
        addView(progress, FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT, Gravity.TOP))
        addView(panel, FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.MATCH_PARENT))
        setOnApplyWindowInsetsListener { view, insets -> clearOfBars(view, insets) }
    }

    /** The view of the screen on show. */
    val content: View? get() = scroll.getChildAt(0)

    /** The capture panel on show, if any. */
    val openPanel: View? get() = panel.getChildAt(0)?.takeIf { panel.visibility == View.VISIBLE }

    /**
     * Shows a screen's view. [keepPlace]: the same screen again (a refresh),
     * so the scroll position and the field being typed in stay.
     */
    fun show(view: View, keepPlace: Boolean) {
        val y = if (keepPlace) scroll.scrollY else 0
        val focused = if (keepPlace) (scroll.findFocus() as? EditText)?.tag else null
        scroll.removeAllViews()
        scroll.addView(view)
        progress.visibility = View.GONE
        scroll.post { scroll.scrollTo(0, y) }
        if (focused != null) {
            (view.findViewWithTag<View>(focused) as? EditText)?.let { it.requestFocus(); it.setSelection(it.text.length) }
        }
    }

    /** While the core works: the screen disabled, the progress bar running. The next [show] ends it. */
    fun busy() {
        progress.visibility = View.VISIBLE
        content?.let(::disable)
    }

    fun showPanel(view: View) {
        panel.removeAllViews()
        panel.addView(view, FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.MATCH_PARENT))
        panel.visibility = View.VISIBLE
    }

    fun hidePanel() {
        panel.visibility = View.GONE
        panel.removeAllViews()
    }

    private fun disable(view: View) {
        view.isEnabled = false
        if (view is ViewGroup) for (i in 0 until view.childCount) disable(view.getChildAt(i))
    }

    @Suppress("DEPRECATION") // The pre-API 30 inset getters are the only ones there.
    private fun clearOfBars(view: View, insets: WindowInsets): WindowInsets {
        if (Build.VERSION.SDK_INT >= 30) {
            val types = WindowInsets.Type.systemBars() or WindowInsets.Type.displayCutout() or WindowInsets.Type.ime()
            val bars = insets.getInsets(types)
            view.setPadding(bars.left, bars.top, bars.right, bars.bottom)
            return WindowInsets.CONSUMED
        }
        view.setPadding(insets.systemWindowInsetLeft, insets.systemWindowInsetTop, insets.systemWindowInsetRight, insets.systemWindowInsetBottom)
        return insets.consumeSystemWindowInsets()
    }
}
