#!/bin/sh
# cli.sh: the entrel command's behaviour on bad input and bad usage, one
# TAP line per check.  ENTREL names the binary; BIG=1 adds the 200 MB
# document; VALGRIND=1 adds leak checks under valgrind.
# See LICENSE for copyright and licence.
set -u
E=${ENTREL:?set ENTREL to the entrel binary}
J=build/tools/jget
ARTICLE=tests/data/fr-hanoi-convention.txt
. tests/lib/tap.sh

# --- usage -------------------------------------------------------------
run --help
check "--help exits 0 with usage" '[ $status -eq 0 ] && grep -q "^usage: entrel" "$T/out"'
run --version
check "--version prints the version" '[ $status -eq 0 ] && grep -q "^entrel [0-9]" "$T/out"'
run --frobnicate
check "unknown option exits 2" '[ $status -eq 2 ] && err_has "entrel --help"'
for bad in "--input xml" "--format yaml" "--offsets utf32" "--lang de" \
           "--tokenizer icu" "--max-size 12Q" "--max-size -5"; do
    # shellcheck disable=SC2086
    run $bad "$ARTICLE"
    check "bad value ($bad) exits 2 and names it" '[ $status -eq 2 ] && [ ! -s "$T/out" ] && err_has "${bad#* }"'
done

# --- files ---------------------------------------------------------------
run "$ARTICLE"
check "reference article: exit 0, one document" '[ $status -eq 0 ] && [ "$(out -n)" = 1 ] && [ "$(out lang)" = fr ]'
check "reference article: text kept whole" '[ "$(out text#)" = 9885 ]'
run "$T/missing.txt" "$ARTICLE"
check "missing file: exit 1, named, others still written" \
    '[ $status -eq 1 ] && err_has "missing.txt: cannot open" && [ "$(out id)" = "$ARTICLE" ]'
run - <"$ARTICLE"
check "- reads stdin, id stdin" '[ $status -eq 0 ] && [ "$(out id)" = stdin ]'
run "$ARTICLE" "$ARTICLE" --format jsonl --no-text
check "two files, JSONL, no text" '[ $status -eq 0 ] && [ "$(wc -l <"$T/out")" = 2 ] && ! out text 2>/dev/null'
run "$ARTICLE" >/dev/null
"$E" "$ARTICLE" >/dev/full 2>"$T/err"
status=$?
check "output to a full disk: exit 1 with a message" '[ $status -eq 1 ] && err_has "cannot write output"'

# --- empty input and NUL bytes ----------------------------------------------
printf '' >"$T/empty"
run_in "$T/empty" --tokens --sentences
check "empty input: valid document, no tokens, exit 0" \
    '[ $status -eq 0 ] && [ "$(out text)" = "" ] && [ "$(out tokens#)" = 0 ] && [ "$(out sentences#)" = 0 ]'
printf 'Le\000Vietnam\000 fin' >"$T/nul"
run_in "$T/nul" --tokens
check "NUL bytes: exit 1, reported with id and byte offset" \
    '[ $status -eq 1 ] && err_has "stdin: text contains a NUL byte at byte 2 (2 bytes)"'
check "NUL bytes: nothing after them is lost" \
    '[ "$(out text#)" = 15 ] && [ "$(out tokens.2.text)" = Vietnam ] && [ "$(out tokens.4.start)" = 12 ]'

# --- invalid UTF-8: reported, kept as one symbol token per byte -------------
# NAME BYTES (octal) COUNT
while read -r name bytes count; do
    printf "Le Vietnam $bytes fin" >"$T/bad"
    run_in "$T/bad" --tokens --format jsonl
    check "invalid UTF-8 ($name): exit 1, id and byte offset" \
        '[ $status -eq 1 ] && err_has "stdin: text is not valid UTF-8 at byte 11 ($count byte"'
    last=$((2 + count))
    check "invalid UTF-8 ($name): later offsets unchanged" \
        '[ "$(out tokens.$last.text)" = fin ] && [ "$(out tokens.$last.start)" = $((12 + count)) ] && [ "$(out tokens.2.flags)" = "[\"space\",\"invalid\"]" ]'
done <<'EOF'
lone-continuation \200 1
overlong \300\257 2
surrogate \355\240\200 3
five-byte-form \370\210\200\200\200 5
EOF
printf 'Le Vietnam fin \342\202' >"$T/cut"
run_in "$T/cut" --tokens
check "invalid UTF-8 (cut at end): reported at its byte, tokens kept" \
    '[ $status -eq 1 ] && err_has "at byte 15 (2 bytes)" && [ "$(out tokens#)" = 5 ] && [ "$(out tokens.2.text)" = fin ]'

# --- JSONL ----------------------------------------------------------------------
cat >"$T/mixed.jsonl" <<'EOF'
{"id": "a", "text": "Le Vietnam et l’ONUDC.", "source": "nhandan", "n": 3}
{"id": "b", "text": "not closed
{"id": "c"}

{"id": "d", "text": 42}
[1, 2]
{"id": 7, "text": "The seminar was held in Vienna."}
{"text": "Le texte sans id."}
EOF
run --input jsonl "$T/mixed.jsonl"
check "JSONL: exit 1, good documents still written in order" \
    '[ $status -eq 1 ] && [ "$(out -n)" = 3 ] && [ "$(out id | tr "\n" " ")" = "a 7 $T/mixed.jsonl:8 " ]'
check "JSONL: output is one line per document" '[ "$(wc -l <"$T/out")" = 3 ]'
check "JSONL: other fields under meta" '[ "$(out meta.source 2>/dev/null | head -1)" = nhandan ] && [ "$(out meta.n 2>/dev/null | head -1)" = 3 ]'
check "JSONL: language decided per document" '[ "$(out lang | tr "\n" " ")" = "fr en fr " ]'
check "JSONL: a line that is not JSON is named" 'err_has "mixed.jsonl:2: line 2 is not JSON"'
check "JSONL: a line without text is named by its id" 'err_has "entrel: c: line 3: no \"text\" field"'
check "JSONL: text that is not a string" 'err_has "entrel: d: line 5: \"text\" is a number, not a string"'
check "JSONL: a line that is not an object" 'err_has "line 6 is an array, not a JSON object"'
printf '{"id":"u","text":"bad \377 byte"}\n{"id":"v","text":"ok"}\n' >"$T/badutf.jsonl"
run --input jsonl "$T/badutf.jsonl"
check "JSONL: invalid UTF-8 in a line is reported, next line processed" \
    '[ $status -eq 1 ] && err_has "line 1 is not JSON" && [ "$(out id)" = v ]'
run --input jsonl --format json "$T/badutf.jsonl"
check "JSONL input with --format json writes indented JSON" '[ "$(wc -l <"$T/out")" -gt 3 ] && [ "$(out id)" = v ]'

long_id=$(head -c 600 /dev/zero | tr '\0' 'e')
printf '{"id":"%s","text":"ok"}\n' "$long_id" >"$T/longid.jsonl"
run --input jsonl "$T/longid.jsonl"
check "JSONL: a 600-byte id is kept whole" '[ $status -eq 0 ] && [ "$(out id)" = "$long_id" ]'
cp "$ARTICLE" "$T/caf$(printf '\351').txt"
run "$T/caf$(printf '\351').txt"
check "a file name that is not UTF-8 becomes an id with U+FFFD" \
    '[ $status -eq 0 ] && [ "$(out id)" = "$T/caf$(printf '"'"'\357\277\275'"'"').txt" ]'

# --- size limit ----------------------------------------------------------------
printf '0123456789abc' >"$T/small"
run_in "$T/small" --max-size 10
check "--max-size: text over the limit is refused with a clear message" \
    '[ $status -eq 1 ] && err_has "stdin: document is larger than --max-size (10 bytes)" && [ ! -s "$T/out" ]'
printf '{"id":"big","text":"0123456789abc"}\n{"id":"fits","text":"0123"}\n' >"$T/limit.jsonl"
run --input jsonl --max-size 10 "$T/limit.jsonl"
check "--max-size in JSONL: the big document is named, the next one written" \
    '[ $status -eq 1 ] && err_has "big: document of 13 bytes is larger than --max-size (10 bytes)" && [ "$(out id)" = fits ]'

# --- offsets --------------------------------------------------------------------
printf '\360\237\230\200 Hano\303\257' >"$T/emoji"
for unit in codepoint:2 byte:5 utf16:3; do
    run_in "$T/emoji" --tokens --offsets "${unit%:*}"
    check "--offsets ${unit%:*}: Hanoï starts at ${unit#*:}" '[ "$(out tokens.1.start)" = "${unit#*:}" ]'
done

ENTREL_DATA="$T/nowhere" "$E" "$ARTICLE" >"$T/out" 2>"$T/err"
status=$?
check "default gazetteers missing: a clear message, exit 2" \
    '[ $status -eq 2 ] && err_has "cannot read the default gazetteers in $T/nowhere/gazetteers"'
ENTREL_DATA="$T/nowhere" "$E" --no-defaults "$ARTICLE" >"$T/out" 2>"$T/err"
status=$?
check "--no-defaults needs no data folder" '[ $status -eq 0 ] && [ "$(out entities#)" = 0 ]'

# --- gazetteers -------------------------------------------------------------------
printf 'Hanoï\tLOC\tHanoi\tQ1858\nno type\nVienne\tLOC\t\t\tsloppy\n' >"$T/places.tsv"
run --no-defaults --gazetteer "$T/places.tsv" "$ARTICLE"
check "gazetteer: bad lines named file:line, the others load, exit 0" \
    '[ $status -eq 0 ] && err_has "places.tsv:2: no type (second column)" && err_has "places.tsv:3: policy must be" && [ "$(out entities.0.text)" = Hanoï ]'
check "gazetteer: entities say where they come from" \
    '[ "$(out entities.0.source)" = gazetteer:places ] && [ "$(out entities.0.kb)" = Q1858 ]'
run --no-defaults --strict --gazetteer "$T/places.tsv" "$ARTICLE"
check "gazetteer: --strict makes a bad line an error, exit 2" \
    '[ $status -eq 2 ] && err_has "places.tsv:2: no type (second column)" && [ ! -s "$T/out" ]'
run --gazetteer "$T/none.tsv" "$ARTICLE"
check "gazetteer: a missing file, exit 2" '[ $status -eq 2 ] && err_has "none.tsv: cannot open"'
run --strict "$ARTICLE"
check "the default gazetteers load with --strict and find Vienne, Autriche, Hanoï" \
    '[ $status -eq 0 ] && out entities | grep -q "\"Autriche\"" && out entities | grep -q "\"Vienne\"" && out entities | grep -q "\"Hanoï\""'
run --no-defaults --explain --gazetteer tests/golden/un-places.tsv "$ARTICLE"
check "--explain lists the losers" '[ "$(out dropped.0.lost_to)" != "" ] && [ "$(out dropped.0.text)" = "Nations Unies" ]'

# --- compiled gazetteers ----------------------------------------------------------
run compile-gazetteer tests/golden/un-places.tsv "$T/places.tsv" -o "$T/un.egz"
check "compile-gazetteer: bad lines named file:line, the file is written, exit 0" \
    '[ $status -eq 0 ] && err_has "places.tsv:2: no type (second column)" && [ -s "$T/un.egz" ]'
run --no-defaults --explain --gazetteer tests/golden/un-places.tsv --gazetteer "$T/places.tsv" "$ARTICLE"
cp "$T/out" "$T/from-tsv"
run --no-defaults --explain --gazetteer "$T/un.egz" "$ARTICLE"
check "a compiled gazetteer gives the very output of its TSV files" \
    '[ $status -eq 0 ] && cmp -s "$T/out" "$T/from-tsv" && [ ! -s "$T/err" ]'
run check-gazetteer "$T/un.egz"
check "check-gazetteer: a sound file, exit 0" '[ $status -eq 0 ] && grep -q "un.egz: ok" "$T/out"'
run compile-gazetteer --strict "$T/places.tsv" -o "$T/strict.egz"
check "compile-gazetteer --strict: a bad line is an error, no file, exit 2" \
    '[ $status -eq 2 ] && err_has "places.tsv:2: no type" && [ ! -e "$T/strict.egz" ]'
run compile-gazetteer "$T/places.tsv"
check "compile-gazetteer without -o: usage, exit 2" '[ $status -eq 2 ] && err_has "usage: entrel compile-gazetteer"'
run compile-gazetteer "$T/places.tsv" -o "$T/no/such/dir/x.egz"
check "compile-gazetteer to a folder that does not exist: exit 2" \
    '[ $status -eq 2 ] && err_has "x.egz: No such file or directory"'
head -c 100 "$T/un.egz" >"$T/short.egz"
run --no-defaults --gazetteer "$T/short.egz" "$ARTICLE"
check "a truncated compiled gazetteer: a clear message, exit 2" \
    '[ $status -eq 2 ] && err_has "short.egz: corrupt compiled gazetteer: shorter than its header"'
cp "$T/un.egz" "$T/bad.egz"
printf 'X' | dd of="$T/bad.egz" bs=1 seek=400 conv=notrunc 2>/dev/null
run check-gazetteer "$T/bad.egz"
check "check-gazetteer: a damaged body, exit 2" '[ $status -eq 2 ] && err_has "bad.egz: corrupt compiled gazetteer: body checksum"'
printf 'Hanoï\tLOC\n' >"$T/not-compiled.egz"
run --no-defaults --gazetteer "$T/not-compiled.egz" "$ARTICLE"
check "a .egz file that is not compiled: exit 2" '[ $status -eq 2 ] && err_has "not-compiled.egz: not a compiled gazetteer"'

# --- rules ------------------------------------------------------------------------
mkdir -p "$T/rules"
cat >"$T/rules/people.lua" <<'LUA'
-- a person after a title
entity "person" {
  type = "PER",
  before = { {lower = {"ministre", "m."}} },
  pattern = { {flags = "title", rep = {2, 4}} },
}
LUA
cat >"$T/rules/broken.lua" <<'LUA'
entity "x" {
  type = "ORG",
  pattern = { {flags = "loud"} },
}
LUA
cat >"$T/rules/failing.lua" <<'LUA'
entity "fails" { type = "X", pattern = { "séance" },
  action = function(m) error("cannot handle " .. m.text) end }
LUA
printf 'Le vice-ministre Vu Le Thai Hoang a ouvert la séance.\n' >"$T/people.txt"
run --no-defaults --rules "$T/rules/people.lua" "$T/people.txt"
check "--rules: a rule's entity, with its rule file:line" \
    '[ $status -eq 0 ] && [ "$(out entities.0.text)" = "Vu Le Thai Hoang" ] && [ "$(out entities.0.rule)" = "$T/rules/people.lua:2" ]'
run --no-defaults --rules "$T/rules/people.lua" --rules "$T/rules/broken.lua" "$T/people.txt"
check "--rules: a bad rule file is file:line: message, exit 2" \
    '[ $status -eq 2 ] && err_has "broken.lua:1: rule x: unknown value" && err_has "for flags (valid: title, upper" && [ ! -s "$T/out" ]'
run --no-defaults --rules "$T/rules/people.lua" --rules "+$T/rules/failing.lua" "$T/people.txt"
check "--rules: an action that fails names the document and the rule, the others go on, exit 1" \
    '[ $status -eq 1 ] && err_has "people.txt: $T/rules/failing.lua:1: line 2: cannot handle séance" && [ "$(out entities.0.text)" = "Vu Le Thai Hoang" ] && [ "$(out rule_errors#)" = 1 ]'
cp -r "${ENTREL_DATA:-rules}/fr" "$T/myfr"
sed -i 's/type = "LAW"/type = "TREATY"/' "$T/myfr/laws.lua"
run --rules "$T/myfr" "$ARTICLE"
check "a copy of rules/fr, edited, runs with --rules and still finds the shared lexicons" \
    '[ $status -eq 0 ] && out entities | grep -q TREATY && ! out entities | grep -q "\"LAW\"" && [ "$(out relations#)" -gt 3 ]'
run check-rules
check "check-rules without a path: usage, exit 2" '[ $status -eq 2 ] && err_has "usage: entrel check-rules"'
run check-gazetteer
check "check-gazetteer without a file: usage, exit 2" '[ $status -eq 2 ] && err_has "usage: entrel check-gazetteer"'
run compile-gazetteer -x "$T/places.tsv" -o "$T/x.egz"
check "compile-gazetteer with an unknown option: usage, exit 2" '[ $status -eq 2 ] && err_has "usage: entrel compile-gazetteer"'
run check-rules "$T/rules/people.lua"
check "check-rules: lists each rule with its position, exit 0" \
    '[ $status -eq 0 ] && grep -q "people.lua:2	entity person -> PER" "$T/out"'
run check-rules "$T/rules"
check "check-rules on a folder: the first error of each bad file, exit 2" \
    '[ $status -eq 2 ] && err_has "broken.lua:1: rule x: unknown value" && err_has "for flags (valid: title, upper" && grep -q "entity person" "$T/out"'

# --- entrel eval ------------------------------------------------------------------
# Expected figures worked out by hand from the corpus README's rules.
cat >"$T/gold.json" <<'GOLD'
{"doc": "a.txt", "entities": [
  {"type": "ORG", "text": "ONUDC"},
  {"type": "LOC", "text": "Hanoï", "alt": ["Ha Noi"]},
  {"type": "PER", "text": "Vu Le Thai Hoang"},
  {"type": "LAW", "text": "Convention de Budapest"},
  {"type": "DATE", "text": "26 mars 2025", "value": "2025-03-26"},
  {"type": "DATE", "text": "2001", "value": "2001"}],
 "optional": [{"type": "ORG", "text": "Báo Nhân dân"}],
 "relations": [
  {"type": "co_organized_with", "symmetric": true, "head": ["Vietnam"], "tail": ["ONUDC", "Office"]},
  {"type": "located_in", "head": ["Vienne"], "tail": ["Autriche"]}]}
GOLD
cat >"$T/pred.jsonl" <<'PRED'
{"id": "out/a.txt", "entities": [{"type": "ORG", "text": "ONUDC"}, {"type": "ORG", "text": "l’ONUDC"}, {"type": "LOC", "text": "HANOI"}, {"type": "LOC", "text": "ha  noi"}, {"type": "ORG", "text": "Báo Nhân dân"}, {"type": "PER", "text": "Hoang"}, {"type": "ORG", "text": "onudc"}, {"type": "DATE", "text": "26 mars 2025", "value": "2025-03-26"}, {"type": "DATE", "text": "2001", "value": "2002"}], "relations": [{"type": "co_organized_with", "head": {"text": "ONUDC"}, "tail": {"text": "Vietnam"}}, {"type": "located_in", "head": {"text": "Autriche"}, "tail": {"text": "Vienne"}}, {"type": "presided_over", "head": {"text": "X"}, "tail": {"text": "Y"}}]}
PRED
"$E" eval "$T/gold.json" "$T/pred.jsonl" >"$T/out" 2>"$T/err"
status=$?
row() { grep -qE "^  $1 +$2\$" "$T/out"; }
check "eval: ORG counts a wrong span as spurious" 'row ORG "0.500 +1.000 +0.667 +1 +1 +1 +1"'
check "eval: LOC matches folded forms and alt forms" 'row LOC "1.000 +1.000 +1.000 +2 +0 +1 +1"'
check "eval: core is ORG+PER+LOC, optional ignored" 'row core "0.600 +0.667 +0.632 +3 +2 +2 +3"'
check "eval: LAW scored apart" 'row LAW "0.000 +0.000 +0.000 +0 +0 +0 +1"'
check "eval: a date found with another value counts apart" \
    'row DATE "1.000 +1.000 +1.000 +2 +0 +2 +2" && row "DATE value" "0.500 +0.500 +0.500 +1 +1 +1 +2" && grep -q "found without its value 2001" "$T/out"'
check "eval: symmetric relations match either way, others not" \
    'row "relations \(core\)" "0.333 +0.500 +0.400 +1 +2 +1 +2"'
check "eval: misses and spurious items listed" \
    'grep -q "a.txt: missed PER \"Vu Le Thai Hoang\"" "$T/out" && grep -q "a.txt: spurious ORG \"l’ONUDC\"" "$T/out"'
mkdir -p "$T/g" "$T/p"
cp "$T/gold.json" "$T/g/a.gold.json"
cp "$T/pred.jsonl" "$T/p/a.jsonl"
"$E" eval --gold "$T/g" --pred "$T/p" >"$T/out2" 2>"$T/err"
status=$?
check "eval --gold DIR --pred DIR pairs documents by name" '[ $status -eq 0 ] && cmp -s "$T/out" "$T/out2"'
"$E" eval "$T/gold.json" >"$T/out" 2>"$T/err"
status=$?
check "eval: usage error exits 2" '[ $status -eq 2 ] && err_has "usage: entrel eval"'
"$E" eval "$T/no-gold.json" "$T/pred.jsonl" >"$T/out" 2>"$T/err"
status=$?
check "eval: a missing gold file is named, exit 2" '[ $status -eq 2 ] && err_has "no-gold.json: cannot read"'
"$E" eval --gold "$T/no-dir" --pred "$T/p" >"$T/out" 2>"$T/err"
status=$?
check "eval: a missing folder is named, exit 2" '[ $status -eq 2 ] && err_has "no-dir: cannot open folder"'
printf '{"doc": "a.txt", "entities": [' >"$T/broken.json"
"$E" eval "$T/broken.json" "$T/pred.jsonl" >"$T/out" 2>"$T/err"
status=$?
check "eval: a broken gold file is named, exit 2" '[ $status -eq 2 ] && err_has "broken.json:1:"'

# --- a 200 MB document on stdin ---------------------------------------------------
if [ "${BIG:-0}" = 1 ]; then
    i=0
    cp "$ARTICLE" "$T/x2"
    while [ $i -lt 14 ]; do cat "$T/x2" "$T/x2" >"$T/x4"; mv "$T/x4" "$T/x2"; i=$((i + 1)); done
    head -c 209715200 "$T/x2" >"$T/big"
    rm -f "$T/x2"
    run_in "$T/big" --no-defaults --format jsonl --no-text --sentences
    check "200 MB document on stdin: processed whole" \
        '[ $status -eq 0 ] && [ "$(out lang)" = fr ] && [ "$(out sentences#)" -gt 500000 ]'
    run_in "$T/big" --no-defaults --format jsonl --no-text --max-size 100M
    check "200 MB document over --max-size 100M: refused, reading stopped" \
        '[ $status -eq 1 ] && err_has "larger than --max-size (104857600 bytes); stopped reading"'
    rm -f "$T/big"
fi

# --- workers, folders -----------------------------------------------------------
i=0
: >"$T/many.jsonl"
while [ $i -lt 40 ]; do
    printf '{"id": "d%d", "text": "Le ministre Jean Dupont a présidé la séance %d à Hanoï."}\n' $i $i >>"$T/many.jsonl"
    [ $((i % 9)) -eq 4 ] && printf 'not json %d\n' $i >>"$T/many.jsonl"
    i=$((i + 1))
done
"$E" -j1 --quiet --input jsonl "$T/many.jsonl" >"$T/j1.out" 2>"$T/j1.err"
"$E" -j4 --quiet --input jsonl --errors "$T/errors.jsonl" "$T/many.jsonl" >"$T/j4.out" 2>"$T/j4.err"
status=$?
check "-j4: the same output and messages as -j1, in input order" \
    '[ $status -eq 1 ] && cmp -s "$T/j1.out" "$T/j4.out" && cmp -s "$T/j1.err" "$T/j4.err" && [ "$(wc -l <"$T/j4.out")" = 40 ] && head -1 "$T/j4.out" | grep -q "\"id\":\"d0\"" && grep -q "line 6 is not JSON" "$T/j4.err"'
check "--errors: each failure a JSON line with its document id and message" \
    '[ "$(wc -l <"$T/errors.jsonl")" = 4 ] && sed -n 1p "$T/errors.jsonl" | "$J" message | grep -q "^line 6 is not JSON: " && [ "$(sed -n 4p "$T/errors.jsonl" | "$J" id)" = "$T/many.jsonl:36" ]'
"$E" -j2 --input jsonl "$T/many.jsonl" >/dev/null 2>"$T/sum.err"
check "a summary after several documents: documents, entities, relations, failures" \
    'grep -q "^entrel: 44 documents ([0-9.]* MB), 80 entities, 40 relations, 4 failed, in [0-9.]* s$" "$T/sum.err"'
run --progress "$ARTICLE"
check "--progress: a progress line and the summary, on stderr only" \
    '[ $status -eq 0 ] && grep -q "documents\?, [0-9.]* MB, [0-9.]* MB/s" "$T/err" && grep -q "entrel: 1 document (0.0 MB), [1-9][0-9]* entities" "$T/err" && [ "$(out -n)" = 1 ]'
run --errors "$T/no-such-dir/e.jsonl" "$ARTICLE"
check "--errors to a file that cannot be written: exit 2" '[ $status -eq 2 ] && err_has "no-such-dir/e.jsonl: cannot write"'
run -j0 "$ARTICLE"
check "-j0 is a usage error" '[ $status -eq 2 ] && err_has "-j wants 1 to 64"'
mkdir -p "$T/tree/a/b" "$T/tree/c"
printf 'Le Vietnam.' >"$T/tree/a/one.txt"
printf 'La France.' >"$T/tree/a/b/two.txt"
printf 'ignored' >"$T/tree/c/notes.md"
printf 'Le Japon.' >"$T/tree/three.txt"
run -j2 --format jsonl --glob '*.txt' "$T/tree"
check "a folder is walked whole, in name order, --glob choosing the files" \
    '[ $status -eq 0 ] && [ "$(out -n)" = 3 ] && [ "$(sed -n 1p "$T/out" | "$J" id)" = "$T/tree/a/b/two.txt" ] && [ "$(sed -n 3p "$T/out" | "$J" id)" = "$T/tree/three.txt" ]'

# --- brat and CoNLL ---------------------------------------------------------------
printf 'Le ministre Jean Dupont a présidé la séance à Hanoï.\nLe Vietnam signe.' >"$T/two.txt"
run --format conll "$T/two.txt"
check "--format conll: BIO columns, a blank line after each sentence" \
    '[ $status -eq 0 ] && [ "$(sed -n 1p "$T/out")" = "-DOCSTART-	O" ] && grep -q "^Jean	B-PER$" "$T/out" && grep -q "^Dupont	I-PER$" "$T/out" && grep -q "^séance	O$" "$T/out" && [ "$(grep -c "^$" "$T/out")" = 3 ]'
mkdir -p "$T/brat"
run -j2 --format brat --out "$T/brat" "$T/two.txt" "$ARTICLE"
check "--format brat: a .txt and a .ann per document, T lines at code-point offsets of the .txt" \
    '[ $status -eq 0 ] && [ ! -s "$T/out" ] && cmp -s "$T/brat/fr-hanoi-convention.txt" "$ARTICLE" && python3 -c "
import sys
for name in (\"two\", \"fr-hanoi-convention\"):
    text = open(sys.argv[1] + \"/\" + name + \".txt\", encoding=\"utf-8\").read()
    lines = open(sys.argv[1] + \"/\" + name + \".ann\", encoding=\"utf-8\").read().splitlines()
    ts = [l.split(\"\\t\") for l in lines if l.startswith(\"T\")]
    assert ts and all(text[int(t[1].split()[1]):int(t[1].split()[2])].replace(\"\\n\", \" \") == t[2] for t in ts)
" "$T/brat"'
check "--format brat: relations as R lines, a phrase argument as a Span, list ids as notes" \
    'grep -q "^R1	presided_over Arg1:T1 Arg2:T[0-9]*	$" "$T/brat/two.ann" && grep -q "	Span 34 43	la séance$" "$T/brat/two.ann" && grep -q "AnnotatorNotes T[0-9]*	canonical: Hanoi; kb: Q1858$" "$T/brat/two.ann"'
run --format brat "$T/two.txt"
check "--format brat without --out: a usage error" '[ $status -eq 2 ] && err_has "--format brat wants --out DIR"'

# --- plugins and document dates ---------------------------------------------
P=build/tests/plugins
printf 'Un Bidule et un Bidule.\n' >"$T/bidule.txt"
run --no-defaults --plugin "$P/good.so:v2" "$T/bidule.txt"
check "--plugin: its entities, value and relation, named plugin:good" \
    '[ $status -eq 0 ] && [ "$(out entities#)" = 2 ] && [ "$(out entities.0.value)" = v2 ] && [ "$(out entities.1.source)" = plugin:good ] && [ "$(out relations.0.rule)" = plugin:good ]'
run --no-defaults --plugin "$P/missing.so" "$T/bidule.txt"
check "--plugin: a missing file exits 2, says it cannot be opened" \
    '[ $status -eq 2 ] && [ ! -s "$T/out" ] && err_has "missing.so: plugin cannot be opened"'
run --no-defaults --plugin "$P/noentry.so" "$T/bidule.txt"
check "--plugin: no entry function exits 2 and says so" \
    '[ $status -eq 2 ] && err_has "noentry.so: plugin has no entry function entrel_plugin_entry"'
run --no-defaults --plugin "$P/badabi.so" "$T/bidule.txt"
check "--plugin: a wrong ABI version exits 2 and names both versions" \
    '[ $status -eq 2 ] && err_has "built for ABI version 99, this entrel has 1"'
run --no-defaults --plugin "$P/failing.so:no" "$T/bidule.txt"
check "--plugin: a plugin that fails to start exits 2 with its message" \
    '[ $status -eq 2 ] && err_has "failed to start: wants the argument ok, got \"no\""'
printf '{"id": "a", "text": "Un."}\n{"id": "b", "text": "Deux."}\n' >"$T/two.jsonl"
run --no-defaults --plugin "$P/failing.so:ok" --input jsonl "$T/two.jsonl"
check "--plugin: documents a plugin fails on are each reported, written all the same, exit 1" \
    '[ $status -eq 1 ] && err_has "entrel: a: plugin:failing: the plugin failed on the document: input/output error" && err_has "entrel: b: plugin:failing:" && [ "$(out -n)" = 2 ]'
run --no-defaults --date 2025-02-31x "$T/bidule.txt"
check "--date: a bad date exits 2 and names it" '[ $status -eq 2 ] && err_has "2025-02-31x"'
printf '{"id": "a", "text": "Un.", "date": "2025-03-26"}\n{"id": "b", "text": "Deux.", "date": "hier"}\n' >"$T/dated.jsonl"
run --no-defaults --date 2024 --input jsonl "$T/dated.jsonl"
check "JSONL \"date\": a bad one fails its document only; the field stays in meta" \
    '[ $status -eq 1 ] && err_has "entrel: b: \"date\" wants YYYY-MM-DD" && [ "$(out -n)" = 1 ] && [ "$(out meta.date)" = 2025-03-26 ]'

# --- leaks under valgrind ----------------------------------------------------------
if [ "${VALGRIND:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
    valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
        "$E" --tokens --sentences "$ARTICLE" >/dev/null 2>"$T/err"
    status=$?
    check "valgrind: no leak or error on the reference article" '[ $status -eq 0 ]'
    valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
        "$E" --input jsonl "$T/mixed.jsonl" >/dev/null 2>"$T/err"
    status=$?
    check "valgrind: no leak or error on failing JSONL lines" '[ $status -eq 1 ]'
    valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
        "$E" compile-gazetteer tests/golden/un-places.tsv -o "$T/vg.egz" >/dev/null 2>"$T/err" &&
        valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
            "$E" --explain --gazetteer "$T/vg.egz" "$ARTICLE" >/dev/null 2>"$T/err"
    status=$?
    check "valgrind: no leak or error compiling a gazetteer and matching with it" '[ $status -eq 0 ]'
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
        "$E" --plugin "$P/good.so:v" "$T/bidule.txt" >/dev/null 2>"$T/err"
    status=$?
    check "valgrind: no leak or error with a plugin" '[ $status -eq 0 ]'
fi
