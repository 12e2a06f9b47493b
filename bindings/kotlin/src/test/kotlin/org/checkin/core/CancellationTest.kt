// Cancelling a running sync, with a Cancellation and by cancelling the
// coroutine; either way the check-in stays whole and is delivered later.
package org.checkin.core

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.checkin.core.support.BlackHole
import org.checkin.core.support.ReferenceServer
import org.checkin.core.support.cameraJpeg
import org.checkin.core.support.openClient
import org.checkin.core.support.tempDir
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class CancellationTest {
    @Test
    fun `offline, then a hanging server cancelled two ways, then delivered once the server is back`() = runBlocking<Unit> {
        val serverDir = tempDir("checkin-server")
        var server = ReferenceServer.start(codes = 1, dataDir = serverDir)
        val port = server.port
        try {
            openClient().use { client ->
                client.enroll(server.baseUrl, server.codes[0])
                val checkinId = client.startCheckin(null)
                client.attachPhoto(checkinId, cameraJpeg())
                client.submit(checkinId)
                server.close()

                // Offline: not an exception; the report says why and when to retry.
                val offline = client.sync(10u, null, null)
                assertEquals(0u, offline.delivered)
                assertEquals(1u, offline.remaining)
                assertNotNull(offline.lastError)
                assertNotNull(offline.nextRetryAt)

                // A server that accepts and never answers: cancel with a Cancellation.
                BlackHole(port).use { hole ->
                    client.networkAvailable()
                    val cancellation = Cancellation()
                    val started = System.nanoTime()
                    val running = async(Dispatchers.Default) { runCatching { client.sync(60u, null, cancellation) } }
                    while (hole.accepted == 0 && System.nanoTime() - started < 10_000_000_000) delay(10)
                    assertTrue(hole.accepted > 0, "the sync never reached the server")
                    cancellation.cancel()
                    val error = running.await().exceptionOrNull()
                    val elapsedMs = (System.nanoTime() - started) / 1_000_000
                    assertTrue(error is CheckinException.Cancelled, "got $error")
                    assertTrue(elapsedMs < 5_000, "cancel took $elapsedMs ms")
                }

                // The same, by cancelling the coroutine.
                BlackHole(port).use { hole ->
                    client.networkAvailable()
                    assertThrows<TimeoutCancellationException> {
                        runBlocking { withTimeout(500) { client.sync(60u, null, null) } }
                    }
                    assertTrue(hole.accepted > 0, "the sync never reached the server")
                }

                val kept = client.outbox().single()
                assertNotEquals(OutboxState.DELIVERED, kept.state)

                server = ReferenceServer.start(codes = 0, dataDir = serverDir, listen = "127.0.0.1:$port")
                client.networkAvailable()
                val report = client.sync(30u, null, null)
                assertEquals(1u, report.delivered)
                assertEquals(OutboxState.DELIVERED, client.outbox().single().state)
            }
        } finally {
            server.close()
        }
    }
}
