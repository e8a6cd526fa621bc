# by-lang.sh: sourced by the sentence checkers (tests/precision/check.sh,
# tests/rules/check.sh).  Reads "[--tap] [ENTREL]" into TAP and E, checks
# them, makes the work folder T, and gives run_by_lang SRC ARGS...: split
# the JSONL sentences of SRC by their "lang" field and run entrel on each
# part with --lang set, so that language detection is not what is tested.
# Outputs land in $T/out.fr.jsonl and $T/out.en.jsonl; exit 2 on trouble.
# See LICENSE for copyright and licence.
TAP=0
if [ "${1:-}" = --tap ]; then
    TAP=1
    shift
fi
E=${1:-build/entrel}
if [ ! -x "$E" ]; then
    echo "check.sh: $E is not an executable (build first, or pass its path)" >&2
    exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "check.sh: python3 is needed (apt-get install python3)" >&2
    exit 2
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

run_by_lang() {
    src=$1
    shift
    python3 - "$src" "$T" <<'PY' || exit 2
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
files = {"fr": open(out + "/in.fr.jsonl", "w", encoding="utf-8"),
         "en": open(out + "/in.en.jsonl", "w", encoding="utf-8")}
for n, line in enumerate(open(src, encoding="utf-8"), 1):
    if not line.strip():
        continue
    d = json.loads(line)
    if d.get("lang") not in files:
        sys.exit("%s:%d: lang must be fr or en" % (os.path.basename(src), n))
    files[d["lang"]].write(json.dumps({"id": d["id"], "text": d["text"]},
                                      ensure_ascii=False) + "\n")
PY
    for lang in fr en; do
        if ! "$E" "$@" --input jsonl --format jsonl --lang "$lang" \
                <"$T/in.$lang.jsonl" >"$T/out.$lang.jsonl" 2>"$T/err.$lang"; then
            echo "check.sh: $E failed on the $lang sentences:" >&2
            head -5 "$T/err.$lang" >&2
            exit 2
        fi
    done
}
