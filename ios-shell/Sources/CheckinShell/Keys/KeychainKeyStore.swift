// KeychainKeyStore: the core's `KeyStore` (wrap and unwrap its storage
// key) over a key the Keychain keeps.
//
// Design (README.md, "Key store"): a random AES-256 key is kept as a
// generic password item, accessible after the first unlock and never
// leaving this device (not in backups, not in iCloud Keychain); wrapping
// is AES-GCM under it, with a format byte and a fixed context as
// associated data. Guarantees:
// - the storage key is never stored by the shell: only the core keeps it,
//   wrapped;
// - the Keychain key is made on the first `wrap` and only then; `unwrap`
//   never makes one, so a missing item (the data restored onto another
//   phone, the Keychain reset) is `KeyMissing`, never a silent new key;
// - wrapped bytes of another format or another key are `WrongKey`;
// - a phone not unlocked since it started is `Unavailable`, which the
//   core reports as a key store error that a later retry can clear;
// - two threads wrapping at once end up with one Keychain key.
import CheckinCore
import Foundation

public final class KeychainKeyStore: KeyStore, @unchecked Sendable {
    /// The Keychain account of the wrapping key.
    public static let account = "storage-wrapping-key"
    /// First byte of every wrapped key: the format (AES-GCM under the
    /// Keychain key). Another format (a Secure Enclave key) gets another byte.
    public static let formatByte: UInt8 = 1
    /// Associated data of every wrap: a wrapped key only opens as one.
    public static let context = Data("checkin-storage-key-v1".utf8)

    private let items: SecretItems
    private let cipher: KeyCipher
    private let lock = NSLock()

    public init(items: SecretItems, cipher: KeyCipher) {
        self.items = items
        self.cipher = cipher
    }

    public func wrap(key: Data) throws -> Data {
        // NSLocking.withLock needs iOS 16.
        lock.lock()
        let found = Result { try existingOrNewKey() }
        lock.unlock()
        let wrappingKey = try found.get()
        do {
            let sealed = try cipher.seal(key, key: wrappingKey, context: KeychainKeyStore.context)
            return Data([KeychainKeyStore.formatByte]) + sealed
        } catch {
            throw KeyAccessError.Unavailable(reason: "cannot seal the storage key")
        }
    }

    public func unwrap(wrapped: Data) throws -> Data {
        guard wrapped.first == KeychainKeyStore.formatByte else { throw KeyAccessError.WrongKey }
        guard let wrappingKey = try read() else { throw KeyAccessError.KeyMissing }
        do {
            return try cipher.open(wrapped.dropFirst(), key: wrappingKey, context: KeychainKeyStore.context)
        } catch {
            throw KeyAccessError.WrongKey
        }
    }

    private func existingOrNewKey() throws -> Data {
        if let key = try read() { return key }
        let key: Data
        do {
            key = try cipher.makeKey()
        } catch {
            throw KeyAccessError.Unavailable(reason: "cannot make a key")
        }
        do {
            try items.add(account: KeychainKeyStore.account, secret: key)
            return key
        } catch KeychainFailure.duplicate {
            // Another process (an app extension) added one first: use it.
            guard let key = try read() else { throw KeyAccessError.KeyMissing }
            return key
        } catch {
            throw KeychainKeyStore.accessError(error)
        }
    }

    private func read() throws -> Data? {
        do {
            return try items.read(account: KeychainKeyStore.account)
        } catch {
            throw KeychainKeyStore.accessError(error)
        }
    }

    static func accessError(_ error: Error) -> KeyAccessError {
        switch error {
        case KeychainFailure.locked:
            return .Unavailable(reason: "the Keychain is locked until the phone is first unlocked")
        case KeychainFailure.status(let status):
            return .Unavailable(reason: "the Keychain answered \(status)")
        default:
            return .Unavailable(reason: "the Keychain failed")
        }
    }
}
