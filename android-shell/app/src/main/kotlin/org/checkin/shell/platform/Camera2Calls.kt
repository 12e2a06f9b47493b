// The two Camera2 callbacks both cameras wait on (the photo camera and the
// QR scanner), as suspending calls: opening a device and configuring a
// capture session. Each failure is a CameraUnavailable; a device that
// opens after the caller gave up is closed rather than leaked.
package org.checkin.shell.platform

import android.annotation.SuppressLint
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.os.Handler
import android.view.Surface
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/** Opens camera [id], its callbacks on [handler]. Needs the CAMERA permission (see PermissionGate). */
@SuppressLint("MissingPermission")
internal suspend fun CameraManager.openDevice(id: String, handler: Handler): CameraDevice =
    suspendCancellableCoroutine { cont ->
        openCamera(id, object : CameraDevice.StateCallback() {
            override fun onOpened(camera: CameraDevice) {
                // Opened after the caller gave up: release it rather than leak it.
                if (cont.isActive) cont.resume(camera) else camera.close()
            }
            override fun onDisconnected(camera: CameraDevice) {
                camera.close()
                if (cont.isActive) cont.resumeWithException(CameraUnavailable("camera disconnected"))
            }
            override fun onError(camera: CameraDevice, error: Int) {
                camera.close()
                if (cont.isActive) cont.resumeWithException(CameraUnavailable("camera error $error"))
            }
        }, handler)
    }

/** A capture session over [surfaces], its callbacks on [handler]. */
internal suspend fun CameraDevice.captureSession(surfaces: List<Surface>, handler: Handler): CameraCaptureSession =
    suspendCancellableCoroutine { cont ->
        @Suppress("DEPRECATION") // SessionConfiguration needs API 28; minSdk is 26.
        createCaptureSession(surfaces, object : CameraCaptureSession.StateCallback() {
            override fun onConfigured(s: CameraCaptureSession) = cont.resume(s)
            override fun onConfigureFailed(s: CameraCaptureSession) =
                cont.resumeWithException(CameraUnavailable("capture session not configured"))
        }, handler)
    }
