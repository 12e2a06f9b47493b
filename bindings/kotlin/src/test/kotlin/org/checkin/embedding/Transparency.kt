// Copy of the second Kotlin snippet in bindings/README.md ("Embedding"),
// compiled and run by the test suite (TransparencyTest). Keep the two identical.
package org.checkin.embedding

import org.checkin.core.CheckinClient
import org.checkin.core.CheckinException
import org.checkin.core.LocationFix
import org.checkin.core.SentLocation
import java.io.File

/**
 * Shows "what this program collects" while the current policy still needs
 * the participant's consent, and records the consent once they agree.
 * Returns whether consent is in place.
 */
fun ensureConsent(client: CheckinClient, lang: String, askParticipant: (statement: String) -> Boolean): Boolean {
    if (!client.consentNeeded()) return true
    val statement = client.collectionStatement(lang)
    if (!askParticipant(statement.text)) return false
    client.recordConsent(statement.policyVersion, statement.language) // names exactly the text shown
    return true
}

/**
 * A check-in with a photo and one location fix, read once at check-in time.
 * On Android: `LocationFix(loc.latitude, loc.longitude, loc.accuracy.toDouble(),
 * Instant.ofEpochMilli(loc.time), loc.provider ?: "unknown", loc.isMock)`.
 * Returns what the policy kept of the location (null: the program takes none).
 */
suspend fun checkInWithLocation(client: CheckinClient, photo: File, fix: LocationFix): SentLocation? {
    val checkinId = client.startCheckin(windowId = client.due()?.window?.id)
    client.attachPhotoFile(checkinId, photo.path)
    val kept = try {
        client.attachLocation(checkinId, fix) // reduced by the policy before anything is stored
    } catch (e: CheckinException.LocationNotCollected) {
        null // the program takes no location: do not ask the OS for it again
    }
    client.submit(checkinId)
    return kept
}
