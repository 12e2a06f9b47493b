// NetworkPath: what NWPathMonitor says about the network, and what that
// means to the core.
//
// `satisfied` → the path can reach the internet; `expensive` → cellular or
// a phone's hotspot; `constrained` → Low Data Mode. Either of the last two
// means the participant pays by the byte: the core still sends check-ins
// (a late check-in costs more than the data) but lets media the policy
// defers wait, sealed, for an unmetered network.
import CheckinCore
import Foundation

public struct NetworkPath: Equatable, Sendable {
    public let satisfied: Bool
    public let expensive: Bool
    public let constrained: Bool

    public init(satisfied: Bool, expensive: Bool, constrained: Bool) {
        self.satisfied = satisfied
        self.expensive = expensive
        self.constrained = constrained
    }

    public var connectivity: Connectivity {
        guard satisfied else { return .offline }
        return expensive || constrained ? .metered : .online
    }
}

/// Feeds path updates to the core (`setConnectivity`) and says when a sync
/// is worth starting now.
public final class ConnectivityFeed {
    public let client: CoreClient
    private var last: Connectivity

    public init(client: CoreClient) {
        self.client = client
        last = client.connectivity()
    }

    /// Tells the core about `path` when it changes what the core should
    /// do. Returns true when a sync should start now: the network came
    /// back (queued check-ins are due at once), or it became unmetered
    /// (deferred media may go).
    @discardableResult
    public func update(_ path: NetworkPath) throws -> Bool {
        let now = path.connectivity
        guard now != last else { return false }
        try client.setConnectivity(connectivity: now)
        defer { last = now }
        switch (last, now) {
        case (.offline, .online), (.offline, .metered), (.metered, .online): return true
        default: return false
        }
    }
}

/// Where path updates come from (NWPathMonitor on iOS).
public protocol NetworkPathSource: AnyObject {
    /// Calls `onPath` on the main actor with each path, the current one first.
    func start(onPath: @escaping @MainActor (NetworkPath) -> Void)
    func stop()
}
