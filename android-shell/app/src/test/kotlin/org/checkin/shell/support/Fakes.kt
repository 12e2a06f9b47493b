// Fakes at the hardware boundary, and nowhere else: a software wrapping key
// (Robolectric has no AndroidKeyStore), a camera that yields given JPEG
// frames, a scanning camera that yields given grey frames, a microphone
// that yields given samples, a fixed managed configuration.
package org.checkin.shell.support

import android.view.Surface
import org.checkin.shell.issued.ManagedConfigSource
import org.checkin.shell.issued.ManagedConfiguration
import org.checkin.shell.platform.CameraUnavailable
import org.checkin.shell.platform.Facing
import org.checkin.shell.platform.LumaFrame
import org.checkin.shell.platform.Microphone
import org.checkin.shell.platform.PhotoCamera
import org.checkin.shell.platform.ScanCamera
import org.checkin.shell.platform.WrappingKeySource
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/** An AES-256 key in memory; [lose] forgets it, as a reset key store would. */
class SoftwareKeySource(var key: SecretKey? = null) : WrappingKeySource {
    var created = 0
    override fun existing(): SecretKey? = key

    override fun create(): SecretKey {
        created++
        return KeyGenerator.getInstance("AES").apply { init(256) }.generateKey().also { key = it }
    }

    fun lose() {
        key = null
    }
}

/** A camera whose sensor gives [frames], one per still, in order. */
class FramesCamera(private val frames: List<ByteArray>, private val stallMs: Long = 0) : PhotoCamera {
    var opened: Triple<Facing, Int, Int>? = null
    var closed = 0
    private var next = 0

    override suspend fun open(preview: Surface?, facing: Facing, longEdgePx: Int, displayDegrees: Int) {
        opened = Triple(facing, longEdgePx, displayDegrees)
    }

    override suspend fun takeJpeg(): ByteArray {
        if (stallMs > 0) kotlinx.coroutines.delay(stallMs)
        return frames[next++ % frames.size]
    }

    override fun close() {
        closed++
    }
}

/** A scanning camera whose sensor gives [frames] in order, then fails as a camera taken away would. */
class FramesScanCamera(private val frames: List<LumaFrame>) : ScanCamera {
    var opened: Facing? = null
    var closed = 0
    var read = 0

    override suspend fun open(preview: Surface?, facing: Facing) {
        opened = facing
    }

    override suspend fun frame(): LumaFrame {
        if (read >= frames.size) throw CameraUnavailable("no more frames")
        return frames[read++]
    }

    override fun close() {
        closed++
    }
}

/**
 * A microphone whose hardware gives [samples] at [sampleRate] in blocks of
 * at most [block], then ends; [blockMs] of real time per block (0: at once).
 */
class SamplesMicrophone(
    private val samples: ShortArray,
    override val sampleRate: Int = 16_000,
    private val block: Int = 1024,
    private val blockMs: Long = 0,
) : Microphone {
    var started = false
    var stopped = 0
    private var at = 0

    override fun start() {
        started = true
    }

    override fun read(into: ShortArray): Int {
        if (at >= samples.size) return -1
        if (blockMs > 0) Thread.sleep(blockMs)
        val n = minOf(into.size, block, samples.size - at)
        System.arraycopy(samples, at, into, 0, n)
        at += n
        return n
    }

    override fun stop() {
        stopped++
    }
}

class FixedManagedConfig(var config: ManagedConfiguration = ManagedConfiguration()) : ManagedConfigSource {
    override fun read(): ManagedConfiguration = config
}
