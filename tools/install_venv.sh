#!/bin/bash
# Create (or update) the project's virtualenv at .venv with nova-lite
# installed in development mode and the test requirements.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
VENV=${NOVA_LITE_VENV:-$REPO/.venv}

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
stamp=$VENV/.nova-lite-installed
# Reinstall only when the requirements changed since the last install.
if [ ! -f "$stamp" ] || [ "$REPO/setup.cfg" -nt "$stamp" ] || \
        [ "$REPO/test-requirements.txt" -nt "$stamp" ]; then
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q -e "$REPO" -r "$REPO/test-requirements.txt"
    touch "$stamp"
fi
