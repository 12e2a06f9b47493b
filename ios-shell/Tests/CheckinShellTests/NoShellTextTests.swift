// The shell writes no text of its own (docs/screens.md): no SwiftUI view
// of the app or of ScreenViews hands a string literal to anything that
// shows or speaks it. Every word on screen is the core's; the only texts
// the app carries are the permission prompts iOS requires (Info.plist,
// AppLocalizationTests). The views cannot be compiled here; this reads
// their source.
import Foundation
import XCTest

final class NoShellTextTests: XCTestCase {
    /// Calls that show or speak their first argument, given as a literal.
    static let showsText = try? NSRegularExpression(pattern:
        #"\b(Text|Label|Button|TextField|SecureField|Toggle|Picker|Link|Menu|navigationTitle|accessibilityLabel|accessibilityHint|accessibilityValue|help|NSLocalizedString|LocalizedStringKey)\(\s*(verbatim:\s*)?""#)

    private var package: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    func testNoViewShowsATextOfItsOwn() throws {
        let pattern = try XCTUnwrap(Self.showsText)
        var files: [URL] = []
        for folder in ["App", "Sources/ScreenViews"] {
            let url = package.appendingPathComponent(folder)
            files += try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "swift" }
        }
        XCTAssertGreaterThan(files.count, 10, "the views were found")
        var offending: [String] = []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                let code = String(line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                let range = NSRange(code.startIndex..., in: code)
                if pattern.firstMatch(in: code, range: range) != nil {
                    offending.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertEqual(offending, [], "text the core did not write")
    }

    func testTheCheckCatchesWhatItLooksFor() throws {
        let pattern = try XCTUnwrap(Self.showsText)
        func matches(_ code: String) -> Bool {
            pattern.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil
        }
        XCTAssertTrue(matches(#"Text("Send")"#))
        XCTAssertTrue(matches(#".navigationTitle("Check-in")"#))
        XCTAssertTrue(matches(#"Button("Cancel") { }"#))
        XCTAssertTrue(matches(#".accessibilityLabel( "Close")"#))
        XCTAssertTrue(matches(#"Text(verbatim: "Back")"#))
        XCTAssertFalse(matches(#"Text(CoreText.spoken(label, in: language))"#))
        XCTAssertFalse(matches(#"Image(systemName: "xmark")"#))
        XCTAssertFalse(matches(#".accessibilityIdentifier("capture.stop")"#))
    }
}
