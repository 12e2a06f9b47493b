// In-memory stand-ins for the platform services, each behaving as the iOS
// service does where the shell's logic depends on it.
import CheckinCore
@testable import CheckinShell
import Foundation

/// UNUserNotificationCenter's pending requests, with its limit: past 64,
/// iOS keeps the soonest 64 and silently drops the rest (counted here).
final class MemoryReminderCenter: ReminderCenter {
    /// The app's requests that are not the core's (they never fire here).
    private(set) var others: Set<String>
    private(set) var requests: [String: ReminderRequest] = [:]
    private(set) var added: [String] = []
    private(set) var removed: [String] = []
    private(set) var dropped = 0
    var refuse: Set<String> = []

    init(others: [String] = []) {
        self.others = Set(others)
    }

    /// Puts requests in place as an earlier run left them (no limit applied).
    func seed(_ identifiers: [String]) {
        for identifier in identifiers {
            requests[identifier] = ReminderRequest(identifier: identifier, title: "", body: "", fireAt: .distantFuture, deepLink: "")
        }
    }

    var reminderIdentifiers: Set<String> { Set(requests.keys) }
    var pendingCount: Int { others.count + requests.count }

    func pendingIdentifiers() async -> [String] {
        (Array(others) + Array(requests.keys)).sorted()
    }

    func add(_ request: ReminderRequest) async throws {
        if refuse.contains(request.identifier) { throw FixtureError("refused by the fake center") }
        requests[request.identifier] = request
        added.append(request.identifier)
        while pendingCount > ReminderPlan.pendingLimit, let latest = requests.values.max(by: { $0.fireAt < $1.fireAt }) {
            requests[latest.identifier] = nil
            dropped += 1
        }
    }

    func remove(identifiers: [String]) async {
        for identifier in identifiers {
            if requests.removeValue(forKey: identifier) != nil || others.remove(identifier) != nil {
                removed.append(identifier)
            }
        }
    }

    func forgetHistory() {
        added = []
        removed = []
    }
}

/// BGTaskScheduler as far as the shell uses it: one pending request.
final class RecordingScheduler: RefreshScheduler {
    /// Every date asked for, in order.
    private(set) var scheduled: [Date] = []
    private(set) var cancels = 0
    /// The request the OS holds now.
    private(set) var pending: Date?
    var failure: Error?

    func schedule(earliest: Date) throws {
        if let failure { throw failure }
        scheduled.append(earliest)
        pending = earliest
    }

    func cancel() {
        cancels += 1
        pending = nil
    }
}

/// `UserDefaults` for the managed keys.
final class DictionarySource: ManagedSettingsSource {
    var configuration: [String: Any]?
    private(set) var feedback: [String: Any]?

    init(_ configuration: [String: Any]?) {
        self.configuration = configuration
    }

    func managedConfiguration() -> [String: Any]? { configuration }
    func writeFeedback(_ feedback: [String: Any]) { self.feedback = feedback }
}

/// Autonomous Single App Mode: granted only when `supervised`.
final class FakeSingleAppMode: SingleAppMode {
    var supervised: Bool
    private(set) var isActive = false
    private(set) var requests: [Bool] = []

    init(supervised: Bool) {
        self.supervised = supervised
    }

    func request(enabled: Bool) async -> Bool {
        requests.append(enabled)
        guard supervised else { return false }
        isActive = enabled
        return true
    }
}

/// The Keychain's generic password items.
final class MemoryKeychain: SecretItems, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String: Data] = [:]
    private(set) var adds = 0
    var failure: KeychainFailure?

    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }

    func read(account: String) throws -> Data? {
        lock.lock(); defer { lock.unlock() }
        if let failure { throw failure }
        return items[account]
    }

    func add(account: String, secret: Data) throws {
        lock.lock(); defer { lock.unlock() }
        if let failure { throw failure }
        guard items[account] == nil else { throw KeychainFailure.duplicate }
        items[account] = secret
        adds += 1
    }

    func removeAll() {
        lock.lock(); defer { lock.unlock() }
        items = [:]
    }
}

/// Stands in for AES-GCM where there is no CryptoKit: not cryptography, but
/// it fails like an AEAD on a wrong key, a wrong context or any changed
/// byte, which is all the key store's logic relies on.
struct TestCipher: KeyCipher {
    struct Failure: Error {}

    func makeKey() throws -> Data {
        Data((0..<32).map { _ in UInt8.random(in: 0...255) })
    }

    func seal(_ plaintext: Data, key: Data, context: Data) throws -> Data {
        let nonce = Data((0..<12).map { _ in UInt8.random(in: 0...255) })
        let body = Self.xor(plaintext, key: key, nonce: nonce)
        return nonce + body + Self.tag(key: key, context: context, nonce: nonce, body: body)
    }

    func open(_ sealed: Data, key: Data, context: Data) throws -> Data {
        let bytes = Data(sealed)
        guard bytes.count >= 20 else { throw Failure() }
        let nonce = bytes.prefix(12), body = bytes.dropFirst(12).dropLast(8), tag = bytes.suffix(8)
        guard Self.tag(key: key, context: context, nonce: Data(nonce), body: Data(body)) == Data(tag) else { throw Failure() }
        return Self.xor(Data(body), key: key, nonce: Data(nonce))
    }

    private static func xor(_ data: Data, key: Data, nonce: Data) -> Data {
        let k = [UInt8](key), n = [UInt8](nonce)
        return Data(data.enumerated().map { $1 ^ k[$0 % k.count] ^ n[$0 % n.count] ^ UInt8(truncatingIfNeeded: $0) })
    }

    /// FNV-1a over everything that must match.
    private static func tag(key: Data, context: Data, nonce: Data, body: Data) -> Data {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key + context + nonce + body {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return withUnsafeBytes(of: hash.littleEndian) { Data($0) }
    }
}

/// A key store for tests: the real KeychainKeyStore over the fakes above.
func testKeyStore(_ keychain: MemoryKeychain = MemoryKeychain()) -> KeychainKeyStore {
    KeychainKeyStore(items: keychain, cipher: TestCipher())
}

func openClient(dataDir: String = Fixtures.tempDir("device"), keychain: MemoryKeychain = MemoryKeychain()) throws -> CheckinClient {
    try CheckinClient.open(config: ClientSetup.config(dataDirectory: URL(fileURLWithPath: dataDir), locale: "es"),
                           keyStore: testKeyStore(keychain))
}

/// A client enrolled at `server` with its `index`th code.
func enrolledClient(_ server: ReferenceServer, code index: Int = 0) async throws -> CheckinClient {
    let client = try openClient()
    _ = try await client.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[index], tlsPins: [])
    return client
}

/// Submits an unscheduled check-in with the portrait fixture; returns its id.
@discardableResult
func submitPhotoCheckin(_ client: CheckinClient) async throws -> String {
    let checkinId = try client.startCheckin(windowId: nil)
    let quality = try await client.attachPhoto(checkinId: checkinId, jpeg: try Fixtures.media("portrait.jpg"))
    guard !quality.blocking else { throw FixtureError("the portrait fixture was refused: \(quality.issues)") }
    return try await client.submit(checkinId: checkinId).checkinId
}
