#!/bin/sh
# harden_rules.sh: the command with hostile rule files, one TAP line per
# check: print never reaches the output stream, rule files reach no
# plugin and no list outside their fence unless allowed, endless patterns
# and finalizers end, check-rules warns about types nothing makes and has
# --help, regex limits are reported.  ENTREL names the binary.
# See LICENSE for copyright and licence.
set -u
E=${ENTREL:?set ENTREL to the entrel binary}
J=build/tools/jget
. tests/lib/tap.sh

# run ARGS...: as tap.sh's, with $T/in on stdin and a minute at most.
run() {
    timeout 60 "$E" "$@" >"$T/out" 2>"$T/err" <"$T/in"
    status=$?
}

# --- print: a warning of the document, never output (item 7) --------------
cat >"$T/forge.lua" <<'LUA'
entity "x" { type = "X", pattern = { "a" }, action = function(m)
  print('{"id":"forged","entities":[]}')
end }
LUA
printf '{"id":"d1","text":"a b"}\n{"id":"d2","text":"b a"}\n' >"$T/in"
run --no-defaults --rules "$T/forge.lua" --input jsonl
# the ids of the JSON documents of the output, one after the other
ids() {
    python3 - "$T/out" <<'PY'
import json, sys
text, dec, i, ids = open(sys.argv[1]).read(), json.JSONDecoder(), 0, []
while i < len(text):
    if text[i].isspace():
        i += 1
        continue
    doc, i = dec.raw_decode(text, i)
    ids.append(doc["id"])
print(" ".join(ids))
PY
}
check "print in an action: output holds the two documents only, each whole" \
    '[ $status -eq 0 ] && [ "$(wc -l <"$T/out")" = 2 ] && [ "$(ids)" = "d1 d2" ]'
check "print in an action: on stderr with the document id and file:line" \
    'err_has "entrel: d1: warning: $T/forge.lua:2: {\"id\":\"forged\"" && err_has "entrel: d2: warning:"'
run --no-defaults --rules "$T/forge.lua" --input jsonl --format json
check "print with --format json: no record of its own in the output" '[ "$(ids)" = "d1 d2" ]'

# --- plugins and lists from rule files (items 5, 6) ------------------------
: >"$T/in"
printf 'plugin { file = "/lib/x86_64-linux-gnu/libm.so.6" }\n' >"$T/plugin.lua"
run --no-defaults --rules "$T/plugin.lua"
check "plugin { } in a rule file without --allow-rule-plugins: file:line, exit 2" \
    '[ $status -eq 2 ] && err_has "$T/plugin.lua:1: plugin: /lib/x86_64-linux-gnu/libm.so.6: a rule file may load a C plugin only when the caller allows it"'
run check-rules "$T/plugin.lua"
check "check-rules refuses it the same way" '[ $status -eq 2 ] && err_has "plugin.lua:1: plugin:"'
run check-rules --allow-rule-plugins "$T/plugin.lua"
check "check-rules --allow-rule-plugins opens it (and finds no entry function)" \
    '[ $status -eq 2 ] && err_has "has no entry function"'
printf 'gazetteer { file = "/etc/passwd" }\n' >"$T/passwd.lua"
run --no-defaults --rules "$T/passwd.lua"
check "gazetteer { file = \"/etc/passwd\" }: refused with file:line, exit 2" \
    '[ $status -eq 2 ] && err_has "$T/passwd.lua:1: gazetteer: /etc/passwd lies outside"'
printf 'lexicon "z" { file = "/dev/zero" }\n' >"$T/zero.lua"
run --no-defaults --rules "$T/zero.lua" --allow-rule-paths
check "lexicon { file = \"/dev/zero\" }: not a regular file, even with --allow-rule-paths" \
    '[ $status -eq 2 ] && err_has "zero.lua:1: lexicon: /dev/zero is not a regular file"'
mkdir "$T/elsewhere"
printf 'Zorglub\tLOC\n' >"$T/elsewhere/z.tsv"
mkdir "$T/r"
printf 'gazetteer { file = "../elsewhere/z.tsv" }\n' >"$T/r/z.lua"
echo "Il vit à Zorglub." >"$T/in"
run --no-defaults --rules "$T/r/z.lua"
check "a list beside the rule file's folder is outside the fence" '[ $status -eq 2 ] && err_has "lies outside"'
run --no-defaults --rules "$T/r/z.lua" --allow-rule-paths --format jsonl
check "--allow-rule-paths lets it in" '[ $status -eq 0 ] && grep -q "\"text\":\"Zorglub\"" "$T/out"'

# --- endless work ends (items 8, 9) ---------------------------------------
: >"$T/in"
printf 'local s = string.rep("a", 3000)\nlocal x = s:find(".-.-.-.-.-.-.-.-b")\n' >"$T/find.lua"
run check-rules "$T/find.lua"
check "a backtracking string.find at load: stopped with file:line" \
    '[ $status -eq 2 ] && err_has "find.lua:2: instruction budget exceeded"'
printf 'setmetatable({}, {__gc = function() while true do end end})\nx = setmetatable({}, {__gc = function() while true do end end})\nentity "e" { type = "E", pattern = { "a" } }\n' >"$T/gc.lua"
run check-rules "$T/gc.lua"
check "a looping __gc: check-rules ends, exit 0, the finalizer named" \
    '[ $status -eq 0 ] && grep -q "entity e" "$T/out" && err_has "__gc: " && err_has "instruction budget exceeded"'
echo "a a" >"$T/in"
run --no-defaults --rules "$T/gc.lua" --format jsonl
check "a looping __gc: the command writes its output and exits 0" \
    '[ $status -eq 0 ] && grep -q "\"type\":\"E\"" "$T/out"'

# --- check-rules (items 26, 27) --------------------------------------------
: >"$T/in"
cat >"$T/typo.lua" <<'LUA'
entity "person" { type = "PER", pattern = { {flags = "title", rep = {2, 3}} } }
relation "met" { type = "met", pattern = { {entity = "PERSON", name = "head"}, "met",
  {entity = "PER", name = "tail"} } }
entity "when" { type = "X", pattern = { {entity = "DATE"}, {entity = "ROLE"} },
  action = function(m) add_entity { type = "ROLE", span = m } end }
LUA
run check-rules "$T/typo.lua"
check "check-rules warns about a type nothing makes, exit 0, one line" \
    '[ $status -eq 0 ] && [ "$(grep -c warning "$T/err")" = 1 ] && err_has "typo.lua:2: the rule tests entity type '"'"'PERSON'"'"'"'
check "a type an action names (type = \"ROLE\") and the dates plugin's DATE count as made" \
    '! err_has "ROLE" && ! err_has "DATE"'
run check-rules --no-defaults "$T/typo.lua"
check "with --no-defaults, DATE is made by nothing loaded" '[ $status -eq 0 ] && err_has "entity type '"'"'DATE'"'"'"'
run check-rules rules/fr rules/en
check "the default rules: no warning" '[ $status -eq 0 ] && ! err_has warning'
run check-rules --help
check "check-rules --help: usage on stdout, exit 0" '[ $status -eq 0 ] && grep -q "^usage: entrel check-rules" "$T/out" && [ ! -s "$T/err" ]'
run check-rules --frob "$T/typo.lua"
check "check-rules with an unknown option: usage, exit 2" '[ $status -eq 2 ] && err_has "usage: entrel check-rules"'

# --- regex limits (item 11) -------------------------------------------------
printf 'regex "bt" { type = "X", pattern = [[(?:(a+)+c|a+)]] }\n' >"$T/bt.lua"
echo "aaaaaaaaaaaaaaaaaaaa" >"$T/in"
run --no-defaults --rules "$T/bt.lua" --format jsonl
check "a regex within PCRE2's limits finds its entity" '[ $status -eq 0 ] && grep -q "\"type\":\"X\"" "$T/out" && [ ! -s "$T/err" ]'
echo "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" >"$T/in"
run --no-defaults --rules "$T/bt.lua" --format jsonl --regex-steps 100000000000
check "one over the match limit: a warning naming the rule, exit 0" \
    '[ $status -eq 0 ] && err_has "warning: $T/bt.lua:1: regex match limit of 10000000 steps reached" && grep -q rule_warnings "$T/out"'
run --no-defaults --rules "$T/bt.lua" --format jsonl --regex-match-limit 1000 --regex-steps 100000000000
check "--regex-match-limit sets it" 'err_has "regex match limit of 1000 steps reached"'
run --no-defaults --rules "$T/bt.lua" --regex-match-limit 0
check "--regex-match-limit 0: usage, exit 2" '[ $status -eq 2 ] && err_has "a regex limit is a whole number"'

echo "1..$n"
