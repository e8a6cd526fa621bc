#!/bin/sh
# check.sh: run entrel with its default gazetteers over the precision trap
# set (traps.jsonl, next to this script) and score it.
#
#   sh tests/precision/check.sh [--tap] [ENTREL]
#
# ENTREL defaults to build/entrel.  Without --tap (report mode) it prints one
# line per failing sentence, then the figures, and exits 0.  With --tap it
# prints "ok N - id" / "not ok N - id" per sentence (with "#" diagnostics)
# and the figures as "#" lines, and exits 1 when a sentence fails.  Exit 2:
# entrel or the data could not be run or read.
#
# Needs python3 (scripts/deps.sh installs it; only
# its standard library is used).  Each sentence is run with --lang set to
# its "lang" field, so language detection is not what is being tested.
# See LICENSE for copyright and licence.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib/by-lang.sh"
run_by_lang "$HERE/traps.jsonl"

exec python3 - "$HERE/traps.jsonl" "$T" "$TAP" <<'EOF'
import os, sys

src, tmp, tap = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
sys.path.insert(0, os.path.join(os.path.dirname(src), "..", "lib"))
from cases import cases, fail, read_output

produced = read_output(tmp)

def items(d, key, n):
    out = []
    for it in d.get(key, []):
        if not (isinstance(it, list) and len(it) in (2, 3)):
            fail("traps.jsonl:%d: %s item %r is not [type, text] or "
                 "[type, text, start]" % (n, key, it))
        if len(it) == 3:
            if d["text"][it[2]:it[2] + len(it[1])] != it[1]:
                fail("traps.jsonl:%d: %s item %r is not at that offset"
                     % (n, key, it))
        elif it[1] not in d["text"]:
            fail("traps.jsonl:%d: %s item %r is not in the text" % (n, key, it))
        out.append(tuple(it))
    return out

def matches(item, ent):
    """An item [type, text] matches any entity of that type and exact
    text; [type, text, start] only the one starting at that code point."""
    return (item[0] == ent[0] and item[1] == ent[1]
            and (len(item) == 2 or item[2] == ent[2]))

def show(it):
    return "%s %r" % (it[0], it[1]) + ("@%d" % it[2] if len(it) == 3 else "")

n_sent = n_pass = 0
exp_listed = exp_found = 0
forb_listed = forb_produced = 0
correct = spurious = 0
failing = []
for n, d, o in cases(src, produced):
    sid = d["id"]
    ents = [(e["type"], e["text"], e["start"]) for e in o.get("entities", [])]
    expect = items(d, "expect", n)
    forbid = items(d, "forbid", n)
    allow = items(d, "allow", n)
    missing = [it for it in expect if not any(matches(it, e) for e in ents)]
    bad = [it for it in forbid if any(matches(it, e) for e in ents)]
    extra = []
    for e in ents:
        if any(matches(it, e) for it in expect):
            correct += 1
        elif any(matches(it, e) for it in allow):
            pass            # a real entity the lists may or may not hold
        else:
            spurious += 1   # forbidden, or neither expected nor allowed
            if not any(matches(it, e) for it in forbid):
                extra.append(e)
    exp_listed += len(expect)
    exp_found += len(expect) - len(missing)
    forb_listed += len(forbid)
    forb_produced += len(bad)
    n_sent += 1
    ok = not missing and not bad
    n_pass += ok
    if tap:
        print("%s %d - %s" % ("ok" if ok else "not ok", n_sent, sid))
        if not ok:
            print("#   missing: %s" % (", ".join(map(show, missing)) or "-"))
            print("#   forbidden produced: %s"
                  % (", ".join(map(show, bad)) or "-"))
            print("#   trap: %s" % d.get("note", ""))
    elif not ok:
        print("FAIL %s: missing [%s]; forbidden produced [%s]"
              % (sid, ", ".join(map(show, missing)),
                 ", ".join(map(show, bad))))
    if extra and not tap:
        print("  note %s: unlisted entities produced [%s]"
              % (sid, ", ".join(show(e) for e in extra)))

def ratio(a, b):
    return "%.3f (%d/%d)" % (a / b, a, b) if b else "n/a (0/0)"

lines = [
    "sentences: %d, passed %d, failed %d" % (n_sent, n_pass, n_sent - n_pass),
    "trap precision (1 - forbidden produced / forbidden listed): %s"
    % ratio(forb_listed - forb_produced, forb_listed),
    "expected recall (expected found / expected listed): %s"
    % ratio(exp_found, exp_listed),
    "entity precision (expected produced / all produced but allowed): %s"
    % ratio(correct, correct + spurious),
]
for l in lines:
    print(("# " if tap else "") + l)
sys.exit(1 if tap and n_pass < n_sent else 0)
EOF
