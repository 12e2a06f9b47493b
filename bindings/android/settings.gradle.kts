// Standalone Gradle build of the Android library module that packages the
// check-in core as an AAR. Driven by scripts/bindings/build-android-aar.sh,
// which first fills src/main/jniLibs (cargo-ndk) and src/main/kotlin (uniffi).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "checkin-core"
