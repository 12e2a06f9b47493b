// Copy of the second Swift snippet in bindings/README.md ("Embedding"),
// compiled and run by the test suite. Keep the two identical.
import CheckinCore
import Foundation

/// Shows "what this program collects" while the current policy still needs
/// the participant's consent, and records the consent once they agree.
/// Returns whether consent is in place.
func ensureConsent(client: CheckinClient, lang: String,
                   askParticipant: (_ statement: String) -> Bool) throws -> Bool {
    if try !client.consentNeeded() { return true }
    let statement = try client.collectionStatement(lang: lang)
    guard askParticipant(statement.text) else { return false }
    // Names exactly the text shown.
    _ = try client.recordConsent(policyVersion: statement.policyVersion, lang: statement.language)
    return true
}

/// A check-in with a photo and one location fix, read once at check-in time.
/// On iOS, from a `CLLocation`: `LocationFix(lat: loc.coordinate.latitude,
/// lon: loc.coordinate.longitude, accuracyM: loc.horizontalAccuracy,
/// fixTime: loc.timestamp, provider: "corelocation",
/// mock: loc.sourceInformation?.isSimulatedBySoftware ?? false)`.
/// Returns what the policy kept of the location (nil: the program takes none).
func checkInWithLocation(client: CheckinClient, photo: Data, fix: LocationFix) async throws -> SentLocation? {
    let checkinId = try client.startCheckin(windowId: try client.due()?.window.id)
    _ = try await client.attachPhoto(checkinId: checkinId, jpeg: photo)
    var kept: SentLocation?
    do {
        kept = try client.attachLocation(checkinId: checkinId, fix: fix) // reduced before anything is stored
    } catch CheckinError.LocationNotCollected {
        kept = nil // the program takes no location: do not ask Core Location again
    }
    _ = try await client.submit(checkinId: checkinId)
    return kept
}
