#!/bin/sh
# Runs one board test program under QEMU (the reference for Xenith) and prints its UART output.
#   usage: run-qemu.sh NAME        (NAME = mmu_short, mmu_lpae, exceptions, timer, gic, psci)
set -eu
cd "$(dirname "$0")"
name=${1:?usage: run-qemu.sh NAME}
make -s "out/$name.elf"
exec timeout 60 qemu-system-arm -M virt -cpu cortex-a15 -m 256 -smp 2 -nographic -net none -monitor none \
  -serial stdio -kernel "out/$name.elf"
