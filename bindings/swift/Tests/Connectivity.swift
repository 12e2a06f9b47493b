// Copy of the third Swift snippet in bindings/README.md ("Embedding"),
// compiled and run by the test suite. Keep the two identical.
import CheckinCore
import Foundation

/// Tells the library what the OS says about the network, then sends what may
/// go on it. On iOS, from an `NWPathMonitor` update: `online: path.status ==
/// .satisfied`, `unmetered: !path.isExpensive && !path.isConstrained`.
/// Returns how many check-ins' photos and recordings still wait for an
/// unmetered network (their check-ins are already sent).
func onNetworkChanged(client: CheckinClient, online: Bool, unmetered: Bool) async throws -> UInt32 {
    // On .metered, deferred media waits, sealed.
    try client.setConnectivity(connectivity: !online ? .offline : unmetered ? .online : .metered)
    return try await client.sync(maxSeconds: 25, listener: nil, cancellation: nil).mediaWaiting
}
