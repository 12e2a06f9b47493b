// GuidedAccessKiosk: Autonomous Single App Mode over
// UIAccessibility.requestGuidedAccessSession. iOS grants it only on a
// supervised phone whose MDM allows this app to lock itself (the
// restrictions payload's autonomousSingleAppModePermittedAppIDs); anywhere
// else the request answers false, which the shell reports as `refused` in
// managed feedback. Reviewed by reading; built and run only on an iPhone.
#if canImport(UIKit) && os(iOS)
import CheckinShell
import UIKit

@MainActor
public final class GuidedAccessKiosk: SingleAppMode {
    public init() {}

    public var isActive: Bool { UIAccessibility.isGuidedAccessEnabled }

    public func request(enabled: Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            UIAccessibility.requestGuidedAccessSession(enabled: enabled) { continuation.resume(returning: $0) }
        }
    }
}
#endif
