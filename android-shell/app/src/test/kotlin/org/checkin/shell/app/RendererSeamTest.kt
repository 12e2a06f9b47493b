// The seam the screens part plugs into: a renderer returned from
// HostActivity.renderer() is attached, resumed, told the deep link a tapped
// reminder opened the app at (also when the app was already open), and
// detached; other schemes never reach it.
package org.checkin.shell.app

import android.content.Intent
import android.net.Uri
import android.view.View
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Robolectric

class RendererSeamTest : ShellFixture() {
    class RecordingRenderer : ScreenRenderer {
        val events = mutableListOf<String>()
        var host: ScreenHost? = null
        override fun attach(host: ScreenHost): View {
            this.host = host
            events += "attach"
            return View(host.activity)
        }
        override fun onDeepLink(link: Uri) {
            events += "link $link"
        }
        override fun onResume() {
            events += "resume"
        }
        override fun detach() {
            events += "detach"
        }
    }

    class RecordingHostActivity : HostActivity() {
        val recording = RecordingRenderer()
        override fun renderer(): ScreenRenderer = recording
    }

    @Test
    fun `the renderer gets the host, the deep links and the lifecycle`() {
        val shell = installShell()
        val opened = Intent(Intent.ACTION_VIEW, Uri.parse("checkin://window/weekly@2026-12-07T09:00"))
        val controller = Robolectric.buildActivity(RecordingHostActivity::class.java, opened).setup()
        val renderer = controller.get().recording
        assertEquals(shell, renderer.host!!.shell)
        assertEquals(listOf("attach", "link checkin://window/weekly@2026-12-07T09:00", "resume"), renderer.events.take(3))

        controller.newIntent(Intent(Intent.ACTION_VIEW, Uri.parse("checkin://appointment/hearing-1")))
        controller.newIntent(Intent(Intent.ACTION_VIEW, Uri.parse("https://elsewhere.example/")))
        assertTrue(renderer.events.contains("link checkin://appointment/hearing-1"))
        assertTrue("other schemes are not links", renderer.events.none { it.contains("elsewhere") })
        controller.pause().stop().destroy()
        assertEquals("detach", renderer.events.last())
    }
}
