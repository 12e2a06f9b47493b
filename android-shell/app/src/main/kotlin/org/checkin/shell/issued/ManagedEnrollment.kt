// Enrollment from the managed configuration: an issued phone arrives with
// the program's address, a one-time code and TLS pins, so the participant
// types nothing. Today this calls `enroll_with_pins` directly; once the
// screens part is in, the core gets the configuration as
// `ShellContext.managed` and enrolls from its own screen instead.
package org.checkin.shell.issued

import org.checkin.core.CheckinClient
import org.checkin.core.CheckinException
import org.checkin.core.EnrollmentSummary

sealed interface ManagedEnrollmentOutcome {
    data class Enrolled(val summary: EnrollmentSummary) : ManagedEnrollmentOutcome
    /** Enrolled already, or no address and code configured. */
    data object NothingToDo : ManagedEnrollmentOutcome
    /** The core refused or the server could not be reached; the error says which. */
    data class Failed(val error: CheckinException) : ManagedEnrollmentOutcome
}

object ManagedEnrollment {
    suspend fun enrollIfConfigured(client: CheckinClient, config: ManagedConfiguration): ManagedEnrollmentOutcome {
        val url = config.serverUrl ?: return ManagedEnrollmentOutcome.NothingToDo
        val code = config.enrollmentCode ?: return ManagedEnrollmentOutcome.NothingToDo
        return try {
            if (client.isEnrolled()) return ManagedEnrollmentOutcome.NothingToDo
            ManagedEnrollmentOutcome.Enrolled(client.enrollWithPins(url, code, config.tlsPins))
        } catch (e: CheckinException) {
            ManagedEnrollmentOutcome.Failed(e)
        }
    }
}
