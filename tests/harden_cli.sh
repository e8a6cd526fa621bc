#!/bin/sh
# harden_cli.sh: the command against input that is out to break it: a
# JSONL line far over --max-size, memory running out on a line, NUL in
# JSONL, documents whose output files would share a name, folder loops
# and unreadable folders, a plugin that crashes or never returns, and
# SIGINT or SIGTERM mid-run.  Nothing may crash the command, hang it or
# lose a document it finished.  One TAP line per check.
#
# ENTREL names the binary; PLAIN=1 (a build without sanitizers) adds the
# checks of memory: peak RSS, and a line read under `ulimit -v`.
# See LICENSE for copyright and licence.
set -u
E=${ENTREL:?set ENTREL to the entrel binary}
J=build/tools/jget
RSS=build/tools/maxrss
P=build/tests/plugins
T=$(mktemp -d)
chmod 755 "$T"          # the unreadable-folder check runs as another user
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
. tests/lib/tap.sh

ids() { "$J" id <"$T/out" | tr '\n' ' '; }
# Every line of the output is a whole JSON value, and it ends with a newline.
whole_lines() {
    [ ! -s "$T/out" ] || [ "$(tail -c 1 "$T/out" | od -An -c | tr -d ' ')" = '\n' ] || return 1
    while IFS= read -r line; do
        printf '%s\n' "$line" | "$J" -n >/dev/null 2>&1 || return 1
    done <"$T/out"
}

# wait_until EXPR: up to 20 s for EXPR to hold.
wait_until() {
    i=0
    while ! eval "$1"; do
        i=$((i + 1))
        [ $i -gt 200 ] && return 1
        sleep 0.1
    done
}

# wait_bounded PID: wait for a background entrel, killing it after 20 s so
# that a run that hangs fails the check instead of the whole suite.
wait_bounded() {
    rm -f "$T/exited"
    ( i=0
      while [ ! -e "$T/exited" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
      [ -e "$T/exited" ] || kill -KILL "$1" 2>/dev/null ) &
    dog=$!
    wait "$1"
    status=$?
    touch "$T/exited"
    wait $dog
}

lines() { wc -l <"$T/out"; }

# start ARGS...: entrel in the background, its pid in $pid.  The outputs
# are emptied first, here: the child empties them only once it runs, and
# a check must never see the last run's lines.
start() {
    : >"$T/out"
    : >"$T/err"
    "$@" >"$T/out" 2>"$T/err" &
    pid=$!
}

# writer_done PID: let a fifo's writer (waiting for "$T/go") end.  The
# writers open the fifo for reading and writing (1<>), so that none waits
# in open() for a reader that never comes.
writer_done() {
    touch "$T/go"
    wait "$1"
    rm -f "$T/go"
}

# Background jobs of a script start with SIGINT ignored; the signal checks
# want it as a terminal gives it.
default_int() {
    if env --default-signal=INT true 2>/dev/null; then
        exec env --default-signal=INT "$@"
    fi
    exec python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}

# big_line ID BYTES: a JSONL line whose text is BYTES letters.
big_line() {
    printf '{"id":"%s","text":"' "$1"
    head -c "$2" /dev/zero | tr '\0' a
    printf '"}\n'
}

# --- 12: a JSONL line over --max-size is skipped, never held whole -----------
printf '{"id":"first","text":"Le Vietnam."}\n{"id":"after","text":"La France."}\n' >"$T/small.jsonl"
{ sed -n 1p "$T/small.jsonl"; big_line big 40000000; sed -n 2p "$T/small.jsonl"; } >"$T/big.jsonl"
run --quiet --no-defaults --input jsonl --max-size 100K "$T/big.jsonl"
check "a 40 MB JSONL line with --max-size 100K: named by its line number, skipped, exit 1" \
    '[ $status -eq 1 ] && err_has "entrel: $T/big.jsonl:2: line 2 (40000022 bytes) is longer than a line may be with --max-size 102400" && [ "$(wc -l <"$T/err")" = 1 ]'
check "a 40 MB JSONL line: the lines around it are written" '[ "$(ids)" = "first after " ]'
esc=$(i=0; while [ $i -lt 600 ]; do printf '\\u00e9'; i=$((i + 1)); done)
printf '{"id":"escaped","text":"%s"}\n' "$esc" >"$T/escaped.jsonl"
run --no-defaults --input jsonl --max-size 2K "$T/escaped.jsonl"
check "a line longer than --max-size whose escaped text fits is still a document" \
    '[ $status -eq 0 ] && [ "$(wc -c <"$T/escaped.jsonl")" -gt 2048 ] && [ "$(out text#)" = 1200 ]'
run --no-defaults --input jsonl --max-size 1K "$T/escaped.jsonl"
check "its text over --max-size is refused as a document, with its id" \
    '[ $status -eq 1 ] && err_has "entrel: escaped: document of 1200 bytes is larger than --max-size (1024 bytes)"'
if [ "${PLAIN:-0}" = 1 ]; then
    "$RSS" "$T/rss.small" "$E" --no-defaults --input jsonl --max-size 100K "$T/small.jsonl" >/dev/null 2>&1
    "$RSS" "$T/rss.big" "$E" --no-defaults --input jsonl --max-size 100K "$T/big.jsonl" >/dev/null 2>"$T/err"
    status=$?
    check "a 40 MB JSONL line with --max-size 100K: peak RSS within 16 MB of a run without it" \
        '[ $status -eq 1 ] && [ "$(cat "$T/rss.big")" -lt $(($(cat "$T/rss.small") + 16384)) ]'
fi
rm -f "$T/big.jsonl"

# --- 13: out of memory on a line is an error naming it -----------------------
if [ "${PLAIN:-0}" = 1 ]; then
    # 300 MB of text cannot be held under a 250 MB address space: the line
    # buffer runs out, whatever the rest of the process takes.
    { sed -n 1p "$T/small.jsonl"; big_line huge 300000000; sed -n 2p "$T/small.jsonl"; } |
        ( ulimit -v 250000 && exec "$E" --quiet --no-defaults -j1 --input jsonl --max-size 0 ) >"$T/out" 2>"$T/err"
    status=$?
    check "memory runs out on a JSONL line: an error naming the line, exit 1" \
        '[ $status -eq 1 ] && err_has "entrel: stdin:2: line 2: out of memory after reading" && [ "$(wc -l <"$T/err")" = 1 ]'
    check "memory runs out on a JSONL line: the lines after it are still processed" '[ "$(ids)" = "first after " ]'
fi

# --- 14: --max-size 0 is no limit ---------------------------------------------
printf 'Le Vietnam.' >"$T/small.txt"
run --no-defaults --max-size 0 "$T/small.txt"
check "--max-size 0: a text document is read whole" '[ $status -eq 0 ] && [ "$(out text)" = "Le Vietnam." ]'
run --no-defaults --max-size 0 --input jsonl "$T/small.jsonl"
check "--max-size 0: JSONL documents are read" '[ $status -eq 0 ] && [ "$(ids)" = "first after " ]'
run --help
check "--help says 0 is no limit" 'grep -q "0: no limit" "$T/out"'

# --- 16: \u0000 in a JSONL string is kept, as in text input --------------------
printf '{"id":"n","text":"Le\\u0000Vietnam \\u00e9t\\u00e9 \\ud83d\\ude00 fin"}\n{"id":"next","text":"ok"}\n' >"$T/nul.jsonl"
printf 'Le\000Vietnam \303\251t\303\251 \360\237\230\200 fin' >"$T/nul.txt"
for unit in codepoint utf16; do
    run --no-defaults --input jsonl --tokens --offsets $unit "$T/nul.jsonl"
    check "JSONL \\u0000 ($unit): the document is written and the NUL reported, as text input does" \
        '[ $status -eq 1 ] && err_has "entrel: n: text contains a NUL byte at byte 2 (1 byte)" && [ "$(ids)" = "n next " ]'
    head -1 "$T/out" | "$J" text# tokens >"$T/from-jsonl"
    "$E" --no-defaults --format jsonl --tokens --offsets $unit "$T/nul.txt" 2>/dev/null | "$J" text# tokens >"$T/from-text"
    check "JSONL \\u0000 ($unit): text and token offsets equal the text input's" \
        'cmp -s "$T/from-jsonl" "$T/from-text" && [ "$(head -1 "$T/from-jsonl")" = 25 ] && grep -q "\"Vietnam\"" "$T/from-jsonl"'
done

# --- 17: --out DIR never writes one document over another -----------------------
mkdir -p "$T/same/a" "$T/same/b" "$T/brat"
printf 'Le Vietnam signe.' >"$T/same/a/x.txt"
printf 'La France et le Japon.' >"$T/same/b/x.txt"
run -j2 --format brat --out "$T/brat" "$T/same/a/x.txt" "$T/same/b/x.txt"
# each .txt is one of the documents, each .ann the annotations of its own .txt
brat_sound() {
    python3 - "$1" "$2" "$3" <<'PY'
import os, sys
folder, texts = sys.argv[1], sorted(open(p, encoding="utf-8").read() for p in sys.argv[2:])
names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".txt"))
assert sorted(f for f in os.listdir(folder)) == sorted([n + ".txt" for n in names] + [n + ".ann" for n in names])
assert sorted(open(os.path.join(folder, n + ".txt"), encoding="utf-8").read() for n in names) == texts
for n in names:
    text = open(os.path.join(folder, n + ".txt"), encoding="utf-8").read()
    ts = [l.split("\t") for l in open(os.path.join(folder, n + ".ann"), encoding="utf-8") if l.startswith("T")]
    assert ts and all(text[int(t[1].split()[1]):int(t[1].split()[2])] == t[2].rstrip("\n") for t in ts)
PY
}
check "brat: a/x.txt and b/x.txt under -j2 each get their own .txt and .ann" \
    '[ $status -eq 0 ] && [ "$(ls "$T/brat" | wc -l)" = 4 ] && brat_sound "$T/brat" "$T/same/a/x.txt" "$T/same/b/x.txt"'
cat >"$T/ids.jsonl" <<'EOF'
{"id": "x", "text": "Le Vietnam signe."}
{"id": "x", "text": "La France signe."}
{"id": "a/x.txt", "text": "Le Japon signe."}
{"id": "../../escape", "text": "Le Laos signe."}
{"id": "/abs/../../escape", "text": "Le Chili signe."}
{"id": "..", "text": "Le Pérou signe."}
{"id": "index", "text": "Le Mali signe."}
{"id": ".hidden", "text": "Le Tchad signe."}
EOF
for j in 1 2; do
    mkdir -p "$T/h$j/out"
    run -j$j --input jsonl --format html --out "$T/h$j/out" "$T/ids.jsonl"
done
pages() { ls "$T/h2/out" | grep -v '^index\.html$'; }
# each country's sentence is on one page only
own_pages() {
    for c in Vietnam France Japon Laos Chili Pérou Mali Tchad; do
        [ "$(grep -l "$c" "$T"/h2/out/*.html | grep -vc index.html)" = 1 ] || return 1
    done
}
links() { grep -o 'href="[^"]*"' "$T/h2/out/index.html" | sed 's/^href="//; s/"$//'; }
check "html: eight documents, eight pages and an index, nothing written outside DIR" \
    '[ $status -eq 0 ] && [ "$(pages | wc -l)" = 8 ] && [ "$(ls -A "$T/h2")" = out ] && [ "$(ls -A "$T/h2/out" | grep -c "^\.")" = 0 ] && [ ! -e "$T/escape.html" ]'
check "html: index.html links each page once, and each page holds its own document" \
    '[ "$(links | sort)" = "$(pages | sort)" ] && [ "$(links | sort -u | wc -l)" = 8 ] && own_pages'
check "html: the same names and pages under -j1 and -j2" 'diff -r "$T/h1/out" "$T/h2/out" >/dev/null'
mkdir -p "$T/h3"
printf '{"id": "big", "text": "Le Vietnam signe la convention."}\n{"id": "small", "text": "Le Laos."}\n' >"$T/two.jsonl"
run --no-defaults --input jsonl --format html --max-size 16 --out "$T/h3" "$T/two.jsonl"
check "html: a document that failed is listed in index.html, with no link to a page it has not" \
    '[ $status -eq 1 ] && [ "$(ls "$T/h3" | tr "\n" " ")" = "index.html small.html " ] && grep -q "^<li>big 0 entities, 0 relations (failed)</li>$" "$T/h3/index.html" && [ "$(grep -c "href=" "$T/h3/index.html")" = 1 ]'

# --- 18: folder loops are walked once and reported -------------------------------
mkdir -p "$T/loop/sub"
printf 'Le Vietnam.' >"$T/loop/sub/doc.txt"
ln -s .. "$T/loop/sub/up"
ln -s . "$T/loop/self"
start "$E" --no-defaults --format jsonl "$T/loop"
wait_bounded $pid
check "a folder with two links back up: each document once, each link named, exit 1" \
    '[ $status -eq 1 ] && [ "$(ids)" = "$T/loop/sub/doc.txt " ] && err_has "entrel: $T/loop/self: a symbolic link back to $T/loop" && err_has "entrel: $T/loop/sub/up: a symbolic link back to $T/loop"'
mkdir -p "$T/wide"
printf 'Le Vietnam.' >"$T/wide/doc.txt"
for l in a b c d e f g h; do ln -s . "$T/wide/$l"; done
start "$E" --no-defaults --format jsonl "$T/wide"
wait_bounded $pid
check "eight links to the folder itself: no exponential walk, one document" \
    '[ $status -eq 1 ] && [ "$(ids)" = "$T/wide/doc.txt " ] && [ "$(grep -c "a symbolic link back to" "$T/err")" = 8 ]'
mkdir -p "$T/diamond/real"
printf 'Le Vietnam.' >"$T/diamond/real/doc.txt"
ln -s real "$T/diamond/zlink"
run --no-defaults --format jsonl "$T/diamond"
check "a second link to a folder already walked: walked once, a note, exit 0" \
    '[ $status -eq 0 ] && [ "$(ids)" = "$T/diamond/real/doc.txt " ] && err_has "entrel: $T/diamond/zlink: the folder $T/diamond/real, already walked; skipped"'

# --- 19: an unreadable folder is reported ------------------------------------------
mkdir -p "$T/perm/locked"
printf 'Le Vietnam.' >"$T/perm/a.txt"
printf 'La France.' >"$T/perm/z.txt"
printf 'Le Japon.' >"$T/perm/locked/in.txt"
chmod 000 "$T/perm/locked"
AS=
if [ "$(id -u)" = 0 ]; then
    # root reads any folder: read as nobody, whom the mode shuts out
    if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
        AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
    else
        AS=none
    fi
fi
if [ "$AS" = none ]; then
    n=$((n + 1))
    echo "ok $n - an unreadable folder is reported # SKIP root, and setpriv cannot drop to nobody"
else
    $AS "$E" --no-defaults --format jsonl "$T/perm" >"$T/out" 2>"$T/err"
    status=$?
    check "an unreadable folder: named with the reason, the other files written, exit 1" \
        '[ $status -eq 1 ] && err_has "entrel: $T/perm/locked: cannot read the folder: Permission denied" && [ "$(ids)" = "$T/perm/a.txt $T/perm/z.txt " ]'
fi
chmod 755 "$T/perm/locked"

# --- 20: a plugin that crashes loses only the document in flight ---------------------
cat >"$T/crash.jsonl" <<'EOF'
{"id": "a", "text": "Le Vietnam signe."}
{"id": "b", "text": "La France signe."}
{"id": "c", "text": "CRASHME ici."}
{"id": "d", "text": "Le Japon signe."}
EOF
run --no-defaults -j1 --plugin "$P/crash.so" --input jsonl "$T/crash.jsonl"
check "a plugin crashes on the third document: the two before it are written, whole" \
    '[ $status -ne 0 ] && [ "$(ids)" = "a b " ] && whole_lines'
printf 'Le Vietnam.' >"$T/c1.txt"
printf 'La France.' >"$T/c2.txt"
printf 'CRASHME.' >"$T/c3.txt"
run --no-defaults -j1 --format jsonl --plugin "$P/crash.so" "$T/c1.txt" "$T/c2.txt" "$T/c3.txt"
check "a plugin crashes on the third file: the two before it are written" \
    '[ $status -ne 0 ] && [ "$(ids)" = "$T/c1.txt $T/c2.txt " ] && whole_lines'
i=0
: >"$T/crash2.jsonl"
while [ $i -lt 30 ]; do
    printf '{"id": "d%02d", "text": "Le ministre %s a présidé la séance."}\n' $i "$([ $i = 20 ] && echo CRASHME || echo Dupont)" >>"$T/crash2.jsonl"
    i=$((i + 1))
done
run --no-defaults -j2 --plugin "$P/crash.so" --input jsonl "$T/crash2.jsonl"
check "a plugin crashes under -j2: whole lines, in input order, none from after the crash" \
    '[ $status -ne 0 ] && whole_lines && [ "$(ids)" = "$(seq -f "d%02g" 0 $(($(lines) - 1)) | tr "\n" " ")" ] && [ "$(lines)" -le 20 ]'
sed 's/CRASHME/LOOPME/' "$T/crash.jsonl" >"$T/loop.jsonl"
start "$E" --no-defaults -j1 --plugin "$P/crash.so" --input jsonl "$T/loop.jsonl"
wait_until '[ "$(lines)" -ge 2 ]'
kill -TERM $pid
wait_until 'err_has "SIGTERM again"'
kill -TERM $pid
wait_bounded $pid
check "a plugin never returns: SIGTERM stops reading, a second one stops the run, exit 143" \
    '[ $status -eq 143 ] && [ "$(ids)" = "a b " ] && whole_lines && err_has "entrel: SIGTERM: 2 documents in progress not written"'
# twenty more documents: the reader waits for a free slot in the ring of
# -j1 (8 jobs), behind the one that never ends, when the signals come
{ cat "$T/loop.jsonl"; sed 's/CRASHME/Dupont/' "$T/crash2.jsonl" | head -20; } >"$T/loop2.jsonl"
start "$E" --no-defaults -j1 --plugin "$P/crash.so" --input jsonl "$T/loop2.jsonl"
wait_until '[ "$(lines)" -ge 2 ]'
kill -TERM $pid
wait_until 'err_has "SIGTERM again"'
kill -TERM $pid
wait_bounded $pid
check "a plugin never returns while the reader waits for the ring: two SIGTERM stop it, exit 143" \
    '[ $status -eq 143 ] && [ "$(ids)" = "a b " ] && whole_lines && grep -q "^entrel: SIGTERM: [89] documents in progress not written$" "$T/err"'

# --- 29: SIGINT and SIGTERM stop the run between records ----------------------------
mkfifo "$T/fifo"
( sed -n 1,2p "$T/crash.jsonl"; while [ ! -e "$T/go" ]; do sleep 0.1; done ) 1<>"$T/fifo" &
writer=$!
start default_int "$E" --no-defaults -j2 --input jsonl "$T/fifo"
wait_until '[ "$(lines)" -ge 2 ]'
kill -INT $pid
wait_bounded $pid
writer_done $writer
check "SIGINT while a slow input is read: reading stops, every record whole, exit 130" \
    '[ $status -eq 130 ] && [ "$(ids)" = "a b " ] && whole_lines && err_has "entrel: SIGINT: stopped reading"'
( while [ ! -e "$T/go" ]; do sleep 0.1; done ) 1<>"$T/fifo" &
writer=$!
start "$E" -j2 --format jsonl --sentences --tokens tests/data/fr-hanoi-convention.txt "$T/fifo"
wait_until '[ "$(lines)" -ge 1 ]'
kill -TERM $pid
wait_bounded $pid
writer_done $writer
check "SIGTERM while a file is read: the big document before it whole, exit 143" \
    '[ $status -eq 143 ] && [ "$(lines)" = 1 ] && whole_lines && [ "$(out text#)" = 9885 ] && err_has "entrel: SIGTERM: stopped reading"'

echo "1..$n"
