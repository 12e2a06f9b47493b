// CheckinAttempt: one check-in from start to the program's receipt without
// the screens: what the policy collects is captured through the
// CaptureDesk, each result handed to the core, the check-in sealed and
// queued, then synced.
//
// Interim: once the core's screens are in the bindings, the screen loop
// (effect → CaptureDesk → `deliverCapture`) replaces this file; the
// CaptureDesk and the devices behind it stay as they are.
//
// Guarantees: a capture the participant cancels or refuses is left out
// (the core's `submit` then says whether the check-in may go without it);
// a photo the core's quality check blocks discards the draft, nothing of
// it kept; once `submit` returns, the check-in is sealed and queued, and a
// failed or cut-short sync only delays it.
import CheckinCore
import Foundation

public struct CheckinAttempt {
    /// A sync right after submitting gets this long, like a background
    /// refresh: the participant sees "sent" soon, or "queued" and moves on.
    public static let syncSeconds: UInt32 = 25
    /// The recording limit until the screens' `CaptureVoice` effect carries
    /// the policy's own (`voice.max_seconds`, 30 by default); the core
    /// refuses a longer recording anyway.
    public static let fallbackVoiceSeconds: UInt32 = 30

    public let client: CoreClient
    public let desk: CaptureDesk

    public init(client: CoreClient, desk: CaptureDesk) {
        self.client = client
        self.desk = desk
    }

    /// How the attempt ended.
    public enum Result {
        /// Sealed and queued; `receipt` is set once the program's receipt
        /// verified in the sync that followed.
        case submitted(summary: CheckinSummary, sync: SyncReport?, receipt: Receipt?)
        /// The photo failed the core's quality check (`issues` are the
        /// core's stable ids); the draft was discarded.
        case photoRejected(issues: [String])
    }

    public func run(windowId: String?, voiceMaxSeconds: UInt32 = fallbackVoiceSeconds) async throws -> Result {
        let policy = try client.policy()
        let checkinId = try client.startCheckin(windowId: windowId)
        if policy.photo != .off, case .photo(let jpeg) = await desk.photo() {
            let quality = try await client.attachPhoto(checkinId: checkinId, jpeg: jpeg)
            if quality.blocking {
                try client.discardCheckin(checkinId: checkinId)
                return .photoRejected(issues: quality.issues)
            }
        }
        if policy.voice != .off, case .voice(let wav) = await desk.voice(maxSeconds: voiceMaxSeconds, onLevel: { _ in }) {
            _ = try await client.attachVoice(checkinId: checkinId, wav: wav)
        }
        if policy.location != LocationMode.none,
           case .location(let fix) = await desk.location(precise: policy.location == .precise) {
            _ = try client.attachLocation(checkinId: checkinId, fix: fix)
        }
        let summary = try await client.submit(checkinId: checkinId)
        // From here the check-in is never lost: a sync that fails leaves it queued.
        let report = try? await client.syncUntilCancelled(maxSeconds: CheckinAttempt.syncSeconds)
        let receipt = try client.outbox().first { $0.checkinId == summary.checkinId }?.receipt
        return .submitted(summary: summary, sync: report, receipt: receipt)
    }
}
