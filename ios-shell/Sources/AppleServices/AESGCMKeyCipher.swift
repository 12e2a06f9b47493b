// AESGCMKeyCipher: AES-256-GCM from CryptoKit for the key store: a random
// 96-bit nonce per seal, the nonce, ciphertext and 128-bit tag stored
// together (`combined`). Reviewed by reading; built and run only on Apple
// platforms.
#if canImport(CryptoKit)
import CheckinShell
import CryptoKit
import Foundation

public struct AESGCMKeyCipher: KeyCipher {
    public init() {}

    public func makeKey() throws -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    public func seal(_ plaintext: Data, key: Data, context: Data) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key), authenticating: context)
        // Always present with the default 12-byte nonce.
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return combined
    }

    public func open(_ sealed: Data, key: Data, context: Data) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: SymmetricKey(data: key), authenticating: context)
    }
}
#endif
