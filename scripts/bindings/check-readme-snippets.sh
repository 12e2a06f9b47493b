#!/usr/bin/env bash
# Fails if a Kotlin or Swift snippet in bindings/README.md ("Embedding")
# differs from the copy the test suites compile and run, or has no copy.
# The README's fenced blocks of each language, in order, are copies of:
#   kotlin: kotlin/src/test/kotlin/org/checkin/embedding/{Embedding,Transparency,Connectivity}.kt
#           (after their 2 comment lines + package line)
#   swift:  swift/Tests/{Embedding,Transparency,Connectivity}.swift (after their 2 comment lines)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../bindings"

KOTLIN=(kotlin/src/test/kotlin/org/checkin/embedding/Embedding.kt
        kotlin/src/test/kotlin/org/checkin/embedding/Transparency.kt
        kotlin/src/test/kotlin/org/checkin/embedding/Connectivity.kt)
SWIFT=(swift/Tests/Embedding.swift swift/Tests/Transparency.swift swift/Tests/Connectivity.swift)

block() { # the $2-th (from 1) fenced block of language $1 in README.md
    awk -v lang="$1" -v n="$2" '$0 == "```" lang { if (++seen == n) on = 1; next } on && $0 == "```" { exit } on { print }' README.md
}
blocks() { grep -c "^\`\`\`$1\$" README.md || true; }
status=0
check() { # language, header lines to skip in the copy, copies...
    local lang="$1" skip="$2" i=0 file
    shift 2
    for file in "$@"; do
        i=$((i + 1))
        if ! diff -u <(block "$lang" "$i") <(tail -n +"$((skip + 1))" "$file" | sed -e '/./,$!d'); then
            echo "check-readme-snippets: the README's $lang snippet $i differs from $file" >&2
            status=1
        fi
    done
    if (( $(blocks "$lang") != $# )); then
        echo "check-readme-snippets: README.md has $(blocks "$lang") $lang snippets, the suites compile $#" >&2
        status=1
    fi
}
check kotlin 3 "${KOTLIN[@]}"
check swift 2 "${SWIFT[@]}"
exit "$status"
