#!/bin/sh
# QEMU baseline for the CPU benchmark: runs each kernel ELF in qemu-system-arm (virt, cortex-a15),
# prints its UART output and the best-of-N wall time minus the best time of the empty kernel
# (QEMU's own start-up and shutdown).
#   usage: run-qemu.sh [variant (arm|thumb|small-arm|...)] [runs]
set -eu
cd "$(dirname "$0")"
variant=${1:-arm}
runs=${2:-3}
kernels="intloop memcpy crc32 sort interp"
make -s $(for k in empty $kernels; do echo "out/$variant/$k.elf"; done)
command -v qemu-system-arm >/dev/null || { echo "qemu-system-arm not found" >&2; exit 1; }

# Best of $runs wall-clock seconds for one ELF; its UART output goes to out/$variant/K.qemu.txt.
best_time() {
  best=
  i=0
  while [ "$i" -lt "$runs" ]; do
    t0=$(date +%s.%N)
    timeout 300 qemu-system-arm -M virt -cpu cortex-a15 -m 256 -nographic -net none -monitor none \
      -serial stdio -kernel "$1" >"${1%.elf}.qemu.txt"
    t1=$(date +%s.%N)
    best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN { t = b - a; print (best == "" || t < best) ? t : best }')
    i=$((i + 1))
  done
  echo "$best"
}

base=$(best_time "out/$variant/empty.elf")
printf '%-8s %10s  %s\n' kernel seconds output
for k in $kernels; do
  t=$(best_time "out/$variant/$k.elf")
  printf '%-8s %10.4f  %s\n' "$k" "$(awk -v a="$t" -v b="$base" 'BEGIN { print a - b }')" "$(cat "out/$variant/$k.qemu.txt")"
done
printf 'empty run (subtracted): %.4f s\n' "$base"
