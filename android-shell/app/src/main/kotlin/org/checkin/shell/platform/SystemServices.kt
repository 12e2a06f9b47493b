// The framework's system services, typed. Every service used here exists on
// every phone from API 26; a missing one is a broken system image, not a
// state to handle screen by screen.
package org.checkin.shell.platform

import android.content.Context

inline fun <reified T : Any> Context.systemService(): T =
    getSystemService(T::class.java) ?: throw IllegalStateException("no ${T::class.java.simpleName} on this system")
