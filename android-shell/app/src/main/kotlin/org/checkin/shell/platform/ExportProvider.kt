// The proof export, handed to the OS share sheet: a read-only
// ContentProvider over exactly one folder, the core's export folder
// (`<data dir>/exports`, where core/src/screens/export.rs writes), so the
// participant can send their proof to a lawyer with any app they choose.
// Our own, instead of androidx's FileProvider (no androidx in this app).
//
// Guarantees: serves only regular files directly inside that folder (a
// name with `..` or `/`, encoded or not, a sub-folder, a link that points
// out, another authority: refused with FileNotFoundException, never a
// crash); read-only (no write mode, no insert, update or delete); not
// exported: another app reads a file only through the one-time read grant
// the share intent carries.
package org.checkin.shell.platform

import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.database.Cursor
import android.database.MatrixCursor
import android.net.Uri
import android.os.ParcelFileDescriptor
import android.provider.OpenableColumns
import org.checkin.shell.app.Shell
import java.io.File
import java.io.FileNotFoundException
import java.io.IOException

class ExportProvider : ContentProvider() {
    override fun onCreate(): Boolean = true

    private fun folder(): File = folder(context ?: throw FileNotFoundException("no context"))

    override fun openFile(uri: Uri, mode: String): ParcelFileDescriptor {
        if (mode != "r") throw FileNotFoundException("exports are read-only")
        val file = resolve(folder(), uri) ?: throw FileNotFoundException("not an export")
        return ParcelFileDescriptor.open(file, ParcelFileDescriptor.MODE_READ_ONLY)
    }

    override fun getType(uri: Uri): String? = resolve(folder(), uri)?.let { mimeTypeOf(it.name) }

    /** The name and size share targets show; nothing else about the file. */
    override fun query(uri: Uri, projection: Array<out String>?, selection: String?, args: Array<out String>?, sort: String?): Cursor? {
        val file = resolve(folder(), uri) ?: return null
        val columns = projection?.filter { it in COLUMNS }?.toTypedArray() ?: COLUMNS
        return MatrixCursor(columns, 1).apply {
            addRow(columns.map { if (it == OpenableColumns.DISPLAY_NAME) file.name else file.length() })
        }
    }

    override fun insert(uri: Uri, values: ContentValues?): Uri? = null

    override fun update(uri: Uri, values: ContentValues?, selection: String?, args: Array<out String>?): Int = 0

    override fun delete(uri: Uri, selection: String?, args: Array<out String>?): Int = 0

    companion object {
        /** Declared in the manifest with the same value. */
        const val AUTHORITY = "org.checkin.participant.exports"

        /** The core's export folder inside its data directory (core/src/screens/export.rs, `EXPORT_DIR`). */
        private const val EXPORT_DIR = "exports"

        private val COLUMNS = arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE)

        fun folder(context: Context): File = File(File(context.noBackupFilesDir, Shell.DATA_DIR), EXPORT_DIR)

        /** The URI to share for the core's export at [path]; null for a path outside the export folder. */
        fun uriFor(context: Context, path: String): Uri? {
            val file = inside(folder(context), File(path)) ?: return null
            return Uri.Builder().scheme("content").authority(AUTHORITY).appendPath(file.name).build()
        }

        /** The file [uri] names, if it is one this provider may serve. */
        fun resolve(folder: File, uri: Uri): File? {
            if (uri.scheme != "content" || uri.authority != AUTHORITY) return null
            val name = uri.pathSegments.singleOrNull() ?: return null
            if (name.isEmpty() || name == "." || name == ".." || '/' in name || '\u0000' in name) return null
            return inside(folder, File(folder, name))
        }

        /** [file] if it is a regular file directly inside [folder], links resolved. */
        private fun inside(folder: File, file: File): File? = try {
            val real = file.canonicalFile
            real.takeIf { it.isFile && it.parentFile == folder.canonicalFile }
        } catch (e: IOException) {
            null
        }

        private fun mimeTypeOf(name: String): String =
            if (name.endsWith(".txt")) "text/plain" else "application/octet-stream"
    }
}
