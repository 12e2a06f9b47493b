// A CoreClient that answers as a test scripts it, for what the real core
// cannot be made to do on cue: fail to read its store, hang in a sync or
// an action, answer a screen with a given refresh time or clock. Calls a
// test did not script fail with `Internal`.
import CheckinCore
@testable import CheckinShell
import Foundation

final class ScriptedClient: CoreClient, @unchecked Sendable {
    var enrolled = true
    var wakeupMs: Result<Int64?, CheckinError> = .success(nil)
    var storeFailure: CheckinError?
    /// `sync` waits this long (cancellable), then answers.
    var syncDelay: TimeInterval = 0
    private(set) var connectivityCalls: [Connectivity] = []
    private(set) var syncs = 0
    private(set) var enrollments: [(url: String, code: String, pins: [String])] = []
    var photoQuality: PhotoQuality?
    private(set) var discarded: [String] = []
    private var current: Connectivity = .online

    static let unscripted = CheckinError.Internal(message: "not scripted")

    func isEnrolled() throws -> Bool {
        if let storeFailure { throw storeFailure }
        return enrolled
    }

    /// Enrollment takes this long, then succeeds; nil: it fails at once.
    var enrollDelay: TimeInterval?

    func enrollWithPins(serverUrl: String, code: String, tlsPins: [String]) async throws -> EnrollmentSummary {
        enrollments.append((serverUrl, code, tlsPins))
        guard let enrollDelay else { throw Self.unscripted }
        try await Task.sleep(nanoseconds: UInt64(enrollDelay * 1e9))
        enrolled = true
        return EnrollmentSummary(deviceId: "device", programName: "Scripted program", deviceKeyId: "",
                                 receiptKeyId: "", policyVersion: 1)
    }

    func policy() throws -> Policy {
        if let storeFailure { throw storeFailure }
        return Policy(version: 1, programName: "Scripted program", programContact: "", privacyNoticeUrl: "",
                      photo: .required, voice: .off, location: .none, photoLongEdgePx: 1024, blurBystanders: true,
                      deviceRetentionDays: 30, mediaDeferOnMeteredAboveBytes: nil)
    }
    func due() throws -> Due? { throw storeFailure ?? Self.unscripted }
    func consentNeeded() throws -> Bool { throw storeFailure ?? Self.unscripted }
    func notifications(max: UInt32) throws -> [CheckinCore.Notification] {
        if let storeFailure { throw storeFailure }
        return []
    }
    func nextWakeupMs(max: UInt32) throws -> Int64? { try wakeupMs.get() }
    func startCheckin(windowId: String?) throws -> String { "scripted-checkin" }
    func attachPhoto(checkinId: String, jpeg: Data) async throws -> PhotoQuality {
        guard let photoQuality else { throw Self.unscripted }
        return photoQuality
    }
    func attachVoice(checkinId: String, wav: Data) async throws -> VoiceQuality { throw Self.unscripted }
    func attachLocation(checkinId: String, fix: LocationFix) throws -> SentLocation { throw Self.unscripted }
    func discardCheckin(checkinId: String) throws { discarded.append(checkinId) }
    func submit(checkinId: String) async throws -> CheckinSummary { throw Self.unscripted }

    func sync(maxSeconds: UInt32, listener: SyncListener?, cancellation: Cancellation?) async throws -> SyncReport {
        syncs += 1
        let deadline = Date().addingTimeInterval(syncDelay)
        while Date() < deadline {
            if cancellation?.isCancelled() == true { throw CheckinError.Cancelled(message: "the operation was cancelled") }
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        return SyncReport(delivered: 0, wedged: 0, remaining: 0, nextRetryAt: nil, deadlineReached: false,
                          lastError: nil, serverWaitMs: 0, mediaDelivered: 0, mediaWedged: 0, mediaWaiting: 0,
                          planUpdated: false, policyUpdated: false, documentError: nil, directoryUpdated: false,
                          caseUpdated: false, retention: nil)
    }

    func setConnectivity(connectivity: Connectivity) throws {
        connectivityCalls.append(connectivity)
        current = connectivity
    }

    func connectivity() -> Connectivity { current }

    func outbox() throws -> [OutboxItem] {
        if let storeFailure { throw storeFailure }
        return []
    }

    // MARK: - Screens

    /// Answers `screen(route:context:)`.
    var screenAnswer: (Route) throws -> Screen = { _ in throw ScriptedClient.unscripted }
    /// Answers `perform`, after `performDelay`.
    var performAnswer: (Route, ActionKind, [FieldValue]) throws -> Screen = { _, _, _ in throw ScriptedClient.unscripted }
    var performDelay: TimeInterval = 0
    /// The core's clock minus the phone's.
    var clockOffset: TimeInterval = 0
    private(set) var screenCalls: [Route] = []
    private(set) var performCalls: [(route: Route, kind: ActionKind, fields: [FieldValue])] = []
    private(set) var deliveries: [(route: Route, result: CaptureResult)] = []
    private(set) var contexts: [ShellContext] = []

    func screen(route: Route, context: ShellContext) throws -> Screen {
        screenCalls.append(route)
        contexts.append(context)
        return try screenAnswer(route)
    }

    func perform(current: Route, action: ActionKind, fields: [FieldValue], context: ShellContext) async throws -> Screen {
        performCalls.append((current, action, fields))
        contexts.append(context)
        if performDelay > 0 { try await Task.sleep(nanoseconds: UInt64(performDelay * 1e9)) }
        return try performAnswer(current, action, fields)
    }

    func deliverCapture(current: Route, result: CaptureResult, context: ShellContext) async throws -> Screen {
        deliveries.append((current, result))
        contexts.append(context)
        return try screenAnswer(current)
    }

    /// Answers `notificationChannels()`.
    var channels: [NotificationChannel] = []

    func notificationChannels() throws -> [NotificationChannel] {
        if let storeFailure { throw storeFailure }
        return channels
    }

    func correctedNow() throws -> Date {
        Date().addingTimeInterval(clockOffset)
    }
}
