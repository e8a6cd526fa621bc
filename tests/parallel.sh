#!/bin/sh
# parallel.sh: entrel as a stateless JSONL filter under GNU parallel, as
# docs/scaling.md runs it: `parallel --pipe -j2` over a JSONL corpus gives
# the documents a single process gives, once both are ordered by id.
# Usage: sh tests/parallel.sh ENTREL.  One TAP line per check.
# See LICENSE for copyright and licence.
set -u
E=${1:?usage: parallel.sh ENTREL}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
check() {
    n=$((n + 1))
    if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; head -5 "$T/err" | sed 's/^/#   /'; fi
}
# 300 documents: the reference article's paragraphs, one a line, and ids that sort as numbers do not
python3 - tests/data/fr-hanoi-convention.txt "$T/corpus.jsonl" <<'PY'
import json, sys
paras = [p.strip() for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i in range(300):
        out.write(json.dumps({"id": "doc-%03d" % i, "text": paras[i % len(paras)]}, ensure_ascii=False) + "\n")
PY
"$E" -j1 --quiet --input jsonl --no-text "$T/corpus.jsonl" >"$T/single.jsonl" 2>"$T/err"
parallel --pipe -j2 --block 20k "$E" --quiet --input jsonl --no-text <"$T/corpus.jsonl" >"$T/parallel.jsonl" 2>"$T/err"
status=$?
sort_by_id() { python3 -c 'import json, sys; docs = [json.loads(l) for l in open(sys.argv[1])]; [print(json.dumps(d, sort_keys=True)) for d in sorted(docs, key=lambda d: d["id"])]' "$1"; }
sort_by_id "$T/single.jsonl" >"$T/single.sorted"
sort_by_id "$T/parallel.jsonl" >"$T/parallel.sorted"
check "parallel --pipe -j2 ran and cut the input in several blocks" \
    '[ $status -eq 0 ] && [ "$(wc -c <"$T/corpus.jsonl")" -gt 40000 ] && [ "$(wc -l <"$T/parallel.jsonl")" = 300 ]'
check "parallel --pipe -j2 equals a single process, ordered by id" \
    'cmp -s "$T/single.sorted" "$T/parallel.sorted" && [ "$(wc -l <"$T/single.sorted")" = 300 ]'
echo "1..$n"
