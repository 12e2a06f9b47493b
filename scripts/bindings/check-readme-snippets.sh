#!/usr/bin/env bash
# Fails if the Kotlin or Swift snippet in bindings/README.md ("Embedding")
# differs from the copy the test suites compile and run:
#   kotlin/src/test/kotlin/org/checkin/embedding/Embedding.kt (after its 2 comment lines + package line)
#   swift/Tests/Embedding.swift (after its 2 comment lines)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../bindings"

block() { # the first fenced block of language $1 in README.md
    awk -v lang="$1" '$0 == "```" lang { on = 1; next } on && $0 == "```" { exit } on { print }' README.md
}
status=0
if ! diff -u <(block kotlin) <(tail -n +4 kotlin/src/test/kotlin/org/checkin/embedding/Embedding.kt | sed -e '/./,$!d'); then
    echo "check-readme-snippets: the README's Kotlin snippet differs from Embedding.kt" >&2
    status=1
fi
if ! diff -u <(block swift) <(tail -n +3 swift/Tests/Embedding.swift | sed -e '/./,$!d'); then
    echo "check-readme-snippets: the README's Swift snippet differs from Embedding.swift" >&2
    status=1
fi
exit "$status"
