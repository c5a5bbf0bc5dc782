#!/usr/bin/env bash
# Size accounting of what the widget ships (dist/ after `trunk build`): raw, gzip and brotli of
# each file; the critical path of the standalone page in each language (what must arrive before the
# widget runs: index.html with the first screens and the loader, the glue, the wasm, the stylesheet,
# the catalog file of that language, and for English the English first screens); and the full
# precache: every file the service worker keeps (its PRECACHE list in dist/sw.js), fetched after
# the page has loaded. Files it does not precache (the catalog-url module, the catalog check page;
# for hosts' tools: the typed API's custom-elements.json and policy-matcher.d.ts, and
# integrity.json, the files' SHA-384 hashes) are listed apart.
# With --check, enforces the ratchet in size-budget.txt on the heavier language's critical path:
# fail when it grows past the recorded size + 5%. It never writes a file: when it shrinks it says
# so, and lowering the record is a deliberate commit of size-budget.txt.
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
br_of() { brotli -c -q 11 "$1" | wc -c; }
critical() {  # the files of the critical path in language $1
  local files=(dist/index.html dist/style-*.css dist/catalog-"$1"-*.bin)
  for f in dist/policy-matcher-*.js dist/policy-matcher-*_bg.wasm; do
    case "$(basename "$f")" in policy-matcher-full-*) ;; *) files+=("$f") ;; esac
  done
  files+=(dist/prerender-"$1"-*.html)
  local sum=0; for f in "${files[@]}"; do sum=$((sum + $(br_of "$f"))); done; echo "$sum"
}
crit_zh=$(critical zh); crit_en=$(critical en)
crit=$(( crit_zh > crit_en ? crit_zh : crit_en ))
if [ "$mode" = --markdown ]; then
  echo "| **critical path, zh** (index.html, glue, wasm, CSS, catalog-zh, prerender-zh) | | | **$crit_zh** |"
  echo "| **critical path, en** (the same in English) | | | **$crit_en** |"
else
  printf '%-48s %9s     %8s      %8d brotli\n' "critical path, zh" "" "" "$crit_zh"
  printf '%-48s %9s     %8s      %8d brotli\n' "critical path, en" "" "" "$crit_en"
fi
for f in "${later[@]}"; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  case "$(basename "$f")" in
    policy-matcher-full-*) note=" (not precached: fetched only for a catalog-url)" ;;
    check*) note=" (not precached: the catalog check page, kept when first used)" ;;
    *) note=" (not precached: for hosts' tools, never fetched by the widget)" ;;
  esac
  row "$(basename "$f")" "$raw" "$gz" "$br" "$note"
done
if [ "$mode" = --check ]; then
  budget=$(cat size-budget.txt)
  limit=$((budget * 105 / 100))
  if [ "$crit" -gt "$limit" ]; then
    echo "size ratchet: FAILED — critical path $crit bytes (brotli) > $limit (recorded $budget + 5%)." >&2
    echo "Shrink it, or if the growth is worth its bytes, raise size-budget.txt in its own commit and say why." >&2
    exit 1
  elif [ "$crit" -lt "$budget" ]; then
    echo "size ratchet: ok — critical path $crit bytes brotli, below the record $budget; to ratchet down: echo $crit > size-budget.txt && git commit size-budget.txt"
  else
    echo "size ratchet: ok — critical path $crit bytes brotli (recorded $budget, limit $limit)"
  fi
fi
