// An action of the core as a button: its label, its style (primary filled,
// secondary outlined, danger in red, link as underlined text), disabled
// when the core says so, its accessibility label, tagged with its id. A
// tap hands the action to the screen loop, which sends its kind to the core.
package org.checkin.shell.screens

import android.graphics.Paint
import android.util.TypedValue
import android.view.Gravity
import android.widget.Button
import android.widget.LinearLayout
import org.checkin.model.Action
import org.checkin.model.ActionStyle

internal fun ViewKit.button(action: Action): Button = Button(context).apply {
    text = action.label
    tag = ScreenTags.action(action.id)
    isAllCaps = false
    textLocale = locale
    setTextSize(TypedValue.COMPLEX_UNIT_SP, Look.BUTTON_SP)
    val (fill, ink) = look.button(action.style)
    background = fill
    setTextColor(ink)
    stateListAnimator = null
    val height = look.dp(if (action.style == ActionStyle.PRIMARY) Look.MAIN_TOUCH_DP else Look.TOUCH_DP)
    minHeight = height
    minimumHeight = height
    setPaddingRelative(look.dp(16), look.dp(10), look.dp(16), look.dp(10))
    if (action.style == ActionStyle.LINK) {
        paintFlags = paintFlags or Paint.UNDERLINE_TEXT_FLAG
        gravity = Gravity.START or Gravity.CENTER_VERTICAL
    }
    action.accessibilityLabel?.let { contentDescription = it }
    isEnabled = action.enabled
    alpha = if (action.enabled) 1f else DISABLED_ALPHA
    // A disabled button takes no touch; nothing else may send it either.
    setOnClickListener { if (action.enabled) onAction(action) }
}

/** The screen's main actions, most important first, one per row (long labels in any language fit). */
internal fun ViewKit.actions(actions: List<Action>): LinearLayout = column().apply {
    actions.forEachIndexed { i, action -> add(button(action), if (i == 0) 0 else Look.GAP_DP) }
}

/** How faded a button the core disabled is; its label stays readable. */
private const val DISABLED_ALPHA = 0.45f
