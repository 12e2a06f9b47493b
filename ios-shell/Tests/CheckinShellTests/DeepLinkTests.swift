// Links that open the app: the core's reminder links and the program's
// enrollment link, and nothing else.
import CheckinCore
@testable import CheckinShell
import XCTest

final class DeepLinkTests: XCTestCase {
    func testTheCoresReminderLinksOpenTheirScreen() {
        XCTAssertEqual(DeepLink("checkin://window/daily-2026-12-04"), .route(.home))
        XCTAssertEqual(DeepLink("checkin://appointment/hearing-1"), .route(.appointment(appointmentId: "hearing-1")))
        XCTAssertEqual(DeepLink(" CHECKIN://appointment/hearing-1\n"), .route(.appointment(appointmentId: "hearing-1")))
    }

    func testAnEnrollmentLinkGoesToTheCoreAsScanned() {
        let link = "checkin://enroll?server=https%3A%2F%2Fcheckin.example.org&code=K7Q4P-2MX9A-7HJQ3"
        XCTAssertEqual(DeepLink(link), .enrollment(link))
    }

    func testAnythingElseOpensNothing() {
        for link in ["https://checkin.example.org/window/1", "checkin://window", "checkin://window/a/b",
                     "checkin://ledger/1", "checkin:", "", "not a link", "checkin://enroll/extra?code=1"] {
            XCTAssertNil(DeepLink(link), link)
        }
    }
}
