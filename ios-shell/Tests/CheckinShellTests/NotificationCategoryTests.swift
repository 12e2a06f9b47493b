// Notification categories carry the core's group names in the
// participant's language, are registered again only when a name changes,
// and each reminder is filed under its group.
import CheckinCore
@testable import CheckinShell
import XCTest

final class NotificationCategoryTests: XCTestCase {
    @MainActor
    func testCategoriesAreTheCoresGroupsAndFollowALanguageSwitch() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let client = try openEnglishClient()
        let categories = MemoryCategories()
        let center = MemoryReminderCenter()
        let lifecycle = AppLifecycle(client: client, reminders: center, scheduler: RecordingScheduler(),
                                     managed: DictionarySource(nil), singleAppMode: FakeSingleAppMode(supervised: false),
                                     status: StatusModel(), categories: categories)
        await lifecycle.launched()
        XCTAssertEqual(categories.registrations.last?.map(\.identifier), ["checkins", "appointments"])
        XCTAssertEqual(categories.registrations.last?.map(\.name), ["Check-ins", "Appointments"])

        // Enrolled through the screens, then switched to Spanish in Settings:
        // reminders and categories follow each action.
        let model = screenModel(client, phone: TestPhone(), afterAction: { await lifecycle.screenActionCompleted() })
        await model.start()
        model.setField("server_url", to: server.baseUrl)
        model.setField("code", to: server.codes[0])
        try await model.tap(id: "enroll.submit")
        XCTAssertFalse(center.reminderIdentifiers.isEmpty, "the plan's reminders were scheduled after enrolling")
        XCTAssertEqual(Set(center.requests.values.compactMap(\.channel)), ["checkins"])
        XCTAssertEqual(categories.registrations.count, 1, "the same names are not registered twice")

        let englishReminders = center.reminderIdentifiers
        try await model.tap(id: "consent.settings")
        try await model.tap(id: "settings.language-es")
        XCTAssertEqual(categories.registrations.last?.map(\.name), try client.notificationChannels().map(\.name))
        let spanish = try client.notifications(max: 64).map { ReminderPlan.identifierPrefix + $0.id }
        XCTAssertEqual(center.reminderIdentifiers, Set(spanish), "the reminders are the core's, in Spanish")
        XCTAssertNotEqual(center.reminderIdentifiers, englishReminders, "their text changed, so did their ids")
    }

    @MainActor
    func testNamesThatChangeAreRegisteredAgain() async throws {
        let client = ScriptedClient()
        func name(_ names: [String]) {
            client.channels = zip(["checkins", "appointments"], names).map {
                NotificationChannel(id: $0, name: $1, description: "")
            }
        }
        name(["Check-ins", "Appointments"])
        let categories = MemoryCategories()
        let sync = NotificationCategorySync(client: client, center: categories)
        XCTAssertTrue(try sync.refresh())
        XCTAssertFalse(try sync.refresh())
        name(["Presentaciones", "Citas"])
        XCTAssertTrue(try sync.refresh())
        XCTAssertEqual(categories.registrations.map { $0.map(\.name) },
                       [["Check-ins", "Appointments"], ["Presentaciones", "Citas"]])
    }

}
