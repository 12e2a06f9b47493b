#!/usr/bin/env bash
# Builds the iOS shell's Swift package (ios-shell/) on Linux and runs its
# XCTest suite against the host build of the core (libcheckin_ffi.so) and
# the reference server, inside the cached Debian trixie root with Swift 6
# (scripts/bindings/swift-root.sh): the platform logic of part 1 and the
# core's screens (ScreenModel: the first run to a delivered check-in, a
# language switch, every effect). Also parses every Apple-only source (the
# app in ios-shell/App, the SwiftUI views in Sources/ScreenViews, the
# adapters in Sources/AppleServices; no Apple SDK here: syntax only) and
# prints how long each phase took. Needs root.
#
#   scripts/shells/test-ios.sh
#   IOS_TEST_FILTER=ReminderTests scripts/shells/test-ios.sh   # swift test --filter
#   IOS_TEST_FILTER='Screen' scripts/shells/test-ios.sh        # the screens' tests
#
# Last line: "ios-shell: N passed, N failed"; exits non-zero on any failure.
# Environment: SWIFT_ROOT (see swift-root.sh), SKIP_GENERATE=1 (reuse
# build/bindings), IOS_TEST_FILTER, IOS_TEST_TIMEOUT (seconds, default 900).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export SWIFT_ROOT="${SWIFT_ROOT:-/var/cache/checkin-swift-root}"

summary() { echo "ios-shell: $1 passed, $2 failed"; }
STARTED=$SECONDS
phase() { echo "test-ios: $1 ($((SECONDS - STARTED)) s)" >&2; }
trap 'status=$?; if [[ $status != 0 && -z "${SUMMARY_DONE:-}" ]]; then summary 0 1; fi' EXIT

if [[ -z "${SKIP_GENERATE:-}" ]]; then
    scripts/bindings/generate.sh >/dev/null
fi
LIBDIR="$(cat build/bindings/libdir)"
cargo build --locked -p reference-server --bin reference-server >&2
SERVER_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/reference-server"
phase "bindings and reference server built"
scripts/bindings/swift-root.sh
phase "Swift root ready"

# One persistent stage inside the root, so SwiftPM's build cache (.build)
# survives between runs; a lock keeps two runs from sharing it at once.
STAGE=/checkin-ios-shell
HOST_STAGE="$SWIFT_ROOT$STAGE"
mkdir -p "$HOST_STAGE"
exec 9>"$HOST_STAGE.lock"
flock 9

# Copies a file only if its content changed, so an unchanged file keeps its
# time stamp and SwiftPM does not rebuild what depends on it.
copy_if_changed() {
    cmp -s "$1" "$2" 2>/dev/null || cp "$1" "$2"
}

PKG="$HOST_STAGE/pkg"
mkdir -p "$PKG" "$HOST_STAGE"/{lib,bin,media}
# The package's own sources: replaced each run (cp -p keeps their times).
rm -rf "$PKG/Sources" "$PKG/Tests" "$PKG/App" "$PKG/Examples"
cp -pR ios-shell/Sources ios-shell/Tests ios-shell/App ios-shell/Examples "$PKG/"
copy_if_changed ios-shell/Package.swift "$PKG/Package.swift"

# Every generated file: the Swift of each crate into CheckinCore, every C
# header and one module map declaring each FFI module into CheckinCoreFFI.
GEN_SWIFT="$PKG/Generated/CheckinCore"
GEN_FFI="$PKG/Generated/CheckinCoreFFI"
mkdir -p "$GEN_SWIFT" "$GEN_FFI"
shopt -s nullglob
for dir in "$GEN_SWIFT" "$GEN_FFI"; do
    for old in "$dir"/*; do
        name="$(basename "$old")"
        [[ -e "build/bindings/swift/$name" || "$name" == module.modulemap ]] || rm -f "$old"
    done
done
for file in build/bindings/swift/*.swift; do copy_if_changed "$file" "$GEN_SWIFT/$(basename "$file")"; done
for file in build/bindings/swift/*.h; do copy_if_changed "$file" "$GEN_FFI/$(basename "$file")"; done
MODULEMAPS=(build/bindings/swift/*.modulemap)
[[ ${#MODULEMAPS[@]} -gt 0 ]] || { echo "test-ios: no generated module map" >&2; exit 1; }
cat "${MODULEMAPS[@]}" > "$HOST_STAGE/module.modulemap.new"
copy_if_changed "$HOST_STAGE/module.modulemap.new" "$GEN_FFI/module.modulemap"
shopt -u nullglob

copy_if_changed "$LIBDIR/libcheckin_ffi.so" "$HOST_STAGE/lib/libcheckin_ffi.so"
copy_if_changed "$SERVER_BIN" "$HOST_STAGE/bin/reference-server"
for media in portrait.jpg speech_16k_s16.wav; do
    copy_if_changed "fixtures/media/$media" "$HOST_STAGE/media/$media"
done

FILTER=""
[[ -z "${IOS_TEST_FILTER:-}" ]] || FILTER="--filter $(printf '%q' "$IOS_TEST_FILTER")"
LOG="$HOST_STAGE/test.log"
set +e
scripts/bindings/swift-root.sh run /usr/bin/env \
    HOME=/root \
    CHECKIN_SERVER_BIN="$STAGE/bin/reference-server" \
    CHECKIN_MEDIA_DIR="$STAGE/media" \
    /bin/bash -euo pipefail -c "
cd $STAGE/pkg
echo 'test-ios: parsing the Apple-only sources (app, SwiftUI views, adapters)' >&2
swiftc -parse App/*.swift Sources/ScreenViews/*.swift Sources/AppleServices/*.swift
LINK=(-Xlinker -L$STAGE/lib -Xlinker -rpath -Xlinker $STAGE/lib)
echo 'test-ios: building the package and its tests' >&2
swift build --build-tests \"\${LINK[@]}\" 2>&1
echo \"test-ios: built (\$((SECONDS)) s in the root)\" >&2
echo 'test-ios: running the tests' >&2
# timeout kills the whole process group, servers the tests started included.
timeout -s KILL ${IOS_TEST_TIMEOUT:-900} swift test --skip-build \"\${LINK[@]}\" $FILTER 2>&1
" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e

# XCTest's last summary: "Executed N tests, with [K tests skipped and] F failures ...".
line="$(grep -E 'Executed [0-9]+ tests?, with' "$LOG" | tail -n 1 || true)"
executed="$(sed -nE 's/.*Executed ([0-9]+) tests?.*/\1/p' <<<"$line")"
failed="$(sed -nE 's/.* ([0-9]+) failures?.*/\1/p' <<<"$line")"
skipped="$(sed -nE 's/.* ([0-9]+) tests? skipped.*/\1/p' <<<"$line")"
executed="${executed:-0}" failed="${failed:-0}" skipped="${skipped:-0}"
passed=$((executed - failed - skipped))
if [[ $status != 0 && $failed == 0 ]]; then
    echo "test-ios: the build or the test run failed (exit $status)" >&2
    failed=1
fi
[[ $skipped == 0 ]] || echo "test-ios: $skipped skipped" >&2
phase "done"
SUMMARY_DONE=1
summary "$passed" "$failed"
[[ $status == 0 && $failed == 0 && $passed -gt 0 ]]
