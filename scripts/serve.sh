#!/usr/bin/env bash
# Sets up, builds and serves the widget on http://127.0.0.1:8080/ (PORT=… to change).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
exec trunk serve --offline --port "${PORT:-8080}" --address 127.0.0.1
