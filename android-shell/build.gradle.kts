// Plugin versions for the shell's one module (app/). Same AGP and Kotlin as
// bindings/android.
plugins {
    id("com.android.application") version "8.7.3" apply false
    id("org.jetbrains.kotlin.android") version "2.3.21" apply false
}
