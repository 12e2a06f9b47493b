// How the app behaves around the core's screens: a language switch
// re-renders the screen in the new language and renames the notification
// channels; the back gesture follows each screen's `back` and closes the
// app at a root; FLAG_SECURE follows each screen's `secure`; typed text is
// held across a refresh and sent with the next action; the screen is
// disabled while the core works on a tap; the phone's permission states
// reach the core; a reminder's link opens its screen; and the screen is
// asked for again at its `refresh_at_ms`, on resume and after every sync.
package org.checkin.shell.screens

import android.Manifest
import android.content.Intent
import android.net.Uri
import android.os.Looper
import android.view.ViewGroup
import android.widget.EditText
import android.widget.RadioButton
import android.widget.TextView
import kotlinx.coroutines.runBlocking
import org.checkin.model.Block
import org.checkin.model.Route
import org.checkin.shell.app.HostActivity
import org.checkin.shell.app.Shell
import org.checkin.shell.platform.NotificationManagerNotices
import org.checkin.shell.support.BlackHole
import org.checkin.shell.support.Programs
import org.checkin.shell.support.RecordingNotices
import org.checkin.shell.support.ScreenDriver
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric
import org.robolectric.Shadows.shadowOf
import java.net.ServerSocket
import java.time.Duration
import java.util.Locale

class ScreenBehaviourTest : ShellFixture() {
    private fun launch() = ScreenDriver(Robolectric.buildActivity(HostActivity::class.java).setup())

    /** A shell enrolled with the reference server and past the statement, the app open at home. */
    private fun atHome(shell: Shell, planJson: String? = null): ScreenDriver {
        val server = server(planJson = planJson)
        runBlocking {
            val client = shell.client()
            client.enroll(server.baseUrl, server.codes[0])
            client.recordConsent(client.policy().version, "en")
        }
        return launch().also { it.awaitRoute(Route.Home) }
    }

    @Test
    fun `a language switch re-renders the screen in that language and renames the notification channels`() {
        val notices = RecordingNotices(NotificationManagerNotices(app))
        val shell = installShell(notices = notices)
        val ui = atHome(shell)
        ui.tap("home.open-settings")
        assertEquals("en", ui.awaitRoute(Route.Settings).language)
        ui.awaitUi("the channels named when the app opened") { notices.namings.isNotEmpty() }
        val before = notices.namings.size

        ui.tap("settings.language-es")
        ui.awaitUi("Settings in Spanish") { ui.renderer.screen?.language == "es" && ui.idle() }
        val title = (ui.view as ViewGroup).getChildAt(0) as TextView
        assertEquals(ui.screen.title, title.text.toString())
        assertEquals(Locale.forLanguageTag("es"), title.textLocale)
        assertTrue((ui.find("settings.language-es") as RadioButton).isChecked)
        ui.awaitUi("the channels renamed") { notices.namings.size > before }
        assertEquals(shell.client().notificationChannels(), notices.namings.last())

        ui.tap("settings.language-en")
        ui.awaitUi("Settings in English") { ui.renderer.screen?.language == "en" && ui.idle() }
        ui.awaitUi("the channels renamed again") { notices.namings.size > before + 1 }
        assertEquals(shell.client().notificationChannels(), notices.namings.last())
    }

    @Test
    fun `back follows each screen's back and closes at a root, FLAG_SECURE follows each screen`() {
        val ui = atHome(installShell())
        assertTrue("home is personal", ui.secure)
        ui.tap("home.open-settings")
        ui.awaitRoute(Route.Settings)
        assertFalse("settings are not", ui.secure)
        back(ui)
        ui.awaitRoute(Route.Home)
        assertTrue(ui.secure)

        ui.tap("home.open-appointments")
        ui.awaitRoute(Route.Appointments)
        ui.tap("appointments.open")
        val appointment = ui.awaitRoute("appointment") { it is Route.Appointment }
        assertEquals(Route.Appointments, appointment.back)
        assertTrue(ui.secure)
        back(ui)
        ui.awaitRoute(Route.Appointments)
        back(ui)
        ui.awaitRoute(Route.Home)
        assertFalse(ui.activity.isFinishing)
        back(ui)
        assertTrue("home is a root: back leaves the app", ui.activity.isFinishing)
    }

    @Test
    fun `the permissions the phone reports reach the core with every call`() {
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val ui = atHome(installShell())
        ui.tap("home.open-settings")
        ui.awaitRoute(Route.Settings)
        assertNull("the camera is allowed: nothing to ask", ui.find("settings.allow-camera"))
        assertNotNull("the microphone is not", ui.find("settings.allow-microphone"))
        shadowOf(app).grantPermissions(Manifest.permission.RECORD_AUDIO)
        ui.controller.pause().resume()
        ui.awaitUi("the screen asked with the new state") { ui.idle() && ui.find("settings.allow-microphone") == null }
    }

    @Test
    fun `a reminder's link opens its screen, when the app starts and when it is open`() {
        val shell = installShell()
        val server = server()
        runBlocking {
            val client = shell.client()
            client.enroll(server.baseUrl, server.codes[0])
            client.recordConsent(client.policy().version, "en")
        }
        val link = Intent(Intent.ACTION_VIEW, Uri.parse("checkin://appointment/hearing-1"))
        val ui = ScreenDriver(Robolectric.buildActivity(HostActivity::class.java, link).setup())
        ui.awaitRoute(Route.Appointment("hearing-1"))
        ui.controller.newIntent(Intent(Intent.ACTION_VIEW, Uri.parse("checkin://window/today@2026-12-04T09:00")))
        ui.awaitRoute(Route.Home)
        ui.controller.newIntent(Intent(Intent.ACTION_VIEW, Uri.parse("checkin://appointment/no-such")))
        ui.awaitRoute("the list, for an appointment the plan no longer has") { it == Route.Appointments }
        assertEquals(Route.Start, CoreRenderer.routeOf(Uri.parse("checkin://appointment/")))
    }

    @Test
    fun `typed text is held across a refresh and sent with the next action`() {
        installShell()
        val server = server()
        val ui = launch()
        ui.awaitRoute(Route.Enroll)
        ui.type("server_url", server.baseUrl)
        ui.type("code", "WRONG-CODE")
        val shown = ui.view
        ui.controller.pause().resume()
        ui.awaitUi("asked again on resume") { ui.view !== shown && ui.idle() }
        assertEquals(server.baseUrl, ui.field("server_url").text.toString())
        assertEquals("WRONG-CODE", ui.field("code").text.toString())

        ui.tap("enroll.submit")
        ui.awaitUi("the core's answer") { ui.idle() && codeField(ui)?.error != null }
        val code = codeField(ui)!!
        assertEquals("what was typed stays", "WRONG-CODE", ui.field("code").text.toString())
        assertTrue("the core's words for it are shown", code.error!! in ui.texts())
        assertEquals(server.baseUrl, ui.field("server_url").text.toString())
    }

    @Test
    fun `the screen is disabled while the core works on a tap, and usable again after`() {
        installShell()
        val port = ServerSocket(0).use { it.localPort }
        val hole = BlackHole(port)
        val ui = launch()
        ui.awaitRoute(Route.Enroll)
        ui.type("server_url", "http://127.0.0.1:$port")
        ui.type("code", "K7Q4P-2MX9A")
        ui.tap("enroll.submit")
        val disabled = ScreenDriver.all(ui.view).filter { it is EditText || it.isClickable }
        assertTrue(disabled.isNotEmpty())
        assertTrue("nothing can be tapped or typed meanwhile", disabled.none { it.isEnabled })
        ui.awaitUi("the request at the server") { hole.accepted == 1 }
        ui.find("enroll.submit")!!.performClick()
        Thread.sleep(300)
        assertEquals("a second tap sends nothing", 1, hole.accepted)

        hole.close() // The server goes away: the core answers with what happened.
        ui.awaitUi("usable again") { ui.idle() }
        assertTrue(ui.screen.blocks.any { it is Block.Notice } || codeField(ui)?.error != null || urlField(ui)?.error != null)
        assertTrue(ui.find("enroll.submit")!!.isEnabled)
    }

    @Test
    fun `the screen is asked for again at its refresh time, on resume and after every sync`() {
        val shell = installShell()
        var syncs = 0
        shell.sync.watch { syncs++ }
        val ui = atHome(shell, Programs.planOpenNow())
        ui.awaitUi("the sync the app runs when it opens") { syncs >= 1 && ui.idle() }
        settle(ui)
        // A delay from when the screen was shown: the timer's clock, not the phone's.
        var delay = assertNotNullValue(ui.screen.refreshInMs?.toLong())
        if (delay < 5_000) {
            idleFor(delay + 1_500)
            settle(ui)
            delay = assertNotNullValue(ui.screen.refreshInMs?.toLong())
        }
        val shown = ui.view
        idleFor(delay - 3_000)
        assertSame("nothing asks before its time", shown, ui.view)
        idleFor(4_000)
        ui.awaitUi("asked again at its time") { ui.view !== shown && ui.idle() }

        val second = ui.view
        ui.controller.pause().resume()
        ui.awaitUi("asked again on resume") { ui.view !== second && ui.idle() }

        val third = ui.view
        runBlocking { shell.sync.syncNow() }
        ui.awaitUi("asked again after a sync") { ui.view !== third && ui.idle() }
    }

    /** Waits until the screen stops changing (answers to calls made before are in). */
    private fun settle(ui: ScreenDriver) {
        while (true) {
            val shown = ui.view
            repeat(15) { idleFor(20); Thread.sleep(20) }
            if (ui.view === shown && ui.idle()) return
        }
    }

    private fun back(ui: ScreenDriver) {
        @Suppress("DEPRECATION") ui.activity.onBackPressed()
    }

    private fun idleFor(ms: Long) = shadowOf(Looper.getMainLooper()).idleFor(Duration.ofMillis(maxOf(ms, 0)))

    private fun assertNotNullValue(value: Long?): Long {
        assertNotNull("the screen has a refresh time", value)
        return value!!
    }

    private fun codeField(ui: ScreenDriver) = inputs(ui).firstOrNull { it.id == "code" }

    private fun urlField(ui: ScreenDriver) = inputs(ui).firstOrNull { it.id == "server_url" }

    private fun inputs(ui: ScreenDriver) = ui.renderer.screen?.blocks.orEmpty().filterIsInstance<Block.Input>().map { it.field }
}
