// What the shell tells the core with every call (`ShellContext`): the
// permission states the OS reports now, and on a program-issued phone the
// managed configuration, so the core words the permissions and pre-fills
// enrollment. The shell's names map one to one to the core's.
package org.checkin.shell.screens

import org.checkin.model.ManagedConfig
import org.checkin.model.Permission
import org.checkin.model.PermissionStatus
import org.checkin.model.ShellContext
import org.checkin.shell.issued.ManagedConfiguration
import org.checkin.shell.platform.PermissionGate
import org.checkin.shell.platform.ShellPermission
import org.checkin.model.PermissionState as CoreState
import org.checkin.shell.platform.PermissionState as ShellState

internal object ShellContexts {
    fun of(permissions: PermissionGate, managed: ManagedConfiguration): ShellContext = ShellContext(
        permissions = permissions.states().map { (permission, state) -> PermissionStatus(core(permission), core(state)) },
        managed = managed.takeUnless { it.isEmpty }?.let {
            ManagedConfig(
                serverUrl = it.serverUrl,
                enrollmentCode = it.enrollmentCode,
                tlsPins = it.tlsPins,
                language = it.language,
                kiosk = it.kiosk,
            )
        },
    )

    fun core(permission: ShellPermission): Permission = when (permission) {
        ShellPermission.CAMERA -> Permission.CAMERA
        ShellPermission.MICROPHONE -> Permission.MICROPHONE
        ShellPermission.LOCATION -> Permission.LOCATION
        ShellPermission.NOTIFICATIONS -> Permission.NOTIFICATIONS
        ShellPermission.EXACT_ALARMS -> Permission.EXACT_ALARMS
    }

    fun shell(permission: Permission): ShellPermission = when (permission) {
        Permission.CAMERA -> ShellPermission.CAMERA
        Permission.MICROPHONE -> ShellPermission.MICROPHONE
        Permission.LOCATION -> ShellPermission.LOCATION
        Permission.NOTIFICATIONS -> ShellPermission.NOTIFICATIONS
        Permission.EXACT_ALARMS -> ShellPermission.EXACT_ALARMS
    }

    fun core(state: ShellState): CoreState = when (state) {
        ShellState.GRANTED -> CoreState.GRANTED
        ShellState.DENIED -> CoreState.DENIED
        ShellState.NOT_ASKED -> CoreState.NOT_ASKED
        ShellState.NOT_APPLICABLE -> CoreState.NOT_APPLICABLE
    }
}
