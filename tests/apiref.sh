#!/bin/sh
# apiref.sh: docs/api-reference.md is what scripts/apiref.py makes of the
# headers now: a header comment changed without the reference fails here.
# See LICENSE for copyright and licence.
set -u
T=$(mktemp)
trap 'rm -f "$T"' EXIT
python3 scripts/apiref.py >"$T"
if cmp -s "$T" docs/api-reference.md; then
    echo "ok 1 - docs/api-reference.md is up to date with the headers"
else
    echo "not ok 1 - docs/api-reference.md is out of date: python3 scripts/apiref.py > docs/api-reference.md"
    diff docs/api-reference.md "$T" | head -10 | sed 's/^/#   /'
fi
echo "1..1"
