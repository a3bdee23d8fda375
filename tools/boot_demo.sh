#!/bin/bash
# Boot a server through a running nova-lite with curl, as a user would:
# POST /v2.1/servers on the default network, wait for ACTIVE, print its
# addresses and its serial console (where the guest reports the address
# DHCP gave it), reboot it and see it boot again, delete it and check
# nothing of it is left on the host.
set -euo pipefail
API=${NOVA_LITE_API:-http://127.0.0.1:8774/v2.1}
TOKEN=${NOVA_LITE_TOKEN:-demo:demo}
FLAVOR=${NOVA_LITE_FLAVOR:-42}
STATE=${NOVA_LITE_STATE:-/var/lib/nova-lite}
BANNER='nova-lite test guest booted'

api() { curl -sS -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

IMAGE=$(api "$API/images" | json "[i['id'] for i in d['images'] if i['name']=='nova-lite-test'][0]")
echo "POST $API/servers (image $IMAGE, flavor $FLAVOR)"
start=$(date +%s.%N)
SERVER=$(api -X POST -H 'X-OpenStack-Nova-API-Version: 2.37' "$API/servers" \
    -d "{\"server\": {\"name\": \"demo\", \"imageRef\": \"$IMAGE\",
         \"flavorRef\": \"$FLAVOR\", \"networks\": \"auto\"}}" | json "d['server']['id']")
echo "server $SERVER created"

status=BUILD
for _ in $(seq 1 600); do
    status=$(api "$API/servers/$SERVER" | json "d['server']['status']")
    [ "$status" = BUILD ] || break
    sleep 0.2
done
echo "status $status after $(python3 -c "print(round($(date +%s.%N)-$start,1))") s"
if [ "$status" != ACTIVE ]; then
    api "$API/servers/$SERVER" | json "d['server'].get('fault')"
    exit 1
fi

ADDR=$(api "$API/servers/$SERVER" | json "' '.join(a['addr'] for n in d['server']['addresses'].values() for a in n)")
MAC=$(api "$API/servers/$SERVER" | json "' '.join(a['OS-EXT-IPS-MAC:mac_addr'] for n in d['server']['addresses'].values() for a in n)")
PORT=$(api "$API/servers/$SERVER/os-interface" | json "d['interfaceAttachments'][0]['port_id']")
TAP=tap${PORT:0:11}
echo "addresses: $ADDR (MAC $MAC, port $PORT, tap $TAP)"

console=""
for _ in $(seq 1 300); do
    console=$(api -X POST "$API/servers/$SERVER/action" \
        -d '{"os-getConsoleOutput": {"length": 50}}' | json "d['output']")
    case "$console" in *"net: eth0 $MAC $ADDR/"*) break ;; esac
    sleep 0.5
done
echo "----- console of $SERVER -----"
echo "$console"
echo "------------------------------"
case "$console" in
    *"$BANNER"*) echo "guest booted ($(python3 -c "print(round($(date +%s.%N)-$start,1))") s after POST)" ;;
    *) echo "the guest's banner never appeared" >&2; exit 1 ;;
esac
case "$console" in
    *"net: eth0 $MAC $ADDR/"*) echo "the guest got $ADDR by DHCP on $MAC" ;;
    *) echo "the guest never reported $ADDR on its console" >&2; exit 1 ;;
esac

wait_status() {   # wait_status STATUS: until the server shows it
    for _ in $(seq 1 600); do
        status=$(api "$API/servers/$SERVER" | json "d['server']['status']")
        [ "$status" = "$1" ] && return 0
        [ "$status" = ERROR ] && break
        sleep 0.2
    done
    echo "status $status, not $1" >&2; return 1
}
api -X POST "$API/servers/$SERVER/action" -d '{"reboot": {"type": "HARD"}}' \
    -o /dev/null -w "reboot HARD: HTTP %{http_code}\n"
wait_status ACTIVE
for _ in $(seq 1 300); do
    boots=$(api -X POST "$API/servers/$SERVER/action" \
        -d '{"os-getConsoleOutput": {}}' | json "d['output'].count('$BANNER')")
    [ "$boots" -ge 2 ] && break
    sleep 0.5
done
[ "$boots" -ge 2 ] || { echo "the guest did not boot again" >&2; exit 1; }
echo "rebooted: the console shows the banner $boots times"

api -X DELETE "$API/servers/$SERVER" -o /dev/null -w "DELETE: HTTP %{http_code}\n"
for _ in $(seq 1 150); do
    code=$(api -o /dev/null -w '%{http_code}' "$API/servers/$SERVER")
    [ "$code" = 404 ] && break
    sleep 0.2
done
[ "$code" = 404 ] || { echo "server was not deleted" >&2; exit 1; }
# The image cache (_base) and its locks stay, as in Nova; nothing else.
leftover=$(ls "$STATE/instances" 2>/dev/null | grep -v -e '^_base$' -e '^locks$' || true)
domains=$(virsh -c qemu:///system list --all --uuid 2>/dev/null | grep -x "$SERVER" || true)
qemu=$(pgrep -f "qemu.*$SERVER" || true)
tap=$(ls /sys/class/net | grep -x "$TAP" || true)
if [ -n "$leftover$domains$qemu$tap" ]; then
    echo "left after delete: dirs '$leftover' domain '$domains' qemu pids '$qemu' tap '$tap'" >&2
    exit 1
fi
echo "server deleted; no domain, no QEMU process, no tap and no instance directory left"
