// PathMonitorNetwork: NWPathMonitor's updates as NetworkPath values (the
// shell maps them to the core's Connectivity). Reviewed by reading; built
// and run only on Apple platforms.
#if canImport(Network)
import CheckinShell
import Foundation
import Network

public final class PathMonitorNetwork: NetworkPathSource {
    private let monitor = NWPathMonitor()
    private let queue = DispatchQueue(label: "org.checkin.shell.network")

    public init() {}

    public func start(onPath: @escaping @MainActor (NetworkPath) -> Void) {
        monitor.pathUpdateHandler = { path in
            let update = NetworkPath(satisfied: path.status == .satisfied,
                                     expensive: path.isExpensive,
                                     constrained: path.isConstrained)
            Task { @MainActor in onPath(update) }
        }
        monitor.start(queue: queue)
    }

    public func stop() {
        monitor.cancel()
    }
}
#endif
