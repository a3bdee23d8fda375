#!/bin/bash
# Stop what tools/stack.sh started and remove its state: services, the
# guests they left (domains with nova-lite metadata), instance directories,
# the database and the configuration.
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

rm -rf "$STATE"
echo "nova-lite stopped and its state removed"
