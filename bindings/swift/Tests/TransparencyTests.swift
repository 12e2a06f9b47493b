// The participant-facing transparency APIs from Swift against the reference
// server under the demo policy (coarse location, 1 km grid): the same
// scenario as the Kotlin suite's TransparencyTest.
import CheckinCore
import Foundation

/// A daily window (UTC) that opened ten minutes ago; the schedule began three days ago.
func openWindowPlan() -> String {
    let format = DateFormatter()
    format.locale = Locale(identifier: "en_US_POSIX")
    format.timeZone = TimeZone(identifier: "UTC")
    format.dateFormat = "yyyy-MM-dd'T'HH:mm"
    let start = format.string(from: Date().addingTimeInterval(-3 * 86_400 - 600))
    return """
        {"format": 1, "plan_id": "transparency", "revision": 1, "zone": "Etc/UTC", "language": "en",
         "schedules": [{"id": "daily", "start": "\(start)", "rrule": "FREQ=DAILY", "window_minutes": 60, "late_minutes": 60}]}
        """
}

/// The phone's exact fix (the demo's): the demo policy keeps only its 1 km cell.
func exactFix(lat: Double = 40.748441, lon: Double = -73.985664, accuracyM: Double = 12,
              at: Date = Date()) -> LocationFix {
    LocationFix(lat: lat, lon: lon, accuracyM: accuracyM, fixTime: at, provider: "fused", mock: false)
}

/// `XXXXX-XXXXX` in Crockford's base32 alphabet.
func isOfflineCode(_ code: String) -> Bool {
    let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    let chars = Array(code)
    return chars.count == 11 && chars[5] == "-"
        && chars.enumerated().allSatisfy { $0.offset == 5 || alphabet.contains($0.element) }
}

func transparencyTests(_ run: TestRun) async {
    let server: ReferenceServer
    do { server = try ReferenceServer(codes: 6, planJson: openWindowPlan()) } catch {
        await run.test("reference server with an open window starts") { throw error }
        return
    }
    defer { server.stop() }
    var nextCode = 0
    func freshCode() -> String { defer { nextCode += 1 }; return server.codes[nextCode] }

    await run.test("location, ledger export and summary, statement, consent, compliance and offline code") {
        let client = try openClient()
        _ = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())

        // What this program collects, before anything is captured.
        try expect(try client.consentNeeded())
        try expectEqual(try client.consents(), [])
        let en = try client.collectionStatement(lang: "en")
        let es = try client.collectionStatement(lang: "es")
        try expectEqual(en.policyVersion, try client.policy().version)
        try expectEqual(en.language, "en")
        try expectEqual(es.language, "es")
        try expect(en.text != es.text, "the same text in both languages")
        try expect(en.textSha256Hex != es.textSha256Hex, "the same digest for different texts")
        for statement in [en, es] {
            try expectEqual(statement.collects, ["photo", "voice", "location"])
            try expectEqual(statement.locationMode, .coarse)
            try expectEqual(statement.coarseGridM, 1000)
            try expect(statement.text.contains("1000 m"), statement.text)
        }
        let consent = try client.recordConsent(policyVersion: es.policyVersion, lang: "es")
        try expectEqual(consent.policyVersion, es.policyVersion)
        try expectEqual(consent.textSha256Hex, es.textSha256Hex)
        try expect(!(try client.consentNeeded()), "consent still needed")
        try expectEqual(try client.consents(), [consent])

        // A check-in for the open window, with a photo and the exact fix.
        guard let due = try client.due() else { throw TestFailure(description: "no window") }
        try expectEqual(due.state, .open)
        let checkinId = try client.startCheckin(windowId: due.window.id)
        try expect(!(try await client.attachPhoto(checkinId: checkinId, jpeg: cameraPng()).blocking))
        let fix = exactFix()
        let kept = try client.attachLocation(checkinId: checkinId, fix: fix)
        guard case let .coarse(gridM, lat, lon, fixTime, provider, mock, stale, inaccurate) = kept else {
            throw TestFailure(description: "the demo policy keeps a coarse cell, got \(kept)")
        }
        try expectEqual(gridM, 1000)
        try expect(lat != fix.lat && abs(lat - fix.lat) <= 1000 / 111_320.0, "cell centre \(lat) for \(fix.lat)")
        try expect(abs(lon - fix.lon) <= 0.02, "cell centre \(lon) for \(fix.lon)")
        try expect(abs(fixTime.timeIntervalSince(fix.fixTime)) < 0.001, "fix time \(fixTime)")
        try expectEqual(provider, "fused")
        try expect(!mock && !stale && !inaccurate, "flags of \(kept)")
        let summary = try await client.submit(checkinId: checkinId)
        guard let sentJson = summary.locationJson else { throw TestFailure(description: "no location sent") }
        try expect(sentJson.contains("\"coarse\""), sentJson)
        try expect(!sentJson.contains("40.748441") && !sentJson.contains("73.985664"), "exact fix sent: \(sentJson)")

        // Offline: nothing is tried; the window shows as taken, not yet sent.
        try expectEqual(client.connectivity(), .online)
        try client.setConnectivity(connectivity: .offline)
        try expectEqual(client.connectivity(), .offline)
        let offline = try await client.sync(maxSeconds: 10, listener: nil, cancellation: nil)
        try expectEqual(offline.delivered, 0)
        try expectEqual(offline.remaining, 1)
        let window = due.window
        let pending = try client.complianceReport(from: window.opens, to: window.closes)
        try expectEqual(pending.map(\.status), [.notYetSent(checkinId: checkinId, late: false)])

        // Offline code: ten Crockford base32 characters, stable.
        guard let code = try client.offlineCode(checkinId: checkinId) else {
            throw TestFailure(description: "no code for a submitted check-in")
        }
        try expect(isOfflineCode(code), code)
        try expectEqual(try client.offlineCode(checkinId: checkinId), code)
        try expectEqual(try client.offlineCode(checkinId: UUID().uuidString), nil)

        // Back on a metered network: delivered at once.
        try client.setConnectivity(connectivity: .metered)
        try expectEqual(try await client.sync(maxSeconds: 30, listener: nil, cancellation: nil).delivered, 1)
        guard let receipt = try client.outbox()[0].receipt else { throw TestFailure(description: "no receipt") }

        // Proof of compliance for the check-in's window.
        let report = try client.complianceReport(from: window.opens, to: window.closes)
        try expectEqual(report.count, 1)
        try expectEqual(report[0].windowId, window.id)
        try expectEqual(report[0].opens, window.opens)
        try expectEqual(report[0].status, .delivered(checkinId: checkinId, late: false, receipt: receipt))
        // The three earlier days were missed.
        let days = try client.complianceReport(from: window.opens.addingTimeInterval(-4 * 86_400), to: window.closes)
        try expectEqual(days.count, 4)
        try expectEqual(days.prefix(3).map(\.status), Array(repeating: .notTaken(state: .missed), count: 3))

        // The ledger export: every entry, the check-in and its receipt.
        let ledger = try client.ledger()
        let export = try client.exportLedgerJson()
        try expect(export.contains("\"format\": \"checkin-ledger/2\""), String(export.prefix(200)))
        try expectEqual(export.components(separatedBy: "\"bytes_b64\"").count - 1, ledger.count)
        try expect(export.contains(checkinId) && export.contains(receipt.signatureB64), "check-in missing from the export")
        try expect(ledger.contains { $0.event == .consentRecorded(policyVersion: consent.policyVersion, language: "es",
                                                                 textSha256Hex: consent.textSha256Hex) },
                   "no consent in the ledger")

        // The readable summary, in both languages.
        let summaryEn = try client.ledgerSummary(lang: "en")
        let summaryEs = try client.ledgerSummary(lang: "es")
        try expect(summaryEn.contains("the hash chain is intact"), summaryEn)
        try expect(summaryEn.contains("(1000 m grid)"), summaryEn)
        try expect(summaryEs.contains("cadena de hashes está intacta"), summaryEs)
        for text in [summaryEn, summaryEs] {
            try expect(text.contains(checkinId) && text.contains(summary.envelopeSha256Hex), text)
        }
    }

    await run.test("transparency refusals cross the boundary as typed errors and change nothing") {
        let client = try openClient()
        let notEnrolled = try await expectThrows(CheckinError.self) { try client.exportLedgerJson() }
        guard case .NotEnrolled = notEnrolled else { throw TestFailure(description: "got \(notEnrolled)") }
        _ = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())
        let checkinId = try client.startCheckin(windowId: nil)
        let nan = try await expectThrows(CheckinError.self) {
            try client.attachLocation(checkinId: checkinId, fix: exactFix(lat: .nan))
        }
        try expectEqual(nan, .InvalidLocation(message: "the location fix is not a valid position"))
        for bad in [exactFix(lon: 181), exactFix(accuracyM: -1)] {
            let error = try await expectThrows(CheckinError.self) { try client.attachLocation(checkinId: checkinId, fix: bad) }
            guard case .InvalidLocation = error else { throw TestFailure(description: "got \(error)") }
        }
        let unknown = try await expectThrows(CheckinError.self) {
            try client.attachLocation(checkinId: UUID().uuidString, fix: exactFix())
        }
        guard case .CheckinNotFound = unknown else { throw TestFailure(description: "got \(unknown)") }
        let malformed = try await expectThrows(CheckinError.self) { try client.offlineCode(checkinId: "not-an-id") }
        guard case .InvalidInput = malformed else { throw TestFailure(description: "got \(malformed)") }
        // The refused fixes left the check-in without a location.
        _ = try await client.attachPhoto(checkinId: checkinId, jpeg: cameraPng())
        try expectEqual(try await client.submit(checkinId: checkinId).locationJson, nil)

        let current = try client.policy().version
        let stale = try await expectThrows(CheckinError.self) {
            try client.recordConsent(policyVersion: current + 1, lang: "en")
        }
        guard case .ConsentNotCurrent(let message) = stale, message.contains("\(current + 1)") else {
            throw TestFailure(description: "got \(stale)")
        }
        try expect(try client.consentNeeded(), "a refused consent was recorded")
        try expectEqual(try client.consents(), [])
    }

    await run.test("a policy without location refuses a fix") {
        let own = try ReferenceServer(codes: 1, policyJson: #"{"version": 4, "evidence": {"photo": "required", "location": "none"}}"#)
        defer { own.stop() }
        let client = try openClient()
        _ = try await client.enroll(serverUrl: own.baseUrl, code: own.codes[0])
        try expectEqual(try client.collectionStatement(lang: "en").locationMode, .none)
        let checkinId = try client.startCheckin(windowId: nil)
        let refused = try await expectThrows(CheckinError.self) { try client.attachLocation(checkinId: checkinId, fix: exactFix()) }
        guard case .LocationNotCollected = refused else { throw TestFailure(description: "got \(refused)") }
    }

    await run.test("the README transparency snippets record consent and check in with a location") {
        let client = try openClient()
        _ = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())
        var shown: [String] = []
        try expect(!(try ensureConsent(client: client, lang: "es") { shown.append($0); return false }), "consent without agreeing")
        try expect(try client.consentNeeded())
        try expect(try ensureConsent(client: client, lang: "es") { shown.append($0); return true })
        try expect(!(try client.consentNeeded()))
        try expect(try ensureConsent(client: client, lang: "es") { _ in false }, "asked again after consenting")
        try expectEqual(shown.count, 2)
        try expectEqual(try client.consents().map(\.textSha256Hex), [try client.collectionStatement(lang: "es").textSha256Hex])

        let kept = try await checkInWithLocation(client: client, photo: cameraPng(seed: 5), fix: exactFix())
        guard case .coarse = kept else { throw TestFailure(description: "kept \(String(describing: kept))") }
        try expect(try client.outbox()[0].summary.locationJson != nil, "no location sent")
    }
}
