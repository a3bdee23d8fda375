#!/bin/bash
# Set up a fresh Debian 12 machine (as root) and run the whole test suite:
# unit, functional (RabbitMQ + MariaDB, separate processes), api (a running
# deployment over HTTP, every answer checked against tempest.lib's schemas)
# and e2e (real QEMU guests through all services).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
"$REPO/tools/install_system_deps.sh"
"$REPO/tools/install_venv.sh"
"$REPO/tools/build_test_image.sh"
cd "$REPO"
# Two workers (pytest-xdist), each test module whole on one of them, so a
# module's deployment is started once; NOVA_LITE_TEST_WORKERS=0 runs the
# suite in this one process.
exec "$REPO/.venv/bin/python" -m pytest -q -p no:cacheprovider \
    -n "${NOVA_LITE_TEST_WORKERS:-2}" --dist loadfile \
    tests/unit tests/functional tests/api tests/e2e "$@"
