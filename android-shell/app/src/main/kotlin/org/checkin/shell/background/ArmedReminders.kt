// The set of reminders this phone has armed: stable id → request code and
// fire time, kept in the app's private preferences so a reconcile after a
// restart knows what to cancel.
//
// Request codes come from the stable id (the first four bytes of its
// SHA-256), and every code in use is in this book, so a collision is seen
// and the next free code taken: two reminders never share a PendingIntent.
// The book holds ids and times only (no titles, no places).
package org.checkin.shell.background

import android.content.Context
import android.content.SharedPreferences
import java.security.MessageDigest

data class ArmedReminder(val id: String, val requestCode: Int, val fireAtDeviceMs: Long)

class ArmedReminders(private val prefs: SharedPreferences) {
    constructor(context: Context) : this(context.getSharedPreferences(PREFS, Context.MODE_PRIVATE))

    fun all(): List<ArmedReminder> = prefs.all.mapNotNull { (id, value) ->
        val parts = (value as? String)?.split('|') ?: return@mapNotNull null
        val code = parts.getOrNull(0)?.toIntOrNull() ?: return@mapNotNull null
        val at = parts.getOrNull(1)?.toLongOrNull() ?: return@mapNotNull null
        ArmedReminder(id, code, at)
    }

    /** The request code [id] has, or a new one no other armed reminder uses. */
    fun codeFor(id: String, inUse: Map<Int, String> = all().associate { it.requestCode to it.id }): Int {
        all().firstOrNull { it.id == id }?.let { return it.requestCode }
        var code = preferredCode(id)
        while (inUse[code].let { it != null && it != id }) code = (code + 1) and Int.MAX_VALUE
        return code
    }

    fun put(reminder: ArmedReminder) {
        prefs.edit().putString(reminder.id, "${reminder.requestCode}|${reminder.fireAtDeviceMs}").apply()
    }

    fun remove(id: String) {
        prefs.edit().remove(id).apply()
    }

    companion object {
        private const val PREFS = "armed-reminders"

        /** Where [id]'s request code starts: non-negative, spread over the int range. */
        fun preferredCode(id: String): Int {
            val digest = MessageDigest.getInstance("SHA-256").digest(id.toByteArray(Charsets.UTF_8))
            val value = ((digest[0].toInt() and 0xFF) shl 24) or ((digest[1].toInt() and 0xFF) shl 16) or
                ((digest[2].toInt() and 0xFF) shl 8) or (digest[3].toInt() and 0xFF)
            return value and Int.MAX_VALUE
        }
    }
}
