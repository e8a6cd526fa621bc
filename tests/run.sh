#!/bin/sh
# run.sh: everything `make test` runs, counted.  Unit tests (cmocka, TAP
# output) plain and under ASan+UBSan, the WordBreakTest conformance (a
# unit test), golden tests, the command's error paths and its behaviour
# against hostile input (tests/harden_cli.sh), the examples of the
# docs, the rules' test sentences, the gazetteer precision traps, and the
# replay of the fuzz corpora; gazetteer files as untrusted input
# (harden_gz.sh).  Ends with one line "N passed, N failed".
# See LICENSE for copyright and licence.
set -u
cd "$(dirname "$0")/.." || exit 2

B=build
OUT=tests/out
mkdir -p "$OUT"
PASSED=0
FAILED=0
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAILED: $*"; }

# Run a cmocka binary with TAP output; count its "ok"/"not ok" lines.  A
# binary that dies before reporting counts as one failure.
run_cmocka() {
    bin=$1
    log="$OUT/$(echo "$bin" | tr / _).log"
    CMOCKA_MESSAGE_OUTPUT=TAP "$bin" >"$log" 2>&1
    status=$?
    ok=$(grep -c '^ok ' "$log")
    bad=$(grep -c '^not ok ' "$log")
    PASSED=$((PASSED + ok))
    FAILED=$((FAILED + bad))
    grep '^# WordBreakTest' "$log"
    if [ "$bad" -gt 0 ] || { [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; }; then
        [ "$bad" -eq 0 ] && fail "$bin exited with status $status"
        echo "--- $bin:"
        grep -v '^ok ' "$log" | head -40
    fi
    echo "  $bin: $ok passed, $bad failed"
}

# Golden tests: tests/golden/NAME.args holds the command's arguments,
# NAME.json its expected output.  GOLDEN_UPDATE=1 rewrites the .json files
# (review the diff by hand before committing).
run_golden() {
    entrel=$1
    for args in tests/golden/*.args; do
        name=${args%.args}
        # shellcheck disable=SC2046
        "$entrel" $(cat "$args") >"$OUT/golden.out" 2>"$OUT/golden.err"
        if [ "${GOLDEN_UPDATE:-}" = 1 ] && [ "$entrel" = "$B/entrel" ]; then
            cp "$OUT/golden.out" "$name.json"
        fi
        if cmp -s "$OUT/golden.out" "$name.json"; then
            pass
        else
            fail "golden $name ($entrel)"
            diff "$name.json" "$OUT/golden.out" | head -20
        fi
    done
    echo "  golden with $entrel: done"
}

# Lines "ok - ..." and "not ok - ..." from a shell test script.
run_tap_script() {
    log="$OUT/$(basename "$1").$2.log"
    shift 2
    "$@" >"$log" 2>&1
    ok=$(grep -c '^ok ' "$log")
    bad=$(grep -c '^not ok ' "$log")
    PASSED=$((PASSED + ok))
    FAILED=$((FAILED + bad))
    grep -A6 '^not ok ' "$log" | head -60
    echo "  $*: $ok passed, $bad failed"
}

# The precision trap set: a sentence listed in known-failures.txt that
# fails is a TAP TODO; one that passes fails the run until it is struck off.
run_precision() {
    log="$OUT/precision.log"
    known=tests/precision/known-failures.txt
    sh tests/precision/check.sh --tap "$1" >"$log.raw" 2>&1
    awk -F'\t' -v known="$known" '
        BEGIN { while ((getline l < known) > 0) if (l !~ /^#/) { split(l, f, "\t"); why[f[1]] = f[2] } }
        /^(not )?ok / { id = $0; sub(/^.* - /, "", id) }
        /^not ok / && (id in why) { sub(/^not /, ""); print $0 " # TODO " why[id]; next }
        /^ok / && (id in why) { print "not " $0 " # listed as a known failure but passes"; next }
        { print }' "$log.raw" >"$log"
    ok=$(grep -c '^ok ' "$log")
    bad=$(grep -c '^not ok ' "$log")
    PASSED=$((PASSED + ok))
    FAILED=$((FAILED + bad))
    grep -A4 '^not ok ' "$log" | head -40
    grep '^# [a-z].*: ' "$log" | tail -4 | sed 's/^#/ /'
    echo "  precision traps with $1: $ok passed ($(grep -c '# TODO' "$log") known failures), $bad failed"
}

run_replays() {
    for bin in "$B"/san-replay/fuzz_*; do
        [ -x "$bin" ] || continue
        corpus=tests/fuzz/corpus/$(basename "$bin")
        # shellcheck disable=SC2046
        if "$bin" "$corpus" $(sh tests/fuzz/seeds.sh "$(basename "$bin")") >"$OUT/replay.log" 2>&1; then
            pass
            tail -1 "$OUT/replay.log"
        else
            fail "fuzz replay $bin"
            tail -20 "$OUT/replay.log"
        fi
    done
}

echo "== unit tests"
for t in "$B"/tests/test_*; do run_cmocka "$t"; done
echo "== unit tests under ASan+UBSan"
for t in "$B"/san-tests/test_*; do run_cmocka "$t"; done
echo "== golden tests"
run_golden "$B/entrel"
run_golden "$B/san/entrel"
echo "== command line"
run_tap_script tests/cli.sh plain env ENTREL="$B/entrel" BIG=1 VALGRIND=1 sh tests/cli.sh
run_tap_script tests/cli.sh san env ENTREL="$B/san/entrel" sh tests/cli.sh
echo "== hostile rule files"
run_tap_script tests/harden_rules.sh plain env ENTREL="$B/entrel" sh tests/harden_rules.sh
run_tap_script tests/harden_rules.sh san env ENTREL="$B/san/entrel" sh tests/harden_rules.sh
echo "== gazetteer files as untrusted input"
run_tap_script tests/harden_gz.sh plain env ENTREL="$B/entrel" sh tests/harden_gz.sh
run_tap_script tests/harden_gz.sh san env ENTREL="$B/san/entrel" sh tests/harden_gz.sh
echo "== command line against hostile input"
run_tap_script tests/harden_cli.sh plain env ENTREL="$B/entrel" PLAIN=1 sh tests/harden_cli.sh
run_tap_script tests/harden_cli.sh san env ENTREL="$B/san/entrel" sh tests/harden_cli.sh
echo "== examples/"
run_tap_script tests/examples.sh plain sh tests/examples.sh "$B"
echo "== HTML in a real browser"
run_tap_script tests/html.sh plain sh tests/html.sh "$B/entrel"
echo "== the C API reference"
run_tap_script tests/apiref.sh plain sh tests/apiref.sh
echo "== the JSON Schema"
run_tap_script tests/schema.sh plain sh tests/schema.sh "$B/entrel"
echo "== GNU parallel"
run_tap_script tests/parallel.sh plain sh tests/parallel.sh "$B/entrel"
echo "== the Lua module"
run_tap_script tests/lua/module.lua plain lua5.4 tests/lua/module.lua "$B"
echo "== make install, pkg-config, make uninstall"
run_tap_script tests/install.sh plain sh tests/install.sh "$B"
echo "== examples of the docs"
run_tap_script tests/docs.sh plain sh tests/docs.sh "$B/entrel" docs/guide.md docs/rules.md docs/plugins.md docs/gazetteers.md
echo "== rule test sentences"
run_tap_script tests/rules/check.sh plain sh tests/rules/check.sh --tap "$B/entrel"
echo "== gazetteer precision traps"
run_precision "$B/entrel"
echo "== fuzz corpus replay under ASan+UBSan"
run_replays

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
