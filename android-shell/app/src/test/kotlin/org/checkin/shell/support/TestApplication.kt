// The Application under test: the real one, with the Shell a test installs
// (see ShellFixture) instead of one over the phone's hardware.
package org.checkin.shell.support

import org.checkin.shell.app.CheckinApplication
import org.checkin.shell.app.Shell

class TestApplication : CheckinApplication() {
    var installed: Shell? = null

    override val shell: Shell get() = installed ?: error("the test installed no shell")

    override fun startShell() = Unit
}
