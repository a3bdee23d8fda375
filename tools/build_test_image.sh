#!/bin/bash
# Build the nova-lite test guest: a tiny cirros-style image made only from
# Debian packages (linux-image-amd64, busybox-static, syslinux, mtools,
# dosfstools, cpio, qemu-utils), so tests never need to download an image.
#
# Usage: tools/build_test_image.sh [OUTPUT_DIR]     (default: <repo>/build/images)
# Writes OUTPUT_DIR/nova-lite-test.qcow2. Does nothing if that file already
# exists and is newer than this script (set FORCE=1 to rebuild anyway).
#
# Guest layout: an unpartitioned FAT filesystem made bootable with syslinux,
# holding the Debian kernel and an initramfs with a static busybox and the
# few kernel modules it needs. /init loads the modules, prints
#   nova-lite test guest booted
# plus kernel version, block devices, NICs, the config drive's uuid and the
# uptime on the serial console, then offers a "nova-lite-test login:" prompt
# on ttyS0. NICs get DHCP in the background ("dhcp: eth0 ADDR" when bound).
# ACPI power-button presses power it off, so a clean shutdown is quick.
set -euo pipefail

die() { echo "build_test_image: $*" >&2; exit 1; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$script_dir")
out_dir=${1:-$repo_dir/build/images}
out=$out_dir/nova-lite-test.qcow2

if [[ -z ${FORCE:-} && -f $out && $out -nt ${BASH_SOURCE[0]} ]]; then
    exit 0
fi

for tool in mcopy mkfs.vfat syslinux cpio qemu-img gzip; do
    command -v "$tool" >/dev/null || die "missing '$tool' (run tools/install_system_deps.sh)"
done
# The initramfs has no libc, so busybox must be the static build.
if [[ ! -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then
    die "/bin/busybox is missing or not static (install busybox-static)"
fi

# Newest Debian kernel that also has its modules installed.
kver=
for k in $(printf '%s\n' /boot/vmlinuz-* | sed 's|^/boot/vmlinuz-||' | sort -rV); do
    if [[ -f /lib/modules/$k/modules.dep && -f /boot/vmlinuz-$k ]]; then kver=$k; break; fi
done
[[ -n $kver ]] || die "no /boot/vmlinuz-* with /lib/modules (install linux-image-amd64)"
moddir=/lib/modules/$kver

work=$(mktemp -d /tmp/nova-lite-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/initramfs
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,mnt,etc,root,run,var/log,lib/modules}
ln -s ../run "$root/var/run"

# --- busybox, with its applet symlinks made now rather than at every boot ---
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list-full); do
    [[ -e $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
done

# --- kernel modules ---------------------------------------------------------
# Upper-level SCSI drivers come before the host drivers so that disks and the
# config drive cdrom are bound during the (synchronous) host probe.
wanted=(
    virtio_pci virtio_blk virtio_net virtio_console virtio_scsi virtio_rng
    sd_mod sr_mod
    ahci ata_piix ata_generic
    isofs vfat nls_cp437 nls_ascii nls_utf8
    button evdev
)
declare -A modpath=() moddeps=() emitted=()
while IFS=: read -r path deps; do
    name=${path##*/}; name=${name%%.ko*}; name=${name//-/_}
    modpath[$name]=$path
    moddeps[$name]=$deps
done <"$moddir/modules.dep"

load_order=()
add_module() {   # depth-first, so each module follows its dependencies
    local name=${1//-/_} dep
    [[ -n ${emitted[$name]:-} ]] && return 0
    emitted[$name]=1
    for dep in ${moddeps[$name]:-}; do
        dep=${dep##*/}; add_module "${dep%%.ko*}"
    done
    load_order+=("$name")
}
for m in "${wanted[@]}"; do
    if [[ -n ${modpath[$m]:-} ]]; then
        add_module "$m"
    elif ! grep -qE "/$m\.ko" "$moddir/modules.builtin" 2>/dev/null; then
        die "kernel $kver has no module '$m'"
    fi   # built into the kernel: nothing to ship
done

# busybox insmod cannot read compressed modules: ship them decompressed.
for name in "${load_order[@]}"; do
    src=$moddir/${modpath[$name]}
    dst=$root/lib/modules/$name.ko
    case $src in
        *.ko.xz)  xz -dc "$src" >"$dst" ;;
        *.ko.zst) zstd -qdc "$src" >"$dst" ;;
        *.ko.gz)  gzip -dc "$src" >"$dst" ;;
        *)        cp "$src" "$dst" ;;
    esac
    echo "$name.ko" >>"$root/lib/modules/load-order"
done

# --- guest userland ---------------------------------------------------------
cat >"$root/init" <<'EOF'
#!/bin/sh
# First process of the nova-lite test guest (everything runs from initramfs).
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
hostname nova-lite-test
ip link set lo up

# Drivers, in dependency order; insmod returns once the device probe is done.
while read -r m; do insmod "/lib/modules/$m" 2>/dev/null; done </lib/modules/load-order

echo
echo "nova-lite test guest booted"
echo "kernel: $(uname -r)"
echo "block devices:$(awk 'NR > 2 { printf " %s", $4 }' /proc/partitions)"
for nic in /sys/class/net/*; do
    [ "${nic##*/}" = lo ] && continue
    echo "nic: ${nic##*/} $(cat "$nic/address")"
done

# Config drive (label config-2, iso9660 or vfat), as nova attaches it.
cfg=$(findfs LABEL=config-2 2>/dev/null)
if [ -z "$cfg" ]; then   # fall back to looking at every block device
    for d in $(awk 'NR > 2 { print $4 }' /proc/partitions); do
        mount -r "/dev/$d" /mnt 2>/dev/null || continue
        [ -e /mnt/openstack/latest/meta_data.json ] && cfg=/dev/$d
        umount /mnt
        [ -n "$cfg" ] && break
    done
fi
if [ -n "$cfg" ] && mount -r "$cfg" /mnt 2>/dev/null; then
    uuid=$(grep -o '"uuid": *"[^"]*"' /mnt/openstack/latest/meta_data.json 2>/dev/null)
    echo "config drive found: $uuid"
    umount /mnt
fi

echo "uptime: $(cut -d' ' -f1 /proc/uptime)s"

# DHCP on every NIC in the background; the lease is reported on the console.
for nic in /sys/class/net/*; do
    [ "${nic##*/}" = lo ] && continue
    udhcpc -f -i "${nic##*/}" -s /etc/udhcpc.script >/dev/null 2>&1 &
done

# ACPI power button -> poweroff, so "virsh shutdown" works promptly.
acpid 2>/dev/null
exec /sbin/init
EOF

cat >"$root/etc/udhcpc.script" <<'EOF'
#!/bin/sh
# Called by udhcpc with the lease in the environment.
case $1 in
    deconfig)
        ip addr flush dev "$interface"; ip link set "$interface" up ;;
    bound|renew)
        ip addr flush dev "$interface"
        ip addr add "$ip/${mask:-24}" dev "$interface"
        [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
        [ "$1" = bound ] && echo "dhcp: $interface $ip/${mask:-24}" >/dev/console ;;
esac
exit 0
EOF

cat >"$root/etc/inittab" <<'EOF'
ttyS0::respawn:/etc/login-loop
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/sync
EOF

# A cirros-like prompt; any name gives a root shell. busybox init already
# made ttyS0 the controlling terminal of this session.
cat >"$root/etc/login-loop" <<'EOF'
#!/bin/sh
printf '\nnova-lite-test login: '
read -r _user || sleep 1
exec /bin/sh -l
EOF

mkdir -p "$root/etc/acpi/PWRF"
printf '#!/bin/sh\n/sbin/poweroff\n' >"$root/etc/acpi/PWRF/00000080"
printf 'export PS1="\\h# "\n' >"$root/etc/profile"
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
echo nova-lite-test >"$root/etc/hostname"
chmod 755 "$root/init" "$root/etc/login-loop" "$root/etc/udhcpc.script" "$root/etc/acpi/PWRF/00000080"

(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -9 >"$work/initrd.gz"

# --- bootable FAT disk ------------------------------------------------------
cp "/boot/vmlinuz-$kver" "$work/vmlinuz"
cat >"$work/syslinux.cfg" <<'EOF'
SERIAL 0 115200
DEFAULT linux
PROMPT 0
TIMEOUT 0
LABEL linux
  KERNEL vmlinuz
  APPEND initrd=initrd.gz console=tty0 console=ttyS0,115200 quiet
EOF

# Size the disk from its contents (+4 MiB slack for FAT and syslinux).
need_kib=$(du -ck "$work/vmlinuz" "$work/initrd.gz" | tail -1 | cut -f1)
size_mib=$(( (need_kib + 1023) / 1024 + 4 ))
disk=$work/disk.raw
truncate -s "${size_mib}M" "$disk"
mkfs.vfat -n NOVALITE "$disk" >/dev/null
mcopy -i "$disk" "$work/vmlinuz" "$work/initrd.gz" "$work/syslinux.cfg" ::/
syslinux --install "$disk"   # mtools-based: no loop mount needed

mkdir -p "$out_dir"
qemu-img convert -O qcow2 "$disk" "$work/out.qcow2"
mv -f "$work/out.qcow2" "$out"
