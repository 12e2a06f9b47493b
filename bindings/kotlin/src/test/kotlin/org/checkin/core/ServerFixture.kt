// One reference server per test class, with enough one-time codes for it
// (and, if given, its own plan instead of the demo plan).
package org.checkin.core

import org.checkin.core.support.ReferenceServer
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.TestInstance
import java.util.concurrent.atomic.AtomicInteger

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerFixture(private val codes: Int = 12, private val planJson: () -> String? = { null }) {
    lateinit var server: ReferenceServer
    private val nextCode = AtomicInteger()

    @BeforeAll
    fun startServer() {
        server = ReferenceServer.start(codes, planJson = planJson())
    }

    @AfterAll
    fun stopServer() {
        server.close()
    }

    /** A one-time code nobody used yet. */
    fun freshCode(): String = server.codes[nextCode.getAndIncrement()]
}
