// The blocks that are words: text in its role, a notice in its tone with
// its action, label and value facts, quality hints, and the capture block
// (what to capture next, its instructions, the button that starts it).
// Each reads as the core wrote it, with the core's accessibility label
// where it gave one.
package org.checkin.shell.screens

import android.graphics.Typeface
import android.view.View
import org.checkin.model.Block
import org.checkin.model.TextStyle
import org.checkin.model.Tone

internal fun ViewKit.text(block: Block.Text): View = text(block.text, block.style)

/** A banner in its tone: title, body, and the action that deals with it. */
internal fun ViewKit.notice(block: Block.Notice): View = column().apply {
    background = look.wash(block.tone)
    padded(this, 16)
    val words = column()
    words.add(toneTitle(block.title, block.tone))
    if (block.body.isNotEmpty()) words.add(text(block.body, TextStyle.BODY), 4)
    readAsOne(words, block.accessibilityLabel)
    add(words)
    block.action?.let { add(button(it), Look.GAP_DP) }
    // A notice that appears after a tap (an error, a denial) is announced.
    accessibilityLiveRegion = if (block.tone == Tone.DANGER || block.tone == Tone.WARNING) {
        View.ACCESSIBILITY_LIVE_REGION_POLITE
    } else {
        View.ACCESSIBILITY_LIVE_REGION_NONE
    }
}

/** Label and value pairs, the label small above its value (long values wrap at any font size). */
internal fun ViewKit.facts(block: Block.Facts): View = column().apply {
    block.title?.let { add(text(it, TextStyle.HEADING)) }
    block.rows.forEachIndexed { i, fact ->
        val row = column()
        row.add(text(fact.label, TextStyle.CAPTION))
        row.add(text(fact.value, TextStyle.BODY), 2)
        readAsOne(row, fact.accessibilityLabel)
        add(row, if (i == 0 && block.title == null) 0 else Look.GAP_DP)
    }
}

/** What to capture next: its title, instructions, and the button that opens the camera or recorder. */
internal fun ViewKit.capture(block: Block.Capture): View = column().apply {
    background = look.wash(Tone.INFO)
    padded(this, 16)
    add(text(block.title, TextStyle.HEADING))
    add(text(block.instructions, TextStyle.BODY), 6)
    add(button(block.action), Look.GAP_DP)
}

/** The last capture's quality hints, each in its tone. */
internal fun ViewKit.hints(block: Block.Hints): View = column().apply {
    block.items.forEachIndexed { i, hint ->
        val line = text(hint.text, TextStyle.BODY).apply {
            setTextColor(Look.accentOf(hint.tone))
            background = look.wash(hint.tone)
            padded(this, 12)
        }
        add(line, if (i == 0) 0 else 6)
    }
    accessibilityLiveRegion = View.ACCESSIBILITY_LIVE_REGION_POLITE
}

private fun ViewKit.toneTitle(title: String, tone: Tone) = text(title, TextStyle.BODY).apply {
    setTypeface(typeface, Typeface.BOLD)
    setTextColor(Look.accentOf(tone))
}
