// The screens from Swift: the shell's loop (screen → tap → next screen,
// effects carried out and handed back) through the real core and the
// reference server, in two languages.
import CheckinCore
import Foundation

func screensTests(_ run: TestRun) async {
    let server: ReferenceServer
    do { server = try ReferenceServer(codes: 4) } catch {
        await run.test("reference server starts") { throw error }
        return
    }
    defer { server.stop() }
    var nextCode = 0
    func freshCode() -> String { defer { nextCode += 1 }; return server.codes[nextCode] }
    let context = ShellContext(permissions: [], managed: nil)
    func open(_ locale: String) throws -> CheckinClient {
        try CheckinClient.open(config: ClientConfig(dataDir: makeTempDir("screens"), locale: locale, platform: "ios"),
                               keyStore: MemoryKeyStore())
    }

    await run.test("first run: enroll through the screens, consent, then home, in English") {
        let client = try open("en")
        let start = try client.screen(route: .start, context: context)
        try expectEqual(start.route, .enroll)
        try expectEqual(start.title, "Set up check-ins")
        try expectEqual(start.actions.map(\.id), ["enroll.submit", "enroll.scan", "enroll.settings"])
        let consent = try await client.perform(current: .enroll, action: .enroll,
                                               fields: [FieldValue(fieldId: "server_url", value: server.baseUrl),
                                                        FieldValue(fieldId: "code", value: freshCode())],
                                               context: context)
        try expectEqual(consent.route, .consent)
        try expectEqual(consent.title, "What this program collects")
        guard let accept = consent.actions.first(where: { $0.id == "consent.accept" }) else {
            throw TestFailure(description: "no consent action")
        }
        let home = try await client.perform(current: .consent, action: accept.kind, fields: [], context: context)
        try expectEqual(home.route, .home)
        try expect(home.secure, "home shows personal data")
        try expect(home.actions.contains { $0.id == "home.open-settings" }, "\(home.actions.map(\.id))")
    }

    await run.test("switching the language re-renders every screen, same actions") {
        let client = try open("en")
        _ = try await client.enroll(serverUrl: server.baseUrl, code: freshCode())
        _ = try client.recordConsent(policyVersion: try client.policy().version, lang: "en")
        let english = try client.screen(route: .home, context: context)
        let settings = try await client.perform(current: .settings, action: .setLanguage(language: "es"),
                                                fields: [], context: context)
        try expectEqual(settings.language, "es")
        let spanish = try client.screen(route: .home, context: context)
        try expectEqual(spanish.language, "es")
        try expectEqual(spanish.actions.map(\.id), english.actions.map(\.id))
        try expect(spanish.actions.map(\.label) != english.actions.map(\.label), "labels follow the language")
    }
}
