// The export provider serves the core's export folder and nothing else: a
// file in it is read (name, size, type); a path out of it (`..`, encoded
// or not), a sub-folder, a link that points out, another authority, a
// write: refused with FileNotFoundException, never a crash, never a byte.
package org.checkin.shell.platform

import android.net.Uri
import android.provider.OpenableColumns
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Before
import org.junit.Test
import org.robolectric.Robolectric
import java.io.File
import java.io.FileNotFoundException
import java.nio.file.Files

class ExportProviderTest : ShellFixture() {
    private lateinit var folder: File
    private lateinit var proof: File
    private lateinit var secret: File

    @Before
    fun files() {
        Robolectric.setupContentProvider(ExportProvider::class.java, ExportProvider.AUTHORITY)
        folder = ExportProvider.folder(app).apply { mkdirs() }
        proof = File(folder, "checkin-proof-20261204-0900.txt").apply { writeText("the participant's proof") }
        // The core's store sits beside the export folder.
        secret = File(folder.parentFile, "checkin.db").apply { writeText("sealed store") }
        File(folder, "sub").mkdirs()
        File(folder, "sub/inner.txt").writeText("not shared")
    }

    private fun uri(path: String) = Uri.parse("content://${ExportProvider.AUTHORITY}/$path")

    private fun refused(uri: Uri) {
        try {
            app.contentResolver.openInputStream(uri)!!.close()
            fail("$uri was served")
        } catch (e: FileNotFoundException) {
            // Refused, as it must be.
        }
        assertNull(app.contentResolver.query(uri, null, null, null, null))
    }

    @Test
    fun `a file in the export folder is served read-only with its name, size and type`() {
        val uri = ExportProvider.uriFor(app, proof.path)!!
        assertEquals(uri("checkin-proof-20261204-0900.txt"), uri)
        assertEquals("the participant's proof", app.contentResolver.openInputStream(uri)!!.use { it.reader().readText() })
        assertEquals("text/plain", app.contentResolver.getType(uri))
        app.contentResolver.query(uri, arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE), null, null, null)!!.use {
            it.moveToFirst()
            assertEquals(proof.name, it.getString(0))
            assertEquals(proof.length(), it.getLong(1))
        }
        try {
            app.contentResolver.openOutputStream(uri)!!.close()
            fail("written to")
        } catch (e: FileNotFoundException) {
            // Read-only.
        }
        assertEquals(0, app.contentResolver.delete(uri, null, null))
        assertTrue(proof.exists())
    }

    @Test
    fun `a path outside the export folder is refused, however it is written`() {
        refused(uri("..%2Fcheckin.db"))
        refused(Uri.Builder().scheme("content").authority(ExportProvider.AUTHORITY).appendPath("..").appendPath("checkin.db").build())
        refused(uri("sub/inner.txt"))
        refused(uri("sub"))
        refused(uri("missing.txt"))
        refused(uri(""))
        val link = File(folder, "link.txt").toPath()
        Files.createSymbolicLink(link, secret.toPath())
        refused(uri("link.txt"))
        assertNull("another authority", ExportProvider.resolve(folder, Uri.parse("content://elsewhere/${proof.name}")))
        assertNull("the core's store is never offered", ExportProvider.uriFor(app, secret.path))
        assertNull(ExportProvider.uriFor(app, File(folder, "sub/inner.txt").path))
        assertNull(ExportProvider.uriFor(app, File(folder, "../checkin.db").path))
    }
}
