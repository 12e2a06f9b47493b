// The interim content of the app until the screens part lands: the
// participant's ledger in words (the core's own text, in their language)
// once enrolled, a placeholder before. Enough for the APK to run end to end;
// replaced as a whole by the core-driven renderer.
package org.checkin.shell.app

import android.view.View
import android.widget.ScrollView
import android.widget.TextView
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.checkin.core.CheckinException
import java.util.Locale

class StatusRenderer : ScreenRenderer {
    private var host: ScreenHost? = null
    private var text: TextView? = null

    override fun attach(host: ScreenHost): View {
        this.host = host
        val view = TextView(host.activity).apply {
            setPadding(PADDING, PADDING, PADDING, PADDING)
            textSize = 16f
        }
        text = view
        return ScrollView(host.activity).apply { addView(view) }
    }

    override fun onResume() = refresh()

    /** Reads the status from the core off the main thread and shows it. */
    fun refresh() {
        val host = host ?: return
        host.scope.launch {
            val (status, personal) = withContext(Dispatchers.IO) { status(host.shell) }
            host.privacy.setSecure(personal)
            text?.text = status
        }
    }

    override fun detach() {
        host = null
        text = null
    }

    companion object {
        private const val PADDING = 48

        /** The text to show and whether it is personal (the ledger is). */
        fun status(shell: Shell): Pair<String, Boolean> = try {
            val client = shell.client()
            if (client.isEnrolled()) {
                val lang = shell.managedConfig().language ?: Locale.getDefault().toLanguageTag()
                client.ledgerSummary(lang) to true
            } else {
                PlaceholderText.NOT_ENROLLED to false
            }
        } catch (e: CheckinException) {
            PlaceholderText.STORE_UNAVAILABLE to false
        }
    }
}
