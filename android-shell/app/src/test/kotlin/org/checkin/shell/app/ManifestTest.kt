// The manifest as the APK will carry it (the app's, merged with the
// libraries' manifests): no background location and no storage access,
// ever; no backups; every component it names exists and is of the right
// kind; the managed-configuration keys are the ones the code reads.
package org.checkin.shell.app

import android.app.Activity
import android.app.Application
import android.app.admin.DeviceAdminReceiver
import android.app.job.JobService
import android.content.ContentProvider
import android.content.BroadcastReceiver
import org.checkin.shell.issued.ManagedConfiguration
import org.checkin.shell.platform.ExportProvider
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.w3c.dom.Document
import org.w3c.dom.Element
import java.io.File
import java.util.zip.ZipFile
import javax.xml.parsers.DocumentBuilderFactory

class ManifestTest {
    private val manifestFile = File(System.getProperty("checkin.manifest") ?: error("set -Dcheckin.manifest"))
    private val resDir = File(System.getProperty("checkin.res.dir") ?: error("set -Dcheckin.res.dir"))

    /** The app's manifest and every library manifest merged into it, as text. */
    private fun mergedManifests(): List<String> {
        val libraries = (System.getProperty("checkin.library.aars") ?: "").split(File.pathSeparatorChar).filter { it.isNotBlank() }
        val fromLibraries = libraries.map { path ->
            ZipFile(path).use { zip -> zip.getInputStream(zip.getEntry("AndroidManifest.xml")).reader().readText() }
        }
        assertTrue("JNA's manifest is checked too", fromLibraries.isNotEmpty())
        return listOf(manifestFile.readText()) + fromLibraries
    }

    @Test
    fun `no background location and no storage permission, in the app or a library`() {
        for (manifest in mergedManifests()) {
            val refused = ManifestRules.forbiddenPermissions(manifest)
            assertTrue("forbidden permissions: $refused", refused.isEmpty())
        }
        val asked = ManifestRules.permissions(manifestFile.readText())
        assertTrue("location is asked in the foreground only", "android.permission.ACCESS_FINE_LOCATION" in asked)
    }

    @Test
    fun `the rule itself catches what it must`() {
        val bad = """<manifest xmlns:android="http://schemas.android.com/apk/res/android">
            <uses-permission android:name="android.permission.ACCESS_BACKGROUND_LOCATION"/>
            <uses-permission android:name="android.permission.READ_EXTERNAL_STORAGE" android:maxSdkVersion="32"/>
            <uses-permission-sdk-23 android:name="android.permission.WRITE_EXTERNAL_STORAGE"/>
            <uses-permission android:name="android.permission.READ_MEDIA_IMAGES"/>
            <uses-permission android:name="android.permission.MANAGE_EXTERNAL_STORAGE"/>
            <uses-permission android:name="android.permission.CAMERA"/>
        </manifest>"""
        assertEquals(5, ManifestRules.forbiddenPermissions(bad).size)
    }

    @Test
    fun `no backups, and the rules exclude every domain`() {
        val application = parse(manifestFile).getElementsByTagName("application").item(0) as Element
        assertEquals("false", application.android("allowBackup"))
        assertEquals("layouts mirror for right-to-left languages", "true", application.android("supportsRtl"))
        for (rules in listOf(application.android("fullBackupContent"), application.android("dataExtractionRules"))) {
            val file = File(resDir, rules.removePrefix("@") + ".xml")
            val excluded = parse(file).getElementsByTagName("exclude")
            val domains = (0 until excluded.length).map { (excluded.item(it) as Element).getAttribute("domain") }
            assertTrue("$rules excludes $domains", domains.containsAll(listOf("root", "file", "database", "sharedpref", "external")))
            assertEquals("$rules includes nothing", 0, parse(file).getElementsByTagName("include").length)
        }
        // Gradle (AGP 8) refuses a package or SDK levels in the source manifest: they are build settings.
        assertEquals(0, parse(manifestFile).getElementsByTagName("uses-sdk").length)
        assertEquals("", parse(manifestFile).documentElement.getAttribute("package"))
    }

    @Test
    fun `every component the manifest names exists and is of its kind`() {
        val doc = parse(manifestFile)
        val expected = mapOf(
            "application" to Application::class.java,
            "activity" to Activity::class.java,
            "service" to JobService::class.java,
            "receiver" to BroadcastReceiver::class.java,
            "provider" to ContentProvider::class.java,
        )
        var checked = 0
        for ((tag, kind) in expected) {
            val nodes = doc.getElementsByTagName(tag)
            for (i in 0 until nodes.length) {
                val name = (nodes.item(i) as Element).android("name")
                assertTrue("$name is a ${kind.simpleName}", kind.isAssignableFrom(Class.forName(name)))
                checked++
            }
        }
        assertEquals("application, 2 activities, 1 service, 3 receivers, 1 provider", 8, checked)
        assertTrue(DeviceAdminReceiver::class.java.isAssignableFrom(Class.forName("org.checkin.shell.issued.IssuedDeviceAdmin")))
    }

    @Test
    fun `the export provider is private, read through a grant only, under the authority the code uses`() {
        val provider = parse(manifestFile).getElementsByTagName("provider").item(0) as Element
        assertEquals(ExportProvider::class.java.name, provider.android("name"))
        assertEquals("false", provider.android("exported"))
        assertEquals("true", provider.android("grantUriPermissions"))
        assertEquals(ExportProvider.AUTHORITY, provider.android("authorities"))
        assertEquals("no write or path permissions that could widen it", 0, provider.childNodes.let { nodes ->
            (0 until nodes.length).count { nodes.item(it) is Element }
        })
    }

    @Test
    fun `the app's own strings exist in every language of the participants, and nowhere else`() {
        val languages = resDir.listFiles()!!.filter { it.name.startsWith("values") && File(it, "strings.xml").exists() }.map { it.name }.toSet()
        assertEquals(setOf("values", "values-es", "values-pt-rBR", "values-ht", "values-fr"), languages)
        fun names(dir: String): Map<String, String> {
            val strings = parse(File(resDir, "$dir/strings.xml")).getElementsByTagName("string")
            return (0 until strings.length).associate { (strings.item(it) as Element).let { s -> s.getAttribute("name") to s.textContent.trim() } }
        }
        val english = names("values")
        for (language in languages - "values") {
            val translated = names(language)
            assertEquals("$language has every string", english.keys, translated.keys)
            assertTrue("$language has no empty string", translated.values.none { it.isEmpty() })
        }
        // Restriction titles are resources, so the console shows them in the administrator's language.
        val titles = parse(File(resDir, "xml/app_restrictions.xml")).getElementsByTagName("restriction")
        for (i in 0 until titles.length) assertTrue((titles.item(i) as Element).android("title").startsWith("@string/"))
    }

    @Test
    fun `the managed configuration's keys are the ones the code reads`() {
        val restrictions = parse(File(resDir, "xml/app_restrictions.xml")).getElementsByTagName("restriction")
        val keys = (0 until restrictions.length).map { (restrictions.item(it) as Element).android("key") }.toSet()
        assertEquals(
            setOf(
                ManagedConfiguration.KEY_SERVER_URL, ManagedConfiguration.KEY_ENROLLMENT_CODE, ManagedConfiguration.KEY_TLS_PINS,
                ManagedConfiguration.KEY_LANGUAGE, ManagedConfiguration.KEY_KIOSK,
            ),
            keys,
        )
    }

    private fun parse(file: File): Document =
        DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }.newDocumentBuilder().parse(file)

    private fun Element.android(name: String): String = getAttributeNS(ANDROID_NS, name)

    companion object {
        const val ANDROID_NS = "http://schemas.android.com/apk/res/android"
    }
}

/** What no manifest of this app may ask for. */
object ManifestRules {
    private val FORBIDDEN = listOf(
        Regex("android\\.permission\\.ACCESS_BACKGROUND_LOCATION"),
        Regex("android\\.permission\\.(READ|WRITE|MANAGE)_EXTERNAL_STORAGE"),
        Regex("android\\.permission\\.READ_MEDIA_.*"),
        Regex("android\\.permission\\.ACCESS_MEDIA_LOCATION"),
    )

    /** Every permission a manifest asks for (`uses-permission` and `uses-permission-sdk-23`). */
    fun permissions(manifest: String): List<String> {
        val doc = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
            .newDocumentBuilder().parse(manifest.byteInputStream())
        return listOf("uses-permission", "uses-permission-sdk-23").flatMap { tag ->
            val nodes = doc.getElementsByTagName(tag)
            (0 until nodes.length).map { (nodes.item(it) as Element).getAttributeNS(ManifestTest.ANDROID_NS, "name") }
        }
    }

    fun forbiddenPermissions(manifest: String): List<String> =
        permissions(manifest).filter { name -> FORBIDDEN.any { it.matches(name) } }
}
