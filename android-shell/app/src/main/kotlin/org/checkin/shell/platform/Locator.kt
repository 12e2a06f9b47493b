// One location fix, taken only when the core asks during a check-in.
//
// Guarantees: no background location and no periodic updates, ever (the
// manifest asks for no ACCESS_BACKGROUND_LOCATION, a test holds it); one
// request at a time, cancelled at the timeout or when the caller goes away;
// the fix is handed to the core exactly as the platform reported it (the core
// reduces it to what the policy allows before anything is stored).
// API 30+: `LocationManager.getCurrentLocation`; 26-29: one update from
// `requestLocationUpdates`, removed at the first fix.
package org.checkin.shell.platform

import android.annotation.SuppressLint
import android.content.Context
import android.location.Location
import android.location.LocationListener
import android.location.LocationManager
import android.os.Build
import android.os.Bundle
import android.os.CancellationSignal
import android.os.Looper
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withTimeoutOrNull
import org.checkin.core.LocationFix
import java.time.Instant
import java.util.concurrent.Executor
import kotlin.coroutines.resume

/** Takes one fix. */
interface Locator {
    suspend fun oneFix(timeoutMs: Long = FIX_TIMEOUT_MS): CaptureOutcome<LocationFix>

    companion object {
        /** A cold GPS start under a roof can take a minute; a participant should not wait longer than this. */
        const val FIX_TIMEOUT_MS = 30_000L
    }
}

class LocationManagerLocator(private val context: Context) : Locator {
    private val manager = context.systemService<LocationManager>()

    /** The provider to ask: fused where the phone has one, else GPS, else the network's. */
    internal fun provider(): String? {
        val candidates = buildList {
            if (Build.VERSION.SDK_INT >= 31) add(LocationManager.FUSED_PROVIDER)
            add(LocationManager.GPS_PROVIDER)
            add(LocationManager.NETWORK_PROVIDER)
        }
        val present = manager.allProviders.toSet()
        return candidates.firstOrNull { it in present && manager.isProviderEnabled(it) }
    }

    @SuppressLint("MissingPermission") // PermissionGate asks before the renderer asks for a fix.
    override suspend fun oneFix(timeoutMs: Long): CaptureOutcome<LocationFix> {
        val provider = provider() ?: return CaptureOutcome.Failed("location is off")
        return try {
            val location = withTimeoutOrNull(timeoutMs) { request(provider) }
                ?: return CaptureOutcome.Failed("no fix in time")
            toFix(location)?.let { CaptureOutcome.Captured(it) } ?: CaptureOutcome.Failed("fix without accuracy")
        } catch (e: SecurityException) {
            CaptureOutcome.Denied(ShellPermission.LOCATION)
        }
    }

    @SuppressLint("MissingPermission")
    private suspend fun request(provider: String): Location? = suspendCancellableCoroutine { cont ->
        if (Build.VERSION.SDK_INT >= 30) {
            val signal = CancellationSignal()
            cont.invokeOnCancellation { signal.cancel() }
            val direct = Executor { it.run() }
            manager.getCurrentLocation(provider, signal, direct) { location -> if (cont.isActive) cont.resume(location) }
        } else {
            val listener = object : LocationListener {
                override fun onLocationChanged(location: Location) {
                    manager.removeUpdates(this)
                    if (cont.isActive) cont.resume(location)
                }
                @Deprecated("Deprecated in API 29; still called before it on API 26-28")
                override fun onStatusChanged(provider: String?, status: Int, extras: Bundle?) = Unit
                override fun onProviderEnabled(provider: String) = Unit
                override fun onProviderDisabled(provider: String) {
                    manager.removeUpdates(this)
                    if (cont.isActive) cont.resume(null)
                }
            }
            cont.invokeOnCancellation { manager.removeUpdates(listener) }
            manager.requestLocationUpdates(provider, 0L, 0f, listener, Looper.getMainLooper())
        }
    }

    companion object {
        /** The fix as the bindings' record; null without an accuracy (the core needs one). */
        fun toFix(location: Location): LocationFix? {
            if (!location.hasAccuracy()) return null
            val mock = if (Build.VERSION.SDK_INT >= 31) location.isMock else @Suppress("DEPRECATION") location.isFromMockProvider
            return LocationFix(
                lat = location.latitude,
                lon = location.longitude,
                accuracyM = location.accuracy.toDouble(),
                fixTime = Instant.ofEpochMilli(location.time),
                provider = location.provider ?: "unknown",
                mock = mock,
            )
        }
    }
}
