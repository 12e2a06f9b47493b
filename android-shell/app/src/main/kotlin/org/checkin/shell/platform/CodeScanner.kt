// Reading the program's enrollment QR code: frames from the [ScanCamera]
// go to a QR decoder (ZXing core, Apache-2.0, pure Java: no Play services)
// until one holds a code, the time runs out or the participant goes back.
// What the renderer calls for the core's `ScanCode` effect; the text is
// handed to the core as it is (the core decides whether it is a program's
// link: core/src/screens/enroll_link.rs).
//
// Guarantees: ends within [timeoutMs]; frames stay in memory and are
// dropped once decoded; the camera is released on every path.
package org.checkin.shell.platform

import android.view.Surface
import com.google.zxing.BarcodeFormat
import com.google.zxing.BinaryBitmap
import com.google.zxing.DecodeHintType
import com.google.zxing.PlanarYUVLuminanceSource
import com.google.zxing.ReaderException
import com.google.zxing.common.HybridBinarizer
import com.google.zxing.qrcode.QRCodeReader
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlin.coroutines.cancellation.CancellationException

class CodeScanner(
    private val camera: ScanCamera,
    private val timeoutMs: Long = SCAN_TIMEOUT_MS,
) {
    /** Opens the camera on [preview] and reads frames until one holds a QR code. */
    suspend fun scan(preview: Surface?): CaptureOutcome<String> = try {
        withTimeout(timeoutMs) {
            camera.open(preview, Facing.BACK)
            var text: String? = null
            while (text == null) {
                val frame = camera.frame()
                text = withContext(Dispatchers.Default) { decode(frame) }
            }
            CaptureOutcome.Captured(text)
        }
    } catch (e: TimeoutCancellationException) {
        CaptureOutcome.Failed("no code in time")
    } catch (e: CancellationException) {
        throw e
    } catch (e: CameraUnavailable) {
        CaptureOutcome.Failed(e.message ?: "camera unavailable")
    } catch (e: SecurityException) {
        CaptureOutcome.Denied(ShellPermission.CAMERA)
    } catch (e: IllegalStateException) {
        CaptureOutcome.Failed("camera closed")
    } catch (e: android.hardware.camera2.CameraAccessException) {
        CaptureOutcome.Failed("camera access ${e.reason}")
    } finally {
        camera.close()
    }

    companion object {
        /** Long enough to find the paper and hold it still; a participant is never left waiting on a camera. */
        const val SCAN_TIMEOUT_MS = 120_000L

        private val HINTS = mapOf(
            DecodeHintType.POSSIBLE_FORMATS to listOf(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET to "UTF-8",
        )

        /** The QR code's text in [frame], or null when it holds none (or a damaged one). */
        fun decode(frame: LumaFrame): String? {
            if (frame.width <= 0 || frame.height <= 0 || frame.rowStride < frame.width) return null
            if (frame.luma.size < frame.rowStride.toLong() * (frame.height - 1) + frame.width) return null
            return try {
                val source = PlanarYUVLuminanceSource(
                    frame.luma, frame.rowStride, frame.height, 0, 0, frame.width, frame.height, false,
                )
                QRCodeReader().decode(BinaryBitmap(HybridBinarizer(source)), HINTS).text
            } catch (e: ReaderException) {
                null
            } catch (e: RuntimeException) {
                // A frame the decoder chokes on is a frame without a code, never a crash.
                null
            }
        }
    }
}
