// ManagedAppConfig: the program's managed app configuration on an issued
// phone (the MDM's `com.apple.configuration.managed` dictionary), parsed
// into typed values with a clear error for anything wrong.
//
// Keys (README.md, "Issued phones"): `serverURL`, `enrollmentCode`,
// `tlsPins`, `language`, `kiosk`. Rules:
// - every key is optional; an empty or blank string counts as absent
//   (MDM consoles send "" for a field left empty);
// - a value of the wrong type is `wrongType`, a malformed one
//   `invalidValue`: the error names the key, never the value, so it can go
//   into managed feedback and logs;
// - unknown keys are ignored (MDMs add their own);
// - `tlsPins` is an array of strings, or one string of pins separated by
//   commas or spaces (consoles without arrays); each pin is the base64
//   SHA-256 of the server key's SubjectPublicKeyInfo (32 bytes).
// The fields are those of the core's `ManagedConfig` record (the screens'
// `ShellContext.managed`); the name differs so both can be imported side
// by side, and one initializer will convert.
import Foundation

public struct ManagedAppConfig: Equatable, Sendable {
    /// The `UserDefaults` key iOS keeps the configuration under.
    public static let defaultsKey = "com.apple.configuration.managed"

    /// The configuration's keys.
    public enum Key: String, CaseIterable, Sendable {
        case serverURL
        case enrollmentCode
        case tlsPins
        case language
        case kiosk
    }

    /// Longest enrollment code accepted (the program's are 9 characters).
    public static let maxCodeLength = 64
    /// Longest BCP 47 tag accepted.
    public static let maxLanguageLength = 35

    public var serverURL: String?
    public var enrollmentCode: String?
    public var tlsPins: [String]
    public var language: String?
    /// The phone should run only this app (Autonomous Single App Mode).
    public var kiosk: Bool

    public init(serverURL: String? = nil, enrollmentCode: String? = nil, tlsPins: [String] = [],
                language: String? = nil, kiosk: Bool = false) {
        self.serverURL = serverURL
        self.enrollmentCode = enrollmentCode
        self.tlsPins = tlsPins
        self.language = language
        self.kiosk = kiosk
    }

    /// Both what enrollment without typing needs are there.
    public var canEnroll: Bool { serverURL != nil && enrollmentCode != nil }

    public init(parsing dictionary: [String: Any]) throws {
        self.init()
        serverURL = try Self.string(.serverURL, in: dictionary)
        if let url = serverURL {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
                  scheme == "https" || scheme == "http", parsed.host?.isEmpty == false
            else { throw ManagedConfigError.invalidValue(key: .serverURL, reason: "not an http(s) address") }
        }
        enrollmentCode = try Self.string(.enrollmentCode, in: dictionary)
        if let code = enrollmentCode, code.count > Self.maxCodeLength {
            throw ManagedConfigError.invalidValue(key: .enrollmentCode, reason: "longer than \(Self.maxCodeLength) characters")
        }
        tlsPins = try Self.pins(in: dictionary)
        language = try Self.string(.language, in: dictionary)
        if let language, !Self.isLanguageTag(language) {
            throw ManagedConfigError.invalidValue(key: .language, reason: "not a language tag such as es or pt-BR")
        }
        switch dictionary[Key.kiosk.rawValue] {
        case nil: kiosk = false
        case let flag as Bool: kiosk = flag
        default: throw ManagedConfigError.wrongType(key: .kiosk, expected: "boolean")
        }
    }

    private static func string(_ key: Key, in dictionary: [String: Any]) throws -> String? {
        guard let value = dictionary[key.rawValue] else { return nil }
        guard let text = value as? String else { throw ManagedConfigError.wrongType(key: key, expected: "string") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func pins(in dictionary: [String: Any]) throws -> [String] {
        let pins: [String]
        switch dictionary[Key.tlsPins.rawValue] {
        case nil:
            return []
        case let list as [Any]:
            pins = try list.map {
                guard let pin = $0 as? String else { throw ManagedConfigError.wrongType(key: .tlsPins, expected: "array of strings") }
                return pin.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        case let text as String:
            pins = text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        default:
            throw ManagedConfigError.wrongType(key: .tlsPins, expected: "array of strings")
        }
        let given = pins.filter { !$0.isEmpty }
        for pin in given where Data(base64Encoded: pin)?.count != 32 {
            throw ManagedConfigError.invalidValue(key: .tlsPins, reason: "a pin is not the base64 of 32 bytes")
        }
        return given
    }

    /// A BCP 47 shape check: letters first, then letters, digits and hyphens.
    static func isLanguageTag(_ tag: String) -> Bool {
        guard tag.count <= maxLanguageLength, let first = tag.unicodeScalars.first,
              CharacterSet.letters.contains(first), tag.isPlainASCII else { return false }
        return tag.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.count <= 8 && part.allSatisfy { $0.isLetter || $0.isNumber }
        }
    }
}

/// What is wrong with a managed configuration. Names the key, never the value.
public enum ManagedConfigError: Error, Equatable, FailureCoded {
    case wrongType(key: ManagedAppConfig.Key, expected: String)
    case invalidValue(key: ManagedAppConfig.Key, reason: String)

    public var failureCode: FailureCode {
        switch self {
        case .wrongType(let key, _): return FailureCode("config-wrong-type-\(key.rawValue)")
        case .invalidValue(let key, _): return FailureCode("config-invalid-\(key.rawValue)")
        }
    }
}

private extension String {
    var isPlainASCII: Bool { unicodeScalars.allSatisfy(\.isASCII) }
}
