// The Application: one Shell (one core client) per process. Tests subclass
// it to install a Shell whose Platform has fakes at the hardware boundary.
package org.checkin.shell.app

import android.app.Application

open class CheckinApplication : Application(), ShellHost {
    override val shell: Shell by lazy { Shell(this, platform()) }

    protected open fun platform(): Platform = Platform.android(this)

    override fun onCreate() {
        super.onCreate()
        startShell()
    }

    /** Starts the process-wide watches (tests start theirs themselves). */
    protected open fun startShell() = shell.start()
}
