// Copy of the third Kotlin snippet in bindings/README.md ("Embedding"),
// compiled and run by the test suite (DeferredMediaTest). Keep the two identical.
package org.checkin.embedding

import org.checkin.core.CheckinClient
import org.checkin.core.Connectivity

/**
 * Tells the library what the OS says about the network, then sends what may
 * go on it. On Android, from a `ConnectivityManager.NetworkCallback`:
 * `online = caps.hasCapability(NET_CAPABILITY_VALIDATED)`,
 * `unmetered = caps.hasCapability(NET_CAPABILITY_NOT_METERED)`.
 * Returns how many check-ins' photos and recordings still wait for an
 * unmetered network (their check-ins are already sent).
 */
suspend fun onNetworkChanged(client: CheckinClient, online: Boolean, unmetered: Boolean): UInt {
    client.setConnectivity(
        when {
            !online -> Connectivity.OFFLINE
            unmetered -> Connectivity.ONLINE
            else -> Connectivity.METERED // deferred media waits, sealed
        },
    )
    return client.sync(maxSeconds = 25u, listener = null, cancellation = null).mediaWaiting
}
