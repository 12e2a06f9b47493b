// The decisions around a Camera2 capture that do not need the camera open:
// which camera, which JPEG size, which orientation. Pure functions of what
// CameraCharacteristics report, so they are tested on the JVM.
package org.checkin.shell.platform

import android.hardware.camera2.CameraCharacteristics
import android.util.Size

/** Which way the camera faces. The participant's own face: front first. */
enum class Facing { FRONT, BACK }

/** What the shell needs to know about one camera. */
data class CameraFacts(val id: String, val facing: Facing?, val sensorOrientation: Int, val jpegSizes: List<Size>)

object CameraChoice {
    /** The camera facing [wanted], else any other with a JPEG output (a phone with one back camera). */
    fun pick(cameras: List<CameraFacts>, wanted: Facing = Facing.FRONT): CameraFacts? {
        val usable = cameras.filter { it.jpegSizes.isNotEmpty() }
        return usable.firstOrNull { it.facing == wanted } ?: usable.firstOrNull()
    }

    /**
     * The smallest JPEG size whose long edge reaches [longEdgePx] (the
     * policy's `photo_long_edge_px`: the core scales down to it, so more
     * pixels cost memory and time on a cheap phone for nothing), else the
     * largest the camera has.
     */
    fun jpegSize(sizes: List<Size>, longEdgePx: Int): Size? {
        val longEdge = { s: Size -> maxOf(s.width, s.height) }
        val area = { s: Size -> s.width.toLong() * s.height }
        return sizes.filter { longEdge(it) >= longEdgePx }.minByOrNull(area) ?: sizes.maxByOrNull(area)
    }

    /**
     * `JPEG_ORIENTATION` for a display rotated [displayDegrees] (0, 90, 180,
     * 270): the sensor's mounting plus the display's turn, the other way
     * round for a front camera, which mirrors.
     */
    fun jpegOrientation(facts: CameraFacts, displayDegrees: Int): Int {
        val display = ((displayDegrees % 360) + 360) % 360 / 90 * 90
        return when (facts.facing) {
            Facing.FRONT -> (facts.sensorOrientation + display) % 360
            else -> (facts.sensorOrientation - display + 360) % 360
        }
    }

    /** Facing as Camera2 reports it (`LENS_FACING_EXTERNAL` and unknown: null). */
    fun facingOf(lensFacing: Int?): Facing? = when (lensFacing) {
        CameraCharacteristics.LENS_FACING_FRONT -> Facing.FRONT
        CameraCharacteristics.LENS_FACING_BACK -> Facing.BACK
        else -> null
    }
}
