// CoreClient: the calls the shell makes into the check-in core, as a
// protocol, so its logic is tested with the real client (against the
// reference server) or with a fake that fails or hangs on cue.
//
// Each requirement is the generated binding's own signature, so the real
// `CheckinClient` conforms with an empty extension and nothing is added
// between the shell and the core. The screens (docs/screens.md) come
// through the last four: `screen` (quick, no network), `perform` and
// `deliverCapture` (async: they may reach the program), and the
// notification groups named in the participant's language.
import CheckinCore
import Foundation

public protocol CoreClient: AnyObject, Sendable {
    func isEnrolled() throws -> Bool
    func enrollWithPins(serverUrl: String, code: String, tlsPins: [String]) async throws -> EnrollmentSummary
    func policy() throws -> Policy
    func due() throws -> Due?
    func consentNeeded() throws -> Bool
    func notifications(max: UInt32) throws -> [CheckinCore.Notification]
    func nextWakeupMs(max: UInt32) throws -> Int64?
    func startCheckin(windowId: String?) throws -> String
    func attachPhoto(checkinId: String, jpeg: Data) async throws -> PhotoQuality
    func attachVoice(checkinId: String, wav: Data) async throws -> VoiceQuality
    func attachLocation(checkinId: String, fix: LocationFix) throws -> SentLocation
    func discardCheckin(checkinId: String) throws
    func submit(checkinId: String) async throws -> CheckinSummary
    func sync(maxSeconds: UInt32, listener: SyncListener?, cancellation: Cancellation?) async throws -> SyncReport
    func setConnectivity(connectivity: Connectivity) throws
    func connectivity() -> Connectivity
    func outbox() throws -> [OutboxItem]
    /// The core's best estimate of the time (the phone's clock corrected by
    /// the server's), which every time on a screen is in.
    func correctedNow() throws -> Date

    func screen(route: Route, context: ShellContext) throws -> Screen
    func perform(current: Route, action: ActionKind, fields: [FieldValue], context: ShellContext) async throws -> Screen
    func deliverCapture(current: Route, result: CaptureResult, context: ShellContext) async throws -> Screen
    func notificationChannels() throws -> [NotificationChannel]
}

extension CheckinClient: CoreClient {}

extension CoreClient {
    /// `sync`, stopped when the calling task is cancelled (a background
    /// task's expiry, a view going away): Swift cancellation does not reach
    /// the core by itself. A cancelled sync leaves every check-in queued.
    public func syncUntilCancelled(maxSeconds: UInt32) async throws -> SyncReport {
        let cancellation = Cancellation()
        return try await withTaskCancellationHandler {
            try await sync(maxSeconds: maxSeconds, listener: nil, cancellation: cancellation)
        } onCancel: {
            cancellation.cancel()
        }
    }
}
