#!/bin/sh
# harden_gz.sh: gazetteer files as untrusted input, one TAP line per
# check: a compiled file replaced while a process maps it, an output that
# is an input, damaged bodies with a sound header, lines that are not
# UTF-8, a byte order mark, a folder given as a gazetteer.  ENTREL names
# the binary (run with build/entrel and build/san/entrel).
# See LICENSE for copyright and licence.
set -u
E=${ENTREL:?set ENTREL to the entrel binary}
P=build/tools/gzpatch
J=build/tools/jget
. tests/lib/tap.sh

# run_text TEXT ARGS...: entrel on TEXT as one document.
run_text() {
    text=$1
    shift
    printf '%s\n' "$text" | "$E" "$@" >"$T/out" 2>"$T/err"
    status=$?
}

texts() { "$J" entities <"$T/out" | tr -d '\n'; }
inode() { ls -i "$1" | cut -d' ' -f1; }

printf 'Hanoï\tLOC\tHanoi\tQ1858\nVienne\tLOC\nCour de cassation\tORG\t\t\ttitle\n' >"$T/places.tsv"
"$E" compile-gazetteer "$T/places.tsv" -o "$T/places.egz" 2>/dev/null

# --- 21: a live compiled file is replaced by rename --------------------------------
# A process maps live.egz (a long list); live.egz is compiled again from a
# one-name list while it runs.  Truncated in place, the mapping would lose
# its pages (SIGBUS); renamed over, the process keeps the old file whole.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "Ville%d\tLOC\n", i; print "Hanoï\tLOC" }' >"$T/big.tsv"
run compile-gazetteer "$T/big.tsv" -o "$T/live.egz"
check "compile-gazetteer of 20,000 short names (the form cache grows before any long word): exit 0" \
    '[ $status -eq 0 ] && [ ! -s "$T/err" ]'
printf 'Nowhere\tLOC\n' >"$T/small.tsv"
before=$(inode "$T/live.egz")
mkfifo "$T/fifo"
trap '' PIPE                # an entrel that died must fail a check, not end the script
"$E" --no-defaults --input jsonl --gazetteer "$T/live.egz" <"$T/fifo" >"$T/live.out" 2>"$T/err" &
pid=$!
exec 3>"$T/fifo"
tries=0
while ! grep -q live.egz "/proc/$pid/maps" 2>/dev/null && [ $tries -lt 200 ]; do
    sleep 0.05
    tries=$((tries + 1))
done
"$E" compile-gazetteer "$T/small.tsv" -o "$T/live.egz" 2>>"$T/err"
printf '{"id": "a", "text": "De Hanoï à Ville19999."}\n' >&3
exec 3>&-
wait $pid
status=$?
check "a mapped .egz compiled again while entrel runs: the run keeps the old list, exit 0" \
    '[ $status -eq 0 ] && [ "$("$J" entities.1.text <"$T/live.out")" = Ville19999 ]'
check "compile-gazetteer replaced the file by rename (a new inode), not in place" \
    '[ "$(inode "$T/live.egz")" != "$before" ] && "$E" check-gazetteer "$T/live.egz" >/dev/null'
run_text "De Hanoï à Nowhere." --no-defaults --format jsonl --gazetteer "$T/live.egz"
check "a run started after it reads the new list" \
    '[ $status -eq 0 ] && texts | grep -q "\"Nowhere\"" && ! texts | grep -q Hanoï'

ln -s "$T/victim" "$T/out.egz.tmp~"
printf 'keep me\n' >"$T/victim"
run compile-gazetteer "$T/places.tsv" -o "$T/out.egz"
check "compile-gazetteer writes its own new file: a link where a temporary name would be is left alone" \
    '[ $status -eq 0 ] && [ "$(cat "$T/victim")" = "keep me" ] && "$E" check-gazetteer "$T/out.egz" >/dev/null'
mkdir "$T/adir"
run compile-gazetteer "$T/places.tsv" -o "$T/adir"
check "compile-gazetteer that cannot rename: exit 2, the error names the output, no file left behind" \
    '[ $status -eq 2 ] && err_has "adir:" && [ -z "$(ls "$T" | grep "\.tmp$")" ] && [ -z "$(ls "$T/adir")" ]'

cp "$T/places.tsv" "$T/in.tsv"
ln -s in.tsv "$T/link.tsv"
ln "$T/in.tsv" "$T/hard.tsv"
for o in "$T/in.tsv" "$T/./in.tsv" "$T/link.tsv" "$T/hard.tsv"; do
    run compile-gazetteer "$T/in.tsv" -o "$o"
    check "compile-gazetteer -o its own input ($(basename "$o")): refused, exit 2, input unchanged" \
        '[ $status -eq 2 ] && err_has "is the input" && cmp -s "$T/in.tsv" "$T/places.tsv"'
done
run compile-gazetteer "$T/small.tsv" "$T/in.tsv" -o "$T/link.tsv"
check "compile-gazetteer -o a link to its second input: refused" \
    '[ $status -eq 2 ] && err_has "is the input $T/in.tsv" && cmp -s "$T/in.tsv" "$T/places.tsv"'

# --- 22: a damaged body behind a sound header ------------------------------------
# Entry 0's type made to point at the pool's last byte, an empty string.
pool_len=$("$P" "$T/places.egz" | awk '$1 == "pool" { print $3 }')
cp "$T/places.egz" "$T/bad.egz"
"$P" "$T/bad.egz" entries 0 $((pool_len - 1))
run_text "De Hanoï à Vienne." --no-defaults --gazetteer "$T/bad.egz"
check "an entry's type pointing at an empty string: refused at load, naming the file, exit 2" \
    '[ $status -eq 2 ] && err_has "bad.egz: corrupt compiled gazetteer: an entry" && ! err_has "out of memory" && [ ! -s "$T/out" ]'
run check-gazetteer "$T/bad.egz"
check "check-gazetteer: the same file fails its body checksum, exit 2" \
    '[ $status -eq 2 ] && err_has "bad.egz: corrupt compiled gazetteer: body checksum"'
"$P" -b "$T/bad.egz" entries 0 $((pool_len - 1))
run check-gazetteer "$T/bad.egz"
check "check-gazetteer: with the body checksum made right too, the table check tells" \
    '[ $status -eq 2 ] && err_has "bad.egz: corrupt compiled gazetteer: an entry"'
cp "$T/places.egz" "$T/bad2.egz"
"$P" -b "$T/bad2.egz" words 0 $((pool_len + 100))
run_text "De Hanoï à Vienne." --no-defaults --gazetteer "$T/bad2.egz"
check "a word's string past the pool: refused at load, exit 2" \
    '[ $status -eq 2 ] && err_has "bad2.egz: corrupt compiled gazetteer: a word"'

# --- 28: lines that are not UTF-8, a byte order mark, a folder -----------------------
printf '\357\273\277Hanoï\tLOC\nPar\351s\tLOC\nVienne\tLOC\n' >"$T/latin.tsv"
run_text "Hanoï et Vienne." --no-defaults --format jsonl --gazetteer "$T/latin.tsv"
check "a line that is not UTF-8: file:line: invalid UTF-8 (a warning), the others load, exit 0" \
    '[ $status -eq 0 ] && err_has "latin.tsv:2: invalid UTF-8 at byte 4 of the line" && texts | grep -q "\"Vienne\""'
check "a byte order mark before the first line: the first name is found" \
    'texts | grep -q "\"Hanoï\""'
run_text "Hanoï." --no-defaults --strict --gazetteer "$T/latin.tsv"
check "a line that is not UTF-8 with --strict: an error, exit 2" \
    '[ $status -eq 2 ] && err_has "latin.tsv:2: invalid UTF-8" && [ ! -s "$T/out" ]'
run compile-gazetteer --strict "$T/latin.tsv" -o "$T/latin.egz"
check "compile-gazetteer --strict: the same error, no file" \
    '[ $status -eq 2 ] && err_has "latin.tsv:2: invalid UTF-8" && [ ! -e "$T/latin.egz" ]'
mkdir "$T/lists" "$T/lists.egz"
cp "$T/places.tsv" "$T/lists/"
for d in lists lists.egz; do
    run_text "Hanoï." --no-defaults --gazetteer "$T/$d"
    check "--gazetteer a folder ($d): a clear error, exit 2" \
        '[ $status -eq 2 ] && err_has "$d: is a folder, not a gazetteer file" && [ ! -s "$T/out" ]'
done
run compile-gazetteer "$T/lists" -o "$T/lists.out.egz"
check "compile-gazetteer a folder: a clear error, exit 2" \
    '[ $status -eq 2 ] && err_has "lists: is a folder" && [ ! -e "$T/lists.out.egz" ]'

# --- --explain over a candidate dropped with no entity kept ----------------------
printf '#@policy proper\nNice\tLOC\n' >"$T/proper.tsv"
run_text "Nice weather today." --no-defaults --explain --gazetteer "$T/proper.tsv"
check "--explain with only an unbacked candidate and no entity: exit 0, the reason given" \
    '[ $status -eq 0 ] && grep -q "no other mention backs it" "$T/out"'
