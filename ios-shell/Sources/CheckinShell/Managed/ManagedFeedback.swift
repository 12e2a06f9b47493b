// ManagedFeedback: what the app tells the program's MDM about itself, in
// `com.apple.feedback.managed`: whether it is enrolled, whether the
// configuration was usable, whether single app mode holds, and the last
// failure's code.
//
// Guarantee: only these fields, as booleans and fixed words; never the
// server address, the enrollment code, a name, a location or an error's
// message (codes come from FailureCode).
import Foundation

public struct ManagedFeedback: Equatable, Sendable {
    /// The `UserDefaults` key iOS hands to the MDM.
    public static let defaultsKey = "com.apple.feedback.managed"

    public enum Configuration: String, Sendable {
        case absent
        case valid
        case invalid
    }

    public enum Kiosk: String, Sendable {
        /// Not asked for by the configuration.
        case off
        case active
        /// Asked for, but iOS refused (not supervised, or the app is not
        /// allowed Autonomous Single App Mode by the MDM's restrictions).
        case refused
    }

    public var enrolled: Bool
    public var configuration: Configuration
    public var singleAppMode: Kiosk
    public var lastError: FailureCode?
    public var updatedAt: Date

    public init(enrolled: Bool, configuration: Configuration, singleAppMode: Kiosk = .off,
                lastError: FailureCode? = nil, updatedAt: Date) {
        self.enrolled = enrolled
        self.configuration = configuration
        self.singleAppMode = singleAppMode
        self.lastError = lastError
        self.updatedAt = updatedAt
    }

    /// The dictionary written for the MDM (property-list types only).
    public var dictionary: [String: Any] {
        var out: [String: Any] = [
            "enrolled": enrolled,
            "configuration": configuration.rawValue,
            "singleAppMode": singleAppMode.rawValue,
            "updatedAt": ISO8601DateFormatter().string(from: updatedAt),
        ]
        if let lastError { out["lastError"] = lastError.rawValue }
        return out
    }
}
