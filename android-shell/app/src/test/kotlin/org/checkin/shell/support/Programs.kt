// What a program hands out, for the screen tests: a plan whose check-in
// window is open now (the demo plan's is on Mondays), and the enrollment
// QR code as a camera's grey frame.
package org.checkin.shell.support

import com.google.zxing.BarcodeFormat
import com.google.zxing.qrcode.QRCodeWriter
import org.checkin.shell.platform.LumaFrame
import java.net.URLEncoder
import java.time.ZoneOffset
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.time.temporal.ChronoUnit

object Programs {
    /** One check-in window, opened an hour ago, open for eight hours; photo and voice asked for. */
    fun planOpenNow(): String {
        val start = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.MINUTES)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"))
        return """
            {
              "format": 1, "plan_id": "screens-test", "revision": 1, "zone": "UTC", "language": "en",
              "schedules": [{
                "id": "today", "start": "$start", "window_minutes": 480, "grace_minutes": 30,
                "requires": { "photo": true, "voice": true, "location": "none" }
              }],
              "appointments": []
            }
        """.trimIndent()
    }

    /** The program's enrollment link (core/src/screens/enroll_link.rs). */
    fun enrollLink(serverUrl: String, code: String): String =
        "checkin://enroll?server=${URLEncoder.encode(serverUrl, "UTF-8")}&code=${URLEncoder.encode(code, "UTF-8")}"

    /** [text] as a QR code filling a grey camera frame, rows padded as a camera's are. */
    fun qrFrame(text: String, size: Int = 360, rowPadding: Int = 24): LumaFrame {
        val matrix = QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size)
        val stride = size + rowPadding
        val luma = ByteArray(stride * size) { 0x7F }
        for (y in 0 until size) for (x in 0 until size) {
            luma[y * stride + x] = if (matrix.get(x, y)) 0 else 0xFF.toByte()
        }
        return LumaFrame(size, size, stride, luma)
    }

    /** A frame with no code in it: the camera pointed at a wall. */
    fun blankFrame(size: Int = 360): LumaFrame = LumaFrame(size, size, size, ByteArray(size * size) { 0x60 })
}
