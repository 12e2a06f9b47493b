// Android library: the generated Kotlin bindings + libcheckin_ffi.so for
// arm64-v8a, armeabi-v7a and x86_64. See bindings/README.md for the choices
// (minSdk, cleaner, checksums).
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.3.21"
}

android {
    namespace = "org.checkin.core"
    compileSdk = 35

    defaultConfig {
        // Must match MIN_SDK in scripts/bindings/build-android-aar.sh (cargo-ndk --platform).
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets["main"].apply {
        kotlin.srcDir("src/main/kotlin")
        jniLibs.srcDir("src/main/jniLibs")
    }

    buildTypes {
        release {
            // The library is minified by the app; the consumer rules keep what JNA needs.
            isMinifyEnabled = false
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    // The .so files are already stripped by the release profile.
    packaging {
        jniLibs.keepDebugSymbols += setOf("**/libcheckin_ffi.so")
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // JNA's Android build carries libjnidispatch.so for each ABI.
    implementation("net.java.dev.jna:jna:5.17.0@aar")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
    // android_cleaner uses @RequiresApi.
    implementation("androidx.annotation:annotation:1.9.1")
}
