// SecretItems and KeyCipher: the two platform pieces the key store stands
// on. AppleServices implements SecretItems over the Keychain (generic
// password items, kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly) and
// KeyCipher over CryptoKit's AES-GCM; tests use an in-memory keychain and
// a test cipher.
import Foundation

/// What the Keychain answered when it did not do what was asked.
public enum KeychainFailure: Error, Equatable {
    /// The item exists already (another thread added it first).
    case duplicate
    /// The phone has not been unlocked since it started, so items
    /// "after first unlock" cannot be read yet (errSecInteractionNotAllowed).
    case locked
    /// Any other OSStatus.
    case status(Int32)
}

/// Small secrets kept by the platform, one per account name.
public protocol SecretItems: AnyObject, Sendable {
    /// The secret stored under `account`, or nil if there is none.
    func read(account: String) throws -> Data?
    /// Stores `secret` under `account`; throws `KeychainFailure.duplicate`
    /// if one is there already.
    func add(account: String, secret: Data) throws
}

/// Authenticated encryption with a symmetric key (AES-256-GCM on Apple
/// platforms).
public protocol KeyCipher: Sendable {
    /// A new random key.
    func makeKey() throws -> Data
    /// Encrypts `plaintext`, binding `context` as associated data.
    func seal(_ plaintext: Data, key: Data, context: Data) throws -> Data
    /// Decrypts what `seal` made; throws if the key, the context or a
    /// single byte differs.
    func open(_ sealed: Data, key: Data, context: Data) throws -> Data
}
