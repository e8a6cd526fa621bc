#!/bin/sh
# docs.sh: runs every example of the docs, one TAP line each.  In a doc,
# a ```lua block whose first line is "-- file: NAME" is written to NAME (a
# ```tsv block whose first line is "# file: NAME" too), a
# ```c block whose first line is "/* file: NAME.c */" is compiled into the
# plugin NAME.so (a failed compile is a failed example); a
# ```sh block holding "$ entrel ..." is run in that folder, and the entities
# and relations it prints ("TYPE: text (rule)", "type: head -> tail
# (rule)", or "error: ..." for what it says on stderr) must equal the
# ```text block that follows.  Usage: sh tests/docs.sh ENTREL DOC.md...
# See LICENSE for copyright and licence.
set -u
E=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
exec python3 - "$E" "$@" <<'PY'
import json, os, re, subprocess, sys, tempfile

entrel, docs = sys.argv[1], sys.argv[2:]
blocks = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)

def summary(out, err):
    lines = []
    for line in err.splitlines():
        m = re.match(r"entrel(?: [\w-]+)?: (.*)", line)
        if m:
            lines.append("error: " + m.group(1))
    for doc in (json.loads(x) for x in re.split(r"\n(?=\{)", out.strip()) if x.strip().startswith("{")):
        ents = doc.get("entities", [])
        for e in ents:
            lines.append("%s: %s (%s)" % (e["type"], e["text"], e.get("rule", e.get("source"))))
        for r in doc.get("relations", []):
            lines.append("%s: %s -> %s (%s)" % (r["type"], r["head"]["text"], r["tail"]["text"], r.get("rule")))
    return lines

n = failed = 0
for path in docs:
    text = open(path, encoding="utf-8").read()
    work = tempfile.mkdtemp()
    found = blocks.findall(text)
    for i, (lang, body) in enumerate(found):
        first = body.split("\n", 1)[0]
        if lang == "lua" and first.startswith("-- file: "):
            with open(os.path.join(work, first[9:].strip()), "w", encoding="utf-8") as f:
                f.write(body)
        if lang == "tsv" and first.startswith("# file: "):
            with open(os.path.join(work, first[8:].strip()), "w", encoding="utf-8") as f:
                f.write(body)
        if lang == "c" and first.startswith("/* file: "):
            src = first[9:].replace("*/", "").strip()
            with open(os.path.join(work, src), "w", encoding="utf-8") as f:
                f.write(body)
            cc = subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared",
                                 "-I" + os.path.join(os.getcwd(), "include"), "-o",
                                 src[:-2] + ".so", src], cwd=work, capture_output=True, text=True)
            n += 1
            if cc.returncode == 0:
                print("ok %d - %s: compile %s" % (n, os.path.basename(path), src))
            else:
                failed += 1
                print("not ok %d - %s: compile %s" % (n, os.path.basename(path), src))
                for line in cc.stderr.splitlines()[:10]:
                    print("#   " + line)
        if lang != "sh" or not body.startswith("$ entrel"):
            continue
        cmd = body[2:].strip()
        want = found[i + 1][1].strip().splitlines() if i + 1 < len(found) and found[i + 1][0] == "text" else []
        run = subprocess.run(["bash", "-c", entrel + cmd[len("entrel"):]], cwd=work,
                             capture_output=True, text=True)
        got = summary(run.stdout, run.stderr)
        n += 1
        name = "%s: %s" % (os.path.basename(path), cmd[:60])
        if got == want:
            print("ok %d - %s" % (n, name))
        else:
            failed += 1
            print("not ok %d - %s" % (n, name))
            for line in want:
                print("#   want: " + line)
            for line in got:
                print("#   got:  " + line)
print("1..%d" % n)
sys.exit(1 if failed else 0)
PY
