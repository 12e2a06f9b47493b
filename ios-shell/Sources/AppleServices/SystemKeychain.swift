// SystemKeychain: generic password items in the iOS Keychain, for the key
// store's wrapping key. Items are readable after the phone's first unlock
// (background refreshes run with the screen locked) and only on this
// device: not in backups, not in iCloud Keychain, not restored to another
// phone. errSecInteractionNotAllowed (before the first unlock) is
// `KeychainFailure.locked`. Reviewed by reading; built and run only on
// Apple platforms.
#if canImport(Security)
import CheckinShell
import Foundation
import Security

public final class SystemKeychain: SecretItems, @unchecked Sendable {
    /// The items' service name (the app's bundle identifier, say).
    public let service: String

    public init(service: String) {
        self.service = service
    }

    public func read(account: String) throws -> Data? {
        var query = identity(account)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            guard let data = result as? Data else { throw KeychainFailure.status(errSecDecode) }
            return data
        case errSecItemNotFound:
            return nil
        default:
            throw SystemKeychain.failure(status)
        }
    }

    public func add(account: String, secret: Data) throws {
        var attributes = identity(account)
        attributes[kSecValueData as String] = secret
        attributes[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let status = SecItemAdd(attributes as CFDictionary, nil)
        guard status == errSecSuccess else { throw SystemKeychain.failure(status) }
    }

    private func identity(_ account: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
            kSecAttrSynchronizable as String: false,
            // macOS: the iOS-style keychain, not the legacy file keychain.
            kSecUseDataProtectionKeychain as String: true,
        ]
    }

    static func failure(_ status: OSStatus) -> KeychainFailure {
        switch status {
        case errSecDuplicateItem: return .duplicate
        case errSecInteractionNotAllowed: return .locked
        default: return .status(status)
        }
    }
}
#endif
