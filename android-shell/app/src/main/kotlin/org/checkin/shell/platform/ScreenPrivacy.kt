// Keeps a screen that shows personal data out of screenshots, screen
// recordings and the app switcher's thumbnail. The renderer calls
// [setSecure] with each screen's `secure` flag.
package org.checkin.shell.platform

import android.app.Activity
import android.os.Build
import android.view.WindowManager

interface ScreenPrivacy {
    fun setSecure(secure: Boolean)
}

class WindowScreenPrivacy(private val activity: Activity) : ScreenPrivacy {
    override fun setSecure(secure: Boolean) {
        if (secure) {
            activity.window.addFlags(WindowManager.LayoutParams.FLAG_SECURE)
        } else {
            activity.window.clearFlags(WindowManager.LayoutParams.FLAG_SECURE)
        }
        // FLAG_SECURE already blanks the thumbnail; this also skips taking it (API 33+).
        if (Build.VERSION.SDK_INT >= 33) activity.setRecentsScreenshotEnabled(!secure)
    }
}
