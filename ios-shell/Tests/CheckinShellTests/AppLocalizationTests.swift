// The app's own texts are only the permission prompts iOS requires in
// Info.plist; each language the core speaks has them, and the English ones
// are the Info.plist's. The language list iOS offers for the app is the
// core's.
import Foundation
import XCTest

final class AppLocalizationTests: XCTestCase {
    static let languages = ["en", "es", "pt-BR", "ht", "fr"]

    private var app: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("App")
    }

    func testEveryLanguageHasEveryPermissionPromptAndEnglishIsTheInfoPlists() throws {
        let data = try Data(contentsOf: app.appendingPathComponent("Info.plist"))
        let plist = try XCTUnwrap(try PropertyListSerialization.propertyList(from: data, format: nil) as? [String: Any])
        XCTAssertEqual(plist["CFBundleLocalizations"] as? [String], AppLocalizationTests.languages)
        let prompts = plist.filter { $0.key.hasSuffix("UsageDescription") }.compactMapValues { $0 as? String }
        XCTAssertEqual(Set(prompts.keys), ["NSCameraUsageDescription", "NSMicrophoneUsageDescription",
                                           "NSLocationWhenInUseUsageDescription"])

        for language in AppLocalizationTests.languages {
            let strings = try Self.strings(app.appendingPathComponent("\(language).lproj/InfoPlist.strings"))
            XCTAssertEqual(Set(strings.keys), Set(prompts.keys), language)
            for (key, text) in strings {
                XCTAssertFalse(text.trimmingCharacters(in: .whitespaces).isEmpty, "\(language) \(key)")
                if language == "en" {
                    XCTAssertEqual(text, prompts[key], "en.lproj says what Info.plist says")
                } else {
                    XCTAssertNotEqual(text, prompts[key], "\(language) \(key) is translated")
                }
            }
        }
    }

    /// `"key" = "value";` lines of a strings file (no escapes are used).
    static func strings(_ url: URL) throws -> [String: String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("\"") {
            let parts = line.split(separator: "\"", omittingEmptySubsequences: false)
            guard parts.count == 5, parts[2].trimmingCharacters(in: .whitespaces) == "=",
                  parts[4].trimmingCharacters(in: .whitespaces) == ";"
            else { throw FixtureError("\(url.lastPathComponent): a line is not \"key\" = \"value\";") }
            out[String(parts[1])] = String(parts[3])
        }
        return out
    }
}
