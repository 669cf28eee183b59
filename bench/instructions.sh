#!/usr/bin/env bash
# Instructions per render (valgrind's count, which the machine's noise does not touch): quire's
# default render beside pulldown-cmark's bare parse + push_html, for each document given (default:
# bench/corpus). Prints a Markdown table. Needs valgrind; builds the `throughput` example.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --example throughput
bin=${CARGO_TARGET_DIR:-target}/release/examples/throughput
count() { # $1: side, $2: runs, $3: file → instructions
  QUIRE_BENCH_ONLY=$1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$2" "$3" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
echo "| document | quire instructions | pulldown-cmark instructions | ratio |"
echo "|---|---:|---:|---:|"
for file in "${@:-bench/corpus/*.md}"; do
  for file in $file; do
    # Two run counts, so that what the process costs once (start-up, reading the file) cancels.
    q=$(( ($(count quire 11 "$file") - $(count quire 1 "$file")) / 10 ))
    p=$(( ($(count pulldown-cmark 11 "$file") - $(count pulldown-cmark 1 "$file")) / 10 ))
    awk -v f="$file" -v q="$q" -v p="$p" 'BEGIN { printf "| %s | %d | %d | %.2f |\n", f, q, p, q / p }'
  done
done
