#!/bin/bash
# Stop what tools/stack.sh started and remove its state: services, the
# guests they left (domains with nova-lite metadata), the networks' dnsmasq
# processes and bridges, instance directories, the database and the
# configuration.
set -uo pipefail
STATE=${NOVA_LITE_STATE:-/var/lib/nova-lite}
PIDS=$STATE/pids
URI=${NOVA_LITE_CONNECTION_URI:-qemu:///system}

for svc in api compute scheduler conductor; do
    pidfile=$PIDS/$svc.pid
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$pidfile"
done

# Guests whose disks live in our instances directory are ours.
if command -v virsh >/dev/null && virsh -c "$URI" version >/dev/null 2>&1; then
    for dom in $(virsh -c "$URI" list --all --name | grep '^instance-'); do
        if virsh -c "$URI" dumpxml "$dom" | grep -q "$STATE/instances/"; then
            virsh -c "$URI" destroy "$dom" >/dev/null 2>&1
            virsh -c "$URI" undefine --nvram "$dom" >/dev/null 2>&1 || \
                virsh -c "$URI" undefine "$dom" >/dev/null 2>&1
        fi
    done
fi

# The networks' bridges, read from the database before it goes.
VENV=${NOVA_LITE_VENV:-$(cd "$(dirname "$0")/.." && pwd)/.venv}
bridges=
if [ -f "$STATE/nova-lite.conf" ] && [ -x "$VENV/bin/nova-lite-manage" ]; then
    bridges=$("$VENV/bin/nova-lite-manage" --config-file "$STATE/nova-lite.conf" \
        network list 2>/dev/null | awk -F'|' 'NR > 3 && NF > 6 { gsub(/ /, "", $6); print $6 }')
fi
for pidfile in "$STATE"/dhcp/*/pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if grep -qa -- "--pid-file=$pidfile" "/proc/$pid/cmdline" 2>/dev/null; then
        kill "$pid" 2>/dev/null
    fi
done
for bridge in $bridges; do
    if [ -e "/sys/class/net/$bridge" ]; then
        ip link delete "$bridge" type bridge 2>/dev/null
    fi
done

rm -rf "$STATE"
echo "nova-lite stopped and its state removed"
