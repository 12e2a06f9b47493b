// Gradle build of the Android shell, for developers with the Android SDK.
// The same sources, manifest and resources as the Maven build the project's
// CI compiles and tests (pom.xml); the core comes as the AAR that
// scripts/bindings/build-android-aar.sh builds (see README.md).
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
rootProject.name = "checkin-android-shell"
include(":app")
