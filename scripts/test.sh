#!/usr/bin/env bash
# Runs every test: set-up, formatting and lints, native tests (unit, scenarios, invalid catalogs,
# CLI, properties), the catalog check, browser tests in headless Chromium, and a release build
# of the widget with its sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "cargo fmt --check"
cargo fmt --check
say "cargo clippy (native and wasm)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --features runtime-catalog -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --features check -- -D warnings
cargo clippy --target wasm32-unknown-unknown --example qr -- -D warnings
cargo clippy --release --features prerender --bin prerender --lib -- -D warnings
say "policy-matcher check"
cargo run --quiet -- check
say "native tests"
cargo test
say "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web
say "release build of the widget"
trunk build --offline
bash scripts/sizes.sh --check
# (tests/e2e/package.test.mjs packs this build with scripts/package.sh --no-build --require-types.)
say "end-to-end tests (custom element, iframe, catalogs, offline, privacy, axe-core, integrity, the release package) in Chromium"
node --test tests/e2e/
