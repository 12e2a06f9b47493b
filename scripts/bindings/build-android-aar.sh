#!/usr/bin/env bash
# Builds the Android AAR of the check-in core: libcheckin_ffi.so for
# arm64-v8a, armeabi-v7a and x86_64 with cargo-ndk (release profile), the
# Kotlin bindings generated with the Android settings
# (bindings/uniffi-android.toml), and the Gradle library module in
# bindings/android. NOT run on the project's Linux CI (no Android SDK/NDK).
#
# Needs: rustup, an Android NDK (ANDROID_NDK_HOME), the Android SDK
# (ANDROID_HOME, platform 35), JDK 17 and Gradle >= 8.9 on PATH.
#
#   scripts/bindings/build-android-aar.sh
#   -> bindings/android/build/outputs/aar/checkin-core-release.aar
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
MODULE="$ROOT/bindings/android"
# Keep in step with minSdk in bindings/android/build.gradle.kts.
MIN_SDK=26
ABIS=(arm64-v8a armeabi-v7a x86_64)
RUST_TARGETS=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android)

: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to an Android NDK (r26 or newer)}"
: "${ANDROID_HOME:?set ANDROID_HOME to the Android SDK}"
command -v gradle >/dev/null || { echo "build-android-aar: gradle >= 8.9 must be on PATH" >&2; exit 1; }

rustup target add "${RUST_TARGETS[@]}"
command -v cargo-ndk >/dev/null || cargo install --locked cargo-ndk

source "$ROOT/scripts/bindings/release-paths.sh"
release_path_flags "$ROOT"
echo "build-android-aar: building libcheckin_ffi.so for ${ABIS[*]} (API $MIN_SDK)" >&2
rm -rf "$MODULE/src/main/jniLibs" "$MODULE/src/main/kotlin"
ndk_args=()
for abi in "${ABIS[@]}"; do ndk_args+=(-t "$abi"); done
cargo ndk "${ndk_args[@]}" --platform "$MIN_SDK" -o "$MODULE/src/main/jniLibs" \
    build --locked --release -p checkin-ffi --lib

echo "build-android-aar: generating Kotlin (Android settings)" >&2
# The release libraries are stripped of the metadata uniffi-bindgen reads:
# generate from the host's unstripped dev build of the same source.
cargo build --locked -p checkin-ffi --features cli --lib --bin uniffi-bindgen
"${CARGO_TARGET_DIR:-$ROOT/target}/debug/uniffi-bindgen" generate \
    "${CARGO_TARGET_DIR:-$ROOT/target}/debug/libcheckin_ffi.so" \
    --language kotlin --config bindings/uniffi-android.toml \
    --out-dir "$MODULE/src/main/kotlin" --no-format

for abi in "${ABIS[@]}"; do
    ls -l "$MODULE/src/main/jniLibs/$abi/libcheckin_ffi.so" >&2
done

echo "build-android-aar: assembling the AAR" >&2
(cd "$MODULE" && gradle --no-daemon -q assembleRelease)
ls -l "$MODULE/build/outputs/aar/"*.aar
