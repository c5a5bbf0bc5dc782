#!/usr/bin/env bash
# Size accounting of what the widget ships (dist/ after `trunk build`): raw, gzip and brotli of
# each file, and the first-visit transfer (every file: the service worker precaches them all).
# With --check, enforces the ratchet in size-budget.txt: fail when the brotli total grows past the
# recorded size + 5%. It never writes a file: when the total shrinks it says so, and lowering the
# record is a deliberate commit of size-budget.txt.
# With --markdown, prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
total_raw=0; total_gz=0; total_br=0
[ "$mode" = --markdown ] && { echo "| file | raw | gzip -9 | brotli -q 11 |"; echo "|---|---:|---:|---:|"; }
for f in dist/*; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  name=$(basename "$f")
  if [ "$mode" = --markdown ]; then echo "| \`$name\` | $raw | $gz | $br |"
  else printf '%-48s %9d raw %8d gzip %8d brotli\n' "$name" "$raw" "$gz" "$br"; fi
done
if [ "$mode" = --markdown ]; then echo "| **first visit, all files** | $total_raw | $total_gz | **$total_br** |"
else printf '%-48s %9d raw %8d gzip %8d brotli\n' "first visit (all files)" "$total_raw" "$total_gz" "$total_br"; fi
if [ "$mode" = --check ]; then
  budget=$(cat size-budget.txt)
  limit=$((budget * 105 / 100))
  if [ "$total_br" -gt "$limit" ]; then
    echo "size ratchet: FAILED — first-visit transfer $total_br bytes (brotli) > $limit (recorded $budget + 5%)." >&2
    echo "Shrink it, or if the growth is worth its bytes, raise size-budget.txt in its own commit and say why." >&2
    exit 1
  elif [ "$total_br" -lt "$budget" ]; then
    echo "size ratchet: ok — $total_br bytes brotli, below the record $budget; to ratchet down: echo $total_br > size-budget.txt && git commit size-budget.txt"
  else
    echo "size ratchet: ok — $total_br bytes brotli (recorded $budget, limit $limit)"
  fi
fi
