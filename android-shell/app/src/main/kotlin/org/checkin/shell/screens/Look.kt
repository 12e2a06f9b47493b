// How the core's screens look on Android, in one place, so the code for a
// block is layout and wiring only: the type scale, the colours of each tone
// and action style, spacing and touch targets.
//
// Guarantees: text sizes are in sp, so they follow the phone's font size
// setting; every touch target is at least 48 dp high (Android's
// accessibility minimum), the main action 56 dp; text on each tone's
// colour keeps WCAG AA contrast (4.5:1) or better; padding is start/end,
// never left/right, so right-to-left languages mirror.
package org.checkin.shell.screens

import android.content.Context
import android.content.res.ColorStateList
import android.graphics.Color
import android.graphics.Typeface
import android.graphics.drawable.Drawable
import android.graphics.drawable.GradientDrawable
import android.graphics.drawable.RippleDrawable
import android.util.TypedValue
import android.widget.TextView
import org.checkin.model.ActionStyle
import org.checkin.model.TextStyle
import org.checkin.model.Tone

internal class Look(context: Context) {
    private val density = context.resources.displayMetrics.density

    fun dp(value: Int): Int = (value * density + 0.5f).toInt()

    /** Size and weight for a role of text. */
    fun type(view: TextView, style: TextStyle) {
        view.setTextSize(TypedValue.COMPLEX_UNIT_SP, sizeOf(style))
        view.setTypeface(view.typeface, if (style == TextStyle.HEADING) Typeface.BOLD else Typeface.NORMAL)
        view.setTextColor(if (style == TextStyle.CAPTION) MUTED else INK)
        view.setLineSpacing(0f, LINE_SPACING)
    }

    fun title(view: TextView) {
        view.setTextSize(TypedValue.COMPLEX_UNIT_SP, TITLE_SP)
        view.setTypeface(view.typeface, Typeface.BOLD)
        view.setTextColor(INK)
    }

    /** A tone's pale background inside a border of its colour. */
    fun wash(tone: Tone): Drawable = GradientDrawable().apply {
        setColor(washOf(tone))
        setStroke(dp(1), accentOf(tone))
        cornerRadius = dp(CORNER_DP).toFloat()
    }

    /** The filling, border and text colour of a button in [style]. */
    fun button(style: ActionStyle): Pair<Drawable, Int> {
        val shape = GradientDrawable().apply { cornerRadius = dp(CORNER_DP).toFloat() }
        val text = when (style) {
            ActionStyle.PRIMARY -> { shape.setColor(ACCENT); Color.WHITE }
            ActionStyle.SECONDARY -> { shape.setColor(Color.WHITE); shape.setStroke(dp(2), ACCENT); ACCENT }
            ActionStyle.DANGER -> { shape.setColor(Color.WHITE); shape.setStroke(dp(2), DANGER); DANGER }
            ActionStyle.LINK -> { shape.setColor(Color.TRANSPARENT); ACCENT }
        }
        return RippleDrawable(ColorStateList.valueOf(RIPPLE), shape, null) to text
    }

    /** A short status word beside a title ("Delivered"). */
    fun badge(view: TextView, tone: Tone) {
        view.setTextSize(TypedValue.COMPLEX_UNIT_SP, CAPTION_SP)
        view.setTypeface(view.typeface, Typeface.BOLD)
        view.setTextColor(accentOf(tone))
        view.background = GradientDrawable().apply {
            setColor(washOf(tone))
            setStroke(dp(1), accentOf(tone))
            cornerRadius = dp(BADGE_CORNER_DP).toFloat()
        }
        view.setPaddingRelative(dp(8), dp(2), dp(8), dp(2))
    }

    companion object {
        const val TITLE_SP = 26f
        const val HEADING_SP = 21f
        const val BODY_SP = 17f
        const val CAPTION_SP = 14f
        const val BUTTON_SP = 18f
        const val LINE_SPACING = 1.15f

        /** Android's minimum touch target, and the main action's. */
        const val TOUCH_DP = 48
        const val MAIN_TOUCH_DP = 56
        const val GAP_DP = 12
        const val EDGE_DP = 20
        const val CORNER_DP = 10
        const val BADGE_CORNER_DP = 12

        val INK = Color.rgb(0x1F, 0x1F, 0x1F)
        val MUTED = Color.rgb(0x4A, 0x4A, 0x4A)
        val ACCENT = Color.rgb(0x1A, 0x4F, 0xB8)
        val DANGER = Color.rgb(0xB3, 0x26, 0x1E)
        private val RIPPLE = Color.argb(0x40, 0x1A, 0x4F, 0xB8)

        fun sizeOf(style: TextStyle): Float = when (style) {
            TextStyle.HEADING -> HEADING_SP
            TextStyle.BODY -> BODY_SP
            TextStyle.CAPTION -> CAPTION_SP
        }

        /** Text and edge colour of a tone: dark enough to read on white and on its wash. */
        fun accentOf(tone: Tone): Int = when (tone) {
            Tone.NEUTRAL -> Color.rgb(0x4A, 0x4A, 0x4A)
            Tone.INFO -> ACCENT
            Tone.SUCCESS -> Color.rgb(0x13, 0x6B, 0x2E)
            Tone.WARNING -> Color.rgb(0x8A, 0x4B, 0x00)
            Tone.DANGER -> DANGER
        }

        fun washOf(tone: Tone): Int = when (tone) {
            Tone.NEUTRAL -> Color.rgb(0xF3, 0xF3, 0xF3)
            Tone.INFO -> Color.rgb(0xE8, 0xF0, 0xFE)
            Tone.SUCCESS -> Color.rgb(0xE6, 0xF4, 0xEA)
            Tone.WARNING -> Color.rgb(0xFE, 0xF3, 0xE0)
            Tone.DANGER -> Color.rgb(0xFC, 0xE8, 0xE6)
        }
    }
}
