// Every block kind of the core's screen model as Views: each text shown as
// the core wrote it, each accessibility label on the view a screen reader
// reads, headings marked, actions by style (disabled when the core says),
// fields with the keyboard their kind needs, options that pick by their
// action; text that grows with the system font size, and a right-to-left
// language laid out from the right. A screen made here covers every kind
// and every optional field at once (the core's own screens are exercised
// through the app in the other screen tests).
package org.checkin.shell.screens

import android.app.Activity
import android.os.Build
import android.text.InputType
import android.util.TypedValue
import android.view.View
import android.widget.Button
import android.widget.EditText
import android.widget.RadioButton
import android.widget.TextView
import org.checkin.model.Action
import org.checkin.model.ActionKind
import org.checkin.model.ActionStyle
import org.checkin.model.Block
import org.checkin.model.CaptureKind
import org.checkin.model.ChoiceOption
import org.checkin.model.Fact
import org.checkin.model.Field
import org.checkin.model.FieldKind
import org.checkin.model.FieldValue
import org.checkin.model.Hint
import org.checkin.model.Item
import org.checkin.model.Route
import org.checkin.model.Screen
import org.checkin.model.Step
import org.checkin.model.StepState
import org.checkin.model.TextStyle
import org.checkin.model.Tone
import org.checkin.shell.support.ScreenDriver.Companion.all
import org.checkin.shell.support.ScreenDriver.Companion.textsIn
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import java.util.Locale

class BlockRenderingTest : ShellFixture() {
    private fun action(id: String, style: ActionStyle = ActionStyle.SECONDARY, enabled: Boolean = true) =
        Action(id, "Label of $id", "Spoken $id", style, enabled, ActionKind.Navigate(Route.Settings))

    private fun field(id: String, kind: FieldKind, readOnly: Boolean = false) =
        Field(id, "Label of $id", kind, "value of $id", readOnly, "Hint of $id", "Error of $id", "Spoken field $id")

    private val everyKind = Screen(
        route = Route.Home,
        title = "The screen's title",
        language = "en",
        blocks = listOf(
            Block.Text("A heading", TextStyle.HEADING),
            Block.Text("Some body text", TextStyle.BODY),
            Block.Text("Small print", TextStyle.CAPTION),
            Block.Notice(Tone.DANGER, "Notice title", "Notice body", "Spoken notice", action("notice.act")),
            Block.Notice(Tone.INFO, "Plain notice", "Read as written", null, null),
            Block.Facts("Facts title", listOf(Fact("A label", "A value", "Spoken fact"), Fact("Other", "Plain", null))),
            Block.Steps(listOf(
                Step("Photo", StepState.DONE, "Taken", "Spoken step 1"),
                Step("Voice", StepState.CURRENT, "Now", "Spoken step 2"),
                Step("Place", StepState.OPTIONAL, "", "Spoken step 3"),
            )),
            Block.Capture(CaptureKind.PHOTO, "Capture title", "Capture instructions", action("capture.act", ActionStyle.PRIMARY)),
            Block.Hints(listOf(Hint(Tone.WARNING, "Too dark"), Hint(Tone.SUCCESS, "Sharp"))),
            Block.Items("Items title", listOf(
                Item("i1", "Item title", "Item detail", Tone.SUCCESS, "Badge", "Spoken item", action("item.act", ActionStyle.LINK)),
            )),
            Block.Input(field("url", FieldKind.SERVER_URL)),
            Block.Input(field("code", FieldKind.ENROLLMENT_CODE)),
            Block.Input(field("leave", FieldKind.TIME_OF_DAY)),
            Block.Input(field("name", FieldKind.TEXT, readOnly = true)),
            Block.Choice("language", "Choice label", listOf(
                ChoiceOption("en", "English", true, action("pick.en")),
                ChoiceOption("es", "Español", false, action("pick.es")),
            )),
        ),
        actions = listOf(
            action("main", ActionStyle.PRIMARY),
            action("off", enabled = false),
            action("drop", ActionStyle.DANGER),
            action("more", ActionStyle.LINK),
        ),
        back = null,
        secure = false,
        refreshInMs = null,
        effect = null,
    )

    private fun render(screen: Screen = everyKind, language: String = "en", taps: MutableList<Action> = mutableListOf(), typed: TypedFields = TypedFields()): View {
        val activity = Robolectric.buildActivity(Activity::class.java).setup().get()
        val view = ViewKit(activity, Look(activity), Locale.forLanguageTag(language), typed) { taps += it }.screen(screen)
        activity.setContentView(view)
        return view
    }

    private inline fun <reified T : View> View.tagged(tag: String): T = findViewWithTag<T>(tag) ?: throw AssertionError("nothing tagged $tag")

    @Test
    fun `every text the core wrote is shown, and every accessibility label is on a view`() {
        val view = render()
        val shown = textsIn(view)
        val written = listOf(
            "The screen's title", "A heading", "Some body text", "Small print", "Notice title", "Notice body", "Plain notice",
            "Read as written", "Facts title", "A label", "A value", "Photo", "Taken", "Voice", "Capture title",
            "Capture instructions", "Too dark", "Sharp", "Items title", "Item title", "Badge", "Item detail",
            "Label of url", "Hint of url", "Error of url", "value of url", "Choice label", "English", "Español",
        ) + everyKind.actions.map { it.label } + listOf("Label of notice.act", "Label of capture.act", "Label of item.act")
        for (text in written) assertTrue("\"$text\" is shown", text in shown)

        val spoken = all(view).mapNotNull { it.contentDescription?.toString() }.toSet()
        val labels = listOf("Spoken notice", "Spoken fact", "Spoken step 1", "Spoken step 2", "Spoken step 3", "Spoken item") +
            listOf("url", "code", "leave", "name").map { "Spoken field $it" } +
            listOf("notice.act", "capture.act", "item.act", "pick.en", "pick.es", "main", "off", "drop", "more").map { "Spoken $it" }
        for (label in labels) assertTrue("\"$label\" is read by a screen reader", label in spoken)
        // A label read instead of the words silences them; a notice without one is read as written.
        val notice = all(view).first { it.contentDescription == "Spoken notice" } as android.view.ViewGroup
        assertEquals(View.IMPORTANT_FOR_ACCESSIBILITY_NO_HIDE_DESCENDANTS, notice.getChildAt(0).importantForAccessibility)
        val plain = all(view).filterIsInstance<TextView>().first { it.text == "Plain notice" }
        assertNotEquals(View.IMPORTANT_FOR_ACCESSIBILITY_NO_HIDE_DESCENDANTS, plain.importantForAccessibility)
        assertNull((plain.parent as View).contentDescription)
        if (Build.VERSION.SDK_INT >= 28) {
            val headings = all(view).filterIsInstance<TextView>().filter { it.isAccessibilityHeading }.map { it.text.toString() }
            assertTrue(headings.containsAll(listOf("The screen's title", "A heading", "Facts title", "Items title", "Capture title", "Choice label")))
        }
    }

    @Test
    fun `actions by style, disabled when the core says, big enough to tap, and sent as they are`() {
        val taps = mutableListOf<Action>()
        val view = render(taps = taps)
        val density = view.resources.displayMetrics.density
        val main = view.tagged<Button>("main")
        assertTrue("the main action is 56 dp high at least", main.minHeight >= (56 * density).toInt())
        for (id in listOf("off", "drop", "more", "notice.act", "item.act")) {
            assertTrue("$id is 48 dp at least", view.tagged<Button>(id).minHeight >= (48 * density).toInt())
        }
        assertFalse(view.tagged<Button>("off").isEnabled)
        view.tagged<Button>("off").performClick()
        view.tagged<Button>("main").performClick()
        view.tagged<Button>("notice.act").performClick()
        view.tagged<Button>("item.act").performClick()
        view.tagged<RadioButton>("pick.es").performClick()
        view.tagged<RadioButton>("pick.en").performClick() // Already picked: nothing to send.
        assertEquals(listOf("main", "notice.act", "item.act", "pick.es"), taps.map { it.id })
        assertTrue(view.tagged<RadioButton>("pick.en").isChecked)
    }

    @Test
    fun `fields get the keyboard of their kind, hold what is typed, and a program's value cannot be edited`() {
        val typed = TypedFields()
        val view = render(typed = typed)
        val url = view.tagged<EditText>("field:url")
        assertEquals(InputType.TYPE_TEXT_VARIATION_URI, url.inputType and InputType.TYPE_MASK_VARIATION)
        val code = view.tagged<EditText>("field:code")
        assertTrue("capitals", code.inputType and InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS != 0)
        assertTrue("no suggestions", code.inputType and InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS != 0)
        val time = view.tagged<EditText>("field:leave")
        assertEquals(InputType.TYPE_CLASS_DATETIME, time.inputType and InputType.TYPE_MASK_CLASS)
        assertEquals(InputType.TYPE_DATETIME_VARIATION_TIME, time.inputType and InputType.TYPE_MASK_VARIATION)
        val name = view.tagged<EditText>("field:name")
        assertNull("read-only", name.keyListener)
        assertFalse(name.isFocusable)
        for (field in listOf(url, code, time)) {
            assertTrue("the keyboard does not learn it", field.imeOptions and android.view.inputmethod.EditorInfo.IME_FLAG_NO_PERSONALIZED_LEARNING != 0)
        }

        url.setText("https://typed.example")
        code.setText("k7q4p-2mx9a")
        assertEquals("capitals, whatever the keyboard sends", "K7Q4P-2MX9A", code.text.toString())
        val values = typed.values(everyKind).associate { it.fieldId to it.value }
        assertEquals("https://typed.example", values["url"])
        assertEquals("K7Q4P-2MX9A", values["code"])
        assertEquals("untouched fields go back as the core gave them", "value of leave", values["leave"])
        assertEquals("the choice as picked", "en", values["language"])
        // Shown again (a refresh) with the typed text, until the next action clears it.
        val again = render(typed = typed)
        assertEquals("https://typed.example", again.tagged<EditText>("field:url").text.toString())
        typed.clear()
        assertEquals(FieldValue("url", "value of url"), typed.values(everyKind).first())
        assertEquals(7 to 30, parseTime("7:30"))
        assertNull(parseTime("25:00"))
        assertNull(parseTime("noon"))
    }

    @Test
    fun `text grows with the system font size`() {
        val normal = render().tagged<Button>("main").textSize
        RuntimeEnvironment.setFontScale(1.5f)
        val large = render().tagged<Button>("main").textSize
        // Android 14 scales large text less than small text (non-linear font scaling); it still grows.
        assertTrue("$normal px at 1.0, $large px at 1.5", large >= normal * 1.3f)
        if (Build.VERSION.SDK_INT >= 30) assertEquals(TypedValue.COMPLEX_UNIT_SP, textOf(render(), "Some body text").textSizeUnit)
    }

    @Test
    fun `a right-to-left language is laid out from the right, in its own locale`() {
        // As the manifest's supportsRtl says (Robolectric runs without the manifest).
        app.applicationInfo.flags = app.applicationInfo.flags or android.content.pm.ApplicationInfo.FLAG_SUPPORTS_RTL
        val view = render(language = "ar")
        assertEquals(View.LAYOUT_DIRECTION_RTL, view.layoutDirection)
        assertEquals(Locale.forLanguageTag("ar"), textOf(view, "A heading").textLocale)
        assertEquals(View.LAYOUT_DIRECTION_LTR, render(language = "ht").layoutDirection)
    }

    private fun textOf(view: View, text: String): TextView =
        all(view).filterIsInstance<TextView>().first { it.text.toString() == text }
}
