"""cases.py: what the sentence checkers share (tests/rules/check.sh,
tests/precision/check.sh): entrel's output, read back by document id from
the runs of by-lang.sh, and the cases of a JSONL file, one by one with
their line numbers, each id checked unique and matched to its output.
Any problem with the data stops the check with exit status 2."""
import json
import os
import sys


def fail(msg):
    print("check.sh: " + msg, file=sys.stderr)
    sys.exit(2)


def read_output(tmp):
    """Every document of out.fr.jsonl and out.en.jsonl in tmp, by id."""
    out = {}
    for lang in ("fr", "en"):
        for line in open("%s/out.%s.jsonl" % (tmp, lang), encoding="utf-8"):
            d = json.loads(line)
            out[d["id"]] = d
    return out


def cases(src, out):
    """(line number, case, its output) for each case of src."""
    name = os.path.basename(src)
    seen = set()
    for n, line in enumerate(open(src, encoding="utf-8"), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        sid = d["id"]
        if sid in seen:
            fail("%s:%d: duplicate id %s" % (name, n, sid))
        seen.add(sid)
        if sid not in out:
            fail("no output for %s" % sid)
        yield n, d, out[sid]
