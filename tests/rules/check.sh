#!/bin/sh
# check.sh: run entrel with the default rule set (rules/fr and rules/en)
# and the default gazetteers over the rule test sentences (sentences.jsonl,
# next to this script) and check each sentence's expected and forbidden
# entities and relations.
#
#   sh tests/rules/check.sh [--tap] [ENTREL]
#
# ENTREL defaults to build/entrel.  Without --tap it prints one line per
# failing sentence, then a summary, and exits 0 (1 when a sentence that is
# not in known-failures.txt fails).  With --tap it prints "ok N - id" /
# "not ok N - id" (known failures as "# TODO") with "#" diagnostics, and
# exits 1 when a sentence not listed as a known failure fails, or when a
# listed one passes.  Exit 2: entrel or the data could not be run or read.
# Needs python3 (standard library only).  Each sentence is run with --lang
# set to its "lang" field.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$HERE/../lib/by-lang.sh"
run_by_lang "$HERE/sentences.jsonl" --rules "$ROOT/rules/fr" --rules "$ROOT/rules/en"

exec python3 - "$HERE/sentences.jsonl" "$HERE/known-failures.txt" "$T" "$TAP" <<'PY'
import os, sys

src, known_path, tmp, tap = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
sys.path.insert(0, os.path.join(os.path.dirname(src), "..", "lib"))
from cases import cases, fail, read_output

known = {}
if os.path.exists(known_path):
    for line in open(known_path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            sid, _, why = line.rstrip("\n").partition("\t")
            known[sid] = why

out = read_output(tmp)
for d in out.values():
    if d.get("warnings"):
        fail("%s: warnings %r" % (d["id"], d["warnings"]))

def pairs(d, key, n, width):
    items = d.get(key, [])
    for it in items:
        if not (isinstance(it, list) and len(it) == width):
            fail("sentences.jsonl:%d: %s item %r should have %d fields" % (n, key, it, width))
        for s in it[1:]:
            if s not in d["text"]:
                fail("sentences.jsonl:%d: %s item %r: %r is not in the text" % (n, key, it, s))
    return [tuple(it) for it in items]

n_sent = n_pass = n_known = n_fixed = 0
n_unexpected = 0
rules_seen = {}
for n, d, o in cases(src, out):
    sid = d["id"]
    ents = {(e["type"], e["text"]) for e in o.get("entities", [])}
    rels = {(r["type"], r["head"]["text"], r["tail"]["text"]) for r in o.get("relations", [])}
    missing = [e for e in pairs(d, "expect_entities", n, 2) if e not in ents]
    bad = [e for e in pairs(d, "forbid_entities", n, 2) if e in ents]
    rmissing = [r for r in pairs(d, "expect_relations", n, 3) if r not in rels]
    rbad = [r for r in pairs(d, "forbid_relations", n, 3) if r in rels]
    ok = not (missing or bad or rmissing or rbad)
    rules_seen.setdefault(d.get("rule", "?"), [0, 0])[0 if d.get("expect_entities") or d.get("expect_relations") else 1] += 1
    n_sent += 1
    n_pass += ok
    is_known = sid in known
    n_known += is_known and not ok
    n_fixed += is_known and ok
    n_unexpected += not ok and not is_known
    diag = []
    if not ok:
        diag = ["missing entities: %s" % (missing or "-"), "forbidden entities produced: %s" % (bad or "-"),
                "missing relations: %s" % (rmissing or "-"), "forbidden relations produced: %s" % (rbad or "-"),
                "produced: %s" % sorted(ents), "relations: %s" % sorted(rels),
                "rule %s: %s" % (d.get("rule", ""), d.get("note", ""))]
    if tap:
        todo = " # TODO %s" % known[sid] if is_known else ""
        print("%s %d - %s%s" % ("ok" if ok else "not ok", n_sent, sid, todo))
        for l in diag:
            print("#   " + l)
        if is_known and ok:
            print("#   listed in known-failures.txt but passes: remove it")
    elif not ok:
        print("FAIL %s%s" % (sid, " (known: %s)" % known[sid] if is_known else ""))
        for l in diag:
            print("    " + l)
    elif is_known:
        print("PASS %s, listed in known-failures.txt: remove it" % sid)

lines = ["sentences: %d, passed %d, failed %d (known %d, new %d); known failures now passing: %d"
         % (n_sent, n_pass, n_sent - n_pass, n_known, n_unexpected, n_fixed),
         "rules covered: %d" % len(rules_seen)]
if tap:
    print("1..%d" % n_sent)
for l in lines:
    print(("# " if tap else "") + l)
sys.exit(1 if n_unexpected or (tap and n_fixed) else 0)
PY
