// Copy of the Swift snippet in bindings/README.md ("Embedding"), compiled
// and run by the test suite. Keep the two identical.
import CheckinCore
import Foundation

/// Follows a sync's progress (called on a library thread).
final class ProgressPrinter: SyncListener, @unchecked Sendable {
    func onProgress(progress: SyncProgress) throws {
        print("sent \(progress.sent), \(progress.remaining) to go")
    }
}

/// One check-in from enrollment to the program's receipt.
func checkInOnce(dataDir: String, keyStore: KeyStore, serverUrl: String, code: String,
                 photo: Data) async throws -> Receipt? {
    let client = try CheckinClient.open(
        config: ClientConfig(dataDir: dataDir, locale: "es", platform: "ios"), keyStore: keyStore)
    if try !client.isEnrolled() {
        _ = try await client.enroll(serverUrl: serverUrl, code: code)
    }
    let checkinId = try client.startCheckin(windowId: nil)
    let quality = try await client.attachPhoto(checkinId: checkinId, jpeg: photo)
    if quality.blocking {
        try client.discardCheckin(checkinId: checkinId) // show quality.issues and retake
        return nil
    }
    let summary = try await client.submit(checkinId: checkinId) // sealed and queued: never lost
    let cancellation = Cancellation()
    _ = try await withTaskCancellationHandler {
        try await client.sync(maxSeconds: 25, listener: ProgressPrinter(), cancellation: cancellation)
    } onCancel: {
        cancellation.cancel() // Swift task cancellation does not reach Rust by itself
    }
    return try client.outbox().first { $0.checkinId == summary.checkinId }?.receipt
}
