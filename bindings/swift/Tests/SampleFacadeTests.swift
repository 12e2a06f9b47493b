// Phase-1 tests of the sample facade from Swift.
import CheckinCore
import Foundation

/// A key store for tests: XOR with a random pad plus a 4-byte tag.
final class MemoryKeyStore: KeyStore, @unchecked Sendable {
    private let pad: [UInt8] = (0..<32).map { _ in UInt8.random(in: 0...255) }
    private let lock = NSLock()
    private var _calls = 0
    var calls: Int { lock.withLock { _calls } }

    func wrap(plaintext: Data) throws -> Data {
        lock.withLock { _calls += 1 }
        return Data([0xC0, 0xDE, 0x00, 0x01]) + Data(plaintext.enumerated().map { $1 ^ pad[$0 % pad.count] })
    }

    func unwrap(wrapped: Data) throws -> Data {
        lock.withLock { _calls += 1 }
        guard wrapped.starts(with: [0xC0, 0xDE, 0x00, 0x01]) else { throw KeyAccessError.KeyInvalidated }
        return Data(wrapped.dropFirst(4).enumerated().map { $1 ^ pad[$0 % pad.count] })
    }
}

final class RecordingListener: ProgressListener, @unchecked Sendable {
    private let lock = NSLock()
    private var _seen: [UInt32] = []
    var seen: [UInt32] { lock.withLock { _seen } }
    func onProgress(done: UInt32, total: UInt32) { lock.withLock { _seen.append(done) } }
}

func sampleFacadeTests(_ run: TestRun) async {
    await run.test("object, record and enum cross the boundary") {
        let keyStore = MemoryKeyStore()
        let vault = SampleVault(keyStore: keyStore)
        try expect(vault.isEmpty())
        let item = try vault.put(kind: .photo, bytes: Data([1, 2, 3]))
        try expectEqual(item, SampleItem(index: 0, kind: .photo, plainLen: 3, wrappedLen: 7))
        try expectEqual(try vault.get(index: 0), Data([1, 2, 3]))
        try expectEqual(vault.len(), 1)
        try expectEqual(keyStore.calls, 2)
        try expect(!coreVersion().isEmpty)
    }

    await run.test("a Rust error arrives as a typed Swift error with its message") {
        let vault = SampleVault(keyStore: MemoryKeyStore())
        let error = try await expectThrows(CheckinError.self) { try vault.put(kind: .recording, bytes: Data()) }
        guard case .InvalidInput(let message) = error else { throw TestFailure(description: "got \(error)") }
        try expect(message.contains("1 to 8388608 bytes"), message)
    }

    await run.test("a Swift key store error crosses into Rust and back") {
        final class Failing: KeyStore, @unchecked Sendable {
            func wrap(plaintext: Data) throws -> Data { throw KeyAccessError.Unavailable(reason: "device locked") }
            func unwrap(wrapped: Data) throws -> Data { throw CocoaError(.fileReadUnknown) }
        }
        let vault = SampleVault(keyStore: Failing())
        let error = try await expectThrows(CheckinError.self) { try vault.put(kind: .photo, bytes: Data([1])) }
        guard case .KeyStore(let message) = error else { throw TestFailure(description: "got \(error)") }
        try expect(message.contains("key store unavailable: device locked"), message)
    }

    await run.test("bytes and a file path give the same item") {
        let path = NSTemporaryDirectory() + "photo-\(UUID().uuidString).jpg"
        let bytes = Data((0..<1000).map { UInt8($0 % 256) })
        try bytes.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let vault = SampleVault(keyStore: MemoryKeyStore())
        let fromPath = try vault.putFile(kind: .photo, path: path)
        let fromBytes = try vault.put(kind: .photo, bytes: bytes)
        try expectEqual(fromPath.plainLen, fromBytes.plainLen)
        try expectEqual(try vault.get(index: 0), try vault.get(index: 1))
        try await expectThrows(CheckinError.self) { try vault.putFile(kind: .photo, path: "/nonexistent/x.jpg") }
    }

    await run.test("async work runs on the Rust runtime and reports progress") {
        try expectEqual(try await addLater(a: 2, b: 3, delayMillis: 10), 5)
        try await expectThrows(CheckinError.self) { try await addLater(a: UInt64.max, b: 1, delayMillis: 0) }
        let listener = RecordingListener()
        let vault = SampleVault(keyStore: MemoryKeyStore())
        try expectEqual(try await vault.count(steps: 4, stepMillis: 5, listener: listener, cancellation: Cancellation()), 4)
        try expectEqual(listener.seen, [1, 2, 3, 4])
    }

    await run.test("a Cancellation stops a running operation, also from Task.cancel") {
        let listener = RecordingListener()
        let vault = SampleVault(keyStore: MemoryKeyStore())
        let cancellation = Cancellation()
        let task = Task {
            try await withTaskCancellationHandler {
                try await vault.count(steps: 1000, stepMillis: 10, listener: listener, cancellation: cancellation)
            } onCancel: {
                cancellation.cancel()
            }
        }
        while listener.seen.count < 2 { try await Task.sleep(nanoseconds: 5_000_000) }
        task.cancel()
        let error = try await expectThrows(CheckinError.self) { try await task.value }
        try expectEqual(error, .Cancelled(message: "cancelled"))
        try expect(cancellation.isCancelled())
        try expect(listener.seen.count < 100, "ran \(listener.seen.count) steps")
    }
}
