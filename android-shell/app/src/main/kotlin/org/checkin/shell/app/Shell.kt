// One per process: the core client and the services around it. Opened
// lazily (a receiver or job may start the process; the key store is asked
// on the first use, off the main thread), kept for the process's life.
//
// The core client's data lives in `noBackupFilesDir/checkin`: private to
// the app, never in a cloud backup or a device transfer (the manifest
// refuses backups too), and unreadable without the Keystore key anyway.
package org.checkin.shell.app

import android.content.Context
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import org.checkin.core.CheckinClient
import org.checkin.core.CheckinException
import org.checkin.core.ClientConfig
import org.checkin.core.Connectivity
import org.checkin.core.Opening
import org.checkin.core.openForScreens
import org.checkin.model.Unavailable
import org.checkin.shell.background.ArmedReminders
import org.checkin.shell.background.ReconcileReport
import org.checkin.shell.background.Reminders
import org.checkin.shell.background.SyncRunner
import org.checkin.shell.issued.ManagedConfiguration
import org.checkin.shell.platform.CodeScanner
import org.checkin.shell.platform.JobSyncScheduler
import org.checkin.shell.platform.Locator
import org.checkin.shell.platform.PhotoCapture
import org.checkin.shell.platform.PlatformKeyStore
import org.checkin.shell.platform.VoiceRecorder
import java.io.File
import java.util.Locale

/** What the Application is to components: receivers and jobs find the shell through it. */
interface ShellHost {
    val shell: Shell
}

class Shell(private val context: Context, val platform: Platform) : AutoCloseable {
    /** Background work that outlives a screen (connectivity, re-arming). */
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
    val reminders = Reminders(platform.alarms, platform.notices, ArmedReminders(context))
    val sync = SyncRunner(this)
    val locator: Locator get() = platform.locator

    @Volatile private var opened: CheckinClient? = null
    @Volatile private var lastConnectivity: Connectivity? = null

    /** The managed configuration now (empty on a participant's own phone). */
    fun managedConfig(): ManagedConfiguration = platform.managedConfig.read()

    /** The core client, opened on first use. Throws the core's error (e.g. `KeyStore`) if it cannot open. */
    @Synchronized
    fun client(): CheckinClient = opened ?: open(afterKeyLoss = false)

    /**
     * Why the client did not open when last asked, with the core's screen
     * saying what to do (docs/screens.md, "When the client cannot open");
     * null once it is open.
     */
    @Volatile var cannotOpen: Opening.CannotOpen? = null
        private set

    /**
     * The participant answered the cannot-open screen: open again, and
     * after a lost platform key keep the check-ins still waiting for the
     * next enrollment (the rest, which the lost key sealed, is deleted).
     * Only the participant's tap does this, never background work.
     */
    @Synchronized
    fun openAgain(): CheckinClient = opened ?: open(afterKeyLoss = cannotOpen?.reason == Unavailable.KEY_LOST)

    private fun open(afterKeyLoss: Boolean): CheckinClient {
        val dir = File(context.noBackupFilesDir, DATA_DIR).apply { mkdirs() }
        // The program's choice on an issued phone, else the phone's language (its per-app
        // language on Android 13+). The participant's own choice in Settings, kept by the
        // core, comes before either.
        val locale = managedConfig().language ?: phoneLanguage()
        val config = ClientConfig(dataDir = dir.path, locale = locale, platform = "android")
        val opening = try {
            openForScreens(config, PlatformKeyStore(platform.keySource), afterKeyLoss)
        } catch (e: LinkageError) {
            // A build without the core's native library (e.g. scripts/shells/build-apk.sh, no NDK):
            // a typed error every caller already handles, not a crash.
            throw CheckinException.Internal("the core's native library is not in this build")
        }
        return when (opening) {
            is Opening.Opened -> opening.client.also {
                cannotOpen = null
                opened = it
            }
            is Opening.CannotOpen -> {
                cannotOpen = opening
                throw when (opening.reason) {
                    Unavailable.LOCKED, Unavailable.KEY_LOST -> CheckinException.KeyStore(opening.detail)
                    Unavailable.STORAGE_FULL -> CheckinException.StorageFull(opening.detail)
                    Unavailable.UNEXPECTED -> CheckinException.Storage(opening.detail)
                }
            }
        }
    }

    private fun phoneLanguage(): String =
        context.resources.configuration.locales.get(0)?.toLanguageTag() ?: Locale.getDefault().toLanguageTag()

    /** A new photo capture on the phone's camera (one per capture screen). */
    fun photoCapture() = PhotoCapture(platform.camera())

    /** A new voice recorder (one per recording screen). */
    fun voiceRecorder() = VoiceRecorder(platform.microphone)

    /** A new QR code reader (one per scan). */
    fun codeScanner() = CodeScanner(platform.scanCamera())

    /**
     * Names the notification channels in the participant's language (the
     * core's words); when the app opens and when the language changes.
     * Returns false when the store cannot open (the names stay as they were).
     */
    fun nameNotificationChannels(): Boolean = try {
        platform.notices.nameChannels(client().notificationChannels())
        true
    } catch (e: CheckinException) {
        false
    }

    /** Starts what runs while the process lives: the connectivity watch. */
    fun start() {
        scope.launch { onConnectivity(platform.connectivity.current()) }
        platform.connectivity.start { state -> scope.launch { onConnectivity(state) } }
    }

    /** Tells the core what the network is; a network coming back runs a sync as soon as the OS lets it. */
    fun onConnectivity(state: Connectivity) {
        val previous = lastConnectivity
        lastConnectivity = state
        try {
            client().setConnectivity(state)
        } catch (e: CheckinException) {
            return // The store cannot open now; the next start tries again.
        }
        if (state != Connectivity.OFFLINE && previous != state) platform.syncScheduler.scheduleIn(0)
    }

    /** Arms the core's reminders and cancels the ones it dropped. */
    fun refreshReminders(): ReconcileReport =
        reminders.reconcile(client().notifications(Reminders.MAX_ARMED.toUInt()), System.currentTimeMillis())

    /** Schedules the next background sync at the core's next wake-up (true time → a delay from now). */
    fun scheduleNextSync() {
        val client = client()
        val delay = client.nextWakeupMs(Reminders.MAX_ARMED.toUInt())
            ?.let { it - client.correctedNow().toEpochMilli() }
            ?: JobSyncScheduler.IDLE_DELAY_MS
        platform.syncScheduler.scheduleIn(delay.coerceIn(0, JobSyncScheduler.IDLE_DELAY_MS))
    }

    override fun close() {
        platform.connectivity.stop()
        opened?.close()
        opened = null
    }

    companion object {
        const val DATA_DIR = "checkin"

        fun of(context: Context): Shell = (context.applicationContext as ShellHost).shell
    }
}
