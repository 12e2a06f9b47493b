// The in-app camera: Camera2, front camera by default, a live preview and
// one still capture to a JPEG held in memory.
//
// Guarantees: the photo never touches shared storage or the gallery (it is
// bytes in memory, handed to the core); no external camera app is started
// (not allowed in lock-task mode, and it would leave a copy behind); the
// camera is closed on every path, including cancellation.
//
// [PhotoCamera] is the capture boundary: tests inject JPEG frames there and
// run everything above it ([PhotoCapture]) unchanged.
package org.checkin.shell.platform

import android.annotation.SuppressLint
import android.content.Context
import android.graphics.ImageFormat
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.hardware.camera2.CaptureRequest
import android.media.ImageReader
import android.os.Handler
import android.os.HandlerThread
import android.view.Surface
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume

/** Why the camera could not give a photo (no personal data in it). */
class CameraUnavailable(reason: String) : Exception(reason)

/** One open camera session. */
interface PhotoCamera {
    /**
     * Opens the camera facing [facing] (or the other one if the phone has only
     * that), showing the live image on [preview] when given, with JPEG output
     * of at least [longEdgePx] on its long edge when the camera has it.
     */
    suspend fun open(preview: Surface?, facing: Facing, longEdgePx: Int, displayDegrees: Int)

    /** Takes one still picture: its JPEG bytes, in memory. */
    suspend fun takeJpeg(): ByteArray

    /** Releases the camera; safe to call twice or before [open]. */
    fun close()
}

/** [PhotoCamera] over Camera2. Needs the CAMERA permission (see PermissionGate). */
class Camera2PhotoCamera(context: Context) : PhotoCamera {
    private val manager = context.systemService<CameraManager>()
    private var thread: HandlerThread? = null
    private var device: CameraDevice? = null
    private var session: CameraCaptureSession? = null
    private var reader: ImageReader? = null
    private var orientation = 0

    private fun facts(id: String): CameraFacts {
        val c = manager.getCameraCharacteristics(id)
        val map = c.get(CameraCharacteristics.SCALER_STREAM_CONFIGURATION_MAP)
        return CameraFacts(
            id = id,
            facing = CameraChoice.facingOf(c.get(CameraCharacteristics.LENS_FACING)),
            sensorOrientation = c.get(CameraCharacteristics.SENSOR_ORIENTATION) ?: 0,
            jpegSizes = map?.getOutputSizes(ImageFormat.JPEG)?.toList().orEmpty(),
        )
    }

    @SuppressLint("MissingPermission") // PermissionGate asks before the renderer opens the camera.
    override suspend fun open(preview: Surface?, facing: Facing, longEdgePx: Int, displayDegrees: Int) {
        close()
        val chosen = CameraChoice.pick(manager.cameraIdList.map(::facts), facing)
            ?: throw CameraUnavailable("no camera with JPEG output")
        val size = CameraChoice.jpegSize(chosen.jpegSizes, longEdgePx) ?: throw CameraUnavailable("no JPEG size")
        orientation = CameraChoice.jpegOrientation(chosen, displayDegrees)
        val handler = Handler(HandlerThread("camera").also { thread = it; it.start() }.looper)
        val jpegReader = ImageReader.newInstance(size.width, size.height, ImageFormat.JPEG, 2).also { reader = it }
        val opened = manager.openDevice(chosen.id, handler)
        device = opened
        val surfaces = listOfNotNull(preview, jpegReader.surface)
        session = opened.captureSession(surfaces, handler)
        if (preview != null) {
            val request = opened.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW).apply {
                addTarget(preview)
                set(CaptureRequest.CONTROL_AF_MODE, CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE)
            }
            session?.setRepeatingRequest(request.build(), null, handler)
        }
    }

    override suspend fun takeJpeg(): ByteArray {
        val camera = device ?: throw CameraUnavailable("camera not open")
        val activeSession = session ?: throw CameraUnavailable("camera not open")
        val jpegReader = reader ?: throw CameraUnavailable("camera not open")
        val handler = Handler(thread?.looper ?: throw CameraUnavailable("camera not open"))
        return suspendCancellableCoroutine { cont ->
            jpegReader.setOnImageAvailableListener({ r ->
                val image = r.acquireLatestImage() ?: return@setOnImageAvailableListener
                try {
                    val buffer = image.planes[0].buffer
                    val bytes = ByteArray(buffer.remaining()).also { buffer.get(it) }
                    if (cont.isActive) cont.resume(bytes)
                } finally {
                    image.close()
                }
            }, handler)
            val still = camera.createCaptureRequest(CameraDevice.TEMPLATE_STILL_CAPTURE).apply {
                addTarget(jpegReader.surface)
                set(CaptureRequest.JPEG_ORIENTATION, orientation)
                set(CaptureRequest.JPEG_QUALITY, JPEG_QUALITY)
                set(CaptureRequest.CONTROL_AF_MODE, CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE)
            }
            activeSession.capture(still.build(), null, handler)
        }
    }

    override fun close() {
        runCatching { session?.close() }
        runCatching { device?.close() }
        runCatching { reader?.close() }
        thread?.quitSafely()
        session = null; device = null; reader = null; thread = null
    }

    private companion object {
        /** The core re-encodes the photo; this only has to keep the detail it needs. */
        const val JPEG_QUALITY: Byte = 92
    }
}
