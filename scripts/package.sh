#!/usr/bin/env bash
# Builds the release package for hosts: dist-package/policy-matcher-widget-<version>.tgz (npm pack),
# the version being the crate's (Cargo.toml). What it holds and why: scripts/package.mjs,
# package/README.md (the hosts' README, shipped in it) and CHANGELOG.md.
#   --no-build       pack the dist/ there is (default: `trunk build --offline` first)
#   --require-types  fail when dist/ has no custom-elements.json or policy-matcher.d.ts
# It writes only under dist-package/ (git-ignored) and a temporary folder; never a tracked file.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1; args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --require-types) args+=(--require-types) ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown option $a (use --no-build, --require-types)" >&2; exit 2 ;;
  esac
done
if [ "$build" = 1 ]; then
  [ -x node_modules/.bin/wasm-opt ] && export PATH="$PWD/node_modules/.bin:$PATH"
  trunk build --offline
fi
node scripts/package.mjs "${args[@]}"
