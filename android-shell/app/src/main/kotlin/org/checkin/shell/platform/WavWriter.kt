// 16-bit PCM mono WAV in memory: the 44-byte RIFF header written here, with
// the sizes of what follows, then the samples little-endian. The core parses
// WAV with its own limits (core/src/media); this only has to be exact.
package org.checkin.shell.platform

import java.nio.ByteBuffer
import java.nio.ByteOrder

object WavWriter {
    const val HEADER_BYTES = 44
    private const val BITS = 16
    private const val CHANNELS = 1

    /** The first [count] of [samples] at [sampleRate] Hz as a WAV file. */
    fun write(samples: ShortArray, count: Int = samples.size, sampleRate: Int): ByteArray {
        require(count in 0..samples.size) { "count out of range" }
        require(sampleRate > 0) { "sample rate must be positive" }
        val dataBytes = count * 2
        val blockAlign = CHANNELS * BITS / 8
        val buffer = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
        buffer.put("RIFF".toByteArray(Charsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".toByteArray(Charsets.US_ASCII))
        buffer.put("fmt ".toByteArray(Charsets.US_ASCII)).putInt(16)
            .putShort(1) // PCM
            .putShort(CHANNELS.toShort())
            .putInt(sampleRate)
            .putInt(sampleRate * blockAlign) // byte rate
            .putShort(blockAlign.toShort())
            .putShort(BITS.toShort())
        buffer.put("data".toByteArray(Charsets.US_ASCII)).putInt(dataBytes)
        for (i in 0 until count) buffer.putShort(samples[i])
        return buffer.array()
    }
}
