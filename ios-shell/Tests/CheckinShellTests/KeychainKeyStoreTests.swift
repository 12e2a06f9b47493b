// The key store over a fake Keychain: what it keeps, how each failure
// reaches the core, and the real core opening its store with it.
import CheckinCore
@testable import CheckinShell
import XCTest

final class KeychainKeyStoreTests: XCTestCase {
    func testWrapsWithOneKeychainKeyMadeOnFirstUse() throws {
        let keychain = MemoryKeychain()
        let store = testKeyStore(keychain)
        let storageKey = Data((0..<32).map { UInt8($0) })
        let wrapped = try store.wrap(key: storageKey)
        XCTAssertEqual(wrapped.first, KeychainKeyStore.formatByte)
        XCTAssertNil(wrapped.range(of: storageKey), "the storage key is not stored in the clear")
        XCTAssertEqual(try store.unwrap(wrapped: wrapped), storageKey)
        _ = try store.wrap(key: storageKey)
        XCTAssertEqual(keychain.adds, 1, "one Keychain key, made once")
        XCTAssertEqual(try testKeyStore(keychain).unwrap(wrapped: wrapped), storageKey, "a new instance finds it")
    }

    func testUnwrapNeverMakesAKeyAndAMissingOneIsKeyMissing() throws {
        let keychain = MemoryKeychain()
        let wrapped = try testKeyStore(keychain).wrap(key: Data(repeating: 7, count: 32))
        keychain.removeAll() // the Keychain was reset, or the data came to another phone
        XCTAssertThrowsError(try testKeyStore(keychain).unwrap(wrapped: wrapped)) {
            XCTAssertEqual($0 as? KeyAccessError, .KeyMissing)
        }
        XCTAssertEqual(keychain.count, 0)
    }

    func testAnotherKeyAnotherFormatOrAChangedByteIsWrongKey() throws {
        let wrapped = try testKeyStore().wrap(key: Data(repeating: 1, count: 32))
        let otherKeychain = MemoryKeychain()
        _ = try testKeyStore(otherKeychain).wrap(key: Data(repeating: 2, count: 32))
        var flipped = wrapped
        flipped[flipped.count - 1] ^= 1
        var otherFormat = wrapped
        otherFormat[0] = 2
        let store = testKeyStore(otherKeychain)
        for (bytes, what) in [(wrapped, "another phone's key"), (flipped, "a changed byte"),
                              (otherFormat, "another format"), (Data(), "nothing")] {
            XCTAssertThrowsError(try store.unwrap(wrapped: bytes), what) {
                XCTAssertEqual($0 as? KeyAccessError, .WrongKey, what)
            }
        }
    }

    func testALockedKeychainIsUnavailableNotMissing() throws {
        let keychain = MemoryKeychain()
        let store = testKeyStore(keychain)
        let wrapped = try store.wrap(key: Data(repeating: 3, count: 32))
        keychain.failure = .locked
        XCTAssertThrowsError(try store.unwrap(wrapped: wrapped)) {
            guard case KeyAccessError.Unavailable(let reason) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("first unlocked"), reason)
        }
        XCTAssertThrowsError(try store.wrap(key: Data(repeating: 3, count: 32))) {
            guard case KeyAccessError.Unavailable = $0 else { return XCTFail("\($0)") }
        }
        keychain.failure = .status(-34018)
        XCTAssertThrowsError(try store.unwrap(wrapped: wrapped)) {
            XCTAssertEqual($0 as? KeyAccessError, .Unavailable(reason: "the Keychain answered -34018"))
        }
        keychain.failure = nil
        XCTAssertEqual(try store.unwrap(wrapped: wrapped), Data(repeating: 3, count: 32), "works once unlocked")
    }

    func testThreadsWrappingAtOnceShareOneKeychainKey() throws {
        let keychain = MemoryKeychain()
        let stores = (0..<4).map { _ in testKeyStore(keychain) }
        let lock = NSLock()
        var results = [Data](repeating: Data(), count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let wrapped = (try? stores[index % 4].wrap(key: Data([UInt8(index)]))) ?? Data()
            lock.lock()
            results[index] = wrapped
            lock.unlock()
        }
        XCTAssertEqual(keychain.adds, 1)
        for index in 0..<16 {
            XCTAssertEqual(try stores[0].unwrap(wrapped: results[index]), Data([UInt8(index)]))
        }
    }

    func testTheCoreOpensItsStoreWithItAndRefusesItWithoutTheKey() throws {
        let keychain = MemoryKeychain()
        let dir = Fixtures.tempDir("device")
        _ = try openClient(dataDir: dir, keychain: keychain)
        XCTAssertEqual(keychain.count, 1)
        _ = try openClient(dataDir: dir, keychain: keychain) // the same phone, opened again

        XCTAssertThrowsError(try openClient(dataDir: dir, keychain: MemoryKeychain())) {
            guard case CheckinError.KeyStore = $0 else { return XCTFail("got \($0)") }
        }
        let locked = MemoryKeychain()
        _ = try openClient(dataDir: Fixtures.tempDir("device"), keychain: locked)
        locked.failure = .locked
        XCTAssertThrowsError(try openClient(dataDir: dir, keychain: locked)) {
            guard case CheckinError.KeyStore(let message) = $0 else { return XCTFail("got \($0)") }
            XCTAssertTrue(message.contains("first unlocked"), message)
        }
    }
}
