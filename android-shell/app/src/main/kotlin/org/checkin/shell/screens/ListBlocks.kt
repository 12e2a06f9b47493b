// The blocks that are lists: a check-in's steps with the state of each,
// and rows of items (appointments, windows, ledger entries) with their
// badges and row actions. A step is marked by a shape, never by colour
// alone, and read by the core's own words for it ("Step 1 of 3: Photo,
// done."); the marks are not read aloud.
package org.checkin.shell.screens

import android.graphics.Typeface
import android.util.TypedValue
import android.view.Gravity
import android.view.View
import android.view.ViewGroup
import android.widget.LinearLayout
import android.widget.TextView
import org.checkin.model.Block
import org.checkin.model.StepState
import org.checkin.model.TextStyle
import org.checkin.model.Tone

internal fun ViewKit.steps(block: Block.Steps): View = column().apply {
    block.items.forEachIndexed { i, step ->
        val row = LinearLayout(context).apply {
            orientation = LinearLayout.HORIZONTAL
            padded(this, 10)
            if (step.state == StepState.CURRENT) background = look.wash(Tone.INFO)
        }
        row.addView(mark(step.state), LinearLayout.LayoutParams(look.dp(MARK_DP), ViewGroup.LayoutParams.WRAP_CONTENT))
        val words = column()
        words.add(text(step.label, TextStyle.BODY).apply {
            if (step.state == StepState.CURRENT) setTypeface(typeface, Typeface.BOLD)
        })
        if (step.detail.isNotEmpty()) words.add(text(step.detail, TextStyle.CAPTION), 2)
        row.addView(words, LinearLayout.LayoutParams(0, ViewGroup.LayoutParams.WRAP_CONTENT, 1f))
        readAsOne(row, step.accessibilityLabel)
        add(row, if (i == 0) 0 else 4)
    }
}

/** A shape per state: done, now, to do, optional (the same in every language and direction). */
private fun ViewKit.mark(state: StepState): TextView = TextView(context).apply {
    val (shape, tone) = when (state) {
        StepState.DONE -> "✓" to Tone.SUCCESS
        StepState.CURRENT -> "●" to Tone.INFO
        StepState.TODO -> "○" to Tone.NEUTRAL
        StepState.OPTIONAL -> "◌" to Tone.NEUTRAL
    }
    text = shape
    setTextColor(Look.accentOf(tone))
    setTextSize(TypedValue.COMPLEX_UNIT_SP, Look.HEADING_SP)
    gravity = Gravity.CENTER_HORIZONTAL
    importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_NO
}

/** Rows: title with its badge, detail, and the row's action. */
internal fun ViewKit.items(block: Block.Items): View = column().apply {
    block.title?.let { add(text(it, TextStyle.HEADING)) }
    block.items.forEachIndexed { i, item ->
        val row = column().apply {
            background = look.wash(item.tone)
            padded(this, 14)
        }
        val words = column()
        val top = LinearLayout(context).apply {
            orientation = LinearLayout.HORIZONTAL
            gravity = Gravity.CENTER_VERTICAL
        }
        top.addView(
            text(item.title, TextStyle.BODY).apply { setTypeface(typeface, Typeface.BOLD) },
            LinearLayout.LayoutParams(0, ViewGroup.LayoutParams.WRAP_CONTENT, 1f),
        )
        item.badge?.let { badge ->
            val pill = text(badge, TextStyle.CAPTION).apply { look.badge(this, item.tone) }
            top.addView(pill, LinearLayout.LayoutParams(ViewGroup.LayoutParams.WRAP_CONTENT, ViewGroup.LayoutParams.WRAP_CONTENT).apply {
                marginStart = look.dp(8)
            })
        }
        words.add(top)
        if (item.detail.isNotEmpty()) words.add(text(item.detail, TextStyle.BODY), 4)
        readAsOne(words, item.accessibilityLabel)
        row.add(words)
        item.action?.let { row.add(button(it), 8) }
        add(row, if (i == 0 && block.title == null) 0 else 8)
    }
}

private const val MARK_DP = 36
