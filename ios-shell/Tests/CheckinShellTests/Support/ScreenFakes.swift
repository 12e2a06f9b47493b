// The screens' platform boundary, faked: permission prompts, the share
// sheet, the dialler, the refresh timer and the notification categories,
// each answering as the iOS service would where the model depends on it.
// And the few helpers the screen tests share.
import CheckinCore
@testable import CheckinShell
import Foundation
import XCTest

/// The OS's permission states; a request answers `answers[permission]`
/// (default: granted) and remembers it, as iOS does.
final class FakePermissions: PermissionCenter {
    var states: [Permission: PermissionState]
    var answers: [Permission: PermissionState] = [:]
    private(set) var requested: [Permission] = []

    init(_ states: [Permission: PermissionState] = [.camera: .granted, .microphone: .granted,
                                                     .location: .granted, .notifications: .granted]) {
        self.states = states
    }

    func state(of permission: Permission) async -> PermissionState {
        states[permission] ?? .notAsked
    }

    func request(_ permission: Permission) async -> PermissionState {
        requested.append(permission)
        let answer = answers[permission] ?? .granted
        states[permission] = answer
        return answer
    }
}

final class FakeSharing: FileSharing {
    private(set) var shared: [(path: String, mimeType: String, existed: Bool)] = []

    func share(fileAt path: String, mimeType: String) async -> Bool {
        shared.append((path, mimeType, FileManager.default.fileExists(atPath: path)))
        return true
    }
}

final class FakeDialler: Dialler {
    var canCall = true
    private(set) var dialled: [String] = []

    func dial(_ phone: String) async -> Bool {
        dialled.append(phone)
        return canCall
    }
}

/// A refresh timer that fires when the test says.
@MainActor
final class ManualTimer: RefreshTimer {
    private(set) var scheduled: [Date] = []
    private(set) var pending: (@MainActor () -> Void)?

    func schedule(at date: Date, _ fire: @escaping @MainActor () -> Void) {
        scheduled.append(date)
        pending = fire
    }

    func cancel() {
        pending = nil
    }

    func fire() {
        let fire = pending
        pending = nil
        fire?()
    }
}

final class MemoryCategories: NotificationCategoryCenter {
    private(set) var registrations: [[ReminderCategory]] = []

    func setCategories(_ categories: [ReminderCategory]) {
        registrations.append(categories)
    }
}

/// The phone as the screens see it, every part replaceable.
struct TestPhone {
    var camera = FakeCamera(.failure(.failed(reason: "no photo scripted")))
    var microphone = FakeMicrophone(rate: 16_000, samples: [])
    var locator = FakeLocator(.failure(.timedOut))
    var scanner = FakeScanner(.failure(.failed(reason: "no code scripted")))
    var permissions = FakePermissions()
    var sharing = FakeSharing()
    var dialler = FakeDialler()
    var managed = DictionarySource(nil)

    /// The portrait fixture, the speech fixture and a fix in Boston.
    static func withFixtures() throws -> TestPhone {
        var phone = TestPhone()
        phone.camera = FakeCamera(.success(try Fixtures.media("portrait.jpg")))
        let speech = try Fixtures.speechSamples()
        phone.microphone = FakeMicrophone(rate: speech.rate, samples: speech.samples)
        phone.locator = FakeLocator(.success(bostonFix()))
        return phone
    }

    var services: PhoneServices {
        PhoneServices(desk: CaptureDesk(camera: camera, recorder: microphone, locator: locator, scanner: scanner),
                      permissions: permissions, sharing: sharing, dialler: dialler)
    }

    var context: ShellContextSource {
        ShellContextSource(permissions: permissions, managed: managed)
    }
}

@MainActor
func screenModel(_ client: CoreClient, phone: TestPhone, timer: ManualTimer? = nil,
                 afterAction: @escaping @MainActor () async -> Void = {}) -> ScreenModel {
    ScreenModel(client: client, phone: phone.services, context: phone.context, timer: timer ?? ManualTimer(),
                afterAction: afterAction)
}

/// A client for the screen tests: English, so the texts can be read.
func openEnglishClient() throws -> CheckinClient {
    try CheckinClient.open(config: ClientSetup.config(dataDirectory: URL(fileURLWithPath: Fixtures.tempDir("screens")),
                                                      locale: "en"),
                           keyStore: testKeyStore())
}

extension ScreenModel {
    /// Taps the action with this id wherever the screen shows it; fails the
    /// test if the screen has none.
    func tap(id: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let screen = try XCTUnwrap(state.screen, "no screen", file: file, line: line)
        guard let action = screen.allActions.first(where: { $0.id == id }) else {
            XCTFail("\(screen.route) offers no \(id): \(screen.allActions.map(\.id))", file: file, line: line)
            throw FixtureError("no action \(id)")
        }
        await tap(action)
        await settled()
    }

    var screen: Screen {
        get throws { try XCTUnwrap(state.screen) }
    }
}

extension Screen {
    func action(_ id: String) -> Action? {
        allActions.first { $0.id == id }
    }

    /// Every notice on the screen, as (tone, title, body).
    var notices: [(tone: Tone, title: String, body: String, action: Action?)] {
        blocks.compactMap {
            if case .notice(let tone, let title, let body, _, let action) = $0 { return (tone, title, body, action) }
            return nil
        }
    }

    var facts: [Fact] {
        blocks.flatMap { block -> [Fact] in
            if case .facts(_, let rows) = block { return rows }
            return []
        }
    }

    var steps: [Step] {
        blocks.flatMap { block -> [Step] in
            if case .steps(let items) = block { return items }
            return []
        }
    }

    var items: [Item] {
        blocks.flatMap { block -> [Item] in
            if case .items(_, let items) = block { return items }
            return []
        }
    }

    /// Every word the screen shows or speaks, in order.
    var words: [String] {
        var out = [title]
        for block in blocks {
            switch block {
            case .text(let text, _): out.append(text)
            case .notice(_, let title, let body, let spoken, _): out += [title, body] + [spoken].compactMap { $0 }
            case .facts(let title, let rows): out += [title].compactMap { $0 } + rows.flatMap { [$0.label, $0.value] }
            case .steps(let items): out += items.flatMap { [$0.label, $0.detail] }
            case .capture(_, let title, let instructions, _): out += [title, instructions]
            case .hints(let items): out += items.map(\.text)
            case .items(let title, let items): out += [title].compactMap { $0 } + items.flatMap { [$0.title, $0.detail] }
            case .input(let field): out += [field.label] + [field.hint, field.error].compactMap { $0 }
            case .choice(_, let label, let options): out += [label] + options.map(\.label)
            }
        }
        return out + allActions.map(\.label)
    }
}

/// A screen for scripted clients: `route`, a title, these blocks and actions.
func scriptedScreen(_ route: Route, title: String = "Screen", blocks: [Block] = [], actions: [Action] = [],
                    back: Route? = nil, refreshInMs: UInt64? = nil, effect: Effect? = nil) -> Screen {
    Screen(route: route, title: title, language: "en", blocks: blocks, actions: actions, back: back, secure: false,
           refreshInMs: refreshInMs, effect: effect)
}

func scriptedAction(_ id: String, _ kind: ActionKind, enabled: Bool = true) -> Action {
    Action(id: id, label: id, accessibilityLabel: nil, style: .primary, enabled: enabled, kind: kind)
}

func scriptedField(_ id: String, value: String = "", readOnly: Bool = false) -> Block {
    .input(field: Field(id: id, label: id, kind: .text, value: value, readOnly: readOnly, hint: nil, error: nil,
                        accessibilityLabel: nil))
}
