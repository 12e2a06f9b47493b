// The recording level, for the meter the participant watches while speaking:
// RMS and peak of each block of samples in dBFS (0 = full scale), and whether
// the block clipped.
package org.checkin.shell.platform

import kotlin.math.log10
import kotlin.math.sqrt

/** One block's level. [fraction] is the meter's fill, 0 (at [LevelMeter.FLOOR_DBFS] or below) to 1. */
data class Level(val rmsDbfs: Float, val peakDbfs: Float, val clipped: Boolean) {
    val fraction: Float get() = ((rmsDbfs - LevelMeter.FLOOR_DBFS) / -LevelMeter.FLOOR_DBFS).coerceIn(0f, 1f)
}

object LevelMeter {
    /** The quietest level shown: below it the meter is empty (16-bit noise floor is about -96). */
    const val FLOOR_DBFS = -60f
    /** A sample this close to full scale counts as clipped. */
    const val CLIP_SAMPLE = 32_700

    fun measure(samples: ShortArray, from: Int = 0, count: Int = samples.size - from): Level {
        require(from >= 0 && count >= 0 && from + count <= samples.size) { "block out of range" }
        if (count == 0) return Level(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, false)
        var sumSquares = 0.0
        var peak = 0
        for (i in from until from + count) {
            val s = samples[i].toInt()
            sumSquares += s.toDouble() * s
            peak = maxOf(peak, kotlin.math.abs(s))
        }
        val rms = sqrt(sumSquares / count) / FULL_SCALE
        return Level(dbfs(rms), dbfs(peak / FULL_SCALE), peak >= CLIP_SAMPLE)
    }

    private const val FULL_SCALE = 32_768.0

    private fun dbfs(amplitude: Double): Float =
        if (amplitude <= 0.0) Float.NEGATIVE_INFINITY else (20 * log10(amplitude)).toFloat()
}
