// Community services and the case from Swift (docs/directory.md): the
// program publishes a directory and a case document, a sync brings them,
// and the app searches, reads, saves and shows them with no network.
import CheckinCore
import Foundation

/// A small directory: a clinic in Miami (Spanish name), a pantry in
/// Chicago, a translation.
let directoryJSON = """
{"format": 1, "revision": 3, "hsds_version": "3.0", "language": "en", "zone": "America/New_York",
 "organizations": [{"id": "org", "name": "Neighbors United"}],
 "taxonomy_terms": [{"id": "t-health", "name": "Health clinic"}, {"id": "t-food", "name": "Food"}],
 "locations": [
   {"id": "l-miami", "latitude": 25.8150, "longitude": -80.2230,
    "addresses": [{"address_1": "1200 NW 20th St", "city": "Miami", "state_province": "FL", "postal_code": "33142", "country": "US"}]},
   {"id": "l-chicago", "latitude": 41.8558, "longitude": -87.6564, "time_zone": "America/Chicago",
    "addresses": [{"address_1": "1800 S Blue Island Ave", "city": "Chicago", "state_province": "IL", "postal_code": "60608", "country": "US"}]}],
 "services": [
   {"id": "svc-clinic", "organization_id": "org", "name": "Centro Médico Allapattah", "status": "active",
    "phones": [{"number": "+1 305 555 0111"}], "attributes": [{"taxonomy_term_id": "t-health"}],
    "service_at_locations": [{"location_id": "l-miami"}]},
   {"id": "svc-pantry", "organization_id": "org", "name": "Pilsen Food Pantry", "status": "active",
    "phones": [{"number": "+1 312 555 0123"}], "attributes": [{"taxonomy_term_id": "t-food"}],
    "service_at_locations": [{"location_id": "l-chicago"}]}],
 "translations": {"ht": {"t-food": {"name": "Manje"}, "svc-pantry": {"name": "Depo Manje Pilsen"}}}}
"""

let caseJSON = """
{"format": 1, "revision": 1, "language": "en", "case_number": "A-204-118-993",
 "officer": {"name": "Dana Ruiz", "phone": "+1 305 555 0142"},
 "documents_to_bring": [{"id": "id", "text": {"en": "A photo ID", "ht": "Yon pyès idantite ak foto"}}]}
"""

func directoryTests(_ run: TestRun) async {
    let server: ReferenceServer
    do { server = try ReferenceServer(codes: 2) } catch {
        await run.test("reference server starts") { throw error }
        return
    }
    defer { server.stop() }
    let context = ShellContext(permissions: [], managed: nil)
    func query(_ text: String = "", near: Point? = nil) -> DirectoryQuery {
        DirectoryQuery(text: text, categoryId: nil, language: nil, openNow: false, near: near, limit: 0)
    }

    await run.test("a sync brings the directory and the case; search, details, saved and case need no network") {
        try Data(directoryJSON.utf8).write(to: URL(fileURLWithPath: server.dataDir + "/directory.json"))
        try Data(caseJSON.utf8).write(to: URL(fileURLWithPath: server.dataDir + "/case.json"))
        let client = try CheckinClient.open(
            config: ClientConfig(dataDir: makeTempDir("directory"), locale: "ht", platform: "ios"),
            keyStore: MemoryKeyStore())
        _ = try await client.enroll(serverUrl: server.baseUrl, code: server.codes[0])
        _ = try client.recordConsent(policyVersion: try client.policy().version, lang: "ht")
        try expect(try client.directoryOverview() == nil, "nothing before the sync")
        let report = try await client.sync(maxSeconds: 30, listener: nil, cancellation: nil)
        try expect(report.directoryUpdated && report.caseUpdated, "\(report)")

        let medico = try client.searchDirectory(query: query("medico"))
        try expectEqual(medico.services.map(\.serviceId), ["svc-clinic"])
        try expectEqual(try client.searchDirectory(query: query("MÉDICO")), medico)
        try expectEqual(try client.searchDirectory(query: query("\"food OR *")),
                        try client.searchDirectory(query: query("food or")))
        let pantry = try client.searchDirectory(query: query("manje")).services
        try expectEqual(pantry.map(\.name), ["Depo Manje Pilsen"])
        let chicago = Point(latitude: 41.88, longitude: -87.63)
        try expectEqual(try client.searchDirectory(query: query(near: chicago)).services.map(\.serviceId),
                        ["svc-pantry", "svc-clinic"])
        let details = try client.directoryService(serviceId: "svc-clinic", near: nil)
        try expectEqual(details?.phones.map(\.number), ["+1 305 555 0111"])

        try client.saveService(serviceId: "svc-pantry")
        try expectEqual(try client.savedServices().map(\.serviceId), ["svc-pantry"])
        try await expectThrows(CheckinError.self) { try client.saveService(serviceId: "no-such") }
        try await expectThrows(CheckinError.self) { try client.searchDirectory(query: query(String(repeating: "x", count: 1001))) }

        let info = try client.caseInfo()
        try expectEqual(info?.caseNumberMasked, "•-•••-•••-993")
        try expectEqual(info?.documentsToBring, ["Yon pyès idantite ak foto"])

        let events = try client.ledger().map(\.event)
        try expect(events.contains { if case .directoryReceived(revision: 3, services: 2, _) = $0 { return true }; return false },
                   "\(events)")

        let here = try await client.perform(current: .directory,
                                            action: .setSearchFilter(fieldId: "near", value: "here"),
                                            fields: [FieldValue(fieldId: "query", value: "pantry")], context: context)
        try expectEqual(here.effect, .locateForSearch)
        try expect(here.secure, "searches are personal")
        let shown = try await client.perform(current: .case, action: .revealCaseNumber, fields: [], context: context)
        try expectEqual(shown.route, .case)
    }
}
