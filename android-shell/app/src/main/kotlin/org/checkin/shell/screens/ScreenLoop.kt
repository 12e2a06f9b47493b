// The loop between the core and the participant (docs/screens.md): ask
// the core for a screen, show it, send a tap back as its action's kind
// with the typed fields, carry out the effect a screen asks for and hand
// the result back; ask again when the screen says (`refresh_at_ms`), when
// the app comes back to the front and after every sync.
//
// Guarantees: every core call runs off the main thread; the screen is
// disabled while a tap or a capture's result is with the core, so nothing
// is sent twice; only the newest answer is shown (an older one arriving
// late is dropped); one effect at a time, and leaving it (back, close, the
// app leaving the front while the camera, microphone or location is in
// use) hands `Cancelled` to the core; a call that throws leaves the
// screen as it was, enabled again, except when the client cannot open:
// then the core's screen for that shows, and its one action opens again
// (after a lost platform key, keeping the check-ins still waiting).
package org.checkin.shell.screens

import android.os.Handler
import android.os.Looper
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.checkin.core.CheckinClient
import org.checkin.core.CheckinException
import org.checkin.core.InternalException
import org.checkin.model.Action
import org.checkin.model.ActionKind
import org.checkin.model.CaptureResult
import org.checkin.model.Effect
import org.checkin.model.Route
import org.checkin.model.Screen
import org.checkin.model.ShellContext
import org.checkin.shell.app.ScreenHost
import java.util.Locale

internal class ScreenLoop(private val host: ScreenHost, private val frame: ScreenFrame) {
    private val shell = host.shell
    private val look = Look(host.activity)
    private val fields = TypedFields()
    private val effects = EffectRunner(host, frame)
    private val timer = Handler(Looper.getMainLooper())
    private val ticking = Runnable { refresh() }

    /** The screen on show. */
    var screen: Screen? = null
        private set

    /** The number of the newest call: an answer to an older one is dropped. */
    private var asked = 0

    /** The route of the newest request by route (or of the screen on show): what a refresh asks for. */
    private var route: Route = Route.Start
    /** A tap or a capture's result is with the core (the screen is disabled). */
    private var working = false

    /** The effect being carried out (camera, recorder, a permission prompt, …). */
    private var effect: Deferred<EffectOutcome>? = null

    /** The action whose answer asked for the effect (its label describes the camera's shutter). */
    private var tapped: Action? = null
    private var language: String? = null

    /** Shows the screen for [route] (the app opening, a deep link). */
    fun open(route: Route) {
        this.route = route
        call(hold = false) { client, context -> client.screen(route, context) }
    }

    /** The same screen again, as it reads now; not while a tap or a capture is under way. */
    fun refresh() {
        if (working || effect != null) return
        open(route)
    }

    fun tap(action: Action) {
        val current = screen ?: return
        if (working || effect != null || !action.enabled) return
        if (current == shell.cannotOpen?.screen) {
            // No client to perform it: the shell answers this screen's one action by opening again
            // (keeping what waits after a lost key), then shows what the core shows first.
            tapped = null
            route = Route.Start
            call(hold = true, open = shell::openAgain) { client, context -> client.screen(Route.Start, context) }
            return
        }
        tapped = action
        val values = fields.values(current)
        call(hold = true) { client, context ->
            when (action.kind) {
                // One sync per process: a tapped one waits for the background job's, and re-arms after.
                is ActionKind.SyncNow, is ActionKind.RetryWedged ->
                    shell.sync.exclusive { client.perform(current.route, action.kind, values, context) }
                else -> client.perform(current.route, action.kind, values, context)
            }
        }
    }

    /** The back gesture: leaves a capture, else goes where the screen says; false at a root. */
    fun back(): Boolean {
        effect?.let { it.cancel(); return true }
        if (working) return true
        val current = screen ?: return false
        val to = current.back ?: return false
        tapped = null
        call(hold = true) { client, context -> client.perform(current.route, ActionKind.Navigate(to), emptyList(), context) }
        return true
    }

    /** The app left the front: the camera, microphone and location stop (their capture is cancelled). */
    fun pause() {
        if (effects.holdsHardware) effect?.cancel()
        timer.removeCallbacks(ticking)
    }

    fun stop() {
        effect?.cancel()
        timer.removeCallbacks(ticking)
    }

    private fun context(): ShellContext = ShellContexts.of(host.permissions, shell.managedConfig())

    /**
     * Asks the core off the main thread and shows its answer if it is still
     * the newest. [hold]: a tap or a capture's result: the screen is
     * disabled meanwhile and the typed text goes with the call.
     */
    private fun call(
        hold: Boolean,
        open: () -> CheckinClient = shell::client,
        ask: suspend (CheckinClient, ShellContext) -> Screen,
    ) {
        val ticket = ++asked
        val context = context()
        if (hold) {
            working = true
            frame.busy()
        }
        host.scope.launch {
            val answer = try {
                withContext(Dispatchers.IO) { ask(open(), context) }
            } catch (e: CheckinException) {
                // A client that cannot open: the core's screen saying why and what to do.
                shell.cannotOpen?.screen
            } catch (e: InternalException) {
                null // A panic in the core, turned into an exception by the bindings.
            }
            if (hold) working = false
            if (ticket != asked) return@launch
            if (answer == null) {
                // Nothing new to show: the screen as it was, usable again.
                screen?.let { render(it, keepPlace = true) }
                return@launch
            }
            val sameScreen = answer.route == screen?.route
            // Typed text goes with the action it was sent with, or with the screen it was typed on.
            if (hold || !sameScreen) fields.clear()
            show(answer, keepPlace = !hold && sameScreen)
        }
    }

    private fun show(next: Screen, keepPlace: Boolean) {
        screen = next
        route = next.route
        render(next, keepPlace)
        timer.removeCallbacks(ticking)
        // A delay, not a time: a phone clock that is wrong cannot move it.
        next.refreshInMs?.let { delay -> timer.postDelayed(ticking, delay.toLong().coerceIn(MIN_REFRESH_MS, MAX_REFRESH_MS)) }
        if (language != null && language != next.language) languageChanged()
        language = next.language
        next.effect?.let { carryOut(it, next) }
    }

    private fun kit(screen: Screen) = ViewKit(host.activity, look, Locale.forLanguageTag(screen.language), fields, ::tap)

    private fun render(screen: Screen, keepPlace: Boolean) {
        frame.show(kit(screen).screen(screen), keepPlace)
        host.activity.title = screen.title
        host.privacy.setSecure(screen.secure)
    }

    /** The notification channels and the armed reminders' text follow the language. */
    private fun languageChanged() {
        host.scope.launch(Dispatchers.IO) {
            shell.nameNotificationChannels()
            try {
                shell.refreshReminders()
            } catch (e: CheckinException) {
                // The next sync re-arms them.
            }
        }
    }

    private fun carryOut(effect: Effect, on: Screen) {
        if (effect is Effect.Sync) {
            // Sealed and saved: send it without holding the screen, then ask again.
            host.scope.launch {
                withContext(Dispatchers.IO) {
                    try {
                        shell.sync.exclusive { client -> client.perform(on.route, ActionKind.SyncNow, emptyList(), context()) }
                    } catch (e: CheckinException) {
                        // Still queued; the background job sends it.
                    }
                }
                refresh()
            }
            return
        }
        val running = host.scope.async { effects.carryOut(effect, on, tapped, kit(on)) { this@ScreenLoop.effect?.cancel() } }
        this.effect = running
        host.scope.launch {
            val outcome = try {
                running.await()
            } catch (e: CancellationException) {
                if (!isActive) throw e
                EffectOutcome.Deliver(CaptureResult.Cancelled("the participant left the capture"))
            } catch (e: Exception) {
                // The hardware threw something unforeseen: the capture failed, the app stays up.
                EffectOutcome.Deliver(CaptureResult.Cancelled("capture failed: ${e.javaClass.simpleName}"))
            }
            this@ScreenLoop.effect = null
            when (outcome) {
                is EffectOutcome.Deliver -> call(hold = true) { client, context -> client.deliverCapture(on.route, outcome.result, context) }
                EffectOutcome.AskAgain -> refresh()
                EffectOutcome.Done -> Unit
            }
        }
    }

    private companion object {
        /** Never ask again sooner (a time already past would otherwise spin). */
        const val MIN_REFRESH_MS = 1_000L

        /** Never wait longer (uptime stops in deep sleep; coming back to the front asks again anyway). */
        const val MAX_REFRESH_MS = 60 * 60 * 1000L
    }
}
