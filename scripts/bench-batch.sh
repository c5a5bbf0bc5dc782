#!/usr/bin/env bash
# Batch-matching throughput for BENCHMARKS.md ("Batch matching"): a generated file of ROWS profiles
# (`policy-matcher synth --profiles`) matched with the default threads (`--jobs`: one per processor;
# JOBS=1 TASKSET=0 for one thread on one core) against the bundled
# catalog, output to /dev/null, median of RUNS runs of the whole process (catalog loading
# included); beside it, the one-profile command run LOOP times in a shell loop. Prints a Markdown
# table.
#
#   bash scripts/bench-batch.sh                      # builds the default `cargo build --release`
#   PM_BIN=target/release/policy-matcher bash scripts/bench-batch.sh   # any other build
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
LOOP=${LOOP:-200}
AS_OF=${AS_OF:-2026-11-22}
if [ -z "${PM_BIN:-}" ]; then
  cargo build --quiet --release --bin policy-matcher
  PM_BIN="${CARGO_TARGET_DIR:-target}/release/policy-matcher"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PM_BIN" synth --profiles "$ROWS" --seed 13 >"$tmp/p.csv"
python3 - "$tmp/p.csv" "$tmp/p.jsonl" <<'EOF'
import csv, json, sys
numbers = {"employees", "annual_revenue_wan", "founded_year"}
lists = {"industries", "qualifications", "activities", "listing_venue", "person_status"}
with open(sys.argv[1], newline="") as f, open(sys.argv[2], "w") as out:
    for row in csv.DictReader(f):
        p = {}
        for k, v in row.items():
            if v == "":
                continue
            p[k] = v.split(";") if k in lists else (int(v) if k in numbers else v)
        out.write(json.dumps(p, separators=(",", ":")) + "\n")
EOF
head -1 "$tmp/p.csv" >"$tmp/empty.csv"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { # the median wall time of RUNS runs of "$@", output discarded
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f %e -o "$tmp/t" ${TASKSET:+taskset -c "$TASKSET"} "$@" >/dev/null
    cat "$tmp/t"
  done | median
}

echo "| input | shape | output | profiles | output bytes | seconds (median of $RUNS) | profiles/s |"
echo "|---|---|---|---:|---:|---:|---:|"
row() { # input-file input-name shape-flag shape-name format
  local flags=(match --profiles "$1" --as-of "$AS_OF" --format "$5")
  [ -n "${JOBS:-}" ] && flags+=(--jobs "$JOBS")
  [ -n "$3" ] && flags+=("$3")
  local s bytes
  s=$(seconds "$PM_BIN" "${flags[@]}")
  bytes=$("$PM_BIN" "${flags[@]}" | wc -c)
  echo "| $2 | $4 | $5 | $ROWS | $bytes | $s | $(awk -v n="$ROWS" -v s="$s" 'BEGIN {printf "%.0f", n / s}') |"
}
row "$tmp/p.csv" CSV "" long csv
row "$tmp/p.csv" CSV --wide wide csv
row "$tmp/p.jsonl" "JSON Lines" "" long jsonl
row "$tmp/p.jsonl" "JSON Lines" --wide wide jsonl
load=$(seconds "$PM_BIN" match --profiles "$tmp/empty.csv" --as-of "$AS_OF")
echo "| header only (loading and validating the catalog) | | | 0 | | $load | |"

start=$(date +%s.%N)
taskset -c 0 bash -c 'for _ in $(seq "$1"); do "$2" match --profile tests/profiles/startup.json --as-of "$3" >/dev/null; done' \
  _ "$LOOP" "$PM_BIN" "$AS_OF"
end=$(date +%s.%N)
awk -v n="$LOOP" -v a="$start" -v b="$end" \
  'BEGIN {printf "| one profile: `match --profile` in a shell loop | | json | %d | | %.2f | %.0f |\n", n, b - a, n / (b - a)}'
