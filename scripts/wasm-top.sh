#!/usr/bin/env bash
# Where the shipped wasm's bytes are: the widget's default module (target/widget-lite.wasm, the
# cargo output kept by scripts/post-build.mjs during `trunk build`) through scripts/wasm-build.sh, as
# shipped and once more keeping the function names (-g), then `twiggy top` (cargo install
# twiggy). Prints Markdown: the sections' raw and brotli sizes, and the top N items.
#   bash scripts/wasm-top.sh [N] [WASM]   (WASM: another pre-wasm-opt file, e.g. an older build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
wasm=${2:-${CARGO_TARGET_DIR:-target}/widget-lite.wasm}
out=target/wasm-top
rm -rf "$out" && mkdir -p "$out"
bash scripts/wasm-build.sh --out "$out" --name named --from "$wasm" --keep-names >/dev/null
bash scripts/wasm-build.sh --out "$out" --name shipped --from "$wasm" >/dev/null
mv "$out/named_bg.wasm" "$out/named.wasm" && mv "$out/shipped_bg.wasm" "$out/shipped.wasm"
python3 - "$out/shipped.wasm" "$(ls -t target/wasm32-unknown-unknown/wasm/build/policy-matcher-*/out/catalog.json | head -1)" "$(ls -t target/wasm32-unknown-unknown/wasm/build/policy-matcher-*/out/catalog.bin | head -1)" <<'PY'
import subprocess, sys
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80:
            return r, i
def br(b):
    return len(subprocess.run(['brotli', '-c', '-q', '11'], input=b, capture_output=True).stdout)
d = open(sys.argv[1], 'rb').read()
i, code, data, other = 8, b'', b'', b''
while i < len(d):
    sid = d[i]; size, i = leb(d, i + 1); body = d[i:i + size]; i += size
    if sid == 10: code += body
    elif sid == 11: data += body
    else: other += body
# The bundled catalog: older builds carried it (JSON, then postcard bytes in two sections); since
# issue 18 it is a file of its own per language, fetched beside the wasm.
catalog, form = open(sys.argv[2], 'rb').read(), 'its canonical JSON'
if catalog not in data:
    catalog, form = open(sys.argv[3], 'rb').read(), 'postcard bytes in two sections'
if catalog not in data:
    catalog, form = b'', 'none: a file of its own per language'
print('| part of the shipped wasm | raw | brotli (alone) |')
print('|---|---:|---:|')
print(f'| code (function bodies) | {len(code)} | {br(code)} |')
print(f'| data segments (the catalog, strings, tables, panic locations) | {len(data)} | {br(data)} |')
print(f'| of which the bundled catalog ({form}), compressed alone | {len(catalog)} | {br(catalog) if catalog else 0} |')
print(f'| imports, exports, tables, types | {len(other)} | {br(other)} |')
print(f'| **whole file** | {len(d)} | **{br(d)}** |')
PY
echo
echo "| bytes (raw, after wasm-opt) | item (\`twiggy top -n $n\`; the name section excluded) |"
echo '|---:|---|'
twiggy top -n "$n" "$out/named.wasm" | grep '┊' | grep -v 'Total Rows\|function names\|and [0-9]* more' \
  | awk -F'┊' '{gsub(/^ +| +$/, "", $1); gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3); g=$3; sub(/::h[0-9a-f]+$/, "", g); gsub(/\[[0-9a-f]+\]/, "", g); gsub(/\|/, "\\|", g); print "| " $1 " | `" g "` |"}'
