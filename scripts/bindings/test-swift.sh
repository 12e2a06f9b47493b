#!/usr/bin/env bash
# Generates the bindings, then compiles the generated Swift as a library
# module `CheckinCore` and the tests in bindings/swift/Tests as an executable
# that imports it, inside the cached Debian trixie root (swift-root.sh), and
# runs them against the host-built libcheckin_ffi.so. Needs root.
#
#   scripts/bindings/test-swift.sh
#   CHECKIN_TEST_FILTER=cancel scripts/bindings/test-swift.sh   # tests whose name contains "cancel"
#
# Environment: PROFILE (see generate.sh), SWIFT_ROOT (see swift-root.sh),
#              CHECKIN_TEST_FILTER, SKIP_GENERATE=1 (reuse build/bindings).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export SWIFT_ROOT="${SWIFT_ROOT:-/var/cache/checkin-swift-root}"

if [[ -z "${SKIP_GENERATE:-}" ]]; then
    scripts/bindings/generate.sh >/dev/null
fi
LIBDIR="$(cat build/bindings/libdir)"
# The README's embedding snippets must be the ones the suites compile.
scripts/bindings/check-readme-snippets.sh
# The tests start the reference program server (a host binary that runs in
# the trixie root as it is) as a child process.
cargo build --locked -p reference-server --bin reference-server >&2
SERVER_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/reference-server"
scripts/bindings/swift-root.sh

# Stage everything inside the root; the chroot sees nothing else. One
# folder per run, so two runs sharing the cached root never collide.
STAGE=/checkin-swift-test-$$
HOST_STAGE="$SWIFT_ROOT$STAGE"
rm -rf "$HOST_STAGE"
trap 'rm -rf "$HOST_STAGE"' EXIT
mkdir -p "$HOST_STAGE"/{gen,lib,tests,bin,media}
cp build/bindings/swift/* "$HOST_STAGE/gen/"
cp "$LIBDIR/libcheckin_ffi.so" "$HOST_STAGE/lib/"
cp bindings/swift/Tests/*.swift "$HOST_STAGE/tests/"
cp "$SERVER_BIN" "$HOST_STAGE/bin/reference-server"
cp fixtures/media/speech_8k_u8.wav "$HOST_STAGE/media/"

# The facade's bindings and the core's own records (the screens) are two
# generated files, each with its FFI header and module map; both Swift
# files make the one `CheckinCore` module (docs/architecture.md).
MODULEMAPS=""
for map in build/bindings/swift/*.modulemap; do
    MODULEMAPS="$MODULEMAPS -Xcc -fmodule-map-file=$STAGE/gen/$(basename "$map")"
done
scripts/bindings/swift-root.sh run /usr/bin/env \
    CHECKIN_TEST_FILTER="${CHECKIN_TEST_FILTER:-}" \
    CHECKIN_SERVER_BIN="$STAGE/bin/reference-server" \
    CHECKIN_MEDIA_DIR="$STAGE/media" \
    /bin/bash -euo pipefail -c "
cd $STAGE
echo 'test-swift: compiling CheckinCore' >&2
swiftc -emit-library -module-name CheckinCore -parse-as-library \
    -emit-module -emit-module-path lib/CheckinCore.swiftmodule \
    $MODULEMAPS \
    gen/*.swift -L lib -lcheckin_ffi -o lib/libCheckinCore.so \
    -Xlinker -rpath -Xlinker '\$ORIGIN'
echo 'test-swift: compiling tests' >&2
swiftc -module-name CheckinCoreTests -I lib -L lib -lCheckinCore -lcheckin_ffi \
    $MODULEMAPS \
    tests/*.swift -o bin/checkin-tests \
    -Xlinker -rpath -Xlinker $STAGE/lib
# timeout kills the whole process group, servers the tests started included.
timeout -s KILL ${SWIFT_TEST_TIMEOUT:-600} ./bin/checkin-tests
"
