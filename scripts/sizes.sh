#!/usr/bin/env bash
# Prints raw and brotli sizes of what the widget ships (dist/ after `trunk build`).
set -euo pipefail
cd "$(dirname "$0")/../dist"
total_raw=0; total_br=0
for f in *.wasm *.js *.css *.html; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); br=$(brotli -c -q 11 "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_br=$((total_br + br))
  printf '%-48s %9d bytes raw %8d bytes brotli\n' "$f" "$raw" "$br"
done
printf '%-48s %9d bytes raw %8d bytes brotli\n' "total" "$total_raw" "$total_br"
