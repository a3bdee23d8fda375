#!/bin/bash
# Make a Debian 12 machine (root, no systemd) ready for nova-lite: install the
# system packages, then start MariaDB, RabbitMQ, virtlogd and libvirtd by hand
# if they are not already running. Safe to run again: it only installs what is
# missing, leaves running services alone and is quiet unless something fails.
set -euo pipefail

log=/var/log/nova-lite-install-deps.log
die() { echo "install_system_deps: $*" >&2; exit 1; }
# Run a command with its output in $log; show the tail of it on failure.
quietly() {
    if ! "$@" >>"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "failed: $* (full log: $log)"
    fi
}
# wait_for SECONDS DESCRIPTION COMMAND...: poll until COMMAND succeeds.
wait_for() {
    local secs=$1 what=$2; shift 2
    local end=$((SECONDS + secs))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < end)) || die "timed out after ${secs}s waiting for $what"
        sleep 0.5
    done
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

[[ $(id -u) == 0 ]] || die "must run as root"

# ---------------------------------------------------------------- packages --
packages=(
    # QEMU guests through libvirt (and the libvirt-python build)
    qemu-system-x86 qemu-utils libvirt-daemon-system libvirt-clients
    libvirt-dev pkg-config
    # tools/build_test_image.sh: kernel, busybox, syslinux, FAT, cpio, ISO
    genisoimage busybox-static linux-image-amd64 syslinux syslinux-common
    mtools dosfstools cpio kmod xz-utils zstd
    # message bus and database
    rabbitmq-server mariadb-server
    # Python venv and native extensions
    python3-venv python3-dev gcc
    # networking and process tools used by scripts and tests
    iproute2 curl procps
    # guest networking: DHCP on the instance bridges
    dnsmasq-base
    # file injection into instance disks ([libvirt]inject_partition):
    # libguestfs and its Python binding (linked into the venv by
    # tools/install_venv.sh)
    python3-guestfs
)
missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    # Services are started below, without systemd; keep package scripts from
    # trying (and failing) to start them during the install.
    policy_added=
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        policy_added=1
    fi
    quietly apt-get -o DPkg::Lock::Timeout=600 update
    quietly apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}"
    [[ -n $policy_added ]] && rm -f /usr/sbin/policy-rc.d
fi

# ----------------------------------------------------------------- MariaDB --
mariadb_tcp() { mariadb -uroot -h127.0.0.1 -P3306 -e 'select 1'; }
if ! mariadb_tcp >/dev/null 2>&1; then
    if ! pgrep -x mariadbd >/dev/null; then
        install -d -o mysql -g mysql -m 755 /run/mysqld
        if [[ ! -d /var/lib/mysql/mysql ]]; then
            quietly mariadb-install-db --user=mysql --skip-test-db
        fi
        start-stop-daemon --start --oknodo --background \
            --exec /usr/sbin/mariadbd -- --user=mysql
    fi
    # Root logs in over the socket by unix_socket auth as soon as it is up.
    wait_for 60 "MariaDB" mariadb -uroot -e 'select 1'
    if ! mariadb_tcp >/dev/null 2>&1; then
        # Tests connect as root with an empty password over 127.0.0.1:3306,
        # which maps to root@127.0.0.1 or root@localhost (name resolution).
        quietly mariadb -uroot -e "
            CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
            ALTER USER 'root'@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD('');
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
            ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('');
            FLUSH PRIVILEGES;"
        mariadb_tcp >/dev/null 2>&1 \
            || die "MariaDB runs but root cannot log in over 127.0.0.1:3306 (bind-address/skip-networking?)"
    fi
fi

# ---------------------------------------------------------------- RabbitMQ --
# guest/guest is allowed from loopback by default; nothing to configure.
if ! port_open 5672; then
    if ! pgrep -u rabbitmq -x beam.smp >/dev/null; then
        quietly rabbitmq-server -detached   # drops to the rabbitmq user itself
    fi
    wait_for 120 "RabbitMQ on port 5672" port_open 5672
fi

# ----------------------------------------------------------------- libvirt --
# Guests run as root so QEMU can open images and logs anywhere nova-lite puts
# them (/var/lib/nova-lite, /tmp) whatever their owner; dynamic_ownership is
# left at its default.
qemu_conf=/etc/libvirt/qemu.conf
conf_changed=
for key in user group; do
    if ! grep -qE "^[[:space:]]*${key}[[:space:]]*=[[:space:]]*\"root\"" "$qemu_conf"; then
        sed -i -E "/^[[:space:]]*${key}[[:space:]]*=/d" "$qemu_conf"
        echo "$key = \"root\"" >>"$qemu_conf"
        conf_changed=1
    fi
done

if ! pgrep -x virtlogd >/dev/null; then
    quietly virtlogd -d
fi
if [[ -n $conf_changed ]] && pgrep -x libvirtd >/dev/null; then
    kill "$(pgrep -x libvirtd)"   # restart to pick up qemu.conf
    wait_for 30 "libvirtd to stop" bash -c '! pgrep -x libvirtd'
fi
if ! pgrep -x libvirtd >/dev/null; then
    quietly libvirtd -d
fi
wait_for 60 "libvirtd" virsh -c qemu:///system version
