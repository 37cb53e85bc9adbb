#!/usr/bin/env bash
# Boots Debian's armhf kernel with Xenith's busybox initramfs on QEMU's virt board (the reference the
# `xenith run` boot is compared with) and prints the host seconds from launch to the BUSYBOX-READY
# line, to AUTOTEST-DONE and to QEMU's exit (the guest's `poweroff -f`).
#
# usage: bench/boot/qemu-boot.sh [armmp-lpae|armmp] [runs]
# The images come from `xenith images` (folder: $XENITH_CACHE/images, else $XDG_CACHE_HOME/xenith/images,
# else ~/.cache/xenith/images). The full console log of the last run goes to bench/boot/out/qemu-<kernel>.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
flavour="${1:-armmp-lpae}"
runs="${2:-1}"
case "$flavour" in armmp-lpae|armmp) ;; *) echo "qemu-boot: kernel must be armmp-lpae or armmp" >&2; exit 2 ;; esac

if [ -n "${XENITH_CACHE:-}" ]; then cache="$XENITH_CACHE"
elif [[ "${XDG_CACHE_HOME:-}" == /* ]]; then cache="$XDG_CACHE_HOME/xenith"
else cache="$HOME/.cache/xenith"; fi
images="$cache/images"
kernel="$images/vmlinuz-$flavour"
initrd="$images/busybox-initramfs.cpio.gz"
for f in "$kernel" "$initrd"; do
  [ -f "$f" ] || { echo "qemu-boot: $f is missing; run ./xenith images first" >&2; exit 1; }
done
command -v qemu-system-arm >/dev/null || { echo "qemu-boot: qemu-system-arm not found (apt-get install qemu-system-arm)" >&2; exit 1; }

mkdir -p "$here/out"
log="$here/out/qemu-$flavour.log"
timeout_s=300

# Seconds since $1 (an $EPOCHREALTIME value), with millisecond precision.
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }

echo "$(qemu-system-arm --version | head -n1)"
echo "kernel  $kernel ($(grep "^vmlinuz-$flavour " "$images/versions.txt" 2>/dev/null | cut -d' ' -f2- || echo "version unknown"))"
echo "initrd  $initrd"
for run in $(seq 1 "$runs"); do
  ready="-" uptime="-" done_t="-"
  : > "$log.tmp"
  start=$EPOCHREALTIME
  while IFS= read -r line; do
    line="${line%$'\r'}"
    printf '%s\n' "$line" >> "$log.tmp"
    case "$line" in
      BUSYBOX-READY*) ready=$(since "$start"); uptime="${line#*uptime=}" ;;
      AUTOTEST-DONE*) done_t=$(since "$start") ;;
    esac
  done < <(timeout "$timeout_s" qemu-system-arm -M virt -cpu cortex-a15 -m 1024 -nographic -net none -no-reboot \
             -kernel "$kernel" -initrd "$initrd" -append "console=ttyAMA0 xenith.autotest=1" </dev/null 2>&1)
  exit_t=$(since "$start")
  mv "$log.tmp" "$log"
  printf 'run %d: BUSYBOX-READY %s s (guest uptime %s s), AUTOTEST-DONE %s s, exit %s s\n' \
    "$run" "$ready" "$uptime" "$done_t" "$exit_t"
  if [ "$done_t" = "-" ]; then
    echo "qemu-boot: no AUTOTEST-DONE line within ${timeout_s} s; see $log" >&2
    exit 1
  fi
done
