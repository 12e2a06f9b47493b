// What the OS says about the network, as the core's `Connectivity`: Online
// (unmetered), Metered (the participant pays by the byte) or Offline.
//
// "Has internet" is the INTERNET capability, not VALIDATED: validation
// probes a Google host, which some networks and countries block and some
// issued phones never reach; calling those networks Offline would stop
// delivery for good. A captive portal is the core's to find (its requests
// fail and are retried).
package org.checkin.shell.platform

import android.content.Context
import android.net.ConnectivityManager
import android.net.Network
import android.net.NetworkCapabilities
import org.checkin.core.Connectivity

interface ConnectivityWatch {
    /** The state now. */
    fun current(): Connectivity

    /** Calls [onChange] with each new state (on a system thread) until [stop]. */
    fun start(onChange: (Connectivity) -> Unit)

    fun stop()
}

class NetworkCallbackConnectivity(context: Context) : ConnectivityWatch {
    private val manager = context.systemService<ConnectivityManager>()
    private var callback: ConnectivityManager.NetworkCallback? = null

    override fun current(): Connectivity = reading(manager.activeNetwork?.let(manager::getNetworkCapabilities))

    override fun start(onChange: (Connectivity) -> Unit) {
        stop()
        val watching = object : ConnectivityManager.NetworkCallback() {
            override fun onCapabilitiesChanged(network: Network, capabilities: NetworkCapabilities) = onChange(reading(capabilities))
            override fun onLost(network: Network) = onChange(Connectivity.OFFLINE)
        }
        manager.registerDefaultNetworkCallback(watching)
        callback = watching
    }

    override fun stop() {
        callback?.let { runCatching { manager.unregisterNetworkCallback(it) } }
        callback = null
    }

    companion object {
        /** The core's reading of a network's capabilities (null: no default network). */
        fun reading(capabilities: NetworkCapabilities?): Connectivity = when {
            capabilities == null || !capabilities.hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET) -> Connectivity.OFFLINE
            capabilities.hasCapability(NetworkCapabilities.NET_CAPABILITY_NOT_METERED) -> Connectivity.ONLINE
            else -> Connectivity.METERED
        }
    }
}
