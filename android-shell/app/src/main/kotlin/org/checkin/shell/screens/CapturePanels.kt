// What covers the screen while the phone captures: the in-app camera (live
// preview, shutter), the recorder (level meter, time used, stop) and the
// QR scanner (live preview, a frame to aim with). Each shows the core's
// capture block (title, instructions) when the screen has one, and has a
// close button that cancels like the back gesture.
//
// The core gives no label for the shutter's, stop's or close button's
// purpose yet (see android-shell/README.md, "Asked of the core"): the
// shutter is described by the action the participant tapped, the others
// are shapes only.
package org.checkin.shell.screens

import android.graphics.Color
import android.graphics.SurfaceTexture
import android.graphics.drawable.GradientDrawable
import android.view.Gravity
import android.view.Surface
import android.view.TextureView
import android.view.View
import android.view.ViewGroup
import android.widget.FrameLayout
import android.widget.ImageButton
import android.widget.LinearLayout
import android.widget.ProgressBar
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.withTimeoutOrNull
import org.checkin.model.Block
import org.checkin.model.TextStyle
import org.checkin.model.Tone
import org.checkin.shell.platform.Level
import org.checkin.shell.platform.VoiceRecorder

/** A TextureView's surface, once the system has made it. */
internal class Preview(kit: ViewKit) {
    private val made = CompletableDeferred<Surface>()
    val view = TextureView(kit.context).apply {
        importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_NO
        surfaceTextureListener = object : TextureView.SurfaceTextureListener {
            override fun onSurfaceTextureAvailable(texture: SurfaceTexture, width: Int, height: Int) {
                made.complete(Surface(texture))
            }
            override fun onSurfaceTextureSizeChanged(texture: SurfaceTexture, width: Int, height: Int) = Unit
            override fun onSurfaceTextureDestroyed(texture: SurfaceTexture): Boolean = true
            override fun onSurfaceTextureUpdated(texture: SurfaceTexture) = Unit
        }
    }

    /** The surface, or null if none came in [timeoutMs] (the capture then runs without a preview). */
    suspend fun surface(timeoutMs: Long = WAIT_MS): Surface? = withTimeoutOrNull(timeoutMs) { made.await() }

    fun release() {
        if (made.isCompleted) runCatching { made.getCompleted().release() }
    }

    companion object {
        /** A phone makes the surface within a frame or two; without a GPU (tests) it never comes. */
        const val WAIT_MS = 1_500L
    }
}

internal class CameraPanel(kit: ViewKit, guide: Block.Capture?, shutterLabel: String?, onClose: () -> Unit) {
    private val shot = CompletableDeferred<Unit>()
    val preview = Preview(kit)
    val shutter = round(kit, SHUTTER_DP, Color.WHITE).apply {
        tag = SHUTTER_TAG
        contentDescription = shutterLabel
        isEnabled = false
        alpha = WAITING_ALPHA
        setOnClickListener { shot.complete(Unit) }
    }
    val view: View = overlay(kit, preview.view, guide, shutter, onClose)

    /** The camera is open: the shutter can be used. */
    fun ready() {
        shutter.isEnabled = true
        shutter.alpha = 1f
    }

    suspend fun awaitShutter() = shot.await()
}

internal class RecorderPanel(kit: ViewKit, guide: Block.Capture?, maxSeconds: Int, onStop: () -> Unit, onClose: () -> Unit) {
    private var blocks = 0
    val meter = bar(kit, LEVEL_STEPS)
    private val time = bar(kit, maxSeconds * VoiceRecorder.BLOCKS_PER_SECOND)
    val stop = round(kit, SHUTTER_DP, Color.rgb(0xB3, 0x26, 0x1E)).apply {
        tag = STOP_TAG
        setImageDrawable(GradientDrawable().apply { setColor(Color.WHITE); setSize(kit.look.dp(24), kit.look.dp(24)) })
        setOnClickListener { onStop() }
    }
    val view: View = kit.column().apply {
        setBackgroundColor(Color.WHITE)
        kit.padded(this, Look.EDGE_DP)
        with(kit) {
            add(closeButton(kit, onClose, Look.accentOf(Tone.NEUTRAL)))
            guide?.let {
                add(text(it.title, TextStyle.HEADING), Look.GAP_DP)
                add(text(it.instructions, TextStyle.BODY), 6)
            }
            add(meter, Look.EDGE_DP)
            add(time, Look.GAP_DP)
            add(FrameLayout(context).apply {
                addView(stop, FrameLayout.LayoutParams(kit.look.dp(SHUTTER_DP), kit.look.dp(SHUTTER_DP), Gravity.CENTER))
            }, Look.EDGE_DP)
        }
    }

    /** One block's level (on the main thread): the meter and the time used move. */
    fun show(level: Level) {
        meter.progress = (level.fraction * LEVEL_STEPS).toInt()
        time.progress = ++blocks
    }
}

internal class ScannerPanel(kit: ViewKit, guide: Block.Capture?, onClose: () -> Unit) {
    val preview = Preview(kit)
    private val aim = View(kit.context).apply {
        importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_NO
        background = GradientDrawable().apply { setStroke(kit.look.dp(3), Color.WHITE); cornerRadius = kit.look.dp(12).toFloat() }
    }
    val view: View = overlay(kit, preview.view, guide, aim, onClose, aimDp = AIM_DP)
}

/** A live preview with the capture's words on top, [control] at the bottom (or centred to aim), a close button. */
private fun overlay(kit: ViewKit, preview: View, guide: Block.Capture?, control: View, onClose: () -> Unit, aimDp: Int? = null): View =
    FrameLayout(kit.context).apply {
        val match = ViewGroup.LayoutParams.MATCH_PARENT
        addView(preview, FrameLayout.LayoutParams(match, match))
        val top = kit.column().apply {
            setBackgroundColor(SCRIM)
            kit.padded(this, Look.GAP_DP)
            with(kit) {
                add(closeButton(kit, onClose, Color.WHITE))
                guide?.let {
                    add(text(it.title, TextStyle.HEADING).apply { setTextColor(Color.WHITE) }, 4)
                    add(text(it.instructions, TextStyle.BODY).apply { setTextColor(Color.WHITE) }, 4)
                }
            }
        }
        addView(top, FrameLayout.LayoutParams(match, ViewGroup.LayoutParams.WRAP_CONTENT, Gravity.TOP))
        val size = kit.look.dp(aimDp ?: SHUTTER_DP)
        val params = FrameLayout.LayoutParams(size, size, if (aimDp != null) Gravity.CENTER else Gravity.BOTTOM or Gravity.CENTER_HORIZONTAL)
        if (aimDp == null) params.bottomMargin = kit.look.dp(32)
        addView(control, params)
    }

private fun round(kit: ViewKit, sizeDp: Int, color: Int) = ImageButton(kit.context).apply {
    background = GradientDrawable().apply { shape = GradientDrawable.OVAL; setColor(color); setStroke(kit.look.dp(4), Color.LTGRAY) }
    minimumWidth = kit.look.dp(sizeDp)
    minimumHeight = kit.look.dp(sizeDp)
}

private fun closeButton(kit: ViewKit, onClose: () -> Unit, tint: Int) = LinearLayout(kit.context).apply {
    gravity = Gravity.START
    addView(ImageButton(kit.context).apply {
        tag = CLOSE_TAG
        setImageResource(android.R.drawable.ic_menu_close_clear_cancel)
        setColorFilter(tint)
        background = null
        setOnClickListener { onClose() }
    }, LinearLayout.LayoutParams(kit.look.dp(Look.TOUCH_DP), kit.look.dp(Look.TOUCH_DP)))
}

private fun bar(kit: ViewKit, max: Int) = ProgressBar(kit.context, null, android.R.attr.progressBarStyleHorizontal).apply {
    this.max = max
    minimumHeight = kit.look.dp(16)
    importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_NO
}

internal const val SHUTTER_TAG = "capture.shutter"
internal const val STOP_TAG = "capture.stop"
internal const val CLOSE_TAG = "capture.close"
private const val SHUTTER_DP = 76
private const val AIM_DP = 240
private const val LEVEL_STEPS = 100
private const val WAITING_ALPHA = 0.4f
private val SCRIM = Color.argb(0x99, 0, 0, 0)
