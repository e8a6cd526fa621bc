#!/bin/sh
# run.sh: run each built fuzz target (build/fuzz/fuzz_*) for a bounded time.
# See LICENSE for copyright and licence.
#
# Each target starts from a scratch copy of tests/fuzz/corpus/<target> in
# build/fuzz/work/<target>, so new corpus entries never touch the tree.
# A crashing input is written to tests/fuzz/corpus/<target>/crash-<sha1>:
# commit it, and `make test` replays it with build/san-replay/<target>.
#
# FUZZ_SECONDS: seconds per target (default 60).  Exits 1 if a target
# crashed, 2 if there is nothing to run.
set -u

cd "$(dirname "$0")/../.." || exit 2
seconds=${FUZZ_SECONDS:-60}
case $seconds in
'' | *[!0-9]*)
    echo "run.sh: FUZZ_SECONDS must be a whole number of seconds" >&2
    exit 2
    ;;
esac

# The value of libFuzzer's final statistic $2 in log $1, or "?".
final_stat() {
    v=$(sed -n "s/^stat::$2: *//p" "$1" | tail -n 1)
    echo "${v:-?}"
}

# Run target $1 for $seconds; print one line, and the reason if it crashed.
run_target() {
    bin=$1
    target=${bin##*/}
    corpus=tests/fuzz/corpus/$target
    work=build/fuzz/work/$target
    log=$work.log
    rm -rf "$work"
    mkdir -p "$work" "$corpus" || return 1
    for f in "$corpus"/* $(sh tests/fuzz/seeds.sh "$target" | sed 's|$|/*|'); do
        if [ -f "$f" ]; then cp "$f" "$work/$(echo "$f" | tr / _)" || return 1; fi
    done
    "$bin" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
        -artifact_prefix="$corpus/" "$work" >"$log" 2>&1
    rc=$?
    execs=$(final_stat "$log" number_of_executed_units)
    if [ "$rc" -eq 0 ]; then
        echo "$target: $execs execs in ${seconds}s, $(final_stat "$log" average_exec_per_sec)/s, no crash"
        return 0
    fi
    artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)
    echo "$target: CRASHED (exit $rc) after $execs execs: ${artifact:-no input saved}"
    grep -m 3 -E 'invariant violated|ERROR: |runtime error|SUMMARY' "$log" | sed 's/^/    /'
    echo "    full log: $log"
    return 1
}

found=0
failed=0
for bin in build/fuzz/fuzz_*; do
    if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then continue; fi
    found=$((found + 1))
    run_target "$bin" || failed=$((failed + 1))
done
if [ "$found" -eq 0 ]; then
    echo "run.sh: no fuzz targets in build/fuzz; run 'make build-fuzz' first" >&2
    exit 2
fi
[ "$failed" -eq 0 ]
