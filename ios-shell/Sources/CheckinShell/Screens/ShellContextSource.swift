// ShellContextSource: what the shell tells the core with every screen it
// asks for (docs/screens.md, "Context"): the permission states the OS
// reports now, and on an issued phone the program's managed configuration.
//
// Guarantees: read fresh for every request (the participant may have
// changed a permission in Settings, the MDM may have pushed a new
// configuration); every permission the core knows is reported, exact
// alarms as not applicable (iOS has none: a calendar trigger fires on the
// minute); a configuration that does not parse is left out entirely, as
// ManagedSetup reports it to the MDM, so the enrollment screen is never
// pre-filled with half of it.
import CheckinCore
import Foundation

public struct ShellContextSource {
    /// The permissions iOS has, in the order the core lists them.
    public static let asked: [Permission] = [.camera, .microphone, .location, .notifications]

    public let permissions: PermissionCenter
    public let managed: ManagedSettingsSource?

    public init(permissions: PermissionCenter, managed: ManagedSettingsSource?) {
        self.permissions = permissions
        self.managed = managed
    }

    public func context() async -> ShellContext {
        var statuses: [PermissionStatus] = []
        for permission in ShellContextSource.asked {
            statuses.append(PermissionStatus(permission: permission, state: await permissions.state(of: permission)))
        }
        statuses.append(PermissionStatus(permission: .exactAlarms, state: .notApplicable))
        var config: ManagedConfig?
        if let managed, case .success(let parsed)? = ManagedSetup.read(from: managed) {
            config = ManagedConfig(parsed)
        }
        return ShellContext(permissions: statuses, managed: config)
    }
}

public extension ManagedConfig {
    /// The MDM's configuration as the core's screens take it, field by field.
    init(_ config: ManagedAppConfig) {
        self.init(serverUrl: config.serverURL, enrollmentCode: config.enrollmentCode, tlsPins: config.tlsPins,
                  language: config.language, kiosk: config.kiosk)
    }
}
