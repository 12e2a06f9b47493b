// The context sent with every screen: the OS's permission states as they
// are now, exact alarms as not applicable, and the MDM's configuration
// converted field by field, or nothing when it does not parse.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ShellContextTests: XCTestCase {
    func testPermissionsAreReadFreshAndExactAlarmsDoNotApply() async {
        let permissions = FakePermissions([.camera: .granted, .microphone: .denied, .location: .notAsked])
        let source = ShellContextSource(permissions: permissions, managed: nil)
        let first = await source.context()
        XCTAssertEqual(first.permissions, [
            PermissionStatus(permission: .camera, state: .granted),
            PermissionStatus(permission: .microphone, state: .denied),
            PermissionStatus(permission: .location, state: .notAsked),
            PermissionStatus(permission: .notifications, state: .notAsked),
            PermissionStatus(permission: .exactAlarms, state: .notApplicable),
        ])
        XCTAssertNil(first.managed)
        permissions.states[.microphone] = .granted
        let second = await source.context()
        XCTAssertEqual(second.permissions[1].state, .granted)
    }

    func testTheManagedConfigurationGoesToTheCoreFieldByField() async {
        let pins = ["i1Zpv8zk+dBjmR4wQP+ji5pKsPyqHtOmeXRXsxJoIPw=", "VVwzJ2EAgjJLVvfjxCpxE1JK8327LqAD1R10P6wMnhY="]
        let managed = DictionarySource(["serverURL": "https://checkin.program.example", "enrollmentCode": " DPQ5-YYK5 ",
                                        "tlsPins": pins, "language": "ht", "kiosk": true])
        let context = await ShellContextSource(permissions: FakePermissions(), managed: managed).context()
        XCTAssertEqual(context.managed, ManagedConfig(serverUrl: "https://checkin.program.example",
                                                      enrollmentCode: "DPQ5-YYK5", tlsPins: pins, language: "ht",
                                                      kiosk: true))

        managed.configuration = ["serverURL": "https://checkin.program.example", "enrollmentCode": 42]
        let invalid = await ShellContextSource(permissions: FakePermissions(), managed: managed).context()
        XCTAssertNil(invalid.managed, "a configuration that does not parse pre-fills nothing")
        managed.configuration = nil
        let absent = await ShellContextSource(permissions: FakePermissions(), managed: managed).context()
        XCTAssertNil(absent.managed)
    }
}
