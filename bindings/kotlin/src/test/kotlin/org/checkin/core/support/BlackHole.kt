// A TCP listener that accepts connections and never answers: a server that
// hangs, so a sync waits until it is cancelled.
package org.checkin.core.support

import java.net.BindException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CopyOnWriteArrayList

class BlackHole(port: Int) : AutoCloseable {
    // The port was just another listener's: until the client's end of the
    // connections it held has closed, Linux refuses the bind even with
    // SO_REUSEADDR, so it is retried for a few seconds.
    private val listener = bindWithRetry(port)
    private val held = CopyOnWriteArrayList<Socket>()
    val accepted: Int get() = held.size

    init {
        Thread {
            while (!listener.isClosed) {
                runCatching { held.add(listener.accept()) }
            }
        }.apply { isDaemon = true }.start()
    }

    private fun bindWithRetry(port: Int): ServerSocket {
        val deadline = System.nanoTime() + 5_000_000_000
        while (true) {
            val socket = ServerSocket().apply { reuseAddress = true }
            try {
                socket.bind(InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                return socket
            } catch (e: BindException) {
                socket.close()
                if (System.nanoTime() > deadline) throw e
                Thread.sleep(50)
            }
        }
    }

    override fun close() {
        listener.close()
        held.forEach { runCatching { it.close() } }
    }
}
