// CaptureHandback: what a capture produced, in the core's words: each
// CaptureOutcome becomes the CaptureResult that `deliverCapture` takes for
// the check-in that asked for it.
//
// Guarantees: nothing is dropped or added on the way. A location goes
// with the platform's provider name and mock flag as they were reported
// (the core carries the flag, never hides it), its time in milliseconds of
// the phone's clock; a refusal names the core's permission; a cancel keeps
// its reason, which is for logs and holds no personal data.
import CheckinCore
import Foundation

public extension CaptureOutcome {
    /// The result to hand to the core for the check-in `checkinId` (unused
    /// for a scanned code, which belongs to no check-in).
    func result(checkinId: String) -> CaptureResult {
        switch self {
        case .photo(let jpeg):
            return .photo(checkinId: checkinId, jpeg: jpeg)
        case .voice(let wav):
            return .voice(checkinId: checkinId, wav: wav)
        case .location(let fix):
            return .location(checkinId: checkinId, latitude: fix.lat, longitude: fix.lon,
                             accuracyM: fix.accuracyM, takenAtMs: CaptureHandback.milliseconds(fix.fixTime),
                             provider: fix.provider, mock: fix.mock)
        case .scannedCode(let text):
            return .scannedCode(text: text)
        case .cancelled(let reason):
            return .cancelled(reason: reason)
        case .denied(let sensor):
            return .denied(permission: sensor.permission)
        }
    }
}

enum CaptureHandback {
    /// Milliseconds since the epoch, rounded down; a date outside what an
    /// Int64 of milliseconds holds (never a real fix) becomes 0, a fix the
    /// core reports as far too old.
    static func milliseconds(_ date: Date) -> Int64 {
        let ms = (date.timeIntervalSince1970 * 1_000).rounded(.down)
        guard ms.isFinite, ms > Double(Int64.min), ms < Double(Int64.max) else { return 0 }
        return Int64(ms)
    }
}
