// ManagedDefaults: the managed configuration and feedback where iOS keeps
// them, in `UserDefaults` (the MDM writes `com.apple.configuration.managed`
// and reads `com.apple.feedback.managed`).
//
// Guarantee: `observe` calls back only when the configuration itself
// changed; any other change to the app's defaults (the feedback this app
// writes, first of all) is ignored, so writing feedback cannot start a loop.
// Foundation only: it runs, and is tested, on Linux too.
import Foundation

public final class ManagedDefaults: ManagedSettingsSource {
    private let defaults: UserDefaults
    private var observer: NSObjectProtocol?
    private var lastSeen: NSDictionary?

    public init(defaults: UserDefaults = .standard) {
        self.defaults = defaults
    }

    deinit {
        if let observer { NotificationCenter.default.removeObserver(observer) }
    }

    public func managedConfiguration() -> [String: Any]? {
        defaults.dictionary(forKey: ManagedAppConfig.defaultsKey)
    }

    public func writeFeedback(_ feedback: [String: Any]) {
        defaults.set(feedback, forKey: ManagedFeedback.defaultsKey)
    }

    /// Calls `onChange` on the main queue each time the MDM pushes a
    /// different configuration (or removes it).
    public func observe(_ onChange: @escaping () -> Void) {
        lastSeen = managedConfiguration().map { NSDictionary(dictionary: $0) }
        observer = NotificationCenter.default.addObserver(
            forName: UserDefaults.didChangeNotification, object: defaults, queue: .main
        ) { [weak self] _ in
            guard let self else { return }
            let now = self.managedConfiguration().map { NSDictionary(dictionary: $0) }
            guard now != self.lastSeen else { return }
            self.lastSeen = now
            onChange()
        }
    }
}
