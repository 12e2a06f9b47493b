#!/bin/sh
# A linker for measuring the shipped library on Linux as the phones' builds
# link it: with LLVM's lld (the Android NDK's only linker), the copy that
# rustup ships (rust-lld, through the C compiler's -fuse-ld), and identical
# code folding (`--icf=all`, which bindings/build.rs also asks of the NDK's
# lld; Apple's linker folds duplicates by default). lld also packs the
# relative relocations (DT_RELR), which Debian's GNU ld 2.40 cannot do on
# aarch64. LLD_CC names the C compiler driver (default: cc). The name ends
# in "gcc" so that rustc passes it the C driver's arguments.
#
#   CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=scripts/bindings/lld-gcc.sh \
#   LLD_CC=aarch64-linux-gnu-gcc cargo build --release --target aarch64-unknown-linux-gnu ...
host="$(rustc -vV | sed -n 's/^host: //p')"
exec "${LLD_CC:-cc}" -fuse-ld=lld -B"$(rustc --print sysroot)/lib/rustlib/$host/bin/gcc-ld" -Wl,--icf=all "$@"
