// What every block's view builder needs, and the few views they all make:
// the look, the screen's language (text shaping, hyphenation, a screen
// reader's voice, layout direction), where taps go, and the typed text.
// Plain framework Views, built in code (no layout XML: the screens are data).
//
// Tags: every view that carries an action is tagged with the action's
// stable id (`home.start-checkin`), every text field with
// `ScreenTags.field(id)`: UI tests find them by these, in any language.
package org.checkin.shell.screens

import android.content.Context
import android.os.Build
import android.text.TextUtils
import android.view.View
import android.view.ViewGroup
import android.widget.LinearLayout
import android.widget.TextView
import org.checkin.model.Action
import org.checkin.model.TextStyle
import java.util.Locale

internal object ScreenTags {
    fun action(id: String): String = id

    fun field(id: String): String = "field:$id"
}

internal class ViewKit(
    val context: Context,
    val look: Look,
    /** The language of every text on the screen (`Screen.language`). */
    val locale: Locale,
    val fields: TypedFields,
    val onAction: (Action) -> Unit,
) {
    /** Right to left for a language written that way. */
    val layoutDirection: Int get() = TextUtils.getLayoutDirectionFromLocale(locale)

    fun text(value: String, style: TextStyle): TextView = TextView(context).apply {
        text = value
        look.type(this, style)
        textLocale = locale
        textAlignment = View.TEXT_ALIGNMENT_VIEW_START
        if (style == TextStyle.HEADING) heading(this)
    }

    fun column(): LinearLayout = LinearLayout(context).apply {
        orientation = LinearLayout.VERTICAL
        layoutParams = LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT)
    }

    /** Adds [child] full width, [topDp] below the previous one. */
    fun LinearLayout.add(child: View, topDp: Int = 0): LinearLayout {
        val params = LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT)
        params.topMargin = look.dp(topDp)
        addView(child, params)
        return this
    }

    fun padded(view: View, dp: Int) {
        val px = look.dp(dp)
        view.setPaddingRelative(px, px, px, px)
    }

    /** Screen readers announce it as a heading (and let the participant jump between headings). */
    fun heading(view: View) {
        if (Build.VERSION.SDK_INT >= 28) view.isAccessibilityHeading = true
    }

    /**
     * [group] is read as one: by [label] when the core gave one (its parts
     * then stay silent), else by its parts in order.
     */
    fun readAsOne(group: ViewGroup, label: String?) {
        if (label != null) {
            group.contentDescription = label
            group.importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_YES
            for (i in 0 until group.childCount) {
                group.getChildAt(i).importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_NO_HIDE_DESCENDANTS
            }
        }
        if (Build.VERSION.SDK_INT >= 28) group.isScreenReaderFocusable = true
    }
}
