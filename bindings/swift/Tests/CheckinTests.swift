// The whole check-in cycle and the boundary's behaviour, from Swift, against
// the reference server: the same ground as the Kotlin suite.
import CheckinCore
import Foundation

func checkinTests(_ run: TestRun) async {
    let server: ReferenceServer
    do { server = try ReferenceServer(codes: 13) } catch {
        await run.test("reference server starts") { throw error }
        return
    }
    defer { server.stop() }
    var nextCode = 0
    func freshCode() -> String { defer { nextCode += 1 }; return server.codes[nextCode] }

    await run.test("enroll, check in with a photo, sync with progress, receipt and ledger") {
        let client = try openClient()
        try expect(!(try client.isEnrolled()))
        let enrollment = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())
        try expect(try client.isEnrolled())
        try expectEqual(try client.policy().version, enrollment.policyVersion)
        try expectEqual(try client.policy().photo, .required)

        let checkinId = try client.startCheckin(windowId: nil)
        let quality = try await client.attachPhoto(checkinId: checkinId, jpeg: cameraPng())
        try expect(!quality.blocking, "quality issues: \(quality.issues)")
        let summary = try await client.submit(checkinId: checkinId)
        try expectEqual(summary.checkinId, checkinId)
        try expectEqual(summary.parts.map(\.kind), [.record, .photo])
        try expectEqual(try client.outbox().map(\.state), [.queued])

        let progress = ProgressRecorder()
        let report = try await client.sync(maxSeconds: 30, listener: progress, cancellation: nil)
        try expectEqual(report.delivered, 1)
        try expectEqual(report.remaining, 0)
        try expect(!progress.seen.isEmpty, "no progress reported")
        try expectEqual(progress.seen.last?.remaining, 0)

        let item = try client.outbox()[0]
        try expectEqual(item.state, .delivered)
        guard let receipt = item.receipt else { throw TestFailure(description: "delivered without a receipt") }
        try expectEqual(receipt.envelopeSha256Hex, summary.envelopeSha256Hex)
        try expectEqual(receipt.capturedAt, summary.capturedAt)

        let ledger = try client.ledger()
        try expectEqual(ledger.map(\.seq), Array(1...UInt64(ledger.count)))
        guard case .enrolled = ledger.first?.event else { throw TestFailure(description: "first entry \(String(describing: ledger.first))") }
        try expect(ledger.contains { $0.event == .checkinSubmitted(summary: summary) }, "no submitted entry")
        try expect(ledger.contains { $0.event == .checkinDelivered(checkinId: checkinId, receipt: receipt) }, "no delivered entry")
    }

    await run.test("a photo passed as a file path is processed like the same bytes") {
        let client = try openClient()
        _ = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())
        let png = cameraPng(seed: 7)
        let path = makeTempDir("photo") + "/camera.png"
        try png.write(to: URL(fileURLWithPath: path))
        let fromBytes = try await client.attachPhoto(checkinId: try client.startCheckin(windowId: nil), jpeg: png)
        let fromPath = try await client.attachPhotoFile(checkinId: try client.startCheckin(windowId: nil), path: path)
        try expectEqual(fromBytes, fromPath)
    }

    await run.test("core errors arrive as typed Swift errors with the core's message") {
        let client = try openClient()
        let wrong = try await expectThrows(CheckinError.self) { try await client.enroll(serverUrl: server.baseUrl, code: "WRONG") }
        try expectEqual(wrong, .EnrollmentCodeInvalid(message: "the enrollment code is not valid"))
        try await expectThrows(CheckinError.self) { try client.startCheckin(windowId: nil) }
        _ = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())
        let checkinId = try client.startCheckin(windowId: nil)
        let missing = try await expectThrows(CheckinError.self) { try await client.submit(checkinId: checkinId) }
        guard case .MissingEvidence = missing else { throw TestFailure(description: "got \(missing)") }
        let media = try await expectThrows(CheckinError.self) {
            try await client.attachPhoto(checkinId: checkinId, jpeg: Data(repeating: 7, count: 4096))
        }
        guard case .InvalidMedia = media else { throw TestFailure(description: "got \(media)") }
        let notFound = try await expectThrows(CheckinError.self) { try await client.submit(checkinId: UUID().uuidString) }
        guard case .CheckinNotFound = notFound else { throw TestFailure(description: "got \(notFound)") }
    }

    await run.test("a Swift KeyStore's errors cross into Rust and back") {
        final class Locked: KeyStore, @unchecked Sendable {
            func wrap(key: Data) throws -> Data { throw KeyAccessError.Unavailable(reason: "device locked") }
            func unwrap(wrapped: Data) throws -> Data { throw KeyAccessError.Unavailable(reason: "device locked") }
        }
        let locked = try await expectThrows(CheckinError.self) { try openClient(keyStore: Locked()) }
        guard case .KeyStore(let message) = locked, message.contains("device locked") else {
            throw TestFailure(description: "got \(locked)")
        }
        struct Undeclared: Error {}
        final class Broken: KeyStore, @unchecked Sendable {
            func wrap(key: Data) throws -> Data { throw Undeclared() }
            func unwrap(wrapped: Data) throws -> Data { throw Undeclared() }
        }
        let broken = try await expectThrows(CheckinError.self) { try openClient(keyStore: Broken()) }
        guard case .KeyStore(let reason) = broken, reason.contains("unexpected") else {
            throw TestFailure(description: "got \(broken)")
        }
        let dir = makeTempDir()
        _ = try openClient(dataDir: dir, keyStore: MemoryKeyStore())
        let wrongKey = try await expectThrows(CheckinError.self) { try openClient(dataDir: dir, keyStore: MemoryKeyStore()) }
        guard case .KeyStore = wrongKey else { throw TestFailure(description: "got \(wrongKey)") }
    }

    await run.test("after a lost platform key, the check-ins still waiting are kept") {
        let dir = makeTempDir()
        let checkinId: String
        do {
            let client = try openClient(dataDir: dir, keyStore: MemoryKeyStore())
            _ = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())
            let id = try client.startCheckin(windowId: nil)
            _ = try await client.attachPhoto(checkinId: id, jpeg: cameraPng())
            checkinId = try await client.submit(checkinId: id).checkinId
        }
        let newKey = MemoryKeyStore()
        let refused = try await expectThrows(CheckinError.self) { try openClient(dataDir: dir, keyStore: newKey) }
        guard case .KeyStore = refused else { throw TestFailure(description: "got \(refused)") }
        let config = ClientConfig(dataDir: dir, locale: "es", platform: "desktop")
        let client = try CheckinClient.openAfterKeyLoss(config: config, keyStore: newKey)
        try expect(!(try client.isEnrolled()))
        let kept = try client.outbox()
        try expectEqual(kept.map(\.checkinId), [checkinId])
        try expect(kept[0].recovered, "not marked recovered")
        guard case .storageKeyLost(_, let recovered, _, _) = try client.ledger().first?.event else {
            throw TestFailure(description: "the ledger does not open with the loss")
        }
        try expectEqual(recovered, [checkinId])
    }

    await run.test("a listener that throws does not stop the delivery") {
        final class Throwing: SyncListener, @unchecked Sendable {
            func onProgress(progress: SyncProgress) throws { throw ListenerError.Failed(reason: "UI gone") }
        }
        let client = try openClient()
        _ = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())
        let checkinId = try client.startCheckin(windowId: nil)
        _ = try await client.attachPhoto(checkinId: checkinId, jpeg: cameraPng())
        _ = try await client.submit(checkinId: checkinId)
        try expectEqual(try await client.sync(maxSeconds: 30, listener: Throwing(), cancellation: nil).delivered, 1)
    }

    await run.test("the README embedding snippet runs a whole check-in") {
        let receipt = try await checkInOnce(dataDir: makeTempDir(), keyStore: MemoryKeyStore(),
                                            serverUrl: server.baseUrl, code: freshCode(), photo: cameraPng(seed: 3))
        try expect(receipt?.signatureB64.isEmpty == false, "no receipt")
    }

    await run.test("offline, then a hanging sync cancelled by Task.cancel, then delivered") {
        let own = try ReferenceServer(codes: 1)
        let port = own.port
        let client = try openClient()
        _ = try await client.enroll(serverUrl: own.baseUrl, code: own.codes[0])
        let checkinId = try client.startCheckin(windowId: nil)
        _ = try await client.attachPhoto(checkinId: checkinId, jpeg: cameraPng())
        _ = try await client.submit(checkinId: checkinId)
        own.stop()

        let offline = try await client.sync(maxSeconds: 10, listener: nil, cancellation: nil)
        try expectEqual(offline.delivered, 0)
        try expectEqual(offline.remaining, 1)
        try expect(offline.lastError != nil, "no reason given")

        let hole = try BlackHole(port: port)
        try client.networkAvailable()
        let cancellation = Cancellation()
        let started = Date()
        let task = Task {
            try await withTaskCancellationHandler {
                try await client.sync(maxSeconds: 60, listener: nil, cancellation: cancellation)
            } onCancel: {
                cancellation.cancel()
            }
        }
        while hole.accepted == 0 && Date().timeIntervalSince(started) < 10 {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        try expect(hole.accepted > 0, "the sync never reached the server")
        task.cancel()
        let error = try await expectThrows(CheckinError.self) { try await task.value }
        try expectEqual(error, .Cancelled(message: "the operation was cancelled"))
        try expect(Date().timeIntervalSince(started) < 5, "cancel took too long")
        hole.close()
        try expect(try client.outbox()[0].state != .delivered)

        let back = try ReferenceServer(codes: 0, dataDir: own.dataDir, listen: "127.0.0.1:\(port)")
        defer { back.stop() }
        try client.networkAvailable()
        try expectEqual(try await client.sync(maxSeconds: 30, listener: nil, cancellation: nil).delivered, 1)
    }
}
