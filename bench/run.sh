#!/bin/sh
# run.sh: the entrel benchmarks, run by `make bench` once build/bench/ is
# built.  Prints figures; it fails only when a program fails, never on a
# slow figure, because speed depends on the machine.
# See LICENSE for copyright and licence.
#
# 1. bench_tokenize: refined tokenizer against bare u8_wordbreaks, in memory.
# 2. entrel --input jsonl --format jsonl --no-text end to end on a large and
#    a small JSONL corpus, under peak_rss; in JSONL mode the command holds
#    one line at a time, so its peak RSS should not grow with the input.
#
# 3. bench/gazetteers.sh: gazetteer load time, memory and matching
#    throughput, the defaults and a million names, beside pyahocorasick.
# 4. bench_rules: the rule layer: end-to-end throughput of the default
#    pipeline (gazetteers, rules, JSON) against tokenizing alone, the share
#    of time spent in Lua, and linear time on pathological patterns over
#    one sentence of 0.25 to 1 MB.  Rules: rules/fr and rules/en, or the
#    stand-in bench/rules while those are absent.
#
# Environment: BENCH_MB (default 50) and BENCH_SMALL_MB (default 5) size the
# corpora, BENCH_RUNS (default 3) the runs of each measure, and
# BENCH_ARTICLE the article (default the reference article).
# BENCH_GZ_ONLY=1 runs the gazetteer benchmark alone, BENCH_RULES_ONLY=1
# the rule-layer benchmark alone.
set -eu

cd "$(dirname "$0")/.."
[ "${BENCH_GZ_ONLY:-0}" = 1 ] && exec sh bench/gazetteers.sh
B=build/bench
ENTREL=build/entrel
ARTICLE=${BENCH_ARTICLE:-tests/data/fr-hanoi-convention.txt}
BIG_MB=${BENCH_MB:-50}
SMALL_MB=${BENCH_SMALL_MB:-5}
RUNS=${BENCH_RUNS:-3}
# Peak RSS counts as independent of input size within this fraction.
RSS_TOLERANCE=0.10

die() {
    echo "bench: $*" >&2
    exit 1
}

# The rule-layer benchmark; its output, summary included, in rules.out.
rules_bench() {
    [ -x "$B/bench_rules" ] || die "$B/bench_rules is missing; run 'make build-bench' first"
    echo "== rules: the rule layer (best of $RUNS)"
    "$B/bench_rules" -s "$BIG_MB" -r "$RUNS" -a "$ARTICLE" >"$B/rules.out" ||
        die "bench_rules failed"
    cat "$B/rules.out"
}

if [ "${BENCH_RULES_ONLY:-0}" = 1 ]; then
    rules_bench
    exit 0
fi

for prog in "$B/bench_tokenize" "$B/make_jsonl" "$B/peak_rss" "$B/bench_rules" "$ENTREL"; do
    [ -x "$prog" ] || die "$prog is missing; run 'make build-bench' first"
done

echo "== tokenizer throughput (in memory)"
"$B/bench_tokenize" -s "$BIG_MB" -r "$RUNS" "$ARTICLE" >"$B/tokenize.out" ||
    die "bench_tokenize failed"
cat "$B/tokenize.out"

# End-to-end runs over a corpus of $1 MB: RUNS runs, each appending its
# peak_rss report to one file; the table takes the fastest wall time and
# the largest peak RSS.  Sets E2E_RSS.
end_to_end() {
    corpus="$B/corpus-$1mb.jsonl"
    report="$B/rss-$1mb.out"
    "$B/make_jsonl" -s "$1" "$ARTICLE" >"$corpus" || die "make_jsonl failed"
    : >"$report"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        "$B/peak_rss" -o "$B/rss-run.out" \
            "$ENTREL" --input jsonl --format jsonl --no-text <"$corpus" >/dev/null ||
            die "entrel failed on $corpus (status $?)"
        cat "$B/rss-run.out" >>"$report"
        i=$((i + 1))
    done
    bytes=$(wc -c <"$corpus")
    docs=$(wc -l <"$corpus")
    # Each report line is key=value pairs.
    rss=$(sed -n 's/.*maxrss_kib=\([0-9]*\).*/\1/p' "$report" | sort -n | tail -n 1)
    wall=$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' "$report" | sort -n | head -n 1)
    awk -v mb="$1" -v b="$bytes" -v d="$docs" -v w="$wall" -v r="$rss" 'BEGIN {
        printf "  %-8s %8.2f %8d %8.3f %8.1f %9.0f %10d\n",
               mb " MB", b / 1e6, d, w, b / w / 1e6, d / w, r }' >>"$B/e2e.out"
    E2E_RSS=$rss
}

echo
echo "== entrel --input jsonl --format jsonl --no-text, end to end (best of $RUNS)"
printf '  %-8s %8s %8s %8s %8s %9s %10s\n' corpus MB docs "wall s" MB/s docs/s \
    "peak KiB" >"$B/e2e.out"
end_to_end "$BIG_MB"
big_rss=$E2E_RSS
end_to_end "$SMALL_MB"
small_rss=$E2E_RSS
verdict=$(awk -v a="$big_rss" -v b="$small_rss" -v t="$RSS_TOLERANCE" \
    -v amb="$BIG_MB" -v bmb="$SMALL_MB" 'BEGIN {
    d = (a - b) / b; if (d < 0) d = -d
    printf "%s (%.0f KiB at %s MB vs %.0f KiB at %s MB: %+.1f%%, tolerance %.0f%%)",
           d <= t ? "yes" : "NO", a, amb, b, bmb,
           (a - b) * 100 / b, t * 100 }')
echo "  peak RSS independent of input size: $verdict" >>"$B/e2e.out"
cat "$B/e2e.out"

echo
sh bench/gazetteers.sh || die "the gazetteer benchmark failed"

echo
rules_bench

echo
echo "== summary"
awk 'NR == 1 || /u8_wordbreaks|call alone|refined,|ratio|target/' "$B/tokenize.out"
echo "  entrel end to end (JSONL in, JSONL out, --no-text):"
cat "$B/e2e.out"
echo "  gazetteers:"
cat "$B/gz-summary.out"
echo "  rules:"
sed -n '/^  summary:/,$p' "$B/rules.out"
