#!/usr/bin/env bash
# CI entry for the bindings: Kotlin (JVM) and Swift (Linux) suites against the
# host library. Installs what is missing (JDK + Maven with apt, the cached
# Swift root with debootstrap); needs root and network to Maven Central and
# the Debian mirror. Each suite prints "<lang>: N passed, N failed".
#
#   bash .ci/bindings-test.sh          # both suites, with the Kotlin 10,000-cycle RSS loop and benchmarks (~2 min more)
#   SLOW= bash .ci/bindings-test.sh    # without them
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export SLOW="${SLOW-1}"
status=0
scripts/bindings/test-kotlin.sh || status=1
SKIP_GENERATE=1 scripts/bindings/test-swift.sh || status=1
exit "$status"
