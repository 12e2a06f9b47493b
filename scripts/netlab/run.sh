#!/usr/bin/env bash
# The network lab (issue 18): check-ins delivered over EDGE, congested 3G and
# "flaky" links (resets, connections cut after a few KB), reproduced on this
# machine with Toxiproxy in front of the reference server (TLS on), every
# byte counted. Whole uploads and resumable ones run side by side.
#
#   scripts/netlab/run.sh            # full run: 10 check-ins × 4 profiles (about 7 min)
#   scripts/netlab/run.sh --short    # CI: 3 check-ins × 3 profiles (about 2 min)
#   scripts/netlab/run.sh --profiles edge --checkins 2   # any of the lab's options
#
# Everything stays on loopback; every run is bounded (each profile by its own
# limit, the whole lab by `timeout`). Toxiproxy v2.12.0 is built once from the
# Go module proxy into /var/cache/checkin-ci/toxiproxy (NETLAB_CACHE to move
# it); a Go toolchain new enough to build it is used from PATH or
# /usr/local/go, else Debian's golang-go fetches one (as a Go module) first.
# The report goes to target/netlab/ (report.md, report.json, toxiproxy.log).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

TOXIPROXY_VERSION=v2.12.0
GO_TOOLCHAIN=go1.23.12
CACHE="${NETLAB_CACHE:-/var/cache/checkin-ci/toxiproxy}"
TOXIPROXY="$CACHE/bin/toxiproxy-server-$TOXIPROXY_VERSION"
OUT="${NETLAB_OUT:-$ROOT/target/netlab}"

short=0
for arg in "$@"; do [[ "$arg" == --short ]] && short=1; done
if ((short)); then LAB_TIMEOUT=480; else LAB_TIMEOUT=1200; fi

log() { printf 'netlab: %s\n' "$*" >&2; }

# A `go` of at least 1.23 (Toxiproxy's go.mod), or nothing.
usable_go() {
    local go
    for go in "$(command -v go || true)" /usr/local/go/bin/go "$CACHE/go/bin/go"; do
        [[ -x "$go" ]] || continue
        local v
        v="$("$go" env GOVERSION 2>/dev/null || true)"   # e.g. go1.26.8
        v="${v#go}"
        local major="${v%%.*}" minor="${v#*.}"
        minor="${minor%%.*}"
        if [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] && ((major > 1 || minor >= 23)); then
            echo "$go"
            return 0
        fi
    done
    return 1
}

# Debian bookworm's golang-go is 1.19: it downloads the Go release itself,
# published as the module golang.org/toolchain on the Go module proxy.
bootstrap_go() {
    command -v go >/dev/null 2>&1 || {
        log "apt-get install golang-go (to fetch a newer Go)"
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go ca-certificates
    }
    local module="golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$(dpkg --print-architecture)"
    log "fetching $module from the Go module proxy"
    local dir
    dir="$(GOPATH="$CACHE/gopath" GOFLAGS=-modcacherw GO111MODULE=on \
        go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -n "$dir" && -d "$dir/bin" ]] || { log "no Go toolchain in $module"; exit 1; }
    rm -rf "$CACHE/go"
    cp -r "$dir" "$CACHE/go"
    # Module zips keep no file modes.
    chmod -R u+w "$CACHE/go"
    chmod +x "$CACHE/go/bin/"* "$CACHE/go/pkg/tool/"*/*
}

build_toxiproxy() {
    mkdir -p "$CACHE/bin"
    local go
    go="$(usable_go)" || { bootstrap_go; go="$(usable_go)"; }
    log "building Toxiproxy $TOXIPROXY_VERSION with $("$go" env GOVERSION) (about a minute)"
    GOBIN="$CACHE/bin.tmp" GOPATH="$CACHE/gopath" GOCACHE="$CACHE/gocache" GOFLAGS=-modcacherw \
        GOTOOLCHAIN=local "$go" install "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION"
    mv "$CACHE/bin.tmp/server" "$TOXIPROXY"
    rm -rf "$CACHE/bin.tmp"
}

[[ -x "$TOXIPROXY" ]] || build_toxiproxy

log "building the lab (cargo build --example netlab)"
cargo build -q -p checkin-core --example netlab --locked

mkdir -p "$OUT"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$TOXIPROXY" -host 127.0.0.1 -port "$port" >"$OUT/toxiproxy.log" 2>&1 &
toxi_pid=$!
trap 'kill "$toxi_pid" 2>/dev/null || true; wait "$toxi_pid" 2>/dev/null || true' EXIT
log "Toxiproxy $TOXIPROXY_VERSION on 127.0.0.1:$port (pid $toxi_pid)"

started=$(date +%s)
status=0
timeout --kill-after=10 "$LAB_TIMEOUT" \
    cargo run -q -p checkin-core --example netlab --locked -- \
    --toxiproxy "http://127.0.0.1:$port" --out "$OUT" "$@" || status=$?
log "finished in $(($(date +%s) - started)) s (exit $status)"
exit "$status"
