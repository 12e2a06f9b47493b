// The base of the shell's tests: a Shell over the real Android services as
// Robolectric runs them (AlarmManager, NotificationManager, JobScheduler,
// ConnectivityManager, LocationManager, RestrictionsManager), the real Rust
// core through JNA, and fakes only at the hardware boundary (Fakes.kt).
// Reference servers started by a test are stopped after it.
package org.checkin.shell.support

import android.os.Looper
import org.checkin.shell.app.Platform
import org.checkin.shell.app.Shell
import org.checkin.shell.issued.ManagedConfigSource
import org.checkin.shell.platform.AlarmManagerReminderAlarms
import org.checkin.shell.platform.JobSyncScheduler
import org.checkin.shell.platform.LocationManagerLocator
import org.checkin.shell.platform.Microphone
import org.checkin.shell.platform.NetworkCallbackConnectivity
import org.checkin.shell.platform.NotificationManagerNotices
import org.checkin.shell.platform.PhotoCamera
import org.checkin.shell.platform.ReminderNotices
import org.checkin.shell.platform.ScanCamera
import org.checkin.shell.platform.WrappingKeySource
import org.junit.After
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import java.io.File

@RunWith(RobolectricTestRunner::class)
abstract class ShellFixture {
    val app: TestApplication get() = RuntimeEnvironment.getApplication() as TestApplication
    val keys = SoftwareKeySource()
    val managed = FixedManagedConfig()
    private val servers = mutableListOf<ReferenceServer>()

    /** Installs the app's Shell; every argument is a seam (defaults: fixture media, no managed configuration). */
    fun installShell(
        camera: () -> PhotoCamera = { FramesCamera(listOf(Media.portraitJpeg())) },
        microphone: () -> Microphone = { SamplesMicrophone(Media.speechSamples()) },
        managedConfig: ManagedConfigSource = managed,
        scanCamera: () -> ScanCamera = { FramesScanCamera(emptyList()) },
        notices: ReminderNotices = NotificationManagerNotices(app),
        keySource: WrappingKeySource = keys,
    ): Shell {
        val platform = Platform(
            keySource = keySource,
            camera = camera,
            scanCamera = scanCamera,
            microphone = microphone,
            locator = LocationManagerLocator(app),
            alarms = AlarmManagerReminderAlarms(app),
            notices = notices,
            syncScheduler = JobSyncScheduler(app),
            connectivity = NetworkCallbackConnectivity(app),
            managedConfig = managedConfig,
        )
        return Shell(app, platform).also { app.installed = it }
    }

    fun server(codes: Int = 2, planJson: String? = null, participant: String? = null): ReferenceServer =
        ReferenceServer.start(codes, planJson, participant).also { servers += it }

    /** Runs the main looper until [condition] holds (work posted back from background threads). */
    fun awaitMain(timeoutMs: Long = 20_000, what: String = "condition", condition: () -> Boolean) {
        val deadline = System.currentTimeMillis() + timeoutMs
        while (!condition()) {
            shadowOf(Looper.getMainLooper()).idle()
            if (System.currentTimeMillis() > deadline) throw AssertionError("timed out waiting for $what")
            Thread.sleep(20)
        }
    }

    @After
    fun stopShellAndServers() {
        app.installed?.close()
        app.installed = null
        servers.forEach { it.close() }
    }
}

/** The project's media fixtures (fixtures/media, from -Dcheckin.media.dir). */
object Media {
    private val dir get() = File(System.getProperty("checkin.media.dir") ?: error("set -Dcheckin.media.dir"))

    /** A good check-in photo, as a camera's JPEG. */
    fun portraitJpeg(): ByteArray = File(dir, "portrait.jpg").readBytes()

    /** 10 s of speech, 16 kHz 16-bit mono: the samples of speech_16k_s16.wav, as a microphone gives them. */
    fun speechSamples(): ShortArray {
        val wav = File(dir, "speech_16k_s16.wav").readBytes()
        val data = dataChunk(wav)
        return ShortArray((data.last - data.first + 1) / 2) { i ->
            val at = data.first + 2 * i
            ((wav[at].toInt() and 0xFF) or (wav[at + 1].toInt() shl 8)).toShort()
        }
    }

    /** The byte range of a WAV file's `data` chunk. */
    fun dataChunk(wav: ByteArray): IntRange {
        var at = 12
        while (at + 8 <= wav.size) {
            val id = String(wav, at, 4, Charsets.US_ASCII)
            val size = le32(wav, at + 4)
            if (id == "data") return (at + 8) until (at + 8 + size)
            at += 8 + size + (size and 1)
        }
        error("no data chunk")
    }

    fun le32(b: ByteArray, at: Int): Int =
        (b[at].toInt() and 0xFF) or ((b[at + 1].toInt() and 0xFF) shl 8) or ((b[at + 2].toInt() and 0xFF) shl 16) or (b[at + 3].toInt() shl 24)

    fun le16(b: ByteArray, at: Int): Int = (b[at].toInt() and 0xFF) or ((b[at + 1].toInt() and 0xFF) shl 8)
}
