#!/bin/bash
# Create (or update) the project's virtualenv at .venv with nova-lite
# installed in development mode and the test requirements.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
VENV=${NOVA_LITE_VENV:-$REPO/.venv}
LOG=$VENV-install.log

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
stamp=$VENV/.nova-lite-installed
# Reinstall only when the requirements changed since the last install;
# pip's chatter goes to a log shown only when it fails.
if [ ! -f "$stamp" ] || [ "$REPO/setup.cfg" -nt "$stamp" ] || \
        [ "$REPO/test-requirements.txt" -nt "$stamp" ]; then
    if ! { "$VENV/bin/pip" install -q --upgrade pip &&
           "$VENV/bin/pip" install -q -e "$REPO" \
               -r "$REPO/test-requirements.txt"; } >"$LOG" 2>&1; then
        tail -n 40 "$LOG" >&2
        echo "installing the virtualenv failed; see $LOG" >&2
        exit 1
    fi
    touch "$stamp"
fi

# libguestfs's Python binding (file injection) is Debian's python3-guestfs,
# outside the venv: link just that module in (not all of dist-packages),
# and only if it is built for the venv interpreter's ABI.
dist=/usr/lib/python3/dist-packages
site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["platlib"])')
ext=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
if [ -f "$dist/guestfs.py" ] && [ -f "$dist/libguestfsmod$ext" ]; then
    ln -sf "$dist/guestfs.py" "$dist/libguestfsmod$ext" "$site/"
fi
