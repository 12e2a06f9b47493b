// A phone whose platform key is gone (restored from a backup, a Keystore
// key the OS invalidated): the app shows the core's screen for it, in the
// phone's language, and nothing is deleted until the participant taps
// "set up this phone again". Then the check-in still waiting is kept, the
// enrollment screen says so, and enrolling again with a new code for the
// same participant delivers it with a receipt that verifies. A phone that
// is only locked is told to unlock, and its data is left alone.
package org.checkin.shell.screens

import kotlinx.coroutines.runBlocking
import org.checkin.core.KeyAccessException
import org.checkin.core.OutboxState
import org.checkin.model.Block
import org.checkin.model.Route
import org.checkin.model.Unavailable
import org.checkin.shell.app.HostActivity
import org.checkin.shell.platform.WrappingKeySource
import org.checkin.shell.support.Media
import org.checkin.shell.support.Programs
import org.checkin.shell.support.ScreenDriver
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric
import javax.crypto.SecretKey

class KeyLossTest : ShellFixture() {
    @Test
    fun `a lost key shows the core's screen, and setting up again keeps and delivers the check-in waiting`() = runBlocking<Unit> {
        val server = server(planJson = Programs.planOpenNow(), participant = "A-204-118-993")
        val first = installShell()
        val before = first.client()
        before.enroll(server.baseUrl, server.codes[0])
        val id = before.startCheckin(null)
        before.attachPhoto(id, Media.portraitJpeg())
        val kept = before.submit(id)
        first.close()
        keys.lose()

        val shell = installShell()
        val ui = ScreenDriver(Robolectric.buildActivity(HostActivity::class.java).setup())
        ui.awaitUi("the cannot-open screen") { offers(ui, "unavailable.start-again") }
        assertEquals(Unavailable.KEY_LOST, shell.cannotOpen?.reason)
        val cannotOpen = ui.screen
        assertEquals("the core's words are shown", cannotOpen.title, ui.activity.title)
        assertTrue(cannotOpen.blocks.filterIsInstance<Block.Text>().single().text in ui.texts())
        assertFalse(ui.secure)

        ui.tap("unavailable.start-again")
        val enroll = ui.awaitRoute(Route.Enroll)
        assertNull(shell.cannotOpen)
        val notice = enroll.blocks.filterIsInstance<Block.Notice>().single()
        assertTrue(notice.body, notice.body.startsWith("1 check-in") && notice.body in ui.texts())
        val waiting = shell.client().outbox().single()
        assertEquals(kept.checkinId, waiting.checkinId)
        assertTrue("kept from the lost key", waiting.recovered)
        assertEquals(OutboxState.QUEUED, waiting.state)

        ui.type("server_url", server.baseUrl)
        ui.type("code", server.codes[1])
        ui.tap("enroll.submit")
        ui.awaitRoute("after enrollment") { it == Route.Consent || it == Route.Home }
        if (ui.screen.route == Route.Consent) ui.tap("consent.accept")
        ui.awaitRoute(Route.Home)
        // The app's own sync may have sent it already; else the participant taps "send now".
        if (ui.screen.actions.any { it.id == "home.sync" }) ui.tap("home.sync")
        ui.awaitUi("the kept check-in delivered") { shell.client().outbox().single().state == OutboxState.DELIVERED }
        val receipt = shell.client().outbox().single().receipt ?: throw AssertionError("delivered without a receipt")
        assertEquals(kept.envelopeSha256Hex, receipt.envelopeSha256Hex)
    }

    @Test
    fun `a locked phone is told to unlock, and trying again after the unlock opens what was there`() = runBlocking<Unit> {
        val first = installShell()
        val server = server()
        first.client().enroll(server.baseUrl, server.codes[0])
        first.close()

        var locked = true
        val shell = installShell(keySource = object : WrappingKeySource {
            override fun existing(): SecretKey? =
                if (locked) throw KeyAccessException.Unavailable("before the first unlock") else keys.existing()
            override fun create(): SecretKey = keys.create()
        })
        val ui = ScreenDriver(Robolectric.buildActivity(HostActivity::class.java).setup())
        ui.awaitUi("the cannot-open screen") { offers(ui, "unavailable.open-again") }
        assertEquals(Unavailable.LOCKED, shell.cannotOpen?.reason)

        locked = false
        ui.tap("unavailable.open-again")
        ui.awaitRoute("home or consent, still enrolled") { it == Route.Home || it == Route.Consent }
        assertTrue("nothing was deleted", shell.client().isEnrolled())
    }

    /** The screen on show offers the action [id] and is usable (false while nothing is shown yet). */
    private fun offers(ui: ScreenDriver, id: String): Boolean =
        ui.renderer.screen?.actions?.any { it.id == id } == true && ui.idle()
}
