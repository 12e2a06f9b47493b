# Sourced by the scripts that build the shipped library (bench-size.sh and
# the AAR and XCFramework builds). Panic messages carry the source path of
# the code that panicked; by default that is the builder's absolute path
# (/home/<name>/.cargo/registry/src/index.crates.io-<hash>/tokio-1.x/...).
# These flags map the Cargo home and the checkout to short relative paths
# ("tokio-1.x/src/...", "core/src/..."): a shipped library names no build
# machine, two builders get the same paths, and the library is smaller.
# (Cargo's own `trim-paths` profile option does this but is not stable.)
#
# Sets CARGO_ENCODED_RUSTFLAGS (any RUSTFLAGS given are kept in it).

release_path_flags() {
    local root="$1" cargo_home="${CARGO_HOME:-$HOME/.cargo}" sep=$'\x1f'
    local flags="" word dir
    for word in ${RUSTFLAGS:-}; do flags+="$word$sep"; done
    for dir in "$cargo_home"/registry/src/*/; do
        [[ -d "$dir" ]] && flags+="--remap-path-prefix=$dir=$sep"
    done
    flags+="--remap-path-prefix=$cargo_home/git/checkouts/=$sep"
    flags+="--remap-path-prefix=$root/="
    export CARGO_ENCODED_RUSTFLAGS="$flags"
    unset RUSTFLAGS
}
