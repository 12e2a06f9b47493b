#!/usr/bin/env bash
# Generates the bindings, then compiles and runs the Kotlin tests (JUnit 5 on
# the JVM, via Maven) against the host library. Needs a JDK >= 17 and Maven;
# installs them with apt-get when missing (Debian).
#
#   scripts/bindings/test-kotlin.sh            # the suite
#   SLOW=1 scripts/bindings/test-kotlin.sh     # plus the 10,000-cycle RSS loop and the benchmark
#   scripts/bindings/test-kotlin.sh -Dtest=ClassName   # extra Maven arguments
#
# Environment: PROFILE (see generate.sh), SLOW, MAVEN_REPO (default ~/.m2/repository).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
    echo "test-kotlin: installing a JDK and Maven" >&2
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends default-jdk-headless maven
fi

LIBDIR="$(scripts/bindings/generate.sh | tail -n 1)"
# The README's embedding snippets must be the ones the suites compile.
scripts/bindings/check-readme-snippets.sh
# The whole-cycle tests start the reference program server as a child process.
cargo build --locked -p reference-server --bin reference-server >&2
SERVER_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/reference-server"
SLOW_FLAG=false
[[ -n "${SLOW:-}" ]] && SLOW_FLAG=true

REPORTS="$ROOT/build/kotlin-maven/surefire-reports"
rm -rf "$REPORTS"

# Maven is quiet (-q); this prints the plain summary line from Surefire's reports.
summary() {
    local rc=$? tests=0 failed=0 skipped=0 t f e s
    for report in "$REPORTS"/TEST-*.xml; do
        [[ -f "$report" ]] || continue
        read -r t f e s < <(sed -n 's/.*<testsuite[^>]* tests="\([0-9]*\)"[^>]* errors="\([0-9]*\)"[^>]* skipped="\([0-9]*\)"[^>]* failures="\([0-9]*\)".*/\1 \4 \2 \3/p' "$report" | head -n 1)
        tests=$((tests + ${t:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${s:-0}))
    done
    if (( rc != 0 && failed == 0 )); then
        echo; echo "kotlin: the build or the test run failed before any test failed (exit $rc)"
        failed=1
    fi
    local passed=$((tests - failed - skipped))
    ((passed < 0)) && passed=0
    echo; echo "kotlin: $passed passed, $failed failed, $skipped skipped"
}
trap summary EXIT

mvn -B -q -Dstyle.color=never -f bindings/kotlin/pom.xml \
    -Dmaven.repo.local="${MAVEN_REPO:-$HOME/.m2/repository}" \
    -Djna.library.path="$LIBDIR" \
    -Dcheckin.server.bin="$SERVER_BIN" \
    -Dcheckin.slow="$SLOW_FLAG" \
    "$@" clean test
