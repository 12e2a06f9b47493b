// Carries out what a screen asks of the phone (`Screen.effect`) and says
// what goes back to the core:
//
//   CapturePhoto       the in-app camera (Camera2, front), one JPEG in memory  → Photo
//   CaptureVoice       the recorder, up to max_seconds, level meter on screen  → Voice (WAV)
//   CaptureLocation    one fix (provider and mock flag as the phone says)      → Location
//   ScanCode           the QR scanner (frames in memory)                        → ScannedCode
//   RequestPermission  the OS prompt now (or its Settings page once refused)   → ask again | Denied
//   ShareFile          the share sheet, through ExportProvider                 → nothing
//   Dial               the dialler (ACTION_DIAL: no call permission)            → nothing
//
// A capture asks for its permission first, at that moment; a refusal is
// `Denied`, a failure or a cancel `Cancelled` (its reason is for logs and
// names no personal data). The Sync effect is the screen loop's.
package org.checkin.shell.screens

import android.content.ActivityNotFoundException
import android.content.ClipData
import android.content.Intent
import android.net.Uri
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import org.checkin.core.CheckinException
import org.checkin.model.Action
import org.checkin.model.Block
import org.checkin.model.CaptureKind
import org.checkin.model.CaptureResult
import org.checkin.model.Effect
import org.checkin.model.Screen
import org.checkin.shell.app.ScreenHost
import org.checkin.shell.platform.CaptureOutcome
import org.checkin.shell.platform.ExportProvider
import org.checkin.shell.platform.PermissionState
import org.checkin.shell.platform.ShellPermission
import org.checkin.shell.platform.VoiceRecorder
import kotlin.coroutines.resume

internal sealed interface EffectOutcome {
    data class Deliver(val result: CaptureResult) : EffectOutcome

    /** What the phone allows changed: ask the core for the screen again. */
    data object AskAgain : EffectOutcome

    /** Handed to another app (the share sheet, the dialler); nothing comes back. */
    data object Done : EffectOutcome
}

internal class EffectRunner(private val host: ScreenHost, private val frame: ScreenFrame) {
    private val activity = host.activity

    /** True while the camera, the microphone or the location is in use (they stop when the app leaves the front). */
    @Volatile var holdsHardware = false
        private set

    /**
     * Carries out [effect], asked by [screen] after the participant tapped
     * [tapped]; [kit] words the capture panels; [close] cancels, as back does.
     */
    suspend fun carryOut(effect: Effect, screen: Screen, tapped: Action?, kit: ViewKit, close: () -> Unit): EffectOutcome =
        when (effect) {
            is Effect.CapturePhoto -> photo(effect.checkinId, guide(screen, CaptureKind.PHOTO), tapped, kit, close)
            is Effect.CaptureVoice -> voice(effect, guide(screen, CaptureKind.VOICE), kit, close)
            is Effect.CaptureLocation -> location(effect.checkinId)
            // The directory's distances: one fix, kept in the core's memory only (any check-in id).
            is Effect.LocateForSearch -> location(checkinId = "")
            is Effect.ScanCode -> scan(kit, close)
            is Effect.RequestPermission -> {
                val granted = allowed(ShellContexts.shell(effect.permission), settingsIfRefused = true)
                if (granted) EffectOutcome.AskAgain else deliver(CaptureResult.Denied(effect.permission))
            }
            is Effect.ShareFile -> share(effect.path, effect.mimeType)
            is Effect.Dial -> open(Intent(Intent.ACTION_DIAL, Uri.fromParts("tel", effect.phone, null)))
            is Effect.Sync -> EffectOutcome.Done
        }

    private suspend fun photo(checkinId: String, guide: Block.Capture?, tapped: Action?, kit: ViewKit, close: () -> Unit): EffectOutcome {
        if (!allowed(ShellPermission.CAMERA)) return denied(ShellPermission.CAMERA)
        val longEdge = try {
            withContext(Dispatchers.IO) { host.shell.client().policy().photoLongEdgePx.toInt() }
        } catch (e: CheckinException) {
            return cancelled("policy unavailable")
        }
        val panel = CameraPanel(kit, guide, tapped?.label, close)
        val capture = host.shell.photoCapture()
        return usingHardware(panel.view, release = { capture.stop(); panel.preview.release() }) {
            when (val opened = capture.start(panel.preview.surface(), longEdge, displayDegrees())) {
                is CaptureOutcome.Failed -> return@usingHardware cancelled(opened.reason)
                is CaptureOutcome.Denied -> return@usingHardware denied(opened.permission)
                is CaptureOutcome.Captured -> panel.ready()
            }
            panel.awaitShutter()
            outcome(capture.take()) { CaptureResult.Photo(checkinId, it) }
        }
    }

    private suspend fun voice(effect: Effect.CaptureVoice, guide: Block.Capture?, kit: ViewKit, close: () -> Unit): EffectOutcome {
        if (!allowed(ShellPermission.MICROPHONE)) return denied(ShellPermission.MICROPHONE)
        val seconds = effect.maxSeconds.toLong().coerceIn(1, VoiceRecorder.MAX_SECONDS.toLong()).toInt()
        val recorder = host.shell.voiceRecorder()
        val panel = RecorderPanel(kit, guide, seconds, onStop = recorder::finish, onClose = close)
        return usingHardware(panel.view) {
            val recording = recorder.record(seconds) { level -> frame.root.post { panel.show(level) } }
            outcome(recording) { CaptureResult.Voice(effect.checkinId, it) }
        }
    }

    private suspend fun location(checkinId: String): EffectOutcome {
        if (!allowed(ShellPermission.LOCATION)) return denied(ShellPermission.LOCATION)
        frame.busy()
        return usingHardware(panel = null) {
            outcome(host.shell.locator.oneFix()) { fix ->
                CaptureResult.Location(
                    checkinId = checkinId,
                    latitude = fix.lat,
                    longitude = fix.lon,
                    accuracyM = fix.accuracyM,
                    takenAtMs = fix.fixTime.toEpochMilli(),
                    provider = fix.provider,
                    mock = fix.mock,
                )
            }
        }
    }

    private suspend fun scan(kit: ViewKit, close: () -> Unit): EffectOutcome {
        if (!allowed(ShellPermission.CAMERA)) return denied(ShellPermission.CAMERA)
        val panel = ScannerPanel(kit, guide = null, onClose = close)
        val scanner = host.shell.codeScanner()
        return usingHardware(panel.view, release = { panel.preview.release() }) {
            outcome(scanner.scan(panel.preview.surface())) { CaptureResult.ScannedCode(it) }
        }
    }

    private fun share(path: String, mimeType: String): EffectOutcome {
        val uri = ExportProvider.uriFor(activity, path) ?: return cancelled("the export is not in the export folder")
        val send = Intent(Intent.ACTION_SEND)
            .setType(mimeType)
            .putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        send.clipData = ClipData.newRawUri(null, uri)
        return open(Intent.createChooser(send, null))
    }

    private fun open(intent: Intent): EffectOutcome = try {
        activity.startActivity(intent)
        EffectOutcome.Done
    } catch (e: ActivityNotFoundException) {
        cancelled("no app for ${intent.action}")
    } catch (e: SecurityException) {
        // Lock task refuses apps the program did not allow.
        cancelled("not allowed to open ${intent.action}")
    }

    /** Whether [permission] is granted, asking the OS now if it is not. */
    private suspend fun allowed(permission: ShellPermission, settingsIfRefused: Boolean = false): Boolean {
        if (host.permissions.state(permission) == PermissionState.GRANTED) return true
        return suspendCancellableCoroutine { cont ->
            host.permissions.request(permission, settingsIfRefused) { state ->
                if (cont.isActive) cont.resume(state == PermissionState.GRANTED)
            }
        }
    }

    private suspend fun <T> usingHardware(panel: android.view.View?, release: () -> Unit = {}, use: suspend () -> T): T {
        holdsHardware = true
        panel?.let(frame::showPanel)
        try {
            return use()
        } finally {
            holdsHardware = false
            release()
            if (panel != null) frame.hidePanel()
        }
    }

    private fun <T> outcome(captured: CaptureOutcome<T>, result: (T) -> CaptureResult): EffectOutcome = when (captured) {
        is CaptureOutcome.Captured -> deliver(result(captured.value))
        is CaptureOutcome.Failed -> cancelled(captured.reason)
        is CaptureOutcome.Denied -> denied(captured.permission)
    }

    /** How far the display the app is on is turned (Surface.ROTATION_*: quarter turns), for the photo's orientation. */
    private fun displayDegrees(): Int = (activity.window.decorView.display?.rotation ?: 0) * 90

    private companion object {
        fun deliver(result: CaptureResult) = EffectOutcome.Deliver(result)

        fun cancelled(reason: String) = deliver(CaptureResult.Cancelled(reason))

        fun denied(permission: ShellPermission) = deliver(CaptureResult.Denied(ShellContexts.core(permission)))

        /** The screen's capture block of [kind], whose words the capture panel repeats. */
        fun guide(screen: Screen, kind: CaptureKind): Block.Capture? =
            screen.blocks.filterIsInstance<Block.Capture>().firstOrNull { it.kind == kind }
    }
}
