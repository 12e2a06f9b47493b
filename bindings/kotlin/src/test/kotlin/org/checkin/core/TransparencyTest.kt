// The participant-facing transparency APIs from Kotlin against the reference
// server under the demo policy (coarse location, 1 km grid): a check-in with
// a location, the ledger export and summary, "what this program collects" in
// English and Spanish, consent, the proof of compliance for the check-in's
// window, the offline code, connectivity, and their errors.
package org.checkin.core

import kotlinx.coroutines.runBlocking
import org.checkin.core.support.cameraJpeg
import org.checkin.core.support.openClient
import org.checkin.embedding.checkInWithLocation
import org.checkin.embedding.ensureConsent
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.security.MessageDigest
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.UUID
import kotlin.math.abs

/** A daily window (UTC) that opened ten minutes ago; the schedule began three days ago. */
fun openWindowPlan(): String {
    val start = LocalDateTime.now(ZoneOffset.UTC).minusDays(3).minusMinutes(10)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"))
    return """{"format": 1, "plan_id": "transparency", "revision": 1, "zone": "Etc/UTC", "language": "en",
        "schedules": [{"id": "daily", "start": "$start", "rrule": "FREQ=DAILY", "window_minutes": 60, "late_minutes": 60}]}"""
}

fun sha256Hex(text: String): String =
    MessageDigest.getInstance("SHA-256").digest(text.toByteArray()).joinToString("") { "%02x".format(it) }

/** The phone's exact fix (the demo's): the demo policy keeps only its 1 km cell. */
fun exactFix(at: Instant = Instant.now()) =
    LocationFix(lat = 40.748441, lon = -73.985664, accuracyM = 12.0, fixTime = at, provider = "fused", mock = false)

val OFFLINE_CODE = Regex("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")

class TransparencyTest : ServerFixture(planJson = ::openWindowPlan) {
    @Test
    fun `location, ledger export and summary, statement, consent, compliance and offline code`() = runBlocking<Unit> {
        openClient().use { client ->
            client.enroll(server.baseUrl, freshCode())

            // What this program collects, before anything is captured.
            assertTrue(client.consentNeeded())
            assertEquals(emptyList<Consent>(), client.consents())
            val en = client.collectionStatement("en")
            val es = client.collectionStatement("es")
            assertEquals(client.policy().version, en.policyVersion)
            assertEquals("en", en.language)
            assertEquals("es", es.language)
            assertNotEquals(en.text, es.text)
            for (statement in listOf(en, es)) {
                assertEquals(listOf("photo", "voice", "location"), statement.collects)
                assertEquals(LocationMode.COARSE, statement.locationMode)
                assertEquals(1000u, statement.coarseGridM)
                assertTrue(statement.text.contains("1000 m"), statement.text)
                assertEquals(sha256Hex(statement.text), statement.textSha256Hex)
            }
            val consent = client.recordConsent(es.policyVersion, "es")
            assertEquals(es.policyVersion, consent.policyVersion)
            assertEquals(es.textSha256Hex, consent.textSha256Hex)
            assertFalse(client.consentNeeded())
            assertEquals(listOf(consent), client.consents())

            // A check-in for the open window, with a photo and the exact fix.
            val due = client.due() ?: error("no window")
            assertEquals(WindowState.OPEN, due.state)
            val checkinId = client.startCheckin(due.window.id)
            assertFalse(client.attachPhoto(checkinId, cameraJpeg()).blocking)
            val fix = exactFix()
            val kept = client.attachLocation(checkinId, fix)
            if (kept !is SentLocation.Coarse) error("the demo policy keeps a coarse cell, got $kept")
            assertEquals(1000u, kept.gridM)
            assertNotEquals(fix.lat, kept.lat)
            assertTrue(abs(kept.lat - fix.lat) <= 1000 / 111_320.0, "cell centre ${kept.lat} too far from ${fix.lat}")
            assertTrue(abs(kept.lon - fix.lon) <= 0.02, "cell centre ${kept.lon} too far from ${fix.lon}")
            assertEquals(fix.fixTime.toEpochMilli(), kept.fixTime.toEpochMilli())
            assertEquals("fused", kept.provider)
            assertFalse(kept.mock || kept.stale || kept.inaccurate, "flags of $kept")
            val summary = client.submit(checkinId)
            val sentJson = summary.locationJson ?: error("no location sent")
            assertTrue(sentJson.contains("\"coarse\""), sentJson)
            assertFalse(sentJson.contains("40.748441") || sentJson.contains("73.985664"), "exact fix sent: $sentJson")

            // Offline: nothing is tried; the window shows as taken, not yet sent.
            assertEquals(Connectivity.ONLINE, client.connectivity())
            client.setConnectivity(Connectivity.OFFLINE)
            assertEquals(Connectivity.OFFLINE, client.connectivity())
            val offline = client.sync(10u, null, null)
            assertEquals(0u, offline.delivered)
            assertEquals(1u, offline.remaining)
            val window = due.window
            val pending = client.complianceReport(window.opens, window.closes).single()
            assertEquals(ComplianceStatus.NotYetSent(checkinId, late = false), pending.status)

            // Offline code: ten Crockford base32 characters, stable.
            val code = client.offlineCode(checkinId) ?: error("no code for a submitted check-in")
            assertTrue(OFFLINE_CODE.matches(code), code)
            assertEquals(code, client.offlineCode(checkinId))
            assertNull(client.offlineCode(UUID.randomUUID().toString()))

            // Back on a metered network: delivered at once.
            client.setConnectivity(Connectivity.METERED)
            assertEquals(1u, client.sync(30u, null, null).delivered)
            val receipt = client.outbox().single().receipt ?: error("delivered without a receipt")

            // Proof of compliance for the check-in's window.
            val report = client.complianceReport(window.opens, window.closes)
            assertEquals(1, report.size, "$report")
            val line = report.single()
            assertEquals(window.id, line.windowId)
            assertEquals(window.opens, line.opens)
            assertEquals(window.closes, line.closes)
            val status = line.status
            if (status !is ComplianceStatus.Delivered) error("window not satisfied: $status")
            assertEquals(checkinId, status.checkinId)
            assertFalse(status.late)
            assertEquals(receipt, status.receipt)
            // The three earlier days were missed.
            val month = client.complianceReport(window.opens.minusSeconds(4 * 86_400L), window.closes)
            assertEquals(4, month.size, "$month")
            assertEquals(List(3) { ComplianceStatus.NotTaken(WindowState.MISSED) }, month.take(3).map { it.status })

            // The ledger export: every entry, the check-in and its receipt.
            val ledger = client.ledger()
            val export = client.exportLedgerJson()
            assertTrue(Regex("\"format\"\\s*:\\s*\"checkin-ledger/2\"").containsMatchIn(export), export.take(200))
            assertEquals(ledger.size, Regex("\"bytes_b64\"").findAll(export).count())
            assertTrue(export.contains(checkinId) && export.contains(receipt.signatureB64))
            assertTrue(ledger.any { it.event == LedgerEvent.ConsentRecorded(consent.policyVersion, "es", consent.textSha256Hex) })

            // The readable summary, in both languages.
            val summaryEn = client.ledgerSummary("en")
            val summaryEs = client.ledgerSummary("es")
            assertTrue(summaryEn.contains("the hash chain is intact"), summaryEn)
            assertTrue(summaryEn.contains("(1000 m grid)"), summaryEn)
            assertTrue(summaryEs.contains("cadena de hashes está intacta"), summaryEs)
            for (text in listOf(summaryEn, summaryEs)) {
                assertTrue(text.contains(checkinId) && text.contains(summary.envelopeSha256Hex), text)
            }
        }
    }

    @Test
    fun `refusals cross the boundary as typed exceptions and change nothing`() = runBlocking<Unit> {
        openClient().use { client ->
            assertThrows<CheckinException.NotEnrolled> { client.exportLedgerJson() }
            client.enroll(server.baseUrl, freshCode())
            val checkinId = client.startCheckin(null)
            val nan = assertThrows<CheckinException.InvalidLocation> { client.attachLocation(checkinId, exactFix().copy(lat = Double.NaN)) }
            assertEquals("the location fix is not a valid position", nan.message)
            assertThrows<CheckinException.InvalidLocation> { client.attachLocation(checkinId, exactFix().copy(lon = 181.0)) }
            assertThrows<CheckinException.InvalidLocation> { client.attachLocation(checkinId, exactFix().copy(accuracyM = -1.0)) }
            assertThrows<CheckinException.CheckinNotFound> { client.attachLocation(UUID.randomUUID().toString(), exactFix()) }
            assertThrows<CheckinException.InvalidInput> { client.attachLocation("not-an-id", exactFix()) }
            assertThrows<CheckinException.InvalidInput> { client.offlineCode("not-an-id") }
            // The refused fixes left the check-in without a location.
            client.attachPhoto(checkinId, cameraJpeg())
            assertNull(client.submit(checkinId).locationJson)

            val current = client.policy().version
            val stale = assertThrows<CheckinException.ConsentNotCurrent> { client.recordConsent(current + 1u, "en") }
            assertTrue(stale.message!!.contains("${current + 1u}"), stale.message)
            assertTrue(client.consentNeeded())
            assertEquals(emptyList<Consent>(), client.consents())
        }
    }

    @Test
    fun `a policy without location refuses a fix`() = runBlocking<Unit> {
        val policy = """{"version": 4, "evidence": {"photo": "required", "location": "none"}}"""
        org.checkin.core.support.ReferenceServer.start(codes = 1, policyJson = policy).use { own ->
            openClient().use { client ->
                client.enroll(own.baseUrl, own.codes[0])
                assertEquals(LocationMode.NONE, client.collectionStatement("en").locationMode)
                val checkinId = client.startCheckin(null)
                assertThrows<CheckinException.LocationNotCollected> { client.attachLocation(checkinId, exactFix()) }
            }
        }
    }

    @Test
    fun `the README transparency snippets record consent and check in with a location`() = runBlocking<Unit> {
        openClient().use { client ->
            client.enroll(server.baseUrl, freshCode())
            val shown = mutableListOf<String>()
            assertFalse(ensureConsent(client, "es") { shown += it; false })
            assertTrue(client.consentNeeded())
            assertTrue(ensureConsent(client, "es") { shown += it; true })
            assertFalse(client.consentNeeded())
            assertTrue(ensureConsent(client, "es") { error("asked again after consenting") })
            assertEquals(2, shown.size)
            assertEquals(client.collectionStatement("es").textSha256Hex, client.consents().single().textSha256Hex)

            val photo = File.createTempFile("camera", ".jpg").apply { writeBytes(cameraJpeg(seed = 5)); deleteOnExit() }
            val kept = checkInWithLocation(client, photo, exactFix())
            assertTrue(kept is SentLocation.Coarse, "$kept")
            assertNotNull(client.outbox().single().summary.locationJson)
        }
    }
}
