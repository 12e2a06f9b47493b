// The keyboard for each kind of field the core asks for.
import CheckinCore
@testable import CheckinShell
import XCTest

final class InputTraitsTests: XCTestCase {
    func testEachFieldKindGetsItsKeyboard() {
        let url = InputTraits(.serverUrl)
        XCTAssertEqual(url.keyboard, .url)
        XCTAssertEqual(url.capitalization, .none)
        XCTAssertFalse(url.autocorrection, "iOS would 'fix' a host name")

        let code = InputTraits(.enrollmentCode)
        XCTAssertEqual(code.capitalization, .characters)
        XCTAssertFalse(code.autocorrection)
        XCTAssertTrue(code.monospaced, "0/O and 1/I read apart")
        XCTAssertEqual(code.content, .oneTimeCode)

        XCTAssertEqual(InputTraits(.timeOfDay).keyboard, .numbersAndPunctuation)
        XCTAssertEqual(InputTraits(.text).keyboard, .standard)
        XCTAssertTrue(InputTraits(.text).autocorrection)
    }
}
