// OpeningClient: the core client as the app opens it, including when it
// cannot (docs/screens.md, "When the client cannot open": a phone not yet
// unlocked since it started, a platform key lost with a restore from a
// backup or a Keychain that did not migrate, a full disk).
//
// Until the core is open, every screen asked for is the core's screen
// saying why, in the phone's language, and its one action is answered
// here: open again, and after a lost key open keeping the check-ins still
// waiting for the participant's next enrollment (what the lost key sealed
// is deleted). Only that tap opens after a lost key, never background work.
// Every other call throws the core's error until the core is open (the
// callers already handle a store that cannot open); once open, each call
// is the real client's. So the screens, the lifecycle and the background
// refresh take this in place of the client, and nothing else changes.
import CheckinCore
import Foundation

public final class OpeningClient: CoreClient, @unchecked Sendable {
    private let config: ClientConfig
    private let keyStore: KeyStore
    /// Guards `client` and `failure`: a background refresh and the screens may open at once.
    private let lock = NSLock()
    private var client: CheckinClient?
    private var failure: (reason: Unavailable, screen: Screen, detail: String)?

    /// Tries to open at once; a failure is kept for the first screen.
    public init(config: ClientConfig, keyStore: KeyStore) {
        self.config = config
        self.keyStore = keyStore
        _ = try? opened()
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Why the core did not open when last tried; nil once it is open.
    public var cannotOpen: Unavailable? {
        locked { client == nil ? failure?.reason : nil }
    }

    /// The open client, opening it now if it is not yet.
    public func opened() throws -> CheckinClient {
        try open(afterKeyLoss: false)
    }

    private func open(afterKeyLoss: Bool) throws -> CheckinClient {
        try locked { () throws -> CheckinClient in
            if let client { return client }
            switch openForScreens(config: config, keyStore: keyStore, afterKeyLoss: afterKeyLoss) {
            case .opened(let opened):
                client = opened
                failure = nil
                return opened
            case .cannotOpen(let reason, let screen, let detail):
                failure = (reason, screen, detail)
                switch reason {
                case .locked, .keyLost: throw CheckinError.KeyStore(message: detail)
                case .storageFull: throw CheckinError.StorageFull(message: detail)
                case .unexpected: throw CheckinError.Storage(message: detail)
                }
            }
        }
    }

    /// The core's screen for a core that did not open, if it did not.
    private func cannotOpenScreen() -> Screen? {
        locked { client == nil ? failure?.screen : nil }
    }

    // MARK: - The screens

    public func screen(route: Route, context: ShellContext) throws -> Screen {
        do {
            return try opened().screen(route: route, context: context)
        } catch let error as CheckinError {
            guard let screen = cannotOpenScreen() else { throw error }
            return screen
        }
    }

    public func perform(current: Route, action: ActionKind, fields: [FieldValue],
                        context: ShellContext) async throws -> Screen {
        let reason = locked { client == nil ? failure?.reason : nil }
        guard let reason else {
            return try await opened().perform(current: current, action: action, fields: fields, context: context)
        }
        // The cannot-open screen's one action: open again, keeping what waits after a lost key.
        do {
            return try open(afterKeyLoss: reason == .keyLost).screen(route: .start, context: context)
        } catch let error as CheckinError {
            guard let screen = cannotOpenScreen() else { throw error }
            return screen
        }
    }

    public func deliverCapture(current: Route, result: CaptureResult, context: ShellContext) async throws -> Screen {
        try await opened().deliverCapture(current: current, result: result, context: context)
    }

    public func notificationChannels() throws -> [NotificationChannel] {
        try opened().notificationChannels()
    }

    // MARK: - Everything else, once open

    public func isEnrolled() throws -> Bool { try opened().isEnrolled() }

    public func enrollWithPins(serverUrl: String, code: String, tlsPins: [String]) async throws -> EnrollmentSummary {
        try await opened().enrollWithPins(serverUrl: serverUrl, code: code, tlsPins: tlsPins)
    }

    public func policy() throws -> Policy { try opened().policy() }
    public func due() throws -> Due? { try opened().due() }
    public func consentNeeded() throws -> Bool { try opened().consentNeeded() }
    public func notifications(max: UInt32) throws -> [CheckinCore.Notification] { try opened().notifications(max: max) }
    public func nextWakeupMs(max: UInt32) throws -> Int64? { try opened().nextWakeupMs(max: max) }
    public func startCheckin(windowId: String?) throws -> String { try opened().startCheckin(windowId: windowId) }

    public func attachPhoto(checkinId: String, jpeg: Data) async throws -> PhotoQuality {
        try await opened().attachPhoto(checkinId: checkinId, jpeg: jpeg)
    }

    public func attachVoice(checkinId: String, wav: Data) async throws -> VoiceQuality {
        try await opened().attachVoice(checkinId: checkinId, wav: wav)
    }

    public func attachLocation(checkinId: String, fix: LocationFix) throws -> SentLocation {
        try opened().attachLocation(checkinId: checkinId, fix: fix)
    }

    public func discardCheckin(checkinId: String) throws { try opened().discardCheckin(checkinId: checkinId) }

    public func submit(checkinId: String) async throws -> CheckinSummary {
        try await opened().submit(checkinId: checkinId)
    }

    public func sync(maxSeconds: UInt32, listener: SyncListener?, cancellation: Cancellation?) async throws -> SyncReport {
        try await opened().sync(maxSeconds: maxSeconds, listener: listener, cancellation: cancellation)
    }

    public func setConnectivity(connectivity: Connectivity) throws {
        try opened().setConnectivity(connectivity: connectivity)
    }

    /// The core's view of the network; online (the core's own default) while it cannot open.
    public func connectivity() -> Connectivity {
        (try? opened())?.connectivity() ?? .online
    }

    public func outbox() throws -> [OutboxItem] { try opened().outbox() }
    public func correctedNow() throws -> Date { try opened().correctedNow() }
}
