#!/bin/bash
# Build the nova-lite test guest: a tiny cirros-style image made only from
# Debian packages (linux-image-amd64, busybox-static, syslinux, mtools,
# dosfstools, cpio, qemu-utils), so tests never need to download an image.
#
# Usage: tools/build_test_image.sh [OUTPUT_DIR]     (default: <repo>/build/images)
# Writes OUTPUT_DIR/nova-lite-test.qcow2. Does nothing if that file already
# exists and is newer than this script (set FORCE=1 to rebuild anyway).
#
# Guest layout: an unpartitioned FAT filesystem (label NOVALITE) made bootable
# with syslinux, holding the Debian kernel and an initramfs with a static
# busybox and the few kernel modules it needs. Next to them the FAT disk has
# the bones of a Linux root: /etc (passwd, group, shadow, fstab, hosts,
# os-release), /bin and /root, so that libguestfs' inspection takes it for
# one and file injection (nova-lite's [libvirt]inject_partition -1 or 0) has
# root's uid/gid and /etc/shadow to work with. The guest runs from the
# initramfs; the disk is only read. /init loads the modules, prints
#   nova-lite test guest booted
# plus kernel version, block devices, NICs, the config drive's uuid and the
# uptime on the serial console, then offers a "nova-lite-test login:" prompt
# on ttyS0. ACPI power-button presses power it off, so a clean shutdown is quick.
#
# Config drive: if there is one, its openstack/latest/meta_data.json gives
# one console line each (read with /bin/json2lines, see below):
#   config drive: uuid <uuid>
#   config drive: hostname <hostname>
#   config drive: public key <name>          (one per key of public_keys)
#   config drive: user_data <first line>     (only if there is user_data)
#
# Injected files: every regular file under /root and /etc of the boot disk,
# and its /meta.js, that the image was not built with (the build records the
# md5sum of each file it puts there in /etc/rootfs.md5 of the initramfs) is
# announced before the login prompt, with its first non-empty line (at most
# 200 characters), at most 20 files, in path order:
#   injected: <path> <first line>
#
# Network, as cirros does it: if there is a config drive (label config-2) with
# openstack/latest/network_data.json, the NICs it describes by MAC address get
# their "ipv4" networks statically (address, prefix from the netmask, routes,
# link MTU) and its dns services go to /etc/resolv.conf. The JSON is read by
# /bin/json2lines, an awk tokenizer/parser that flattens it into "path=value"
# lines (links.0.ethernet_mac_address=fa:16:3e:...). Every other NIC (and
# "ipv4_dhcp" networks) gets DHCP with udhcpc in the background. Each address
# is announced on the console once it is set, one line each:
#   net: <nic> <mac> <ip>/<prefixlen> config-drive|dhcp
# If the config drive's openstack/latest/user_data starts with "#!", it is
# copied to /run/user-data and run in the background once the network is up
# (right after the static configuration or, if no NIC got a static address,
# after the first DHCP lease or 20 s at most). Its output goes to the console,
# framed by "user-data: start" and "user-data: exit <status>" lines.
# Console lines from background jobs are written one line per write(), by
# /bin/say, so they never mix; the login prompt does not wait for any of it.
set -euo pipefail

die() { echo "build_test_image: $*" >&2; exit 1; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$script_dir")
out_dir=${1:-$repo_dir/build/images}
out=$out_dir/nova-lite-test.qcow2

if [[ -z ${FORCE:-} && -f $out && $out -nt ${BASH_SOURCE[0]} ]]; then
    exit 0
fi

for tool in mcopy mmd mkfs.vfat syslinux cpio qemu-img gzip md5sum; do
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

lines_get() {  # lines_get FILE PATH: the value at PATH in json2lines output FILE
    awk -v key="$2=" 'index($0, key) == 1 { print substr($0, length(key) + 1); exit }' "$1"
}
show_meta_data() {   # show_meta_data DIR: what DIR/meta_data.json tells
    local md=/run/meta_data.lines
    if ! json2lines <"$1/meta_data.json" >$md 2>/dev/null; then
        echo "config drive: meta_data.json is not valid JSON"
        return
    fi
    echo "config drive: uuid $(lines_get $md uuid)"
    echo "config drive: hostname $(lines_get $md hostname)"
    # public_keys.<name>=<key>: key names have no "=".
    awk 'index($0, "public_keys.") == 1 { k = substr($0, 13); sub(/=.*/, "", k); print k }' $md |
        while IFS= read -r name; do echo "config drive: public key $name"; done
    if [ -f "$1/user_data" ]; then
        echo "config drive: user_data $(head -n 1 "$1/user_data" | tr -d '\r' | cut -c1-200)"
    fi
}

# Config drive (label config-2, iso9660 or vfat), as nova attaches it. What
# is needed later is copied to /run so that it can be unmounted right away.
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
    latest=/mnt/openstack/latest
    uuid=$(grep -o '"uuid": *"[^"]*"' $latest/meta_data.json 2>/dev/null)
    echo "config drive found: $uuid"
    show_meta_data $latest
    [ -f $latest/network_data.json ] && cp $latest/network_data.json /run/
    # user_data is run only if it is a script, as cirros does.
    if [ -f $latest/user_data ] && [ "$(head -c 2 $latest/user_data)" = "#!" ]; then
        cp $latest/user_data /run/user-data && chmod 755 /run/user-data
    fi
    umount /mnt
fi

# --- files the compute host injected into the boot disk ---
# The boot disk is the FAT filesystem labelled NOVALITE (or, failing that,
# the FAT filesystem with syslinux.cfg); files the image was built with are
# listed with their md5sum in /etc/rootfs.md5 and not shown.
boot_disk() {
    local d disk
    disk=$(findfs LABEL=NOVALITE 2>/dev/null)
    if [ -z "$disk" ]; then
        for d in $(awk 'NR > 2 { print $4 }' /proc/partitions); do
            mount -r -t vfat "/dev/$d" /mnt 2>/dev/null || continue
            [ -e /mnt/syslinux.cfg ] && disk=/dev/$d
            umount /mnt
            [ -n "$disk" ] && break
        done
    fi
    echo "$disk"
}
show_injected_files() {
    local disk f path n=0
    disk=$(boot_disk)
    [ -n "$disk" ] && mount -r -t vfat "$disk" /mnt 2>/dev/null || return 0
    { find /mnt/root /mnt/etc -type f 2>/dev/null | sort
      [ -f /mnt/meta.js ] && echo /mnt/meta.js; } >/run/boot-disk-files
    while IFS= read -r f; do
        path=${f#/mnt}
        grep -qxF "$(md5sum <"$f" | cut -d' ' -f1)  $path" /etc/rootfs.md5 && continue
        echo "injected: $path $(grep -m 1 . "$f" | tr -d '\r' | cut -c1-200)"
        n=$((n + 1))
        [ $n -lt 20 ] || break
    done </run/boot-disk-files
    umount /mnt
}
show_injected_files

# --- static network configuration from network_data.json ---
# json2lines flattens the JSON into "path=value" lines such as
#   links.0.ethernet_mac_address=fa:16:3e:12:34:56
#   networks.0.routes.0.gateway=10.254.0.1
# which the helpers below look up.
nd=/run/network_data.lines
nd_get() {     # nd_get PATH: the value at PATH, empty if there is none
    awk -v key="$1=" 'index($0, key) == 1 { print substr($0, length(key) + 1); exit }' $nd
}
nd_items() {   # nd_items PATH: the indexes of the array at PATH, in order
    awk -v pfx="$1." 'index($0, pfx) == 1 {
        i = substr($0, length(pfx) + 1); sub(/[.=].*/, "", i)
        if (!(i in seen)) { seen[i] = 1; print i }
    }' $nd
}
prefixlen() {  # prefixlen 255.255.255.0 -> 24 (a bare number is kept)
    local bits=0 octet
    case $1 in *.*) ;; *) echo "$1"; return ;; esac
    for octet in $(echo "$1" | tr . ' '); do
        while [ "$octet" -gt 0 ]; do bits=$((bits + octet % 2)); octet=$((octet / 2)); done
    done
    echo $bits
}
nic_with_mac() {   # nic_with_mac MAC: the NIC's name, empty if none has it
    local mac nic
    mac=$(echo "$1" | tr A-F a-f)
    for nic in /sys/class/net/*; do
        [ "$(cat "$nic/address")" = "$mac" ] && { echo "${nic##*/}"; return; }
    done
}
configure_from_network_data() {   # sets static_nics; prints one net: line per address
    local l n r nic mac link mtu addr plen dest mask gw
    for l in $(nd_items links); do
        mac=$(nd_get links.$l.ethernet_mac_address)
        [ -n "$mac" ] || continue          # vlan, bond...: not handled
        nic=$(nic_with_mac "$mac")
        [ -n "$nic" ] || continue
        mac=$(cat /sys/class/net/$nic/address)
        link=$(nd_get links.$l.id)
        mtu=$(nd_get links.$l.mtu)
        case $mtu in [0-9]*) ip link set dev "$nic" mtu "$mtu" ;; esac
        for n in $(nd_items networks); do
            [ "$(nd_get networks.$n.link)" = "$link" ] || continue
            [ "$(nd_get networks.$n.type)" = ipv4 ] || continue   # ipv4_dhcp -> DHCP
            addr=$(nd_get networks.$n.ip_address)
            plen=$(prefixlen "$(nd_get networks.$n.netmask)")
            ip link set dev "$nic" up
            ip addr add "$addr/$plen" dev "$nic" || continue
            for r in $(nd_items networks.$n.routes); do
                dest=$(nd_get networks.$n.routes.$r.network)
                mask=$(nd_get networks.$n.routes.$r.netmask)
                gw=$(nd_get networks.$n.routes.$r.gateway)
                if [ "$dest" = 0.0.0.0 ] && [ "$mask" = 0.0.0.0 ]; then
                    dest=default
                else
                    dest=$dest/$(prefixlen "$mask")
                fi
                ip route replace "$dest" via "$gw" dev "$nic"
            done
            case " $static_nics " in *" $nic "*) ;; *) static_nics="$static_nics $nic" ;; esac
            echo "net: $nic $mac $addr/$plen config-drive"
        done
    done
    # Name servers: "services" of type dns, per network and top-level.
    awk '{
        key = $0; sub(/=.*/, "", key); value = substr($0, length(key) + 2)
        if (key !~ /^(networks\.[0-9]+\.)?services\.[0-9]+\.(type|address)$/) next
        svc = key; sub(/\.[a-z]+$/, "", svc)
        if (!(svc in field)) order[n++] = svc
        field[svc] = 1; field[key] = value
    }
    END {
        for (i = 0; i < n; i++) {
            addr = field[order[i] ".address"]
            if (field[order[i] ".type"] == "dns" && addr != "" && !(addr in done)) {
                done[addr] = 1; print "nameserver " addr
            }
        }
    }' $nd >/run/resolv.static
    if [ -s /run/resolv.static ]; then cp /run/resolv.static /etc/resolv.conf; else rm -f /run/resolv.static; fi
}

static_nics=
if [ -f /run/network_data.json ]; then
    if json2lines </run/network_data.json >$nd; then
        configure_from_network_data
    else
        echo "config drive: network_data.json is not valid JSON, using DHCP"
    fi
fi

echo "uptime: $(cut -d' ' -f1 /proc/uptime)s"

# DHCP in the background on every NIC that got no static IPv4 address; the
# udhcpc script prints the net: line once a lease is bound.
dhcp_nics=
for nic in /sys/class/net/*; do
    nic=${nic##*/}
    [ "$nic" = lo ] && continue
    case " $static_nics " in *" $nic "*) continue ;; esac
    udhcpc -f -i "$nic" -s /etc/udhcpc.script >/dev/null 2>&1 &
    dhcp_nics="$dhcp_nics $nic"
done

# user_data, in the background once the network is configured: right away if
# some NIC is configured statically, else after the first DHCP lease (or
# after 20 s without one). Its output goes to the console line by line.
run_user_data() {
    local tries=0 line
    if [ -z "$static_nics" ] && [ -n "$dhcp_nics" ]; then
        while [ ! -e /run/dhcp-bound ] && [ $tries -lt 100 ]; do
            sleep 0.2; tries=$((tries + 1))
        done
    fi
    say "user-data: start"
    { (cd / && exec /run/user-data) </dev/null 2>&1; echo "user-data: exit $?"; } |
        while IFS= read -r line || [ -n "$line" ]; do say "$line"; done
}
if [ -x /run/user-data ]; then run_user_data & fi

# ACPI power button -> poweroff, so "virsh shutdown" works promptly.
acpid 2>/dev/null
exec /sbin/init
EOF

# Prints its arguments as one console line, in a single write(), so that lines
# from concurrent background jobs never mix. While the login prompt waits for
# input, the first line after it starts on a new line rather than after it.
cat >"$root/bin/say" <<'EOF'
#!/bin/sh
if mv /run/at-login-prompt /run/at-login-prompt.$$ 2>/dev/null; then
    rm -f /run/at-login-prompt.$$
    echo "
$*" >/dev/console
else
    printf '%s\n' "$*" >/dev/console
fi
EOF

cat >"$root/etc/udhcpc.script" <<'EOF'
#!/bin/sh
# Called by udhcpc with the lease in the environment ($mask is a prefix length).
case $1 in
    deconfig)
        ip addr flush dev "$interface"; ip link set "$interface" up
        rm -f "/run/dhcp.$interface" ;;
    bound|renew)
        [ "$(cat "/run/dhcp.$interface" 2>/dev/null)" = "$ip/${mask:-24}" ] && exit 0
        ip addr flush dev "$interface"
        ip addr add "$ip/${mask:-24}" dev "$interface"
        [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
        if [ -n "$dns" ] && [ ! -e /run/resolv.static ]; then
            for server in $dns; do echo "nameserver $server"; done >/etc/resolv.conf
        fi
        echo "$ip/${mask:-24}" >"/run/dhcp.$interface"
        say "net: $interface $(cat "/sys/class/net/$interface/address") $ip/${mask:-24} dhcp"
        touch /run/dhcp-bound ;;
esac
exit 0
EOF

cat >"$root/bin/json2lines" <<'EOF'
#!/usr/bin/awk -f
# json2lines: flatten the JSON document on stdin into one "path=value" line
# per scalar, so that shell scripts can read it with grep/sed/awk:
#   {"links": [{"id": "tap1", "mtu": 1450}], "ok": true}
# gives
#   links.0.id=tap1
#   links.0.mtu=1450
#   ok=true
# Object keys and array indexes are joined with "."; string escapes are
# decoded (control characters become spaces, non-ASCII \uXXXX becomes "?");
# numbers, true, false and null are printed as written; empty objects and
# arrays print nothing. Whitespace, key order and nesting do not matter.
# On malformed input nothing is printed and the exit status is 1.

# --- tokenizer: every line of input is cut into tokens, each stored with a
# one-letter type: "s" string (already decoded), "v" number/true/false/null,
# "p" punctuation ({ } [ ] : ,). JSON strings never span lines.
{
    line = $0
    while (line != "") {
        if (match(line, /^[ \t\r]+/)) {
            # whitespace between tokens
        } else if (match(line, /^[][{}:,]/)) {
            tok[ntok++] = "p" substr(line, 1, 1)
        } else if (match(line, /^"([^"\\]|\\.)*"/)) {
            tok[ntok++] = "s" unescape(substr(line, 2, RLENGTH - 2))
        } else if (match(line, /^(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|null)/)) {
            tok[ntok++] = "v" substr(line, 1, RLENGTH)
        } else {
            fail("unexpected input at: " substr(line, 1, 20))
        }
        line = substr(line, RLENGTH + 1)
    }
}

function unescape(s,    out, i, c, code) {
    out = ""
    while ((i = index(s, "\\")) > 0) {
        out = out substr(s, 1, i - 1)
        c = substr(s, i + 1, 1)
        if (c == "u") {
            code = hex(substr(s, i + 2, 4))
            out = out (code < 32 ? " " : code < 127 ? sprintf("%c", code) : "?")
            s = substr(s, i + 6)
        } else {
            out = out (c ~ /[bfnrt]/ ? " " : c)    # \" \\ \/ stay themselves
            s = substr(s, i + 2)
        }
    }
    return out s
}

function hex(digits,    i, value) {
    value = 0
    for (i = 1; i <= length(digits); i++)
        value = value * 16 + index("0123456789abcdef", tolower(substr(digits, i, 1))) - 1
    return value
}

# --- parser: recursive descent over the tokens, collecting output lines ---
END {
    if (failed) exit 1
    pos = 0
    parse_value("")
    if (pos != ntok) fail("trailing data after the document")
    for (i = 0; i < nout; i++) print out[i]
}

function parse_value(path,    t) {
    t = tok[pos++]
    if (t == "p{") parse_object(path)
    else if (t == "p[") parse_array(path)
    else if (t ~ /^[sv]/) out[nout++] = path "=" substr(t, 2)
    else fail("expected a value at token " pos)
}

function parse_object(path,    t) {
    if (tok[pos] == "p}") { pos++; return }
    while (1) {
        t = tok[pos++]
        if (t !~ /^s/) fail("expected a key at token " pos)
        if (tok[pos++] != "p:") fail("expected ':' at token " pos)
        parse_value((path == "" ? "" : path ".") substr(t, 2))
        t = tok[pos++]
        if (t == "p}") return
        if (t != "p,") fail("expected ',' or '}' at token " pos)
    }
}

function parse_array(path,    t, n) {
    if (tok[pos] == "p]") { pos++; return }
    for (n = 0; ; n++) {
        parse_value((path == "" ? "" : path ".") n)
        t = tok[pos++]
        if (t == "p]") return
        if (t != "p,") fail("expected ',' or ']' at token " pos)
    }
}

function fail(msg) {
    printf "json2lines: %s\n", msg | "cat >&2"
    failed = 1
    exit 1
}
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
touch /run/at-login-prompt   # see /bin/say
printf '\nnova-lite-test login: '
read -r _user || sleep 1
rm -f /run/at-login-prompt
exec /bin/sh -l
EOF

mkdir -p "$root/etc/acpi/PWRF"
printf '#!/bin/sh\n/sbin/poweroff\n' >"$root/etc/acpi/PWRF/00000080"
printf 'export PS1="\\h# "\n' >"$root/etc/profile"
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
echo nova-lite-test >"$root/etc/hostname"
chmod 755 "$root/init" "$root/etc/login-loop" "$root/etc/udhcpc.script" "$root/etc/acpi/PWRF/00000080" \
    "$root/bin/say" "$root/bin/json2lines"

# --- the bones of a Linux root on the FAT disk (see the header) ------------
skel=$work/rootfs
mkdir -p "$skel/etc"
echo "root:x:0:0:root:/root:/bin/sh" >"$skel/etc/passwd"
echo "root:x:0:" >"$skel/etc/group"
echo "root:*:19000:0:99999:7:::" >"$skel/etc/shadow"
echo "# The test guest runs from its initramfs: nothing to mount." >"$skel/etc/fstab"
printf '127.0.0.1\tlocalhost\n' >"$skel/etc/hosts"
printf 'NAME="nova-lite test guest"\nID=nova-lite-test\nVERSION_ID=1\n' >"$skel/etc/os-release"
# The guest reports every other file there as injected.
(cd "$skel" && find . -type f | sed 's|^\.||' | sort | while read -r f; do
    echo "$(md5sum <".$f" | cut -d' ' -f1)  $f"
done) >"$root/etc/rootfs.md5"

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
mmd -i "$disk" ::/etc ::/bin ::/root
mcopy -i "$disk" "$skel"/etc/* ::/etc/
syslinux --install "$disk"   # mtools-based: no loop mount needed

mkdir -p "$out_dir"
qemu-img convert -O qcow2 "$disk" "$work/out.qcow2"
mv -f "$work/out.qcow2" "$out"
