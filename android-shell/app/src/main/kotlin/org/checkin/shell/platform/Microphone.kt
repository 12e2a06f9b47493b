// The microphone as 16-bit mono PCM: AudioRecord underneath.
//
// [Microphone] is the capture boundary: tests inject samples there and run
// [VoiceRecorder] (metering, the time limit, the WAV) unchanged.
package org.checkin.shell.platform

import android.annotation.SuppressLint
import android.media.AudioFormat
import android.media.AudioRecord
import android.media.MediaRecorder

/** A source of 16-bit mono samples, opened by [start] and released by [stop]. */
interface Microphone {
    /** Samples per second; known once [start] returned. */
    val sampleRate: Int

    /** Starts recording; throws [MicrophoneUnavailable] if the hardware refuses. */
    fun start()

    /** Blocks until samples are there; returns how many were put in [into] (0 or more), or -1 at the end. */
    fun read(into: ShortArray): Int

    /** Stops and releases the hardware; safe to call twice. */
    fun stop()
}

class MicrophoneUnavailable(reason: String) : Exception(reason)

/** [Microphone] over AudioRecord: 16 kHz when the phone does it, else 44.1 kHz (the only rate every phone must). */
class AudioRecordMicrophone : Microphone {
    private var record: AudioRecord? = null
    override var sampleRate: Int = 0
        private set

    @SuppressLint("MissingPermission") // PermissionGate asks for RECORD_AUDIO before the recorder starts.
    override fun start() {
        for (rate in RATES) {
            val min = AudioRecord.getMinBufferSize(rate, AudioFormat.CHANNEL_IN_MONO, AudioFormat.ENCODING_PCM_16BIT)
            if (min <= 0) continue
            // About 200 ms of buffer: the reader thread may be late, the audio must not drop.
            val bytes = maxOf(min, rate / 5 * 2)
            val candidate = AudioRecord(MediaRecorder.AudioSource.MIC, rate, AudioFormat.CHANNEL_IN_MONO, AudioFormat.ENCODING_PCM_16BIT, bytes)
            if (candidate.state != AudioRecord.STATE_INITIALIZED) {
                candidate.release()
                continue
            }
            candidate.startRecording()
            if (candidate.recordingState != AudioRecord.RECORDSTATE_RECORDING) {
                candidate.release()
                throw MicrophoneUnavailable("microphone busy")
            }
            record = candidate
            sampleRate = rate
            return
        }
        throw MicrophoneUnavailable("no supported recording format")
    }

    override fun read(into: ShortArray): Int {
        val active = record ?: return -1
        val n = active.read(into, 0, into.size)
        return if (n < 0) -1 else n
    }

    override fun stop() {
        record?.let { runCatching { it.stop() }; it.release() }
        record = null
    }

    private companion object {
        val RATES = intArrayOf(16_000, 44_100)
    }
}
