// ScreenModel: the view model of every screen. It holds the core's current
// `Screen`, the text typed in its fields and a busy flag, and runs the loop
// of docs/screens.md: ask for a route, render it, send a tap's action back
// with the fields as typed, render what comes back, carry out its effect
// (ScreenModel+Effects.swift) and hand the result to the core.
//
// Guarantees:
// - every decision and every word is the core's: the model only sends
//   back actions the screen on show offers, and only while it is enabled;
// - one action at a time: a tap while another is being handled (a double
//   tap on "Send") is dropped, never sent twice;
// - what the participant typed stays until the next action: asking for
//   the same screen again (its refresh time, a return to the foreground,
//   the end of a background sync) and a capture's answer on the same
//   screen keep it; an action's answer shows the core's values, which
//   carry what was sent back when it matters (a failed enrollment);
// - the screen is asked for again after its `refreshInMs`, a delay from
//   now (so a phone clock hours off cannot move it), never sooner than a
//   second, so a moment already here does not spin;
// - a core call that throws leaves the screen as it was and records the
//   failure's code (no message, no personal data).
import CheckinCore
import Foundation

@MainActor
public final class ScreenModel: StatePublishing {
    /// The soonest a refresh may follow the screen it refreshes.
    public static let minimumRefreshDelay: TimeInterval = 1

    public internal(set) var state = ScreenState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((ScreenState) -> Void)?

    let client: CoreClient
    let phone: PhoneServices
    let contextSource: ShellContextSource
    let timer: RefreshTimer
    /// Runs after an action that may change what is due or how it is
    /// worded (reminders, the next background refresh, notification groups).
    let afterAction: @MainActor () async -> Void
    /// Effects and refreshes under way, awaited by `settled()`; each
    /// leaves the list when it ends.
    var work: [UUID: Task<Void, Never>] = [:]
    /// The route whose screen asked for the capture on show.
    var captureRoute: Route?

    public init(client: CoreClient, phone: PhoneServices, context: ShellContextSource, timer: RefreshTimer,
                afterAction: @escaping @MainActor () async -> Void = {}) {
        self.client = client
        self.phone = phone
        contextSource = context
        self.timer = timer
        self.afterAction = afterAction
    }

    /// The route of the screen on show.
    public var route: Route? { state.screen?.route }

    /// Nothing under way and no capture surface up: taps and navigation go.
    var idle: Bool { !state.busy && state.capture == nil }

    // MARK: - What the views call

    /// The first screen: the core answers with enrollment, consent or home.
    public func start() async {
        await ask(.start, keepingTyped: false)
    }

    /// The scene came to the foreground: permissions or the configuration
    /// may have changed in the meantime.
    public func sceneBecameActive() async {
        if state.screen == nil {
            await start()
        } else {
            await askAgain()
        }
    }

    /// Asks for the screen on show again, keeping what was typed.
    public func askAgain() async {
        guard let route, idle else { return }
        await ask(route, keepingTyped: true)
    }

    /// The system back gesture: to the screen's `back`, if it has one.
    public func goBack() async {
        guard let back = state.screen?.back, idle else { return }
        await ask(back, keepingTyped: false)
    }

    /// A link opened the app (a reminder, the program's enrollment QR code
    /// read by the Camera app).
    public func open(_ link: DeepLink) async {
        guard idle else { return }
        switch link {
        case .route(let route):
            await ask(route, keepingTyped: false)
        case .enrollment(let text):
            await deliver(.scannedCode(text: text), current: route ?? .start)
        }
    }

    /// The participant typed in a field of the screen on show.
    public func setField(_ id: String, to value: String) {
        guard let field = state.screen?.inputFields.first(where: { $0.id == id }), !field.readOnly else { return }
        state.fields[id] = value
    }

    /// The participant tapped `action` (a button, a notice's action, a row,
    /// a language).
    public func tap(_ action: Action) async {
        guard action.enabled, idle, let screen = state.screen, screen.offers(action) else { return }
        state.busy = true
        let fields = typedFields(of: screen)
        let context = await contextSource.context()
        do {
            let next = try await client.perform(current: screen.route, action: action.kind, fields: fields,
                                                context: context)
            show(next, keepingTyped: false)
        } catch {
            failed(error)
        }
        if ScreenModel.changesWhatIsDue(action.kind) {
            await afterAction()
        }
    }

    // MARK: - The loop

    /// Asks the core for `route` (quick, no network) and shows it.
    func ask(_ route: Route, keepingTyped: Bool) async {
        let context = await contextSource.context()
        // A tap may have started while the context was read: its answer wins.
        guard !state.busy else { return }
        do {
            show(try client.screen(route: route, context: context), keepingTyped: keepingTyped)
        } catch {
            failed(error)
        }
    }

    /// Shows `screen`, schedules its refresh and starts its effect.
    func show(_ screen: Screen, keepingTyped: Bool) {
        var next = state
        let sameRoute = state.screen?.route == screen.route
        next.fields = [:]
        for field in screen.inputFields {
            let typed = keepingTyped && sameRoute && !field.readOnly ? state.fields[field.id] : nil
            next.fields[field.id] = typed ?? field.value
        }
        next.screen = screen
        next.busy = false
        next.problem = nil
        state = next
        scheduleRefresh(of: screen)
        if let effect = screen.effect {
            carryOut(effect, on: screen.route)
        }
    }

    func failed(_ error: Error) {
        var next = state
        next.busy = false
        next.problem = FailureCode(of: error)
        state = next
    }

    /// The values of the screen's fields as the participant sees them.
    func typedFields(of screen: Screen) -> [FieldValue] {
        screen.inputFields.map { FieldValue(fieldId: $0.id, value: state.fields[$0.id] ?? $0.value) }
    }

    func scheduleRefresh(of screen: Screen) {
        guard let refreshInMs = screen.refreshInMs else {
            timer.cancel()
            return
        }
        // A delay from now, so the phone's clock (however wrong) does not matter.
        let delay = max(Double(refreshInMs) / 1_000, ScreenModel.minimumRefreshDelay)
        timer.schedule(at: Date().addingTimeInterval(delay)) { [weak self] in
            self?.track { await $0.askAgain() }
        }
    }

    /// Runs `job` as work under way, awaited by `settled()`.
    func track(_ job: @escaping @MainActor (ScreenModel) async -> Void) {
        let id = UUID()
        // On the main actor, the task starts only after it is listed.
        work[id] = Task { @MainActor [weak self] in
            guard let self else { return }
            await job(self)
            self.work[id] = nil
        }
    }

    /// Waits until every effect and refresh under way has ended (tests).
    func settled() async {
        while let (id, task) = work.first {
            await task.value
            work[id] = nil
        }
    }

    /// Actions after which reminders and the background schedule may be
    /// out of date.
    static func changesWhatIsDue(_ kind: ActionKind) -> Bool {
        switch kind {
        case .enroll, .acceptConsent, .submit, .discard, .syncNow, .retryWedged, .savePlan, .removePlan,
             .setLanguage:
            return true
        case .navigate, .scanCode, .startCheckin, .capturePhoto, .captureVoice, .captureLocation, .exportProof,
             .requestPermission, .callProgram, .searchDirectory, .setSearchFilter, .saveService, .unsaveService,
             .revealCaseNumber, .dial:
            return false
        }
    }
}
