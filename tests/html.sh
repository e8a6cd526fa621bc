#!/bin/sh
# html.sh: the HTML page of the reference article opened in a real browser
# (Debian's chromium, headless): the rendered DOM has one highlighted mark
# per entity of the JSON, a relation's label, a tooltip with a list's id;
# a screenshot is kept as tests/out/fr-hanoi-convention.png.
# Usage: sh tests/html.sh ENTREL.  One TAP line per check.
# See LICENSE for copyright and licence.
set -u
E=${1:?usage: html.sh ENTREL}
A=tests/data/fr-hanoi-convention.txt
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
check() {
    n=$((n + 1))
    if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; head -5 "$T/err" | sed 's/^/#   /'; fi
}
mkdir -p "$T/site" tests/out
"$E" --format html --out "$T/site" "$A" >"$T/out" 2>"$T/err"
status=$?
check "--format html --out: a page per document and an index" \
    '[ $status -eq 0 ] && [ -f "$T/site/fr-hanoi-convention.html" ] && grep -q "fr-hanoi-convention.html" "$T/site/index.html"'
want=$("$E" --format jsonl --no-text "$A" 2>/dev/null | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["entities"]))')
browser() { timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>>"$T/err"; }
browser --dump-dom "file://$T/site/fr-hanoi-convention.html" >"$T/dom.html"
check "chromium renders one entity mark per entity of the JSON ($want)" \
    '[ "$want" -gt 20 ] && [ "$(grep -o "<mark class=\"e " "$T/dom.html" | wc -l)" = "$want" ]'
check "the rendered page lists the relations by label, and a tooltip gives a list's canonical name and id" \
    'grep -q "<span class=\"label\">presided_over</span>" "$T/dom.html" && grep -q "title=\"LOC · Hanoi · Q1858 · gazetteer:exonyms\"" "$T/dom.html" && grep -q "class=\"legend\"" "$T/dom.html"'
rm -f tests/out/fr-hanoi-convention.png
browser --window-size=1280,2600 --screenshot=tests/out/fr-hanoi-convention.png \
    "file://$T/site/fr-hanoi-convention.html" >/dev/null
check "a screenshot kept as tests/out/fr-hanoi-convention.png" \
    '[ "$(wc -c <tests/out/fr-hanoi-convention.png)" -gt 20000 ]'
"$E" --format html "$A" >"$T/stdout.html" 2>"$T/err"
check "--format html without --out: the page on stdout" \
    'head -1 "$T/stdout.html" | grep -q "^<!DOCTYPE html>" && tail -1 "$T/stdout.html" | grep -q "^</html>"'
echo "1..$n"
