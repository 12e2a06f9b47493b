// The camera as a stream of grey frames, for reading the program's
// enrollment QR code in the app: Camera2, back camera first (the code is
// on paper or another screen), a live preview, and the luminance plane of
// each frame copied into memory for the decoder.
//
// Guarantees: frames never leave memory (no file, no gallery, no other
// app); only the newest frame is kept (a slow decoder skips frames rather
// than queueing them); the camera is closed on every path.
//
// [ScanCamera] is the capture boundary: tests inject frames there and run
// everything above it ([CodeScanner]) unchanged.
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
import kotlinx.coroutines.channels.Channel

/** One grey frame: [luma] holds [height] rows of [rowStride] bytes, the first [width] of each are the image. */
class LumaFrame(val width: Int, val height: Int, val rowStride: Int, val luma: ByteArray)

interface ScanCamera {
    /** Opens the camera facing [facing] (or the other), with the live image on [preview] when given. */
    suspend fun open(preview: Surface?, facing: Facing)

    /** The next frame (waits for one). */
    suspend fun frame(): LumaFrame

    /** Releases the camera; safe to call twice or before [open]. */
    fun close()
}

/** [ScanCamera] over Camera2. Needs the CAMERA permission (see PermissionGate). */
class Camera2ScanCamera(context: Context) : ScanCamera {
    private val manager = context.systemService<CameraManager>()
    private var thread: HandlerThread? = null
    private var device: CameraDevice? = null
    private var session: CameraCaptureSession? = null
    private var reader: ImageReader? = null
    private val frames = Channel<LumaFrame>(Channel.CONFLATED)

    @SuppressLint("MissingPermission") // The renderer asks for CAMERA before it opens the scanner.
    override suspend fun open(preview: Surface?, facing: Facing) {
        close()
        val cameras = manager.cameraIdList.map { id ->
            val c = manager.getCameraCharacteristics(id)
            val map = c.get(CameraCharacteristics.SCALER_STREAM_CONFIGURATION_MAP)
            CameraFacts(
                id = id,
                facing = CameraChoice.facingOf(c.get(CameraCharacteristics.LENS_FACING)),
                sensorOrientation = c.get(CameraCharacteristics.SENSOR_ORIENTATION) ?: 0,
                // The sizes the scanner reads (YUV), in the field CameraChoice picks from.
                jpegSizes = map?.getOutputSizes(ImageFormat.YUV_420_888)?.toList().orEmpty(),
            )
        }
        val chosen = CameraChoice.pick(cameras, facing) ?: throw CameraUnavailable("no camera with YUV output")
        val size = CameraChoice.jpegSize(chosen.jpegSizes, FRAME_LONG_EDGE_PX) ?: throw CameraUnavailable("no frame size")
        val handler = Handler(HandlerThread("scanner").also { thread = it; it.start() }.looper)
        val yuv = ImageReader.newInstance(size.width, size.height, ImageFormat.YUV_420_888, 2).also { reader = it }
        yuv.setOnImageAvailableListener({ r ->
            val image = r.acquireLatestImage() ?: return@setOnImageAvailableListener
            try {
                val plane = image.planes[0]
                val bytes = ByteArray(plane.buffer.remaining()).also { plane.buffer.get(it) }
                frames.trySend(LumaFrame(image.width, image.height, plane.rowStride, bytes))
            } finally {
                image.close()
            }
        }, handler)
        val opened = manager.openDevice(chosen.id, handler)
        device = opened
        val surfaces = listOfNotNull(preview, yuv.surface)
        val configured = opened.captureSession(surfaces, handler)
        session = configured
        val request = opened.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW).apply {
            surfaces.forEach(::addTarget)
            set(CaptureRequest.CONTROL_AF_MODE, CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE)
        }
        configured.setRepeatingRequest(request.build(), null, handler)
    }

    override suspend fun frame(): LumaFrame = frames.receive()

    override fun close() {
        runCatching { session?.close() }
        runCatching { device?.close() }
        runCatching { reader?.close() }
        thread?.quitSafely()
        session = null; device = null; reader = null; thread = null
        while (frames.tryReceive().isSuccess) Unit
    }

    private companion object {
        /** Enough pixels for a dense QR code at arm's length; more would only slow the decoder. */
        const val FRAME_LONG_EDGE_PX = 1280
    }
}
