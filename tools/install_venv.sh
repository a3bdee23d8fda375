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
