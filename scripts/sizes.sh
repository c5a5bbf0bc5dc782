#!/usr/bin/env bash
# Size accounting of what the widget ships (dist/ after `trunk build`): raw, gzip and brotli of
# each file, and the first-visit transfer: every file the service worker precaches (its PRECACHE
# list in dist/sw.js). Files it does not precache (the catalog-url module) are listed apart.
# With --check, enforces the ratchet in size-budget.txt: fail when the brotli total grows past the
# recorded size + 5%. It never writes a file: when the total shrinks it says so, and lowering the
# record is a deliberate commit of size-budget.txt.
# With --markdown, prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
total_raw=0; total_gz=0; total_br=0
precache=$(node -e '
  const s = require("fs").readFileSync("dist/sw.js", "utf8");
  const m = s.match(/^const PRECACHE = (.*);$/m);
  if (!m) { console.error("sizes.sh: no PRECACHE list in dist/sw.js"); process.exit(1); }
  console.log(JSON.parse(m[1]).filter((p) => p !== "./").join("\n"));')
[ "$mode" = --markdown ] && { echo "| file | raw | gzip -9 | brotli -q 11 |"; echo "|---|---:|---:|---:|"; }
row() {
  if [ "$mode" = --markdown ]; then echo "| \`$1\`$5 | $2 | $3 | $4 |"
  else printf '%-48s %9d raw %8d gzip %8d brotli%s\n' "$1" "$2" "$3" "$4" "$5"; fi
}
later=()
for f in dist/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  # sw.js is not in its own list, but every first visit fetches it (pwa.js registers it).
  if [ "$name" != sw.js ] && ! grep -qxF "$name" <<<"$precache"; then later+=("$f"); continue; fi
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  row "$name" "$raw" "$gz" "$br" ""
done
if [ "$mode" = --markdown ]; then echo "| **first visit: the precached files and sw.js** | $total_raw | $total_gz | **$total_br** |"
else printf '%-48s %9d raw %8d gzip %8d brotli\n' "first visit (precached + sw.js)" "$total_raw" "$total_gz" "$total_br"; fi
for f in "${later[@]}"; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  row "$(basename "$f")" "$raw" "$gz" "$br" " (not precached: fetched only for a catalog-url)"
done
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
