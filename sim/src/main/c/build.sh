#!/usr/bin/env bash
# Builds the native kernels (psum_kernel.c, bitserial_kernel.c, bitserial_lookup.c, crossbar.c) into sim's class path, where
# NativeKernels loads them from. Maven runs it (sim/pom.xml, phase process-classes): build.sh OUTPUT_CLASSES_DIR JAVA_HOME.
# Without a C compiler or JNI headers, or off Linux, it builds nothing and says so: the DJL path then runs the
# quantized layers, with the same results, slower (docs/sim-kernels.md). Debian: apt-get install -y gcc.
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
classes=$1
java_home=$2
arch=$(uname -m)
dir=$classes/org/cim2pq/sim/cim/inference/native/linux-$arch
cc=${CC:-gcc}
skip() {
  echo "[WARNING] native kernels not built: $1; quantized layers will run on the DJL path (same results, slower)" >&2
  exit 0
}
[ "$(uname -s)" = Linux ] || skip "not Linux"
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler ($cc; Debian: apt-get install -y gcc)"
[ -f "$java_home/include/jni.h" ] || skip "no JNI headers under $java_home/include"
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-O3 -fPIC -Wall -Wextra -Wno-psabi -I"$java_home/include" -I"$java_home/include/linux")
# CIM2PQ_CFLAGS: extra flags, e.g. "-DCIM2PQ_NO_CLONES -mavx2 -mfma" to build and test one fallback (docs/sim-kernels.md)
read -r -a extra <<< "${CIM2PQ_CFLAGS:-}"
flags+=("${extra[@]}")
# -ffp-contract=off: no multiply and add may fuse where the Java path rounds them separately (see psum_kernel.c)
"$cc" "${flags[@]}" -ffp-contract=off -c "$src/psum_kernel.c" -o "$tmp/psum_kernel.o"
"$cc" "${flags[@]}" -ffp-contract=off -c "$src/bitserial_kernel.c" -o "$tmp/bitserial_kernel.o"
"$cc" "${flags[@]}" -ffp-contract=off -c "$src/bitserial_lookup.c" -o "$tmp/bitserial_lookup.o"
# crossbar sums are exact integers: fused multiply-adds give the same result there
"$cc" "${flags[@]}" -ffp-contract=fast -c "$src/crossbar.c" -o "$tmp/crossbar.o"
"$cc" -shared "$tmp/psum_kernel.o" "$tmp/bitserial_kernel.o" "$tmp/bitserial_lookup.o" "$tmp/crossbar.o" -lm -o "$tmp/libcim2pq_kernels.so"
mv "$tmp/libcim2pq_kernels.so" "$dir/libcim2pq_kernels.so"
