#!/usr/bin/python3
"""aho_scan.py: the yardstick for entrel's gazetteer matching: Debian's
pyahocorasick over the same names and the same text.

usage: aho_scan.py [-s MB] [-r RUNS] [-o REPORT] ARTICLE GAZETTEER...

Names are the first column of each gazetteer (lines starting with '#'
skipped), lower-cased; the text is ARTICLE repeated, two newlines between
copies, until it holds MB * 1e6 UTF-8 bytes (as bench_tokenize builds it),
lower-cased too.  Build is add_word for every name plus make_automaton;
scan is one iter() over the whole text, counting matches.  Both are the
best of RUNS; MB/s counts UTF-8 bytes, as entrel's figures do.  Not the
same task as entrel's: plain substrings, no tokens, no accents folded,
no overlap resolved, so it is a floor for a matcher, not a rival.
See LICENSE for copyright and licence.
"""
import argparse
import sys
import time

import ahocorasick


def read_names(paths):
    names = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                name = line.rstrip("\r\n").split("\t", 1)[0]
                if name:
                    names.append(name.lower())
    return names


def make_text(path, mb):
    with open(path, encoding="utf-8") as f:
        article = f.read()
    step = len((article + "\n\n").encode("utf-8"))
    target = int(mb * 1e6)
    copies = max(1, -(-target // step))
    return "\n\n".join([article] * copies)


def build(names):
    auto = ahocorasick.Automaton()
    for i, name in enumerate(names):
        auto.add_word(name, i)
    auto.make_automaton()
    return auto


def scan(auto, text):
    count = 0
    for _ in auto.iter(text):
        count += 1
    return count


def best_of(runs, fn):
    """Best wall and CPU time of 'runs' calls, and the last result; CPU
    time well below wall time says neighbours took the cores."""
    wall, cpu, result = None, None, None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        t, c = time.perf_counter() - t0, time.process_time() - c0
        wall = t if wall is None or t < wall else wall
        cpu = c if cpu is None or c < cpu else cpu
    return wall, cpu, result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-s", type=float, default=50.0)
    ap.add_argument("-r", type=int, default=3)
    ap.add_argument("-o")
    ap.add_argument("article")
    ap.add_argument("gazetteers", nargs="+")
    a = ap.parse_args()
    names = read_names(a.gazetteers)
    text = make_text(a.article, a.s).lower()
    mb = len(text.encode("utf-8")) / 1e6
    build_s, _, auto = best_of(a.r, lambda: build(names))
    scan_s, scan_cpu, matches = best_of(a.r, lambda: scan(auto, text))
    print(f"aho_scan: pyahocorasick, {len(names)} names, {mb:.2f} MB, best of {a.r}")
    print(f"  {'automaton build':<34} {build_s * 1e3:10.1f} ms")
    print(f"  {'scan, iter() over the text':<34} {mb / scan_s:10.1f} MB/s,"
          f" {mb / scan_cpu:.1f} MB/s of CPU time ({scan_s * 1e3:.1f} ms, {matches} matches)")
    if a.o:
        with open(a.o, "w") as f:
            f.write(f"build_ms={build_s * 1e3:.3f} mb_s={mb / scan_s:.2f}"
                    f" cpu_mb_s={mb / scan_cpu:.2f} matches={matches}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
