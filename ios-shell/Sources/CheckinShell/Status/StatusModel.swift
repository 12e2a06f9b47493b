// StatusModel: the minimal status the app shows until the core's screens
// arrive: enrolled or not, the current or next window, the queue, the
// network, the last sync. Built only from existing core calls; the view
// renders `state` and nothing else.
//
// Guarantees: a core call that fails leaves the last good values and sets
// `problem` to its failure code (no message, no personal data); `onChange`
// fires only when the state really changed.
import CheckinCore
import Foundation

/// The window to act on, as the status shows it.
public struct DueStatus: Equatable, Sendable {
    public let state: WindowState
    public let opens: Date
    public let closes: Date
    public let lateEnds: Date
}

public struct StatusState: Equatable, Sendable {
    public var enrolled = false
    public var programName: String?
    public var due: DueStatus?
    /// Check-ins sealed and waiting to be delivered.
    public var queued = 0
    public var delivered = 0
    /// Refused for good by the server; the participant must call the program.
    public var wedged = 0
    /// When the program received the most recent delivered check-in.
    public var lastReceiptAt: Date?
    public var connectivity: Connectivity = .online
    public var syncing = false
    public var lastSyncAt: Date?
    public var problem: FailureCode?

    public init() {}
}

@MainActor
public final class StatusModel: StatePublishing {
    public private(set) var state = StatusState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((StatusState) -> Void)?

    public init() {}

    /// Reads the status from the core.
    public func reload(from client: CoreClient) {
        var next = state
        next.connectivity = client.connectivity()
        do {
            next.enrolled = try client.isEnrolled()
            next.programName = next.enrolled ? try client.policy().programName : nil
            next.due = try client.due().map {
                DueStatus(state: $0.state, opens: $0.window.opens, closes: $0.window.closes, lateEnds: $0.window.lateEnds)
            }
            let outbox = try client.outbox()
            next.queued = outbox.filter { $0.state == .queued || $0.state == .sending }.count
            next.delivered = outbox.filter { $0.state == .delivered }.count
            next.wedged = outbox.filter { $0.state == .wedged }.count
            next.lastReceiptAt = outbox.compactMap { $0.receipt?.receivedAt }.max()
            next.problem = nil
        } catch {
            next.problem = FailureCode(of: error)
        }
        state = next
    }

    public func syncStarted() {
        state.syncing = true
    }

    /// A sync ended: `error` is nil when it ran (whatever it delivered).
    public func syncFinished(at time: Date, error: Error?) {
        state.syncing = false
        if let error {
            state.problem = FailureCode(of: error)
        } else {
            state.lastSyncAt = time
        }
    }

    public func report(_ error: Error) {
        state.problem = FailureCode(of: error)
    }
}
