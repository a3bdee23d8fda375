#!/bin/bash
# Bring up a single-node nova-lite in the background, devstack-style:
# API at http://127.0.0.1:8774/v2.1 (noauth2), conductor, scheduler and
# compute as separate processes on the local RabbitMQ, sqlite database,
# libvirt with QEMU. Idempotent: services already running are left alone.
#
# Environment: NOVA_LITE_STATE (default /var/lib/nova-lite),
# NOVA_LITE_VIRT_TYPE (qemu), NOVA_LITE_DRIVER (libvirt.LibvirtDriver),
# NOVA_LITE_CONNECTION_URI (qemu:///system), NOVA_LITE_IMAGE (the test
# image, built if missing), NOVA_LITE_API_PORT (8774), NOVA_LITE_FIXED_RANGE
# (10.254.0.0/24: the default network "private", on a bridge with no
# uplink that holds the gateway address; nothing is routed off it).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
VENV=${NOVA_LITE_VENV:-$REPO/.venv}
STATE=${NOVA_LITE_STATE:-/var/lib/nova-lite}
CONF=$STATE/nova-lite.conf
LOGS=$STATE/logs
PIDS=$STATE/pids
PORT=${NOVA_LITE_API_PORT:-8774}
IMAGE=${NOVA_LITE_IMAGE:-$REPO/build/images/nova-lite-test.qcow2}

mkdir -p "$STATE" "$LOGS" "$PIDS"

if [ ! -f "$CONF" ]; then
    cat > "$CONF" <<CONF
[DEFAULT]
host = $(hostname)
state_path = $STATE
transport_url = rabbit://guest:guest@127.0.0.1:5672/
compute_driver = ${NOVA_LITE_DRIVER:-libvirt.LibvirtDriver}
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = $PORT
report_interval = 5
service_down_time = 30

[database]
connection = sqlite:///$STATE/nova_lite.sqlite

[libvirt]
virt_type = ${NOVA_LITE_VIRT_TYPE:-qemu}
connection_uri = ${NOVA_LITE_CONNECTION_URI:-qemu:///system}
CONF
fi

manage() { "$VENV/bin/nova-lite-manage" --config-file "$CONF" "$@"; }

manage db sync >/dev/null
manage flavor create-defaults >/dev/null
if [ ! -f "$IMAGE" ]; then
    "$REPO/tools/build_test_image.sh" "$(dirname "$IMAGE")"
fi
IMAGE_ID=$(manage image create --if-missing --name nova-lite-test \
    --file "$IMAGE" --disk-format qcow2 | tail -n 1)
NETWORK_ID=$(manage network create private --if-missing \
    --cidr "${NOVA_LITE_FIXED_RANGE:-10.254.0.0/24}" | tail -n 1)

running() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

for svc in conductor scheduler compute api; do
    if running "$svc"; then
        continue
    fi
    nohup "$VENV/bin/nova-lite-$svc" --config-file "$CONF" \
        >>"$LOGS/$svc.log" 2>&1 &
    echo $! > "$PIDS/$svc.pid"
done

# Wait for the API and for the compute host to report up.
for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$PORT/v2.1" >/dev/null && \
            manage service list 2>/dev/null | grep nova-lite-compute | grep -q ' up '; then
        echo "nova-lite is up: API http://127.0.0.1:$PORT/v2.1 (token user:project)"
        echo "image nova-lite-test: $IMAGE_ID"
        echo "network private: $NETWORK_ID"
        echo "config: $CONF  logs: $LOGS"
        exit 0
    fi
    for svc in conductor scheduler compute api; do
        if ! running "$svc"; then
            echo "nova-lite-$svc exited; last lines of $LOGS/$svc.log:" >&2
            tail -n 30 "$LOGS/$svc.log" >&2
            exit 1
        fi
    done
    sleep 0.5
done
echo "nova-lite did not come up in time; logs in $LOGS" >&2
exit 1
