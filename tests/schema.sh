#!/bin/sh
# schema.sh: every golden output, the command's output in each layout and
# with each optional part, and docs/json.md's example, validated against
# docs/entrel.schema.json
# (python3's jsonschema, draft 2020-12).  Usage: sh tests/schema.sh ENTREL
# See LICENSE for copyright and licence.
set -u
E=${1:?usage: schema.sh ENTREL}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
A=tests/data/fr-hanoi-convention.txt
"$E" --explain --tokens --sentences "$A" >"$T/full.json" 2>/dev/null
"$E" --format jsonl --offsets utf16 --no-text "$A" >"$T/utf16.jsonl" 2>/dev/null
printf 'Caf\303\251 \377 \000 Hano\303\257 (ONU) le 26 mars 2025.' | "$E" --tokens >"$T/bad-bytes.json" 2>/dev/null
printf '{"id": 7, "text": "Le Vietnam.", "source": "x", "date": "2025"}\n' | "$E" --input jsonl >"$T/meta.jsonl" 2>/dev/null
echo "Le président Vaclav Havel arrive. Havel parle." | "$E" >"$T/later.json" 2>/dev/null
grep -q '"from"' "$T/later.json" || echo "not ok - later.json lacks a propagated mention"
cat >"$T/noisy.lua" <<'LUA'
entity "said" { type = "X", pattern = { "Vietnam" }, action = function(m) print("saw", m.text) end }
entity "failed" { type = "Y", pattern = { "Le" }, action = function(m) error("no") end }
LUA
echo "Le Vietnam." | "$E" --rules "+$T/noisy.lua" >"$T/rule-notes.json" 2>/dev/null
grep -q '"rule_warnings"' "$T/rule-notes.json" && grep -q '"rule_errors"' "$T/rule-notes.json" ||
    echo "not ok - rule-notes.json lacks rule_warnings or rule_errors"
python3 - docs/entrel.schema.json docs/json.md tests/golden/*.json "$T"/*.json "$T"/*.jsonl <<'PY'
import json, re, sys
from jsonschema import Draft202012Validator
validator = Draft202012Validator(json.load(open(sys.argv[1])))
def documents(path):
    text, dec, i = open(path, encoding="utf-8").read().strip(), json.JSONDecoder(), 0
    if path.endswith(".md"):            # a doc's ```json examples
        text = "\n".join(re.findall(r"^```json\n(.*?)^```", text, re.S | re.M))
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i < len(text):
            doc, i = dec.raw_decode(text, i)
            yield doc
n = 0
for path in sys.argv[2:]:
    docs = list(documents(path))
    errors = [e for d in docs for e in validator.iter_errors(d)]
    n += 1
    name = path if path.startswith("tests/") else path.rsplit("/", 1)[-1]
    if docs and not errors:
        print("ok %d - %s: %d document%s valid" % (n, name, len(docs), "" if len(docs) == 1 else "s"))
    else:
        print("not ok %d - %s" % (n, name))
        for e in errors[:5]:
            print("#   %s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:200]))
print("1..%d" % n)
PY
