// The participant app. Keep in step with pom.xml (versions) and
// scripts/shells/build-apk.sh (application id, version, SDK levels).
plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

/** The core's AAR from scripts/bindings/build-android-aar.sh. */
val coreAar = rootDir.resolve("../bindings/android/build/outputs/aar/checkin-core-release.aar")

android {
    namespace = "org.checkin.shell"
    compileSdk = 35

    defaultConfig {
        applicationId = "org.checkin.participant"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    testOptions {
        unitTests.isIncludeAndroidResources = false
        // The Robolectric tests need the host build of the core (-Djna.library.path) and the
        // reference server: run them with scripts/shells/test-android.sh.
        unitTests.all { it.enabled = false }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    check(coreAar.exists()) { "build the core first: scripts/bindings/build-android-aar.sh" }
    implementation(files(coreAar))
    // What the core AAR needs at run time (a local AAR brings no dependencies of its own).
    implementation("net.java.dev.jna:jna:5.17.0@aar")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
    implementation("androidx.annotation:annotation:1.9.1")
    // The enrollment QR code's decoder (pure Java, Apache-2.0; no Play services).
    implementation("com.google.zxing:core:3.5.3")
    // The tests compile here too; they run with scripts/shells/test-android.sh (see testOptions).
    testImplementation("junit:junit:4.13.2")
    testImplementation("org.robolectric:robolectric:4.17")
}
