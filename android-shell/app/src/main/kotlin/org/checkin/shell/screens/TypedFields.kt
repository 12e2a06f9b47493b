// The one piece of state the shell keeps about a screen: the text the
// participant typed into its fields, until the next action sends it to the
// core (docs/screens.md: "the text typed in an Input field until the next
// action"). The core answers with the fields as they should read next
// (what was typed stays when it was wrong), so an action clears this.
package org.checkin.shell.screens

import org.checkin.model.Block
import org.checkin.model.FieldValue
import org.checkin.model.Screen

internal class TypedFields {
    private val typed = LinkedHashMap<String, String>()

    fun type(fieldId: String, text: String) {
        typed[fieldId] = text
    }

    /** What the field shows: the participant's text, else the core's value. */
    fun shown(fieldId: String, coreValue: String): String = typed[fieldId] ?: coreValue

    fun clear() = typed.clear()

    /**
     * Every field of [screen] with what it holds now, for `perform`: typed
     * text, else the core's value (pre-filled by a managed configuration or
     * an earlier answer), and each choice's selected option.
     */
    fun values(screen: Screen): List<FieldValue> = screen.blocks.mapNotNull { block ->
        when (block) {
            is Block.Input -> FieldValue(block.field.id, shown(block.field.id, block.field.value))
            is Block.Choice -> block.options.firstOrNull { it.selected }?.let { FieldValue(block.fieldId, it.value) }
            else -> null
        }
    }
}
