// The seams between the shell and the phone: every platform service the
// shell uses, as the interfaces in platform/ and issued/. `android()` gives
// the real ones; tests build a Platform with fakes at exactly these
// boundaries (a software key, injected camera frames, scanner frames and
// microphone samples) and keep everything else real.
package org.checkin.shell.app

import android.content.Context
import org.checkin.shell.issued.ManagedConfigSource
import org.checkin.shell.issued.RestrictionsManagerConfigSource
import org.checkin.shell.platform.AlarmManagerReminderAlarms
import org.checkin.shell.platform.AndroidKeystoreKeySource
import org.checkin.shell.platform.AudioRecordMicrophone
import org.checkin.shell.platform.Camera2PhotoCamera
import org.checkin.shell.platform.Camera2ScanCamera
import org.checkin.shell.platform.ConnectivityWatch
import org.checkin.shell.platform.JobSyncScheduler
import org.checkin.shell.platform.LocationManagerLocator
import org.checkin.shell.platform.Locator
import org.checkin.shell.platform.Microphone
import org.checkin.shell.platform.NetworkCallbackConnectivity
import org.checkin.shell.platform.NotificationManagerNotices
import org.checkin.shell.platform.PhotoCamera
import org.checkin.shell.platform.ReminderAlarms
import org.checkin.shell.platform.ReminderNotices
import org.checkin.shell.platform.ScanCamera
import org.checkin.shell.platform.SyncScheduler
import org.checkin.shell.platform.WrappingKeySource

class Platform(
    val keySource: WrappingKeySource,
    val camera: () -> PhotoCamera,
    /** The camera as grey frames, for the enrollment QR code. */
    val scanCamera: () -> ScanCamera,
    val microphone: () -> Microphone,
    val locator: Locator,
    val alarms: ReminderAlarms,
    val notices: ReminderNotices,
    val syncScheduler: SyncScheduler,
    val connectivity: ConnectivityWatch,
    val managedConfig: ManagedConfigSource,
) {
    companion object {
        fun android(context: Context): Platform {
            val app = context.applicationContext
            return Platform(
                keySource = AndroidKeystoreKeySource(app),
                camera = { Camera2PhotoCamera(app) },
                scanCamera = { Camera2ScanCamera(app) },
                microphone = { AudioRecordMicrophone() },
                locator = LocationManagerLocator(app),
                alarms = AlarmManagerReminderAlarms(app),
                notices = NotificationManagerNotices(app),
                syncScheduler = JobSyncScheduler(app),
                connectivity = NetworkCallbackConnectivity(app),
                managedConfig = RestrictionsManagerConfigSource(app),
            )
        }
    }
}
