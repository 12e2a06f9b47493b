// A loopback listener that accepts connections and never answers: a server
// that hangs, so a sync waits until it is cancelled or its time runs out.
package org.checkin.shell.support

import java.net.BindException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CopyOnWriteArrayList

class BlackHole(port: Int) : AutoCloseable {
    private val listener = bind(port)
    private val held = CopyOnWriteArrayList<Socket>()
    val accepted: Int get() = held.size

    init {
        Thread {
            while (!listener.isClosed) runCatching { held.add(listener.accept()) }
        }.apply { isDaemon = true }.start()
    }

    /** The port was another server's a moment ago: retry the bind for a few seconds. */
    private fun bind(port: Int): ServerSocket {
        val deadline = System.currentTimeMillis() + 5_000
        while (true) {
            val socket = ServerSocket().apply { reuseAddress = true }
            try {
                socket.bind(InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                return socket
            } catch (e: BindException) {
                socket.close()
                if (System.currentTimeMillis() > deadline) throw e
                Thread.sleep(50)
            }
        }
    }

    override fun close() {
        listener.close()
        held.forEach { runCatching { it.close() } }
    }
}
