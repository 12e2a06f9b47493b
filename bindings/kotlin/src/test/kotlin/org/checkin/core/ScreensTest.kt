// The screens from Kotlin: a shell's whole loop (screen → tap → next
// screen, effects carried out and handed back) through the real core and
// the reference server, in two languages.
package org.checkin.core

import kotlinx.coroutines.runBlocking
import org.checkin.core.support.cameraJpeg
import org.checkin.core.support.memoryKeyStore
import org.checkin.core.support.tempDir
import org.checkin.model.ActionKind
import org.checkin.model.Block
import org.checkin.model.CaptureResult
import org.checkin.model.Effect
import org.checkin.model.FieldValue
import org.checkin.model.Route
import org.checkin.model.Screen
import org.checkin.model.ShellContext
import org.checkin.model.StepState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ScreensTest : ServerFixture() {
    private val context = ShellContext(permissions = emptyList(), managed = null)

    private fun open(locale: String) =
        CheckinClient.open(ClientConfig(dataDir = tempDir().path, locale = locale, platform = "desktop"), memoryKeyStore())

    private fun Screen.actionIds() = actions.map { it.id }

    /** Every text a participant reads on the screen. */
    private fun Screen.texts(): List<String> = listOf(title) + blocks.flatMap { block ->
        when (block) {
            is Block.Text -> listOf(block.text)
            is Block.Notice -> listOf(block.title, block.body)
            is Block.Input -> listOfNotNull(block.field.label, block.field.error)
            is Block.Steps -> block.items.map { it.label }
            is Block.Capture -> listOf(block.title, block.instructions)
            is Block.Items -> block.items.map { it.title }
            is Block.Facts -> block.rows.map { it.label }
            is Block.Hints -> block.items.map { it.text }
            is Block.Choice -> listOf(block.label)
        }
    } + actions.map { it.label }

    private fun Screen.action(id: String) = actions.first { it.id == id }.kind

    @Test
    fun `first run in English - enroll, a wrong code told in words, consent, then home`() = runBlocking<Unit> {
        open("en").use { client ->
            val start = client.screen(Route.Start, context)
            assertEquals(Route.Enroll, start.route)
            assertEquals("Set up check-ins", start.title)
            assertEquals(listOf("enroll.submit", "enroll.scan", "enroll.settings"), start.actionIds())
            val fields = start.blocks.filterIsInstance<Block.Input>().map { it.field.id }
            assertEquals(listOf("server_url", "code"), fields)

            val wrong = client.perform(
                Route.Enroll, ActionKind.Enroll,
                listOf(FieldValue("server_url", server.baseUrl), FieldValue("code", "WRONG-CODE")), context,
            )
            assertEquals(Route.Enroll, wrong.route)
            val codeField = wrong.blocks.filterIsInstance<Block.Input>().first { it.field.id == "code" }.field
            assertEquals("This code does not work. Check it, or ask your program for a new one.", codeField.error)
            assertEquals("WRONG-CODE", codeField.value, "what was typed stays")

            val consent = client.perform(
                Route.Enroll, ActionKind.Enroll,
                listOf(FieldValue("server_url", server.baseUrl), FieldValue("code", freshCode())), context,
            )
            assertEquals(Route.Consent, consent.route)
            assertEquals("What this program collects", consent.title)
            assertTrue(consent.texts().any { it.contains("Community Supervision Program (demo)") })
            val accept = consent.action("consent.accept")
            assertTrue(accept is ActionKind.AcceptConsent)

            val home = client.perform(Route.Consent, accept, emptyList(), context)
            assertEquals(Route.Home, home.route)
            assertEquals("Community Supervision Program (demo)", home.title)
            assertTrue(home.secure, "home shows personal data")
            assertTrue(home.actionIds().containsAll(listOf("home.open-appointments", "home.open-proof", "home.open-my-data", "home.open-settings")))
        }
    }

    @Test
    fun `the language switches at any time and every screen follows`() = runBlocking<Unit> {
        open("en").use { client ->
            client.enroll(server.baseUrl, freshCode())
            client.recordConsent(client.policy().version, "en")
            val english = client.screen(Route.Settings, context)
            assertEquals("en", english.language)
            assertEquals("Settings", english.title)
            val choice = english.blocks.filterIsInstance<Block.Choice>().single()
            val spanish = choice.options.first { it.value == "es" }
            assertEquals("Español", spanish.label)

            val inSpanish = client.perform(Route.Settings, spanish.action.kind, emptyList(), context)
            assertEquals("es", inSpanish.language)
            assertNotEquals(english.title, inSpanish.title)
            val home = client.screen(Route.Home, context)
            assertEquals("es", home.language)
            val englishHome = run {
                client.perform(Route.Settings, ActionKind.SetLanguage("en"), emptyList(), context)
                client.screen(Route.Home, context)
            }
            assertEquals(home.actionIds(), englishHome.actionIds(), "the same actions in every language")
            assertNotEquals(home.actions.map { it.label }, englishHome.actions.map { it.label })
            // Reminders follow the language too.
            client.perform(Route.Settings, ActionKind.SetLanguage("es"), emptyList(), context)
            val reminders = client.notifications(8u)
            assertTrue(reminders.isEmpty() || reminders.none { it.title == "Time to check in" })
        }
    }

    @Test
    fun `a check-in - the camera is asked for, the photo handed back, its step done`() = runBlocking<Unit> {
        open("en").use { client ->
            client.enroll(server.baseUrl, freshCode())
            client.recordConsent(client.policy().version, "en")
            val checkin = client.perform(Route.Home, ActionKind.StartCheckin(null), emptyList(), context)
            val route = checkin.route as Route.Checkin
            val capture = checkin.blocks.filterIsInstance<Block.Capture>().single()
            assertEquals("Take a photo of your face", capture.title)

            val camera = client.perform(checkin.route, capture.action.kind, emptyList(), context)
            val effect = camera.effect
            assertTrue(effect is Effect.CapturePhoto, "the shell is asked to open the camera: $effect")

            val after = client.deliverCapture(
                camera.route, CaptureResult.Photo(route.checkinId, cameraJpeg(640, 480, seed = 3)), context,
            )
            val photoStep = after.blocks.filterIsInstance<Block.Steps>().single().items.first()
            assertEquals(StepState.DONE, photoStep.state)
            assertNotNull(photoStep.accessibilityLabel)
            assertTrue(after.actionIds().contains("checkin.review"), after.actionIds().toString())
        }
    }
}
