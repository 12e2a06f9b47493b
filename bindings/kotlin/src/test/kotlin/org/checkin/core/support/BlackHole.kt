// A TCP listener that accepts connections and never answers: a server that
// hangs, so a sync waits until it is cancelled.
package org.checkin.core.support

import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CopyOnWriteArrayList

class BlackHole(port: Int) : AutoCloseable {
    private val listener = ServerSocket().apply {
        reuseAddress = true
        bind(InetSocketAddress(InetAddress.getLoopbackAddress(), port))
    }
    private val held = CopyOnWriteArrayList<Socket>()
    val accepted: Int get() = held.size

    init {
        Thread {
            while (!listener.isClosed) {
                runCatching { held.add(listener.accept()) }
            }
        }.apply { isDaemon = true }.start()
    }

    override fun close() {
        listener.close()
        held.forEach { runCatching { it.close() } }
    }
}
