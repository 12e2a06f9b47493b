// Parsing the MDM's managed configuration: typed values, blank as absent,
// and a clear error naming the key for anything wrong.
import Foundation
@testable import CheckinShell
import XCTest

final class ManagedConfigTests: XCTestCase {
    static let pinA = Data(repeating: 0xA1, count: 32).base64EncodedString()
    static let pinB = Data(repeating: 0xB2, count: 32).base64EncodedString()

    func testTheDocumentedExamplePayloadParses() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/managed-app-config.plist")
        let plist = try PropertyListSerialization.propertyList(from: Data(contentsOf: url), format: nil)
        let config = try ManagedAppConfig(parsing: try XCTUnwrap(plist as? [String: Any]))
        XCTAssertEqual(config.serverURL, "https://checkin.program.example")
        XCTAssertEqual(config.enrollmentCode, "DPQ5-YYK5")
        XCTAssertEqual(config.tlsPins.count, 2)
        XCTAssertEqual(config.language, "ht")
        XCTAssertTrue(config.kiosk)
        XCTAssertTrue(config.canEnroll)
        XCTAssertEqual(Set((plist as? [String: Any])?.keys ?? [:].keys),
                       Set(ManagedAppConfig.Key.allCases.map(\.rawValue)), "the example shows every key")
    }

    func testEmptyOrBlankValuesAndUnknownKeysAreAbsent() throws {
        let config = try ManagedAppConfig(parsing: [
            "serverURL": "  ", "enrollmentCode": "", "language": "\n", "tlsPins": [] as [String],
            "vendorKey": 42,
        ])
        XCTAssertEqual(config, ManagedAppConfig())
        XCTAssertFalse(config.canEnroll)
        XCTAssertEqual(try ManagedAppConfig(parsing: [:]), ManagedAppConfig())
    }

    func testValuesAreTrimmedAndPinsMayBeOneSeparatedString() throws {
        let config = try ManagedAppConfig(parsing: [
            "serverURL": " https://program.example/checkin ", "enrollmentCode": " ab12-cd34\n",
            "tlsPins": "\(Self.pinA), \(Self.pinB)", "language": "pt-BR", "kiosk": false,
        ])
        XCTAssertEqual(config.serverURL, "https://program.example/checkin")
        XCTAssertEqual(config.enrollmentCode, "ab12-cd34")
        XCTAssertEqual(config.tlsPins, [Self.pinA, Self.pinB])
        XCTAssertEqual(config.language, "pt-BR")
        XCTAssertFalse(config.kiosk)
    }

    func testAWrongTypeNamesTheKey() {
        let wrong: [(String, Any, ManagedAppConfig.Key)] = [
            ("serverURL", 443, .serverURL),
            ("enrollmentCode", ["DPQ5"], .enrollmentCode),
            ("tlsPins", 7, .tlsPins),
            ("tlsPins", [Self.pinA, 7] as [Any], .tlsPins),
            ("language", true, .language),
            ("kiosk", "true", .kiosk),
        ]
        for (key, value, expected) in wrong {
            XCTAssertThrowsError(try ManagedAppConfig(parsing: [key: value]), key) { error in
                guard case ManagedConfigError.wrongType(let named, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(named, expected)
            }
        }
    }

    func testAMalformedValueNamesTheKeyButNeverTheValue() {
        let secret = "SECRET-CODE-1234"
        let malformed: [(String, Any, ManagedAppConfig.Key)] = [
            ("serverURL", "ftp://program.example", .serverURL),
            ("serverURL", "program.example \(secret)", .serverURL),
            ("enrollmentCode", String(repeating: "A", count: 65), .enrollmentCode),
            ("tlsPins", [Data(repeating: 1, count: 20).base64EncodedString()], .tlsPins),
            ("tlsPins", "\(Self.pinA) \(secret)", .tlsPins),
            ("language", "español", .language),
            ("language", "-es", .language),
        ]
        for (key, value, expected) in malformed {
            XCTAssertThrowsError(try ManagedAppConfig(parsing: [key: value]), key) { error in
                guard case ManagedConfigError.invalidValue(let named, let reason) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(named, expected)
                XCTAssertFalse(reason.contains(secret) || "\(error)".contains(secret), "the value leaked into \(error)")
                XCTAssertEqual(FailureCode(of: error).rawValue, "config-invalid-\(key)")
            }
        }
    }

    func testTheClientsLanguageIsTheProgramsOnAnIssuedPhone() {
        let managed = ManagedAppConfig(language: "ht")
        XCTAssertEqual(ClientSetup.locale(managed: managed, preferredLanguages: ["es-US", "en"]), "ht")
        XCTAssertEqual(ClientSetup.locale(managed: ManagedAppConfig(), preferredLanguages: ["es-US", "en"]), "es-US")
        XCTAssertEqual(ClientSetup.locale(managed: nil, preferredLanguages: []), "en")
        let config = ClientSetup.config(dataDirectory: URL(fileURLWithPath: "/data/checkin"), locale: "ht")
        XCTAssertEqual(config.dataDir, "/data/checkin")
        XCTAssertEqual(config.platform, "ios")
    }
}
