// What a capture (photo, voice, one location fix) gave back. The renderer
// hands it to the core as it is: `Captured` as the capture, `Failed` as a
// cancel with its reason (for logs, never shown), `Denied` as a refusal.
package org.checkin.shell.platform

sealed interface CaptureOutcome<out T> {
    data class Captured<T>(val value: T) : CaptureOutcome<T>

    /** The participant stopped it, or the hardware failed. No personal data in [reason]. */
    data class Failed(val reason: String) : CaptureOutcome<Nothing>

    /** The OS refused the permission it needs. */
    data class Denied(val permission: ShellPermission) : CaptureOutcome<Nothing>
}
