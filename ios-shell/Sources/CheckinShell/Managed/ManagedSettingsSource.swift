// ManagedSettingsSource and SingleAppMode: the parts of issued-phone mode
// that need iOS. AppleServices implements them over `UserDefaults`
// (`com.apple.configuration.managed` in, `com.apple.feedback.managed` out)
// and `UIAccessibility.requestGuidedAccessSession`; tests feed dictionaries
// and record requests.
import Foundation

public protocol ManagedSettingsSource: AnyObject {
    /// The MDM's configuration dictionary, or nil on a phone without one.
    func managedConfiguration() -> [String: Any]?
    /// Replaces the feedback the MDM reads back.
    func writeFeedback(_ feedback: [String: Any])
}

/// Autonomous Single App Mode: the app locks the phone to itself. iOS
/// grants it only on a supervised phone whose MDM lists this app as allowed
/// to (a restrictions payload); there is no API to ask whether the phone
/// is supervised, so the request itself is the test.
@MainActor
public protocol SingleAppMode: AnyObject {
    /// The phone is locked to this app now.
    var isActive: Bool { get }
    /// Asks iOS to enter (`true`) or leave (`false`) the mode; returns
    /// whether it did.
    func request(enabled: Bool) async -> Bool
}
