// Shared test fixtures: key stores, photos, temporary client directories.
package org.checkin.core.support

import org.checkin.core.CheckinClient
import org.checkin.core.ClientConfig
import org.checkin.embedding.AesKeyStore
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.io.File
import java.nio.file.Files
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.imageio.IIOImage
import javax.imageio.ImageIO
import javax.imageio.ImageWriteParam

fun newAesKey(): SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()

/** The README's key store over a fresh in-memory AES key. */
fun memoryKeyStore(key: SecretKey = newAesKey()) = AesKeyStore { key }

fun tempDir(prefix: String = "checkin-device"): File = Files.createTempDirectory(prefix).toFile()

fun openClient(dir: File = tempDir(), keyStore: org.checkin.core.KeyStore = memoryKeyStore()): CheckinClient =
    CheckinClient.open(ClientConfig(dataDir = dir.path, locale = "es", platform = "desktop"), keyStore)

/**
 * A camera-like JPEG: a smooth gradient with a skin-toned disc (the same
 * scene as the core's own tests), `w`×`h`, JPEG quality `quality`.
 */
fun cameraJpeg(w: Int = 640, h: Int = 480, seed: Int = 1, quality: Float = 0.9f, noise: Boolean = false): ByteArray {
    val image = BufferedImage(w, h, BufferedImage.TYPE_INT_RGB)
    val random = java.util.Random(seed.toLong())
    for (y in 0 until h) for (x in 0 until w) {
        val dx = (x - w / 2).toLong(); val dy = (y - h / 2).toLong()
        val inside = dx * dx + dy * dy < (h / 4).toLong() * (h / 4)
        var rgb = if (inside) intArrayOf(230, 190, 160) else intArrayOf((x * 255 / w + seed) and 0xFF, y * 255 / h, 120)
        if (noise) rgb = IntArray(3) { (rgb[it] + random.nextInt(61) - 30).coerceIn(0, 255) }
        image.setRGB(x, y, (rgb[0] shl 16) or (rgb[1] shl 8) or rgb[2])
    }
    val writer = ImageIO.getImageWritersByFormatName("jpeg").next()
    val out = ByteArrayOutputStream()
    ImageIO.createImageOutputStream(out).use { stream ->
        writer.output = stream
        val param = writer.defaultWriteParam.apply {
            compressionMode = ImageWriteParam.MODE_EXPLICIT
            compressionQuality = quality
        }
        writer.write(null, IIOImage(image, null, null), param)
    }
    writer.dispose()
    return out.toByteArray()
}

/** Resident memory of this process in KiB (Linux). */
fun rssKib(): Long = File("/proc/self/status").readLines()
    .first { it.startsWith("VmRSS:") }.split(Regex("\\s+"))[1].toLong()
