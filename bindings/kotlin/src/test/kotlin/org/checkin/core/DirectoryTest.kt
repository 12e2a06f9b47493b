// Community services and the case from Kotlin (docs/directory.md): the
// program publishes a directory and a case document (files in the
// reference server's data dir), a sync brings them, and the app searches,
// reads, saves and shows them with no network; the screens' loop asks for
// one location fix only when the participant chooses "where I am".
package org.checkin.core

import kotlinx.coroutines.runBlocking
import org.checkin.core.support.memoryKeyStore
import org.checkin.core.support.tempDir
import org.checkin.model.ActionKind
import org.checkin.model.CaptureResult
import org.checkin.model.DirectoryQuery
import org.checkin.model.Effect
import org.checkin.model.FieldValue
import org.checkin.model.Point
import org.checkin.model.Route
import org.checkin.model.Screen
import org.checkin.model.ShellContext
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** A small directory: a clinic in Miami (Spanish name), a pantry in Chicago, translations. */
const val DIRECTORY_JSON = """{"format": 1, "revision": 3, "hsds_version": "3.0", "language": "en", "zone": "America/New_York",
  "organizations": [{"id": "org", "name": "Neighbors United"}],
  "taxonomy_terms": [{"id": "t-health", "name": "Health clinic"}, {"id": "t-food", "name": "Food"}],
  "locations": [
    {"id": "l-miami", "name": "Allapattah", "latitude": 25.8150, "longitude": -80.2230,
     "addresses": [{"address_1": "1200 NW 20th St", "city": "Miami", "state_province": "FL", "postal_code": "33142", "country": "US"}]},
    {"id": "l-chicago", "name": "Pilsen", "latitude": 41.8558, "longitude": -87.6564, "time_zone": "America/Chicago",
     "addresses": [{"address_1": "1800 S Blue Island Ave", "city": "Chicago", "state_province": "IL", "postal_code": "60608", "country": "US"}]}],
  "services": [
    {"id": "svc-clinic", "organization_id": "org", "name": "Centro Médico Allapattah", "status": "active",
     "description": "Medical visits on a sliding scale.", "phones": [{"number": "+1 305 555 0111"}],
     "languages": [{"code": "es"}], "attributes": [{"taxonomy_term_id": "t-health"}],
     "service_at_locations": [{"location_id": "l-miami"}],
     "schedules": [{"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "00:00"}]},
    {"id": "svc-pantry", "organization_id": "org", "name": "Pilsen Food Pantry", "status": "active",
     "phones": [{"number": "+1 312 555 0123"}], "attributes": [{"taxonomy_term_id": "t-food"}],
     "service_at_locations": [{"location_id": "l-chicago"}]}],
  "translations": {"es": {"t-food": {"name": "Comida"}, "svc-pantry": {"name": "Despensa de Pilsen"}}}}"""

const val CASE_JSON = """{"format": 1, "revision": 1, "language": "en", "case_number": "A-204-118-993",
  "officer": {"name": "Dana Ruiz", "phone": "+1 305 555 0142", "contact_hours": {"en": "Weekdays, 9 to 4", "es": "Días de semana, de 9 a 16"}},
  "conditions": [{"id": "curfew", "text": {"en": "Be home by 10 PM.", "es": "Esté en casa antes de las 22:00."}}]}"""

class DirectoryTest : ServerFixture(codes = 4) {
    private val context = ShellContext(permissions = emptyList(), managed = null)

    private fun publish() {
        File(server.dataDir, "directory.json").writeText(DIRECTORY_JSON)
        File(server.dataDir, "case.json").writeText(CASE_JSON)
    }

    private suspend fun enrolled(locale: String): CheckinClient {
        val client = CheckinClient.open(ClientConfig(dataDir = tempDir().path, locale = locale, platform = "android"), memoryKeyStore())
        client.enroll(server.baseUrl, freshCode())
        client.recordConsent(client.policy().version, locale)
        return client
    }

    private fun query(text: String = "", near: Point? = null) =
        DirectoryQuery(text = text, categoryId = null, language = null, openNow = false, near = near, limit = 0u)

    @Test
    fun `a sync brings the directory and the case, then search, details, saved and case need no network`() = runBlocking<Unit> {
        publish()
        enrolled("es").use { client ->
            assertNull(client.directoryOverview(), "nothing before the sync")
            val report = client.sync(maxSeconds = 30u, listener = null, cancellation = null)
            assertTrue(report.directoryUpdated && report.caseUpdated, "$report")
            val overview = requireNotNull(client.directoryOverview())
            assertEquals(3uL, overview.revision)
            assertTrue(overview.categories.any { it.label == "Comida" }, "${overview.categories}")

            // Accents and case folded, prefixes, several words.
            val medico = client.searchDirectory(query("medico"))
            assertEquals(listOf("svc-clinic"), medico.services.map { it.serviceId })
            assertEquals(medico, client.searchDirectory(query("MÉDICO")))
            assertEquals(1u, client.searchDirectory(query("cent alla")).total)
            assertEquals(0u, client.searchDirectory(query("centro pilsen")).total)
            // Query syntax is just characters.
            assertEquals(client.searchDirectory(query("food or")), client.searchDirectory(query("\"food OR *")))
            // In the participant's language: the program's translation.
            val pantry = client.searchDirectory(query("despensa")).services.single()
            assertEquals("Despensa de Pilsen", pantry.name)
            // Nearest first from a point the participant chose.
            val chicago = Point(latitude = 41.88, longitude = -87.63)
            val near = client.searchDirectory(query(near = chicago)).services
            assertEquals(listOf("svc-pantry", "svc-clinic"), near.map { it.serviceId })
            assertTrue(near[0].distanceM!! < near[1].distanceM!!)

            val details = requireNotNull(client.directoryService("svc-clinic", chicago))
            assertEquals(true, details.summary.openNow)
            assertEquals("+1 305 555 0111", details.phones.single().number)
            assertNull(client.directoryService("no-such", null))

            client.saveService("svc-pantry")
            assertEquals(listOf("svc-pantry"), client.savedServices().map { it.serviceId })
            client.unsaveService("svc-pantry")
            assertTrue(client.savedServices().isEmpty())
            assertThrows<CheckinException.InvalidInput> { client.saveService("no-such") }
            assertThrows<CheckinException.InvalidInput> { client.searchDirectory(query("x".repeat(1001))) }

            val case = requireNotNull(client.caseInfo())
            assertEquals("•-•••-•••-993", case.caseNumberMasked)
            assertEquals("Esté en casa antes de las 22:00.", case.conditions.single())
            assertEquals("Días de semana, de 9 a 16", case.officer?.contactHours)

            val ledger = client.ledger().map { it.event }
            assertTrue(ledger.any { it is LedgerEvent.DirectoryReceived && it.revision == 3uL && it.services == 2u }, "$ledger")
            assertTrue(ledger.any { it is LedgerEvent.CaseReceived && it.revision == 1uL })
        }
    }

    @Test
    fun `the screens search, ask for one location fix, save and reveal the case number`() = runBlocking<Unit> {
        publish()
        enrolled("en").use { client ->
            client.sync(maxSeconds = 30u, listener = null, cancellation = null)
            val home = client.screen(Route.Home, context)
            assertTrue(home.actions.any { it.id == "home.open-directory" })
            val typed = listOf(FieldValue("query", "food"))
            val found = client.perform(Route.Directory, ActionKind.SearchDirectory, typed, context)
            assertEquals(Route.Directory, found.route)
            assertTrue(found.secure, "searches are personal")
            val here = client.perform(Route.Directory, ActionKind.SetSearchFilter("near", "here"), typed, context)
            assertEquals(Effect.LocateForSearch, here.effect)
            val located = client.deliverCapture(
                Route.Directory,
                CaptureResult.Location(checkinId = "", latitude = 41.86, longitude = -87.65, accuracyM = 25.0,
                    takenAtMs = System.currentTimeMillis(), provider = "fused", mock = false),
                context,
            )
            assertEquals(Route.Directory, located.route)
            val open = Route.Service("svc-pantry")
            val saved = client.perform(open, ActionKind.SaveService("svc-pantry"), emptyList(), context)
            assertTrue(saved.actions.any { it.id == "directory.unsave" })
            val dial = client.perform(open, ActionKind.Dial("+1 312 555 0123"), emptyList(), context)
            assertEquals(Effect.Dial("+13125550123"), dial.effect)

            val masked = client.screen(Route.Case, context)
            val shown = client.perform(Route.Case, ActionKind.RevealCaseNumber, emptyList(), context)
            fun Screen.caseNumber() = blocks.filterIsInstance<org.checkin.model.Block.Facts>()
                .flatMap { it.rows }.first { it.label == "Case number" }.value
            assertEquals("•-•••-•••-993", masked.caseNumber())
            assertEquals("A-204-118-993", shown.caseNumber())
            assertFalse(client.screen(Route.Case, context).caseNumber().contains("204"))
        }
    }
}
