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
scripts/bindings/swift-root.sh

# Stage everything inside the root; the chroot sees nothing else. The
# reference server and fixtures run on the host; tests reach them by URL.
STAGE=/checkin-swift-test
HOST_STAGE="$SWIFT_ROOT$STAGE"
rm -rf "$HOST_STAGE"
mkdir -p "$HOST_STAGE"/{gen,lib,tests,bin}
cp build/bindings/swift/* "$HOST_STAGE/gen/"
cp "$LIBDIR/libcheckin_ffi.so" "$HOST_STAGE/lib/"
cp bindings/swift/Tests/*.swift "$HOST_STAGE/tests/"

MODULEMAP="$STAGE/gen/CheckinCoreFFI.modulemap"
scripts/bindings/swift-root.sh run /usr/bin/env \
    CHECKIN_TEST_FILTER="${CHECKIN_TEST_FILTER:-}" \
    CHECKIN_SERVER_URL="${CHECKIN_SERVER_URL:-}" \
    CHECKIN_SERVER_CODES="${CHECKIN_SERVER_CODES:-}" \
    CHECKIN_FIXTURES="${CHECKIN_FIXTURES:-}" \
    /bin/bash -euo pipefail -c "
cd $STAGE
echo 'test-swift: compiling CheckinCore' >&2
swiftc -emit-library -module-name CheckinCore -parse-as-library \
    -emit-module -emit-module-path lib/CheckinCore.swiftmodule \
    -Xcc -fmodule-map-file=$MODULEMAP \
    gen/CheckinCore.swift -L lib -lcheckin_ffi -o lib/libCheckinCore.so \
    -Xlinker -rpath -Xlinker '\$ORIGIN'
echo 'test-swift: compiling tests' >&2
swiftc -module-name CheckinCoreTests -I lib -L lib -lCheckinCore -lcheckin_ffi \
    -Xcc -fmodule-map-file=$MODULEMAP \
    tests/*.swift -o bin/checkin-tests \
    -Xlinker -rpath -Xlinker $STAGE/lib
./bin/checkin-tests
"
