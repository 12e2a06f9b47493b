// The screen loop's own rules: what was typed survives a failed enrollment
// and a re-ask, one action at a time, only actions the screen offers and
// enables, the refresh at the core's time on the phone's clock, the
// return to the foreground, back, links, and a core that fails. Against
// the real core where it can show it, a scripted one for timing and
// failures.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ScreenModelTests: XCTestCase {
    @MainActor
    func testFieldsKeepWhatWasTypedAcrossAFailedEnrollment() async throws {
        let server = try ReferenceServer(planJson: Plans.openNow())
        defer { server.stop() }
        let client = try openEnglishClient()
        let model = screenModel(client, phone: TestPhone())
        await model.start()
        model.setField("server_url", to: server.baseUrl)
        model.setField("code", to: "WRONG-CODE1")
        try await model.tap(id: "enroll.submit")

        let screen = try model.screen
        XCTAssertEqual(screen.route, .enroll)
        XCTAssertEqual(model.state.fields, ["server_url": server.baseUrl, "code": "WRONG-CODE1"])
        XCTAssertEqual(screen.inputFields.map(\.value), [server.baseUrl, "WRONG-CODE1"])
        XCTAssertEqual(screen.inputFields.last?.error,
                       "This code does not work. Check it, or ask your program for a new one.")
        XCTAssertFalse(try client.isEnrolled())

        // Only the code needs fixing.
        model.setField("code", to: server.codes[0])
        try await model.tap(id: "enroll.submit")
        XCTAssertEqual(try model.screen.route, .consent)
    }

    @MainActor
    func testAskingAgainKeepsWhatIsBeingTypedAndTheNextActionClearsIt() async throws {
        let model = screenModel(try openEnglishClient(), phone: TestPhone())
        await model.start()
        model.setField("server_url", to: "https://half.typ")
        await model.sceneBecameActive()
        XCTAssertEqual(model.state.fields["server_url"], "https://half.typ", "back from copying the code in Messages")
        await model.askAgain()
        XCTAssertEqual(model.state.fields["server_url"], "https://half.typ")
        model.setField("nonexistent", to: "x")
        XCTAssertNil(model.state.fields["nonexistent"], "only the screen's fields")

        try await model.tap(id: "enroll.settings")
        await model.goBack()
        XCTAssertEqual(try model.screen.route, .enroll)
        XCTAssertEqual(model.state.fields["server_url"], "", "until the next action")
    }

    @MainActor
    func testOneActionAtATimeADoubleTapIsSentOnce() async throws {
        let client = ScriptedClient()
        let send = scriptedAction("review.submit", .submit(checkinId: "c1"))
        client.screenAnswer = { scriptedScreen($0, actions: [send]) }
        client.performAnswer = { _, _, _ in scriptedScreen(.submitted(checkinId: "c1")) }
        client.performDelay = 0.2
        let model = screenModel(client, phone: TestPhone())
        await model.open(.route(.review(checkinId: "c1")))
        async let first: Void = model.tap(send)
        async let second: Void = model.tap(send)
        _ = await (first, second)
        XCTAssertEqual(client.performCalls.count, 1)
        XCTAssertEqual(model.route, .submitted(checkinId: "c1"))
        await model.tap(send)
        XCTAssertEqual(client.performCalls.count, 1, "an action the screen on show does not offer is not sent")
    }

    @MainActor
    func testADisabledActionIsNotSentAndFieldsGoWithTheOnesThatAre() async throws {
        let client = ScriptedClient()
        let disabled = scriptedAction("review.submit", .submit(checkinId: "c1"), enabled: false)
        let save = scriptedAction("appointment.save-plan", .savePlan(appointmentId: "a1"))
        client.screenAnswer = {
            scriptedScreen($0, blocks: [scriptedField("leave_at"), scriptedField("managed", value: "from MDM", readOnly: true)],
                           actions: [disabled, save])
        }
        client.performAnswer = { route, _, _ in scriptedScreen(route) }
        var upkeeps = 0
        let model = screenModel(client, phone: TestPhone(), afterAction: { upkeeps += 1 })
        await model.open(.route(.appointment(appointmentId: "a1")))
        await model.tap(disabled)
        XCTAssertTrue(client.performCalls.isEmpty)

        model.setField("leave_at", to: "7:30")
        await model.tap(save)
        XCTAssertEqual(client.performCalls.first?.fields,
                       [FieldValue(fieldId: "leave_at", value: "7:30"), FieldValue(fieldId: "managed", value: "from MDM")])
        XCTAssertEqual(upkeeps, 1, "a saved plan changes the reminders")
    }

    @MainActor
    func testTheRefreshComesAfterTheDelayTheCoreNamed() async throws {
        // The core names a delay, not a time: the phone's clock being hours
        // off cannot move it.
        let client = ScriptedClient()
        client.clockOffset = 3 * 3_600
        var refreshIn: UInt64? = 60_000
        client.screenAnswer = { scriptedScreen($0, refreshInMs: refreshIn) }
        let timer = ManualTimer()
        let model = screenModel(client, phone: TestPhone(), timer: timer)
        await model.start()
        let scheduled = try XCTUnwrap(timer.scheduled.last)
        XCTAssertEqual(scheduled.timeIntervalSinceNow, 60, accuracy: 2, "a minute on the phone's clock")

        // A zero delay (the moment already here) does not spin.
        refreshIn = 0
        timer.fire()
        await model.settled()
        XCTAssertEqual(client.screenCalls, [.start, .start])
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(timer.scheduled.last).timeIntervalSinceNow, 0.9)

        refreshIn = nil
        timer.fire()
        await model.settled()
        XCTAssertEqual(client.screenCalls.count, 3)
        XCTAssertNil(timer.pending, "a screen without a refresh time cancels the pending one")
    }

    @MainActor
    func testReturningToTheForegroundAsksAgainWithTodaysPermissions() async throws {
        let client = ScriptedClient()
        client.screenAnswer = { scriptedScreen($0) }
        let phone = TestPhone()
        phone.permissions.states[.camera] = .denied
        let model = screenModel(client, phone: phone)
        await model.sceneBecameActive()
        XCTAssertEqual(client.screenCalls, [.start], "the first activation starts")
        phone.permissions.states[.camera] = .granted // changed in Settings meanwhile
        await model.sceneBecameActive()
        XCTAssertEqual(client.screenCalls, [.start, .start])
        let camera = client.contexts.last?.permissions.first { $0.permission == .camera }
        XCTAssertEqual(camera?.state, .granted)
    }

    @MainActor
    func testBackAndLinksAskForTheirRoute() async throws {
        let client = ScriptedClient()
        client.screenAnswer = { route in
            route == .home ? scriptedScreen(.home) : scriptedScreen(route, back: .home)
        }
        let model = screenModel(client, phone: TestPhone())
        await model.open(try XCTUnwrap(DeepLink("checkin://appointment/hearing-1")))
        XCTAssertEqual(model.route, .appointment(appointmentId: "hearing-1"))
        await model.goBack()
        XCTAssertEqual(model.route, .home)
        await model.goBack()
        XCTAssertEqual(client.screenCalls, [.appointment(appointmentId: "hearing-1"), .home], "home is a root")

        await model.open(try XCTUnwrap(DeepLink("checkin://enroll?server=https%3A%2F%2Fp.example&code=K7Q4P")))
        XCTAssertEqual(client.deliveries.map(\.result), [.scannedCode(text: "checkin://enroll?server=https%3A%2F%2Fp.example&code=K7Q4P")])
    }

    @MainActor
    func testACoreThatFailsLeavesTheScreenAndNamesTheFailure() async throws {
        let client = ScriptedClient()
        let sync = scriptedAction("home.sync", .syncNow)
        client.screenAnswer = { scriptedScreen($0, actions: [sync]) }
        client.performAnswer = { _, _, _ in throw CheckinError.Storage(message: "disk I/O error at /private/var/…") }
        let model = screenModel(client, phone: TestPhone())
        await model.start()
        let before = model.state.screen
        await model.tap(sync)
        XCTAssertEqual(model.state.screen, before)
        XCTAssertEqual(model.state.problem, FailureCode("storage"))
        XCTAssertFalse(model.state.busy, "the participant can try again")
        await model.askAgain()
        XCTAssertNil(model.state.problem, "gone once the core answers")
    }

    @MainActor
    func testOnlyActionsThatChangeWhatIsDueBringRemindersUpToDate() async {
        XCTAssertTrue(ScreenModel.changesWhatIsDue(.setLanguage(language: "es")))
        XCTAssertTrue(ScreenModel.changesWhatIsDue(.submit(checkinId: "c")))
        XCTAssertTrue(ScreenModel.changesWhatIsDue(.enroll))
        XCTAssertFalse(ScreenModel.changesWhatIsDue(.navigate(route: .home)))
        XCTAssertFalse(ScreenModel.changesWhatIsDue(.capturePhoto(checkinId: "c")))
    }
}
