#!/usr/bin/env bash
# Creates (or reuses) a Debian trixie root with Swift 6 for compiling and
# running the generated Swift bindings on a Debian 12 host, which has no
# Swift package. Needs root. The root is cached at $SWIFT_ROOT; a marker file
# records that provisioning finished, so an interrupted run starts over.
#
#   scripts/bindings/swift-root.sh            # ensure the root exists
#   scripts/bindings/swift-root.sh run CMD..  # run CMD in it with /proc mounted
#
# Environment: SWIFT_ROOT (default /var/cache/checkin-swift-root),
#              DEBIAN_MIRROR (default: first URI in the host's apt sources).
set -euo pipefail

SWIFT_ROOT="${SWIFT_ROOT:-/var/cache/checkin-swift-root}"
MARKER="$SWIFT_ROOT/.checkin-swift-root-ready"
SWIFT_PACKAGES="swiftlang libc6-dev"

log() { echo "swift-root: $*" >&2; }

host_mirror() {
    local uri=""
    if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
        uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
    fi
    if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
        uri=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list)
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

mount_proc() {
    if ! mountpoint -q "$SWIFT_ROOT/proc"; then
        mount -t proc proc "$SWIFT_ROOT/proc"
        PROC_MOUNTED_BY_US=1
    fi
}

umount_proc() {
    if [[ "${PROC_MOUNTED_BY_US:-0}" == 1 ]]; then
        umount "$SWIFT_ROOT/proc" || umount -l "$SWIFT_ROOT/proc" || true
        PROC_MOUNTED_BY_US=0
    fi
}
trap umount_proc EXIT

ensure_root() {
    if [[ -f "$MARKER" ]]; then
        return 0
    fi
    [[ $(id -u) == 0 ]] || { log "must run as root to create $SWIFT_ROOT"; exit 1; }
    if ! command -v debootstrap >/dev/null; then
        log "installing debootstrap"
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
    fi
    local mirror
    mirror="${DEBIAN_MIRROR:-$(host_mirror)}"
    if [[ -e "$SWIFT_ROOT" ]]; then
        log "removing incomplete root $SWIFT_ROOT"
        if mountpoint -q "$SWIFT_ROOT/proc"; then umount -l "$SWIFT_ROOT/proc"; fi
        rm -rf --one-file-system "$SWIFT_ROOT"
    fi
    mkdir -p "$(dirname "$SWIFT_ROOT")"
    log "debootstrap trixie from $mirror into $SWIFT_ROOT"
    debootstrap --variant=minbase trixie "$SWIFT_ROOT" "$mirror" >&2
    cp /etc/resolv.conf "$SWIFT_ROOT/etc/resolv.conf"
    mount_proc
    log "installing $SWIFT_PACKAGES"
    chroot "$SWIFT_ROOT" apt-get update -q >&2
    chroot "$SWIFT_ROOT" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends $SWIFT_PACKAGES >&2
    chroot "$SWIFT_ROOT" apt-get clean
    chroot "$SWIFT_ROOT" swiftc --version >&2
    umount_proc
    touch "$MARKER"
    log "ready"
}

ensure_root
if [[ "${1:-}" == run ]]; then
    shift
    cp /etc/resolv.conf "$SWIFT_ROOT/etc/resolv.conf"
    mount_proc
    chroot "$SWIFT_ROOT" "$@"
fi
