// The WAV writer and the level meter on synthetic samples, and the core
// accepting what the writer makes.
package org.checkin.shell.platform

import kotlinx.coroutines.runBlocking
import org.checkin.shell.support.Media
import org.checkin.shell.support.SamplesMicrophone
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import kotlin.math.PI
import kotlin.math.sin

class WavWriterTest : ShellFixture() {
    private fun sine(amplitude: Double, samples: Int, rate: Int = 16_000, hz: Double = 440.0) =
        ShortArray(samples) { (amplitude * 32767 * sin(2 * PI * hz * it / rate)).toInt().toShort() }

    @Test
    fun `the header names the sizes and format of exactly what follows`() {
        val samples = shortArrayOf(0, 1, -1, 32767, -32768, 1234)
        val wav = WavWriter.write(samples, count = 5, sampleRate = 22_050)
        assertEquals(44 + 10, wav.size)
        assertEquals("RIFF", String(wav, 0, 4, Charsets.US_ASCII))
        assertEquals(wav.size - 8, Media.le32(wav, 4))
        assertEquals("WAVEfmt ", String(wav, 8, 8, Charsets.US_ASCII))
        assertEquals(16, Media.le32(wav, 16))
        assertEquals(1, Media.le16(wav, 20)) // PCM
        assertEquals(1, Media.le16(wav, 22)) // mono
        assertEquals(22_050, Media.le32(wav, 24))
        assertEquals(44_100, Media.le32(wav, 28)) // bytes per second
        assertEquals(2, Media.le16(wav, 32))
        assertEquals(16, Media.le16(wav, 34))
        assertEquals("data", String(wav, 36, 4, Charsets.US_ASCII))
        assertEquals(10, Media.le32(wav, 40))
        val back = (0 until 5).map { Media.le16(wav, 44 + 2 * it).toShort() }
        assertEquals(listOf<Short>(0, 1, -1, 32767, -32768), back)
    }

    @Test
    fun `an empty recording is a valid empty WAV`() {
        val wav = WavWriter.write(ShortArray(0), sampleRate = 16_000)
        assertEquals(44, wav.size)
        assertEquals(36, Media.le32(wav, 4))
        assertEquals(0, Media.le32(wav, 40))
    }

    @Test
    fun `the level meter reads RMS and peak in dBFS and sees clipping`() {
        val half = LevelMeter.measure(sine(0.5, 16_000))
        assertEquals(-9.03f, half.rmsDbfs, 0.05f) // 0.5 / sqrt 2
        assertEquals(-6.02f, half.peakDbfs, 0.05f)
        assertFalse(half.clipped)
        val full = LevelMeter.measure(ShortArray(1600) { if (it % 2 == 0) 32767 else -32768 })
        assertTrue(full.clipped)
        assertEquals(1f, full.fraction, 0.001f)
        val silence = LevelMeter.measure(ShortArray(1600))
        assertEquals(Float.NEGATIVE_INFINITY, silence.rmsDbfs)
        assertEquals(0f, silence.fraction)
        val quiet = LevelMeter.measure(sine(0.001, 1600)) // about -63 dBFS: below the meter's floor
        assertEquals(0f, quiet.fraction)
        assertEquals(half, LevelMeter.measure(sine(0.5, 32_000), from = 16_000, count = 16_000))
    }

    @Test
    fun `the recorder stops at the maximum duration and the core reads its WAV`() = runBlocking<Unit> {
        val ten = Media.speechSamples()
        val mic = SamplesMicrophone(ten + ten) // 20 s available, 3 s asked
        val wav = (VoiceRecorder { mic }.record(maxSeconds = 3) as CaptureOutcome.Captured).value
        assertEquals(44 + 3 * 16_000 * 2, wav.size)
        assertArrayEquals(WavWriter.write(ten, 3 * 16_000, 16_000), wav)
        assertEquals(1, mic.stopped)

        val shell = installShell()
        val server = server()
        val client = shell.client()
        client.enroll(server.baseUrl, server.codes[0])
        val quality = client.attachVoice(client.startCheckin(null), wav)
        assertTrue("speech in 3 s: ${quality.speechMs} ms", quality.speechMs in 500u..3000u)
    }

    @Test
    fun `finish keeps what was recorded, a silent microphone gives a failure, not an empty file`() = runBlocking<Unit> {
        val recorder = VoiceRecorder { SamplesMicrophone(sine(0.3, 16_000 * 5)) }
        var blocks = 0
        val wav = (recorder.record(maxSeconds = 30) { if (++blocks == 10) recorder.finish() } as CaptureOutcome.Captured).value
        assertEquals(44 + 10 * 800 * 2, wav.size) // ten blocks of 1/20 s at 16 kHz
        val nothing = VoiceRecorder { SamplesMicrophone(ShortArray(0)) }.record(maxSeconds = 5)
        assertTrue(nothing is CaptureOutcome.Failed)
    }
}
