// A language switch re-renders every screen of the journey: the
// participant picks a language on the Settings screen (its options carry
// their actions), and from then on every screen the shell shows, from
// enrollment to the submitted check-in, is the core's in that language,
// with the same actions by id. The shell adds no text, so nothing on
// screen can stay in the old language. Until the screens' translations
// land the core falls back to English words for them; the statement of
// what the program collects is translated already, so the consent screen
// shows the difference today.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ScreenLanguageTests: XCTestCase {
    /// The languages the core bundles, as the Settings screen offers them.
    static let languages = ["en", "es", "pt-BR", "ht", "fr"]

    @MainActor
    func testALanguagePickedInSettingsReRendersEveryScreenOfTheJourney() async throws {
        let server = try ReferenceServer(codes: ScreenLanguageTests.languages.count, planJson: Plans.openNow())
        defer { server.stop() }
        var journeys: [String: [String: Screen]] = [:]
        for (index, language) in ScreenLanguageTests.languages.enumerated() {
            journeys[language] = try await journey(in: language, server: server, code: server.codes[index])
        }

        let english = try XCTUnwrap(journeys["en"])
        XCTAssertEqual(Set(english.keys), ["settings", "enroll", "consent", "home", "checkin", "review", "submitted"])
        for language in ScreenLanguageTests.languages where language != "en" {
            let screens = try XCTUnwrap(journeys[language])
            XCTAssertEqual(Set(screens.keys), Set(english.keys), language)
            for (route, screen) in screens {
                XCTAssertEqual(screen.language, language, "\(route) in \(language)")
                XCTAssertEqual(screen.allActions.map(\.id), english[route]?.allActions.map(\.id),
                               "\(route) in \(language) offers what it offers in English")
            }
            let consent = try XCTUnwrap(screens["consent"])
            XCTAssertNotEqual(consent.words, english["consent"]?.words,
                              "the statement of what is collected is in \(language)")
            let choice = try XCTUnwrap(screens["settings"].flatMap(Self.languageChoice))
            XCTAssertEqual(choice.filter(\.selected).map(\.value), [language])
        }
    }

    /// Settings → language → back to enrollment → … → submitted, in
    /// `language`; the last screen shown on each route.
    @MainActor
    private func journey(in language: String, server: ReferenceServer, code: String) async throws -> [String: Screen] {
        let client = try openEnglishClient()
        let phone = try TestPhone.withFixtures()
        let model = screenModel(client, phone: phone)
        var shown: [String: Screen] = [:]
        model.onChange = { state in
            if let screen = state.screen { shown[Self.name(screen.route)] = screen }
        }
        await model.start()
        XCTAssertEqual(try model.screen.language, "en")
        try await model.tap(id: "enroll.settings")
        let option = try XCTUnwrap(try model.screen.action("settings.language-\(language)"))
        if language == "en" {
            XCTAssertFalse(option.enabled, "the language in use is not offered again")
        } else {
            try await model.tap(id: option.id)
            XCTAssertEqual(try model.screen.route, .settings, "the switch re-renders the screen it was made on")
            XCTAssertEqual(try model.screen.language, language)
        }
        await model.goBack()
        XCTAssertEqual(try model.screen.route, .enroll)
        XCTAssertEqual(try model.screen.language, language)

        model.setField("server_url", to: server.baseUrl)
        model.setField("code", to: code)
        try await model.tap(id: "enroll.submit")
        try await model.tap(id: "consent.accept")
        try await model.tap(id: "home.start-checkin")
        try await model.tap(id: "checkin.capture-photo")
        await model.takePhoto()
        await model.settled()
        try await model.tap(id: "checkin.review")
        try await model.tap(id: "review.submit")
        guard case .submitted = try model.screen.route else {
            XCTFail("\(language): the journey ended on \(try model.screen.route)")
            return shown
        }
        XCTAssertEqual(try client.outbox().map(\.state), [.delivered], language)
        return shown
    }

    static func name(_ route: Route) -> String {
        switch route {
        case .checkin: return "checkin"
        case .review: return "review"
        case .submitted: return "submitted"
        case .appointment: return "appointment"
        default: return "\(route)"
        }
    }

    static func languageChoice(_ screen: Screen) -> [ChoiceOption]? {
        for block in screen.blocks {
            if case .choice(_, _, let options) = block { return options }
        }
        return nil
    }
}
