// Starts the reference program server binary as a child process and reads
// its start line (fixtures/reference-server/src/main.rs):
// {"base_url": ..., "codes": [...], ...}.
package org.checkin.core.support

import java.io.File
import java.nio.file.Files
import java.util.concurrent.TimeUnit

class ReferenceServer private constructor(
    private val process: Process,
    val dataDir: File,
    val baseUrl: String,
    val codes: List<String>,
) : AutoCloseable {
    /** The loopback port it listens on. */
    val port: Int get() = Regex(":(\\d+)").find(baseUrl.removePrefix("http://"))!!.groupValues[1].toInt()

    /**
     * Kills the server: a server that dies, not one that shuts down
     * gracefully (that waits for the client's idle keep-alive connections).
     */
    override fun close() {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)
    }

    companion object {
        /** The binary, from -Dcheckin.server.bin (set by scripts/bindings/test-kotlin.sh). */
        val binary: String get() = System.getProperty("checkin.server.bin")
            ?: error("set -Dcheckin.server.bin to the reference-server binary")

        /** `planJson`/`policyJson` replace the demo plan/policy (fixtures/plans/demo.json, fixtures/policies/default.json). */
        fun start(
            codes: Int = 3,
            dataDir: File = Files.createTempDirectory("checkin-server").toFile(),
            listen: String? = null,
            planJson: String? = null,
            policyJson: String? = null,
        ): ReferenceServer {
            val command = mutableListOf(binary, "--data-dir", dataDir.path, "--codes", codes.toString())
            if (listen != null) command += listOf("--listen", listen)
            if (planJson != null) command += listOf("--plan", jsonFile("plan", planJson).path)
            if (policyJson != null) command += listOf("--policy", jsonFile("policy", policyJson).path)
            val process = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start()
            val line = process.inputStream.bufferedReader().readLine()
                ?: error("reference-server exited without its start line (exit ${process.waitFor()})")
            val baseUrl = Regex("\"base_url\"\\s*:\\s*\"([^\"]+)\"").find(line)?.groupValues?.get(1)
                ?: error("no base_url in $line")
            val codeList = Regex("\"codes\"\\s*:\\s*\\[([^\\]]*)\\]").find(line)?.groupValues?.get(1)
                ?.split(',')?.map { it.trim().trim('"') }?.filter { it.isNotEmpty() } ?: emptyList()
            return ReferenceServer(process, dataDir, baseUrl, codeList)
        }

        private fun jsonFile(prefix: String, json: String): File =
            File.createTempFile(prefix, ".json").apply { writeText(json); deleteOnExit() }
    }
}
