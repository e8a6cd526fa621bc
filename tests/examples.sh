#!/bin/sh
# examples.sh: the programs of examples/, built against the public header
# and the shared library as a user builds them, run with their output
# checked, under valgrind for leaks, and the threaded one (and the
# command's -j) under ThreadSanitizer.  One TAP line per check.
# Usage: sh tests/examples.sh BUILD_DIR
# See LICENSE for copyright and licence.
set -u
B=${1:?usage: examples.sh BUILD_DIR}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0

check() {
    n=$((n + 1))
    if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; sed 's/^/#   /' "$T/err" | head -5; fi
}

"$B/examples/embed" >"$T/out" 2>"$T/err"
status=$?
check "embed: the rules' person and relation, read without JSON" \
    '[ $status -eq 0 ] && grep -q "^PER	Jean Dupont	rule:title + name$" "$T/out" && grep -q "^presided_over	Jean Dupont -> la séance	rules/fr/relations.lua:" "$T/out"'
"$B/examples/embed" rules "La Convention de Budapest a été adoptée par le Conseil de l'Europe." >"$T/out" 2>"$T/err"
status=$?
check "embed: a text of the caller's" '[ $status -eq 0 ] && grep -q "^LAW	Convention de Budapest	" "$T/out"'
"$B/examples/embed" "$T/nowhere" >"$T/out" 2>"$T/err"
status=$?
check "embed: a missing rule folder is a load error, exit 2" '[ $status -eq 2 ] && grep -q "nowhere/fr" "$T/err"'
"$B/examples/threads" 4 >"$T/out" 2>"$T/err"
status=$?
check "threads: 4 threads with a session each, 2 reloads meanwhile, the same results" \
    '[ $status -eq 0 ] && grep -q "4 threads x 4 rounds, 2 reloads: [1-9][0-9]* entities, [1-9][0-9]* relations each: all the same" "$T/out"'
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$B/tsan/threads" 4 >"$T/out" 2>"$T/err"
status=$?
check "threads under ThreadSanitizer: no race reported" \
    '[ $status -eq 0 ] && ! grep -q ThreadSanitizer "$T/err" && grep -q "all the same" "$T/out"'
i=0
: >"$T/docs.jsonl"
while [ $i -lt 24 ]; do
    printf '{"id": "d%d", "text": "Le 26 mars 2025, le ministre Jean Dupont a présidé la séance %d à Hanoï."}\n' $i $i >>"$T/docs.jsonl"
    [ $((i % 3)) -eq 0 ] && printf 'not json\nnot json either\n' >>"$T/docs.jsonl"
    i=$((i + 1))
done
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$B/tsan/entrel" -j4 --quiet --input jsonl --no-text "$T/docs.jsonl" >"$T/out" 2>"$T/err"
status=$?
check "the command with -j4 under ThreadSanitizer, bad lines among the documents: no race, every document in order" \
    '[ $status -eq 1 ] && ! grep -q ThreadSanitizer "$T/err" && [ "$(wc -l <"$T/out")" = 24 ] && tail -1 "$T/out" | grep -q "\"id\":\"d23\"" && [ "$(grep -c "is not JSON" "$T/err")" = 16 ]'
for k in 1 2 3 4; do
    (valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 "$B/entrel" -j4 \
         --quiet --input jsonl --no-text "$T/docs.jsonl" >"$T/vg$k.out" 2>"$T/vg$k.err"
     echo $? >"$T/vg$k.rc") &
done
wait
check "the command with -j4 under valgrind, four at once: every document, no leak" \
    '[ "$(cat "$T"/vg?.out | wc -l)" = 96 ] && [ "$(cat "$T"/vg?.rc | sort -u)" = 1 ]'
if command -v valgrind >/dev/null 2>&1; then
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
        "$B/examples/embed" >/dev/null 2>"$T/err"
    status=$?
    check "embed: no leak or error under valgrind" '[ $status -eq 0 ]'
fi
echo "1..$n"
