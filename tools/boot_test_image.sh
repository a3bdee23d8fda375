#!/bin/bash
# Boot the nova-lite test image directly under QEMU (TCG, no libvirt) and
# check that it comes up: the baseline that tests and benchmarks compare with.
#
# Usage: tools/boot_test_image.sh [options] IMAGE
#   --machine TYPE       QEMU machine type (default: pc; e.g. q35)
#   --cdrom ISO          attach ISO as a cdrom
#   --config-drive UUID  make a config-2 ISO whose meta_data.json has this
#                        uuid, attach it as a cdrom and expect the guest to
#                        report it
#   --expect TEXT        also wait for TEXT on the serial console (repeatable)
#   --powerdown          after the login prompt, press the ACPI power button
#                        and wait for the guest to power off
#   --timeout SECONDS    give up after this long (default: 120)
#   --log FILE           keep the serial log in FILE
#   --quiet              do not print the serial log on success
# Exit status 0 when the banner, the login prompt and every --expect text
# were seen in time; otherwise 1. Prints the serial log and the timings.
set -euo pipefail

usage() { sed -n '5,19s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
die() { echo "boot_test_image: $*" >&2; exit 1; }

banner="nova-lite test guest booted"
prompt="nova-lite-test login:"
machine=pc cdrom='' cfg_uuid='' powerdown='' timeout=120 log='' quiet='' image=''
expects=()
while (($#)); do
    case $1 in
        --machine) machine=$2; shift 2 ;;
        --cdrom) cdrom=$2; shift 2 ;;
        --config-drive) cfg_uuid=$2; shift 2 ;;
        --expect) expects+=("$2"); shift 2 ;;
        --powerdown) powerdown=1; shift ;;
        --timeout) timeout=$2; shift 2 ;;
        --log) log=$2; shift 2 ;;
        --quiet) quiet=1; shift ;;
        -h|--help) usage ;;
        -*) usage ;;
        *) [[ -z $image ]] || usage; image=$1; shift ;;
    esac
done
[[ -n $image ]] || usage
[[ -f $image ]] || die "no such image: $image"

work=$(mktemp -d /tmp/nova-lite-boot.XXXXXX)
qemu_pid=
cleanup() {
    [[ -n $qemu_pid ]] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
: "${log:=$work/serial.log}"
: >"$log"

fmt=$(qemu-img info "$image" 2>/dev/null | sed -n 's/^file format: //p')
drives=(-drive "file=$image,if=virtio,format=${fmt:-raw},snapshot=on")

if [[ -n $cfg_uuid ]]; then
    mkdir -p "$work/cfg/openstack/latest"
    printf '{"uuid": "%s"}\n' "$cfg_uuid" >"$work/cfg/openstack/latest/meta_data.json"
    genisoimage -quiet -o "$work/cfg.iso" -V config-2 -r -J "$work/cfg" \
        || die "genisoimage failed"
    cdrom=$work/cfg.iso
    expects+=("config drive found: \"uuid\": \"$cfg_uuid\"")
fi
[[ -n $cdrom ]] && drives+=(-drive "file=$cdrom,media=cdrom,format=raw,readonly=on")

# HMP monitor on a pipe pair, only used to press the power button.
mkfifo "$work/mon.in" "$work/mon.out"
exec 3<>"$work/mon.in" 4<>"$work/mon.out"

start=$EPOCHREALTIME
qemu-system-x86_64 -accel tcg -machine "$machine" -m 256 -display none \
    -no-reboot -nodefaults -serial "file:$log" \
    -chardev "pipe,id=mon,path=$work/mon" -mon chardev=mon,mode=readline \
    -netdev user,id=net0 -device virtio-net-pci,netdev=net0 \
    "${drives[@]}" >"$work/qemu.out" 2>&1 &
qemu_pid=$!

elapsed() { awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
seen() { grep -qF -- "$1" "$log"; }

t_banner='' t_prompt='' t_off='' ok='' pressed=''
pending=("$banner" "$prompt" "${expects[@]}")
deadline=$((SECONDS + timeout))
while ((SECONDS < deadline)); do
    if ! kill -0 "$qemu_pid" 2>/dev/null; then
        wait "$qemu_pid" 2>/dev/null || true
        qemu_pid=
        if [[ -n $t_prompt && -n $powerdown ]]; then t_off=$(elapsed); ok=1; fi
        break
    fi
    [[ -z $t_banner ]] && seen "$banner" && t_banner=$(elapsed)
    [[ -z $t_prompt ]] && seen "$prompt" && t_prompt=$(elapsed)
    if [[ -n $t_prompt && -z $pressed ]]; then
        still=()
        for e in "${pending[@]}"; do seen "$e" || still+=("$e"); done
        pending=("${still[@]}")
        if ((${#pending[@]} == 0)); then
            [[ -z $powerdown ]] && { ok=1; break; }
            echo system_powerdown >&3
            pressed=1
        fi
    fi
    sleep 0.1
done

if [[ -z $quiet || -z $ok ]]; then
    echo "----- serial log ($log) -----"
    tr -d '\r' <"$log"
    echo "-----------------------------"
fi
if [[ -z $ok ]]; then
    [[ -s $work/qemu.out ]] && sed 's/^/qemu: /' "$work/qemu.out" >&2
    for e in "${pending[@]}"; do echo "boot_test_image: not seen: $e" >&2; done
    [[ -n $pressed ]] && echo "boot_test_image: guest did not power off" >&2
    die "FAILED after $(elapsed)s (machine $machine, timeout ${timeout}s)"
fi
echo "boot_test_image: OK machine=$machine banner=${t_banner}s login=${t_prompt}s${t_off:+ poweroff=${t_off}s}"
