#!/bin/sh
# Smoke test without a hypervisor: ./qemu/run.sh [NAME]  (default: version)
# Builds out/qemu/NAME.elf with the fakexen shim and runs it on qemu-system-arm -M virt with
# the domU device tree of qemu/domu.dts. Most checks FAIL there (no Xen); what matters is that
# the program boots, parses the tree, prints lines and ends with SUMMARY.
set -e
cd "$(dirname "$0")/.."
name=${1:-version}
make -s out/qemu/$name.elf out/qemu/domu.dtb
exec timeout 20 qemu-system-arm -M virt -cpu cortex-a15 -m 64 -nographic -monitor none -serial stdio \
    -dtb out/qemu/domu.dtb -kernel out/qemu/$name.elf
