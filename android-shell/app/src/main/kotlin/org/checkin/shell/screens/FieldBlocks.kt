// The blocks the participant answers: a text field by its kind (the
// program's address on a URL keyboard, the enrollment code in capitals
// without suggestions, a time of day with the time keyboard and the
// system's time picker), and a choice among options (the language), each
// option carrying the action that picks it.
//
// What is typed is kept in TypedFields until the next action sends it. No
// field lets the keyboard learn what is typed (a code, an address).
package org.checkin.shell.screens

import android.app.TimePickerDialog
import android.text.Editable
import android.text.InputFilter
import android.text.InputType
import android.text.SpannableString
import android.text.Spanned
import android.text.TextWatcher
import android.text.format.DateFormat
import android.text.style.LocaleSpan
import android.util.TypedValue
import android.view.Gravity
import android.view.View
import android.view.ViewGroup
import android.view.inputmethod.EditorInfo
import android.widget.EditText
import android.widget.ImageButton
import android.widget.LinearLayout
import android.widget.RadioButton
import android.widget.RadioGroup
import org.checkin.model.Block
import org.checkin.model.Field
import org.checkin.model.FieldKind
import org.checkin.model.TextStyle
import org.checkin.model.Tone
import java.util.Locale

internal fun ViewKit.input(block: Block.Input): View = column().apply {
    val field = block.field
    val edit = editor(field)
    add(text(field.label, TextStyle.BODY).apply { labelFor = edit.id })
    if (field.kind == FieldKind.TIME_OF_DAY && !field.readOnly) {
        val row = LinearLayout(context).apply { orientation = LinearLayout.HORIZONTAL; gravity = Gravity.CENTER_VERTICAL }
        row.addView(edit, LinearLayout.LayoutParams(0, ViewGroup.LayoutParams.WRAP_CONTENT, 1f))
        row.addView(timePicker(field, edit), LinearLayout.LayoutParams(look.dp(Look.TOUCH_DP), look.dp(Look.TOUCH_DP)))
        add(row, 4)
    } else {
        add(edit, 4)
    }
    field.hint?.let { add(text(it, TextStyle.CAPTION), 4) }
    field.error?.let { error ->
        add(text(error, TextStyle.BODY).apply {
            setTextColor(Look.accentOf(Tone.DANGER))
            accessibilityLiveRegion = View.ACCESSIBILITY_LIVE_REGION_POLITE
        }, 4)
    }
}

private fun ViewKit.editor(field: Field): EditText = EditText(context).apply {
    id = View.generateViewId()
    tag = ScreenTags.field(field.id)
    textLocale = locale
    setTextSize(TypedValue.COMPLEX_UNIT_SP, Look.BODY_SP)
    minHeight = look.dp(Look.TOUCH_DP)
    textAlignment = View.TEXT_ALIGNMENT_VIEW_START
    inputType = inputTypeOf(field.kind)
    imeOptions = EditorInfo.IME_FLAG_NO_PERSONALIZED_LEARNING or EditorInfo.IME_ACTION_DONE
    // Capitals whatever the keyboard does with the caps flag.
    if (field.kind == FieldKind.ENROLLMENT_CODE) filters = arrayOf(InputFilter.AllCaps())
    setText(fields.shown(field.id, field.value))
    field.accessibilityLabel?.let { contentDescription = it }
    background = look.wash(if (field.error != null) Tone.DANGER else Tone.NEUTRAL)
    padded(this, 12)
    if (field.readOnly) {
        // Set by the program's device management: readable, not editable.
        keyListener = null
        isFocusable = false
        isCursorVisible = false
        alpha = READ_ONLY_ALPHA
    } else {
        addTextChangedListener(object : TextWatcher {
            override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) = Unit
            override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) = Unit
            override fun afterTextChanged(s: Editable?) = fields.type(field.id, s?.toString().orEmpty())
        })
    }
}

/** The keyboard each kind of field needs. */
internal fun inputTypeOf(kind: FieldKind): Int = when (kind) {
    FieldKind.TEXT -> InputType.TYPE_CLASS_TEXT
    FieldKind.SERVER_URL -> InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_VARIATION_URI
    FieldKind.ENROLLMENT_CODE -> InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS or
        InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS
    FieldKind.TIME_OF_DAY -> InputType.TYPE_CLASS_DATETIME or InputType.TYPE_DATETIME_VARIATION_TIME
}

/** The system's time picker for a time field; it writes `HH:MM`, the form the core reads. */
private fun ViewKit.timePicker(field: Field, edit: EditText): ImageButton = ImageButton(context).apply {
    setImageResource(android.R.drawable.ic_lock_idle_alarm)
    background = null
    contentDescription = field.label
    setOnClickListener {
        val (hour, minute) = parseTime(edit.text.toString()) ?: (DEFAULT_HOUR to 0)
        TimePickerDialog(context, { _, h, m ->
            edit.setText(String.format(Locale.ROOT, "%02d:%02d", h, m))
        }, hour, minute, DateFormat.is24HourFormat(context)).show()
    }
}

/** `H:MM` or `HH:MM` as typed, for the picker to start at; null for anything else. */
internal fun parseTime(text: String): Pair<Int, Int>? {
    val parts = text.trim().split(':')
    if (parts.size != 2) return null
    val hour = parts[0].toIntOrNull() ?: return null
    val minute = parts[1].toIntOrNull() ?: return null
    return (hour to minute).takeIf { hour in 0..23 && minute in 0..59 }
}

/** A choice: each option in its own language (the language list names each in itself), picked by its action. */
internal fun ViewKit.choice(block: Block.Choice): View = column().apply {
    add(text(block.label, TextStyle.HEADING))
    val group = RadioGroup(context).apply { orientation = RadioGroup.VERTICAL }
    for (option in block.options) {
        val radio = RadioButton(context).apply {
            id = View.generateViewId()
            tag = ScreenTags.action(option.action.id)
            text = inLanguage(option.label, option.value)
            setTextSize(TypedValue.COMPLEX_UNIT_SP, Look.BODY_SP)
            minHeight = look.dp(Look.TOUCH_DP)
            isEnabled = option.action.enabled
            option.action.accessibilityLabel?.let { contentDescription = it }
            setOnClickListener { if (!option.selected && option.action.enabled) onAction(option.action) }
        }
        group.addView(radio, RadioGroup.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT))
        if (option.selected) group.check(radio.id)
    }
    add(group, 4)
}

/** [label] marked as written in [tag], so a screen reader speaks it in that language. */
private fun inLanguage(label: String, tag: String): CharSequence {
    val locale = Locale.forLanguageTag(tag)
    if (locale.language.isEmpty()) return label
    return SpannableString(label).apply { setSpan(LocaleSpan(locale), 0, length, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE) }
}

private const val READ_ONLY_ALPHA = 0.8f
private const val DEFAULT_HOUR = 8
