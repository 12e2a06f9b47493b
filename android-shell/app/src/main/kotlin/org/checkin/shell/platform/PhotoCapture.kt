// A photo for a check-in: opens the in-app camera on a preview, takes one
// still when asked, and always closes the camera. What the renderer calls
// for the core's `CapturePhoto` effect.
//
// Guarantees: a capture ends within [timeoutMs] (a wedged camera HAL is a
// `Failed`, not a hung screen); what comes back is a JPEG (SOI marker) held
// in memory only; the camera is released on every path.
package org.checkin.shell.platform

import android.view.Surface
import kotlinx.coroutines.TimeoutCancellationException
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.withTimeout

class PhotoCapture(
    private val camera: PhotoCamera,
    private val timeoutMs: Long = CAPTURE_TIMEOUT_MS,
) {
    /** Opens the camera on [preview]. [longEdgePx]: the policy's `photo_long_edge_px`. */
    suspend fun start(preview: Surface?, longEdgePx: Int, displayDegrees: Int, facing: Facing = Facing.FRONT): CaptureOutcome<Unit> =
        guarded { withTimeout(timeoutMs) { camera.open(preview, facing, longEdgePx, displayDegrees) } }

    /** Takes the photo and closes the camera. */
    suspend fun take(): CaptureOutcome<ByteArray> {
        val outcome = guarded { withTimeout(timeoutMs) { camera.takeJpeg() } }
        stop()
        if (outcome is CaptureOutcome.Captured && !isJpeg(outcome.value)) return CaptureOutcome.Failed("camera output is not a JPEG")
        return outcome
    }

    /** Closes the camera without a photo (the participant went back). */
    fun stop() = camera.close()

    private suspend fun <T> guarded(block: suspend () -> T): CaptureOutcome<T> = try {
        CaptureOutcome.Captured(block())
    } catch (e: TimeoutCancellationException) {
        stop()
        CaptureOutcome.Failed("camera timed out")
    } catch (e: CancellationException) {
        // The screen went away mid-capture: release the camera, stay cancelled.
        stop()
        throw e
    } catch (e: CameraUnavailable) {
        stop()
        CaptureOutcome.Failed(e.message ?: "camera unavailable")
    } catch (e: SecurityException) {
        stop()
        CaptureOutcome.Denied(ShellPermission.CAMERA)
    } catch (e: IllegalStateException) {
        // Camera2 throws it for a camera closed under it (another app took it).
        stop()
        CaptureOutcome.Failed("camera closed")
    } catch (e: android.hardware.camera2.CameraAccessException) {
        stop()
        CaptureOutcome.Failed("camera access ${e.reason}")
    }

    companion object {
        /** Long enough for a slow autofocus on a cheap phone, short enough not to strand the participant. */
        const val CAPTURE_TIMEOUT_MS = 15_000L

        fun isJpeg(bytes: ByteArray): Boolean =
            bytes.size >= 4 && bytes[0] == 0xFF.toByte() && bytes[1] == 0xD8.toByte()
    }
}
