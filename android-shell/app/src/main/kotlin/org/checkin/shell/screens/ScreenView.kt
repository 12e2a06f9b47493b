// One screen of the core as a View: its title, each block by its builder,
// and its actions as buttons, laid out top to bottom in the screen's
// language and direction. Pure layout: nothing here decides anything or
// writes a word; every text is the core's.
package org.checkin.shell.screens

import android.os.Build
import android.view.View
import android.widget.LinearLayout
import android.widget.TextView
import org.checkin.model.Block
import org.checkin.model.Screen

internal fun ViewKit.screen(screen: Screen): LinearLayout = column().apply {
    layoutDirection = this@screen.layoutDirection
    val edge = look.dp(Look.EDGE_DP)
    setPaddingRelative(edge, edge, edge, edge)
    add(title(screen.title))
    for (block in screen.blocks) add(block(block), Look.EDGE_DP)
    if (screen.actions.isNotEmpty()) add(actions(screen.actions), Look.EDGE_DP + Look.GAP_DP)
    // A screen reader announces the new screen by its title.
    if (Build.VERSION.SDK_INT >= 28) accessibilityPaneTitle = screen.title
}

internal fun ViewKit.block(block: Block): View = when (block) {
    is Block.Text -> text(block)
    is Block.Notice -> notice(block)
    is Block.Facts -> facts(block)
    is Block.Steps -> steps(block)
    is Block.Capture -> capture(block)
    is Block.Hints -> hints(block)
    is Block.Items -> items(block)
    is Block.Input -> input(block)
    is Block.Choice -> choice(block)
}

private fun ViewKit.title(title: String): TextView = TextView(context).apply {
    text = title
    look.title(this)
    textLocale = locale
    textAlignment = View.TEXT_ALIGNMENT_VIEW_START
    heading(this)
}
