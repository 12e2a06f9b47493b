// A voice recording for a check-in: reads the microphone on a background
// thread, reports the level as it goes, stops at the core's maximum
// duration or when the participant taps stop, and gives a WAV in memory.
// What the renderer calls for the core's `CaptureVoice` effect.
//
// Guarantees: never more than `maxSeconds` of audio (the buffer is sized for
// it up front, so memory is bounded: 16 kHz × 60 s = 1.9 MB); the microphone
// is released on every path; a cancelled recording gives nothing back;
// nothing is written to a file.
package org.checkin.shell.platform

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.withContext
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.coroutines.coroutineContext

class VoiceRecorder(private val microphone: () -> Microphone) {
    private val finishRequested = AtomicBoolean(false)

    /**
     * Records up to [maxSeconds]; [onLevel] gets each block's level on the
     * recording thread (post to the UI yourself). Ends early with what was
     * recorded when [finish] is called.
     */
    suspend fun record(maxSeconds: Int, onLevel: (Level) -> Unit = {}): CaptureOutcome<ByteArray> {
        require(maxSeconds in 1..MAX_SECONDS) { "maxSeconds out of range" }
        finishRequested.set(false)
        return withContext(Dispatchers.IO) {
            val mic = microphone()
            try {
                mic.start()
                val rate = mic.sampleRate
                val limit = rate * maxSeconds
                val samples = ShortArray(limit)
                val block = ShortArray(rate / BLOCKS_PER_SECOND)
                var count = 0
                while (count < limit && !finishRequested.get()) {
                    coroutineContext.ensureActive()
                    val n = mic.read(block)
                    if (n < 0) break
                    val take = minOf(n, limit - count)
                    System.arraycopy(block, 0, samples, count, take)
                    if (take > 0) onLevel(LevelMeter.measure(block, 0, take))
                    count += take
                }
                if (count == 0) CaptureOutcome.Failed("nothing recorded")
                else CaptureOutcome.Captured(WavWriter.write(samples, count, rate))
            } catch (e: MicrophoneUnavailable) {
                CaptureOutcome.Failed(e.message ?: "microphone unavailable")
            } catch (e: SecurityException) {
                CaptureOutcome.Denied(ShellPermission.MICROPHONE)
            } finally {
                mic.stop()
            }
        }
    }

    /** Stops the recording in progress and keeps what was recorded. */
    fun finish() = finishRequested.set(true)

    companion object {
        /** Level updates per second (one block each). */
        const val BLOCKS_PER_SECOND = 20
        /** Far above any policy's voice length; bounds memory whatever the caller asks. */
        const val MAX_SECONDS = 300
    }
}
