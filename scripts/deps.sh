#!/usr/bin/env bash
# Installs the Debian packages Xenith's build, tests and benchmarks use, when any is missing.
# Safe to re-run: it does nothing when everything is present.
set -euo pipefail

need=()
command -v arm-none-eabi-gcc >/dev/null 2>&1 || need+=(gcc-arm-none-eabi binutils-arm-none-eabi)
[ -e /usr/lib/x86_64-linux-gnu/libunicorn.so.2 ] || [ -e /usr/lib/aarch64-linux-gnu/libunicorn.so.2 ] || need+=(libunicorn2)
command -v qemu-system-arm >/dev/null 2>&1 || need+=(qemu-system-arm)
command -v make >/dev/null 2>&1 || need+=(make)
command -v dtc >/dev/null 2>&1 || need+=(device-tree-compiler)
command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
# mke2fs, debugfs and e2fsck make and check busybox.img (in /usr/sbin, off an ordinary user's PATH). Bookworm's
# kernel modules are uncompressed .ko files, so the initramfs needs no xz-utils.
command -v mke2fs >/dev/null 2>&1 || [ -x /usr/sbin/mke2fs ] || [ -x /sbin/mke2fs ] || need+=(e2fsprogs)
command -v dotnet >/dev/null 2>&1 || { echo "deps: the .NET SDK (dotnet) is required and was not found" >&2; exit 1; }

[ ${#need[@]} -eq 0 ] && exit 0
echo "deps: installing ${need[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# An index that fails to refresh (e.g. a mirror mid-sync) is not fatal if the packages still resolve.
$sudo apt-get update -q >&2 || echo "deps: apt-get update reported errors; trying the install anyway" >&2
$sudo apt-get install -y -q --no-install-recommends "${need[@]}" >&2
