#!/usr/bin/env bash
# Assembles and signs the Android shell's APK without the Android SDK:
#   Debian's aapt2 (resources and manifest, linked against the API 31
#   framework resources from Robolectric's android-all jar: Debian's aapt2
#   10 cannot read newer resource tables, and API 31 has every attribute the
#   manifest uses), the Kotlin
#   classes from the Maven build (android-shell/pom.xml), R8 from Maven
#   Central (shrinks and dexes, --min-api 26), JNA's Android natives from
#   jna-5.17.0.aar, zipalign, and apksigner with a throwaway debug key
#   generated here (never committed). Checked with `apksigner verify` and
#   `aapt dump badging`; fails if the APK asks for background location or
#   storage.
#
# The APK holds no libcheckin_ffi.so: building the Rust core for Android
# needs the NDK (scripts/bindings/build-android-aar.sh, with the SDK), so
# this APK installs but cannot open the core.
#
#   scripts/shells/build-apk.sh        -> build/android-shell/apk/checkin-debug.apk
#
# Environment: MAVEN_REPO (default ~/.m2/repository), CARGO_TARGET_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
OUT="$ROOT/build/android-shell/apk"
WORK="$OUT/work"
# Keep in step with app/build.gradle.kts.
APPLICATION_ID=org.checkin.participant
VERSION_CODE=1
VERSION_NAME=0.1.0
MIN_SDK=26
TARGET_SDK=35
R8_VERSION=9.5.29
ANDROID_JAR_VERSION=15-robolectric-12650502
FRAMEWORK_RES_VERSION=12-robolectric-7732740
JNA_VERSION=5.17.0
MVN=(mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$REPO" -Dkotlin.compiler.daemon=false)
step() { printf 'build-apk: %s\n' "$1" >&2; }

need=()
for tool in aapt2 aapt zipalign apksigner; do command -v "$tool" >/dev/null || need+=("$tool"); done
command -v mvn >/dev/null || need+=(maven default-jdk-headless)
if ((${#need[@]})); then
    step "installing ${need[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

rm -rf "$WORK"
mkdir -p "$WORK"/{res,deps,dex,lib}

step "bindings and Kotlin classes"
SKIP_GENERATE="${SKIP_GENERATE:-}" scripts/shells/android-bindings.sh >/dev/null
"${MVN[@]}" -f android-shell/pom.xml compile
"${MVN[@]}" -f android-shell/pom.xml dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$WORK/deps"
for artifact in com.android.tools:r8:$R8_VERSION org.robolectric:android-all:$ANDROID_JAR_VERSION \
    org.robolectric:android-all:$FRAMEWORK_RES_VERSION "net.java.dev.jna:jna:$JNA_VERSION:aar"; do
    "${MVN[@]}" dependency:get -Dartifact="$artifact" -Dtransitive=false
done
R8_JAR="$REPO/com/android/tools/r8/$R8_VERSION/r8-$R8_VERSION.jar"
ANDROID_JAR="$REPO/org/robolectric/android-all/$ANDROID_JAR_VERSION/android-all-$ANDROID_JAR_VERSION.jar"
JNA_AAR="$REPO/net/java/dev/jna/jna/$JNA_VERSION/jna-$JNA_VERSION.aar"
FRAMEWORK_JAR="$REPO/org/robolectric/android-all/$FRAMEWORK_RES_VERSION/android-all-$FRAMEWORK_RES_VERSION.jar"

# JNA for Android: its classes and its natives come from the .aar, not the desktop jar.
rm -f "$WORK/deps/jna-$JNA_VERSION.jar"
unzip -q -o "$JNA_AAR" classes.jar 'jni/*' -d "$WORK/jna"
mv "$WORK/jna/classes.jar" "$WORK/deps/jna-android-$JNA_VERSION.jar"
# Only the ABIs the core is built for (scripts/bindings/build-android-aar.sh).
for abi in arm64-v8a armeabi-v7a x86_64; do
    mkdir -p "$WORK/lib/$abi"
    cp "$WORK/jna/jni/$abi/libjnidispatch.so" "$WORK/lib/$abi/"
done

step "resources and manifest (aapt2)"
# The framework's resource table alone, as the small "android.jar" aapt2 links against.
unzip -q -o "$FRAMEWORK_JAR" resources.arsc AndroidManifest.xml -d "$WORK/framework"
(cd "$WORK/framework" && zip -q -0 -X ../framework-res.apk resources.arsc AndroidManifest.xml)
aapt2 compile --dir android-shell/app/src/main/res -o "$WORK/res/compiled.zip"
# As Gradle's manifest merger does: the build's package goes into the manifest.
sed "s|<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">|<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"$APPLICATION_ID\">|" \
    android-shell/app/src/main/AndroidManifest.xml > "$WORK/AndroidManifest.xml"
grep -q "package=\"$APPLICATION_ID\"" "$WORK/AndroidManifest.xml" || { echo "build-apk: cannot set the package" >&2; exit 1; }
aapt2 link -o "$WORK/linked.apk" -I "$WORK/framework-res.apk" \
    --manifest "$WORK/AndroidManifest.xml" \
    --min-sdk-version "$MIN_SDK" --target-sdk-version "$TARGET_SDK" \
    --version-code "$VERSION_CODE" --version-name "$VERSION_NAME" \
    --proguard "$WORK/manifest-rules.pro" \
    "$WORK/res/compiled.zip"

step "shrinking and dexing (R8 $R8_VERSION, min API 26)"
(cd build/android-shell/maven/classes && zip -q -r -X "$WORK/app-classes.jar" .)
# android-all holds the framework but not java.*: the JDK stands in for libcore.
JDK_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
java -Xmx3g -cp "$R8_JAR" com.android.tools.r8.R8 --release --min-api "$MIN_SDK" \
    --lib "$ANDROID_JAR" --lib "$JDK_HOME" \
    --pg-conf android-shell/app/proguard-rules.pro --pg-conf "$WORK/manifest-rules.pro" \
    --output "$WORK/dex" \
    "$WORK/app-classes.jar" "$WORK"/deps/*.jar

step "packaging, aligning, signing"
cp "$WORK/linked.apk" "$WORK/unsigned.apk"
(cd "$WORK/dex" && zip -q -X "$WORK/unsigned.apk" classes*.dex)
# Native libraries stored uncompressed, so zipalign -p can page-align them.
(cd "$WORK" && zip -q -X -0 -r unsigned.apk lib)
zipalign -p -f 4 "$WORK/unsigned.apk" "$WORK/aligned.apk"
KEYSTORE="$OUT/debug.keystore"
if [[ ! -f "$KEYSTORE" ]]; then
    keytool -genkeypair -keystore "$KEYSTORE" -storepass android -keypass android -alias debug \
        -keyalg RSA -keysize 2048 -validity 365 -dname "CN=checkin debug, O=throwaway" >/dev/null 2>&1
fi
APK="$OUT/checkin-debug.apk"
apksigner sign --ks "$KEYSTORE" --ks-pass pass:android --key-pass pass:android --out "$APK" "$WORK/aligned.apk"

step "checking"
apksigner verify --verbose "$APK" | grep -E "^Verifies|v2 scheme" >&2
aapt dump badging "$APK" > "$WORK/badging.txt"
grep -E "^package:|^sdkVersion|^targetSdkVersion|^uses-permission|^native-code|^application:" "$WORK/badging.txt" >&2
aapt dump permissions "$APK" > "$WORK/permissions.txt"
if grep -E "BACKGROUND_LOCATION|EXTERNAL_STORAGE|READ_MEDIA_|ACCESS_MEDIA_LOCATION" "$WORK/permissions.txt"; then
    echo "build-apk: the APK asks for a forbidden permission" >&2
    exit 1
fi
unzip -l "$APK" > "$WORK/contents.txt"
grep -q "lib/arm64-v8a/libjnidispatch.so" "$WORK/contents.txt" || { echo "build-apk: JNA's natives are missing" >&2; exit 1; }
dex=$(stat -c %s "$WORK"/dex/classes.dex)
echo "build-apk: classes.dex $((dex / 1024)) KiB; JNA natives $(du -sk "$WORK/lib" | cut -f1) KiB uncompressed" >&2
bytes=$(stat -c %s "$APK")
echo "build-apk: $APK ($bytes bytes, $(( (bytes + 512) / 1024 )) KiB; without libcheckin_ffi.so, which needs the NDK)"
