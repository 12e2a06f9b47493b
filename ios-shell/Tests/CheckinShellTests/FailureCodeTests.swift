// Failure codes: from the error's case, never its message.
import CheckinCore
@testable import CheckinShell
import XCTest

final class FailureCodeTests: XCTestCase {
    func testCoreErrorsGiveTheirCaseNameInKebabCaseWithoutTheMessage() {
        let secret = "code ABCD-1234 at 42.36,-71.05"
        XCTAssertEqual(FailureCode(of: CheckinError.EnrollmentCodeInvalid(message: secret)).rawValue, "enrollment-code-invalid")
        XCTAssertEqual(FailureCode(of: CheckinError.PinMismatch(message: secret)).rawValue, "pin-mismatch")
        XCTAssertEqual(FailureCode(of: CheckinError.Network(message: secret)).rawValue, "network")
        XCTAssertEqual(FailureCode(of: KeyAccessError.KeyMissing).rawValue, "key-missing")
        XCTAssertEqual(FailureCode(of: KeyAccessError.Unavailable(reason: secret)).rawValue, "unavailable")
    }

    func testShellErrorsNameTheirOwnCodeAndOthersAreOther() {
        struct Unknown: Error {}
        XCTAssertEqual(FailureCode(of: CaptureError.denied(.camera)).rawValue, "camera-denied")
        XCTAssertEqual(FailureCode(of: ManagedConfigError.wrongType(key: .tlsPins, expected: "x")).rawValue,
                       "config-wrong-type-tlsPins")
        XCTAssertEqual(FailureCode(of: Unknown()).rawValue, "other")
    }
}
