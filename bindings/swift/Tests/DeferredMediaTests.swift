// Deferred media from Swift against the reference server, under a policy
// that lets every photo and voice recording wait for an unmetered network
// (media.defer_on_metered_above_bytes = 0, given at enrollment): the same
// scenario as the Kotlin suite's DeferredMediaTest.
import CheckinCore
import Foundation

/// The demo's evidence without location, with every photo and recording deferred on metered networks.
let deferAllMediaPolicy = """
    {"version": 3, "evidence": {"photo": "required", "voice": "optional", "location": "none"},
     "media": {"defer_on_metered_above_bytes": 0}}
    """

/// A short spoken phrase (fixtures/media, 8 kHz unsigned 8-bit WAV), staged
/// by test-swift.sh in CHECKIN_MEDIA_DIR.
func speechWavPath() throws -> String {
    guard let dir = ProcessInfo.processInfo.environment["CHECKIN_MEDIA_DIR"], !dir.isEmpty else {
        throw TestFailure(description: "set CHECKIN_MEDIA_DIR to a copy of fixtures/media")
    }
    return dir + "/speech_8k_u8.wav"
}

func deferredMediaTests(_ run: TestRun) async {
    await run.test("on a metered network the record goes at once and the photo and voice once unmetered") {
        let server = try ReferenceServer(codes: 1, policyJson: deferAllMediaPolicy)
        defer { server.stop() }
        let client = try openClient()
        _ = try await client.enroll(serverUrl: server.baseUrl, code: server.codes[0])
        try expectEqual(try client.policy().mediaDeferOnMeteredAboveBytes, 0)
        // A policy given at enrollment needs no new consent before capture.
        try client.setConnectivity(connectivity: .metered)

        let checkinId = try client.startCheckin(windowId: nil)
        let photo = try await client.attachPhoto(checkinId: checkinId, jpeg: cameraPng())
        try expect(!photo.blocking, "photo issues: \(photo.issues)")
        let voice = try await client.attachVoiceFile(checkinId: checkinId, path: try speechWavPath())
        try expect(!voice.blocking, "voice issues: \(voice.issues)")
        let summary = try await client.submit(checkinId: checkinId)
        try expectEqual(summary.parts.map(\.kind), [.record, .photo, .voice])
        try expectEqual(summary.parts.map(\.deferred), [false, true, true])
        guard let mediaDigest = summary.mediaEnvelopeSha256Hex, let mediaSize = summary.mediaEnvelopeSize else {
            throw TestFailure(description: "no media envelope in \(summary)")
        }
        try expect(mediaDigest != summary.envelopeSha256Hex, "one digest for both envelopes")
        let deferredBytes = summary.parts.filter(\.deferred).reduce(0) { $0 + $1.size }
        try expect(mediaSize > deferredBytes, "media envelope \(mediaSize) for \(deferredBytes) bytes of media")
        try expect(summary.envelopeSize < mediaSize, "record envelope \(summary.envelopeSize)")
        try expectEqual(try client.mediaOutbox().map(\.checkinId), [checkinId])
        try expectEqual(try client.mediaOutbox().map(\.state), [.queued])

        // Metered: the record is delivered with its receipt; the media waits.
        let metered = try await client.sync(maxSeconds: 30, listener: nil, cancellation: nil)
        try expectEqual(metered.delivered, 1)
        try expectEqual(metered.remaining, 0)
        try expectEqual(metered.mediaDelivered, 0)
        try expectEqual(metered.mediaWaiting, 1)
        try expectEqual(metered.mediaWedged, 0)
        try expect(metered.serverWaitMs > 0, "\(metered)")
        try expectEqual(metered.nextRetryAt, nil)
        try expectEqual(metered.retention, RetentionReport(checkinsDeleted: 0, draftsDeleted: 0, keptWithoutProof: 0))
        let record = try client.outbox()[0]
        try expectEqual(record.state, .delivered)
        try expectEqual(record.receipt?.envelopeSha256Hex, summary.envelopeSha256Hex)
        let waiting = try client.mediaOutbox()[0]
        try expectEqual(waiting.state, .queued)
        try expectEqual(waiting.receipt, nil)
        try expectEqual(waiting.attempts, 0)

        // Unmetered: the media follows, with a media receipt for its envelope.
        try client.setConnectivity(connectivity: .online)
        let online = try await client.sync(maxSeconds: 30, listener: nil, cancellation: nil)
        try expectEqual(online.delivered, 0)
        try expectEqual(online.mediaDelivered, 1)
        try expectEqual(online.mediaWaiting, 0)
        try expectEqual(online.mediaWedged, 0)
        try expect(online.serverWaitMs > 0, "\(online)")
        let media = try client.mediaOutbox()
        try expectEqual(media.map(\.checkinId), [checkinId])
        try expectEqual(media.map(\.state), [.delivered])
        guard let mediaReceipt = media[0].receipt else { throw TestFailure(description: "media delivered without a receipt") }
        try expectEqual(mediaReceipt.checkinId, checkinId)
        try expectEqual(mediaReceipt.envelopeSha256Hex, mediaDigest)
        try expectEqual(mediaReceipt.capturedAt, summary.capturedAt)
        try expect(mediaReceipt.signatureB64 != record.receipt?.signatureB64, "the record's receipt again")

        // The ledger holds the check-in as submitted (deferred parts
        // included) and both receipts.
        let events = try client.ledger().map(\.event)
        try expect(events.contains(.checkinSubmitted(summary: summary)), "no submitted entry")
        try expect(events.contains(.mediaDelivered(checkinId: checkinId, receipt: mediaReceipt)), "no media-delivered entry: \(events)")
        let text = try client.ledgerSummary(lang: "en")
        try expect(text.contains("Waits for a network without data charges: photo, voice"), text)
        try expect(text.contains("Media of check-in \(checkinId) received"), text)
    }

    await run.test("the README connectivity snippet sends the record on metered and the media when unmetered") {
        let server = try ReferenceServer(codes: 1, policyJson: deferAllMediaPolicy)
        defer { server.stop() }
        let client = try openClient()
        _ = try await client.enroll(serverUrl: server.baseUrl, code: server.codes[0])
        let checkinId = try client.startCheckin(windowId: nil)
        _ = try await client.attachPhoto(checkinId: checkinId, jpeg: cameraPng(seed: 3))
        _ = try await client.submit(checkinId: checkinId)

        try expectEqual(try await onNetworkChanged(client: client, online: false, unmetered: false), 1)
        try expectEqual(client.connectivity(), .offline)
        try expectEqual(try client.outbox().map(\.state), [.queued])
        try expectEqual(try await onNetworkChanged(client: client, online: true, unmetered: false), 1)
        try expectEqual(client.connectivity(), .metered)
        try expectEqual(try client.outbox().map(\.state), [.delivered])
        try expectEqual(try client.mediaOutbox().map(\.state), [.queued])
        try expectEqual(try await onNetworkChanged(client: client, online: true, unmetered: true), 0)
        try expectEqual(client.connectivity(), .online)
        try expectEqual(try client.mediaOutbox().map(\.state), [.delivered])
    }
}
