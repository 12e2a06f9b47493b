#!/usr/bin/env bash
# Builds CheckinCoreFFI.xcframework (static libcheckin_ffi.a for iOS devices
# and for the simulator on arm64 + x86_64, with the C header and module map)
# and the generated Swift, into the Swift package at bindings/ios. NOT run on
# the project's Linux CI: it needs macOS with Xcode.
#
# Needs: macOS, Xcode 15+ (xcodebuild, lipo), rustup.
#
#   scripts/bindings/build-ios-xcframework.sh
#   -> bindings/ios/CheckinCoreFFI.xcframework, bindings/ios/Sources/CheckinCore/*.swift,
#      bindings/ios/CheckinCoreFFI.xcframework.zip and its SwiftPM checksum
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PACKAGE="$ROOT/bindings/ios"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="$ROOT/build/ios"
# Keep in step with platforms in bindings/ios/Package.swift.
IOS_MIN=15.0
export IPHONEOS_DEPLOYMENT_TARGET="$IOS_MIN"

[[ "$(uname)" == Darwin ]] || { echo "build-ios-xcframework: needs macOS with Xcode" >&2; exit 1; }
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${TARGETS[@]}"

source "$ROOT/scripts/bindings/release-paths.sh"
release_path_flags "$ROOT"
for target in "${TARGETS[@]}"; do
    echo "build-ios-xcframework: building $target (iOS $IOS_MIN)" >&2
    cargo build --locked --release --target "$target" -p checkin-ffi --lib
done

echo "build-ios-xcframework: generating Swift" >&2
# Generated from the host's unstripped dev build: the release profile strips
# the metadata uniffi-bindgen reads; the interface is the same source.
cargo build --locked -p checkin-ffi --features cli --lib --bin uniffi-bindgen
rm -rf "$WORK" "$PACKAGE/Sources" "$PACKAGE/CheckinCoreFFI.xcframework" "$PACKAGE/CheckinCoreFFI.xcframework.zip"
mkdir -p "$WORK/swift" "$WORK/headers" "$WORK/sim" "$PACKAGE/Sources/CheckinCore"
"$TARGET_DIR/debug/uniffi-bindgen" generate "$TARGET_DIR/debug/libcheckin_ffi.dylib" \
    --language swift --out-dir "$WORK/swift" --no-format
# Every generated file: the Swift of each crate whose types the library
# exports goes into the one CheckinCore module, and each crate's C header
# and module map into the XCFramework.
cp "$WORK/swift/"*.swift "$PACKAGE/Sources/CheckinCore/"
cp "$WORK/swift/"*.h "$WORK/headers/"
# An XCFramework's headers directory needs its module map under this name:
# one file declaring every generated FFI module.
cat "$WORK/swift/"*.modulemap > "$WORK/headers/module.modulemap"

lipo -create \
    "$TARGET_DIR/aarch64-apple-ios-sim/release/libcheckin_ffi.a" \
    "$TARGET_DIR/x86_64-apple-ios/release/libcheckin_ffi.a" \
    -output "$WORK/sim/libcheckin_ffi.a"

xcodebuild -create-xcframework \
    -library "$TARGET_DIR/aarch64-apple-ios/release/libcheckin_ffi.a" -headers "$WORK/headers" \
    -library "$WORK/sim/libcheckin_ffi.a" -headers "$WORK/headers" \
    -output "$PACKAGE/CheckinCoreFFI.xcframework"

(cd "$PACKAGE" && ditto -c -k --sequesterRsrc --keepParent CheckinCoreFFI.xcframework CheckinCoreFFI.xcframework.zip)
echo "build-ios-xcframework: $PACKAGE/CheckinCoreFFI.xcframework"
echo "build-ios-xcframework: SwiftPM checksum of the zip: $(cd "$PACKAGE" && swift package compute-checksum CheckinCoreFFI.xcframework.zip)"
