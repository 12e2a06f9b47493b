// The reference program server (fixtures/reference-server) as a child
// process, from -Dcheckin.server.bin, as the Kotlin bindings' tests run it.
// It prints one JSON line once listening: {"base_url", "codes", ...}.
// [restartWithPlan] changes the program's plan: the server is stopped and
// started again on the same port and data directory (same keys, same
// enrolled devices) with the new plan, which devices get at their next sync.
package org.checkin.shell.support

import java.io.File
import java.nio.file.Files
import java.util.concurrent.TimeUnit

class ReferenceServer private constructor(
    private var process: Process,
    val dataDir: File,
    val baseUrl: String,
    val codes: List<String>,
) : AutoCloseable {
    private val port: Int get() = baseUrl.substringAfterLast(':').trimEnd('/').toInt()

    /** Serves [planJson] from now on (see the file's header). */
    fun restartWithPlan(planJson: String) {
        close()
        val (started, _, _) = launch(dataDir, "127.0.0.1:$port", planJson, codes = 0, participant = null)
        process = started
    }

    override fun close() {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)
    }

    companion object {
        private val binary: String
            get() = System.getProperty("checkin.server.bin") ?: error("set -Dcheckin.server.bin to the reference-server binary")

        /** [participant]: the codes are issued for that participant (a phone enrolling again links its earlier device). */
        fun start(codes: Int = 2, planJson: String? = null, participant: String? = null): ReferenceServer {
            val dir = Files.createTempDirectory("checkin-server").toFile()
            val (process, url, issued) = launch(dir, null, planJson, codes, participant)
            return ReferenceServer(process, dir, url, issued)
        }

        private fun launch(
            dir: File,
            listen: String?,
            planJson: String?,
            codes: Int,
            participant: String?,
        ): Triple<Process, String, List<String>> {
            val command = mutableListOf(binary, "--data-dir", dir.path, "--codes", codes.toString(), "--exit-on-stdin-eof")
            if (participant != null) command += listOf("--participant", participant)
            if (listen != null) command += listOf("--listen", listen)
            if (planJson != null) {
                val file = File.createTempFile("plan", ".json").apply { writeText(planJson); deleteOnExit() }
                command += listOf("--plan", file.path)
            }
            // The port was the old server's a moment ago: retry the bind briefly.
            repeat(50) { attempt ->
                val process = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start()
                val line = process.inputStream.bufferedReader().readLine()
                if (line != null) {
                    val url = Regex("\"base_url\"\\s*:\\s*\"([^\"]+)\"").find(line)?.groupValues?.get(1) ?: error("no base_url in $line")
                    val issued = Regex("\"codes\"\\s*:\\s*\\[([^\\]]*)\\]").find(line)?.groupValues?.get(1)
                        ?.split(',')?.map { it.trim().trim('"') }?.filter { it.isNotEmpty() }.orEmpty()
                    return Triple(process, url, issued)
                }
                process.waitFor(5, TimeUnit.SECONDS)
                if (listen == null || attempt == 49) error("reference-server exited without its start line (exit ${process.exitValue()})")
                Thread.sleep(100)
            }
            error("unreachable")
        }
    }
}
