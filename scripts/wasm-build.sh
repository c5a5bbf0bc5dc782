#!/usr/bin/env bash
# The one recipe for a wasm module of this crate outside Trunk's own build of the default module:
# cargo's size-tuned `wasm` profile (Cargo.toml), wasm-bindgen, then wasm-opt -Oz --converge from
# binaryen 132 (node_modules, scripts/setup.sh) — the settings Trunk uses (Trunk.toml). Used by
# Trunk's post-build hook (the catalog-url module), scripts/bench.sh (the Node and browser bench
# modules) and scripts/wasm-top.sh (where the bytes are).
#   bash scripts/wasm-build.sh --out DIR --name NAME [--features F] [--example E] [--target web|nodejs]
#                              [--from WASM] [--keep-names] [--no-opt]
#   --example E   build the example target E (a cdylib of its own, e.g. qr: src/qr.rs) instead of the lib
#   --from WASM   skip cargo: start from this cargo output (e.g. target/widget-lite.wasm)
#   --keep-names  wasm-opt keeps the function names (-g), for twiggy
#   --no-opt      no wasm-opt (the bench modules: measured as cargo and wasm-bindgen leave them)
# Writes DIR/NAME.js and DIR/NAME_bg.wasm, and prints the wasm's path.
set -euo pipefail
cd "$(dirname "$0")/.."
out='' name='' features='' example='' target=web from='' names=() opt=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --features) features=$2; shift 2 ;;
    --example) example=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    --keep-names) names=(-g); shift ;;
    --no-opt) opt=no; shift ;;
    *) echo "wasm-build.sh: unknown argument '$1' (see the usage at the top of scripts/wasm-build.sh)" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] && [ -n "$name" ] || { echo "wasm-build.sh: --out DIR and --name NAME are required" >&2; exit 2; }
case "$target" in web|nodejs) ;; *) echo "wasm-build.sh: --target must be web or nodejs, not '$target'" >&2; exit 2 ;; esac
if [ -z "$from" ] && [ -n "$example" ]; then
  cargo build --profile wasm --quiet --target wasm32-unknown-unknown --example "$example" ${features:+--features "$features"}
  from=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/examples/$example.wasm
elif [ -z "$from" ]; then
  cargo build --profile wasm --quiet --target wasm32-unknown-unknown --lib ${features:+--features "$features"}
  from=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/policy_matcher.wasm
fi
mkdir -p "$out"
rm -f "$out/$name.js" "$out/${name}_bg.wasm"
wasm-bindgen --target "$target" --no-typescript --out-dir "$out" --out-name "$name" "$from"
if [ $opt = yes ]; then
  wasm_opt=node_modules/.bin/wasm-opt
  [ -x "$wasm_opt" ] || wasm_opt=wasm-opt
  "$wasm_opt" -Oz --converge "${names[@]}" "$out/${name}_bg.wasm" -o "$out/${name}_bg.opt.wasm"
  mv "$out/${name}_bg.opt.wasm" "$out/${name}_bg.wasm"
fi
echo "$out/${name}_bg.wasm"
