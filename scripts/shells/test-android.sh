#!/usr/bin/env bash
# The Android shell's JVM suite: generates the bindings (host library, and
# the Kotlin in uniffi's Android flavour: bindings/uniffi-android.toml),
# compiles every shell source against the Android framework jar, and runs
# the Robolectric tests at SDK 26 and 34 (one JVM each) against the real Rust core (JNA,
# the host build) and the reference server: the platform services, and the
# core's screens driven as a participant taps them (the first run to a
# delivered check-in, effects, back, languages). Needs a JDK >= 17 and Maven;
# installs them with apt-get when missing (Debian). Maven's downloads are
# cached in MAVEN_REPO (default ~/.m2/repository), Robolectric's SDK jars
# in build/android-shell/robolectric-jars (copied from there, run offline).
#
#   scripts/shells/test-android.sh                       # the suite
#   scripts/shells/test-android.sh -Dtest=ClassName      # extra Maven arguments
#
# Last line: "android-shell: N passed, N failed". Exits non-zero on failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
REPORTS="$ROOT/build/android-shell/maven/surefire-reports"

summary() {
    local rc=$? tests=0 failed=0 skipped=0 t f e s
    for report in "$REPORTS"/*/TEST-*.xml; do
        [[ -f "$report" ]] || continue
        read -r t f e s < <(sed -n 's/.*<testsuite[^>]* tests="\([0-9]*\)"[^>]* errors="\([0-9]*\)"[^>]* skipped="\([0-9]*\)"[^>]* failures="\([0-9]*\)".*/\1 \4 \2 \3/p' "$report" | head -n 1)
        tests=$((tests + ${t:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${s:-0}))
    done
    if (( rc != 0 && failed == 0 )); then
        echo; echo "android-shell: the build or the test run failed before any test failed (exit $rc)"
        failed=1
    fi
    local passed=$((tests - failed - skipped))
    ((passed < 0)) && passed=0
    echo
    if (( skipped > 0 )); then
        echo "android-shell: $passed passed, $failed failed, $skipped skipped"
    else
        echo "android-shell: $passed passed, $failed failed"
    fi
    (( failed == 0 )) || exit 1
}
trap summary EXIT
rm -rf "$REPORTS"

if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
    echo "test-android: installing a JDK and Maven" >&2
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends default-jdk-headless maven
fi

LIBDIR="$(scripts/shells/android-bindings.sh | tail -n 1)"

# The tests start the reference program server as a child process. A failing
# test does not stop Maven (both SDKs run); the summary below counts it and
# exits non-zero.
cargo build --locked -p reference-server --bin reference-server >&2

mvn -B -q -Dstyle.color=never -f android-shell/pom.xml \
    -Dmaven.repo.local="${MAVEN_REPO:-$HOME/.m2/repository}" \
    -Dkotlin.compiler.daemon=false \
    -Dmaven.test.failure.ignore=true \
    -Djna.library.path="$LIBDIR" \
    -Dcheckin.server.bin="$TARGET_DIR/debug/reference-server" \
    "$@" test
