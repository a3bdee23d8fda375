#!/bin/bash
# The main job on a fresh Debian 12 machine (as root): install what is
# missing, build the test guest image, start the four services and boot a
# real QEMU guest through them with curl, then delete it.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
"$REPO/tools/install_system_deps.sh"
"$REPO/tools/install_venv.sh"
"$REPO/tools/build_test_image.sh"
"$REPO/tools/stack.sh"
"$REPO/tools/boot_demo.sh"
echo "nova-lite is still running; stop it with tools/unstack.sh"
