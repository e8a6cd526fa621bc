#!/usr/bin/env python3
# gz_seeds.py: seeds for fuzz_gazetteer: small lists compiled with
# `entrel compile-gazetteer`, then made smaller than the compiler makes
# them (an edge table and root sets just big enough, instead of their
# minimum of 1024 edges and 4096 bits), so that the fuzzer mutates a
# couple of kilobytes rather than fourteen.  Usage:
#   python3 tests/fuzz/gz_seeds.py build/entrel tests/fuzz/corpus/fuzz_gazetteer
# See LICENSE for copyright and licence.
import os
import struct
import subprocess
import sys
import tempfile

LISTS = {
    "places": "Hanoï\tLOC\tHanoi\tQ1858\t\tcountry=VN\n"
              "Hô Chi Minh-Ville\tLOC\tHo Chi Minh City\n"
              "Nice\tLOC\tNice\t\ttitle\n"
              "ONUDC\tORG\tUNODC\t\texact\n"
              "Côte d'Ivoire\tLOC\n"
              "#@priority 5\n"
              "Hanoi Tower\tFAC\n",
    "proper": "#@policy proper\nNice\tLOC\nParis\tLOC\tParis\tQ90\nNew York\tLOC\n"
              "York\tLOC\nJordan\tLOC\t\t\ttitle\n",
    "courts": "#@priority 5\n"
              "Cour de cassation\tORG\tCour de cassation\tQ1137262\ttitle\tkind=court\n"
              "Conseil d'État\tORG\tConseil d'État\tQ1130227\tnorm\tkind=court\n"
              "CJUE\tORG\tCourt of Justice of the European Union\tQ4951\texact\tacronym=1\n",
    "overlap": "Paris\tLOC\nParis Hilton\tPER\nNew York Times\tORG\nnew\tX\t\t\tfold\n"
               "Times\tORG\t\t\texact\nweather today\tMISC\t\t\tnorm\tk=v;a=b\n",
}

MASK64 = (1 << 64) - 1
K = 0x9E3779B97F4A7C15
HEADER = struct.Struct("<8sIIIIII QQ 12Q Q")


def checksum(h, data):
    data = data + b"\0" * (-len(data) % 8)
    for (w,) in struct.iter_unpack("<Q", data):
        h = ((h ^ w) * K) & MASK64
        h ^= h >> 29
    return h


def edge_start(node, hsh, mask):
    k = (((node << 32) | hsh) * K) & MASK64
    return (k ^ (k >> 29)) & mask


def pow2_at_least(n, least):
    p = least
    while p < n:
        p *= 2
    return p


def shrink(raw):
    f = list(HEADER.unpack_from(raw))
    sec = [(f[9 + 2 * i], f[10 + 2 * i]) for i in range(6)]
    body = [raw[off:off + n] for off, n in sec]
    edges = [e for e in struct.iter_unpack("<III", body[0]) if e[2]]
    emask = pow2_at_least(2 * len(edges), 8) - 1
    table = [(0, 0, 0)] * (emask + 1)
    for node, hsh, child in edges:
        i = edge_start(node, hsh, emask)
        while table[i][2]:
            i = (i + 1) & emask
        table[i] = (node, hsh, child)
    body[0] = b"".join(struct.pack("<III", *e) for e in table)
    old_bits, bits = f[5] + 1, 256
    sets = bytearray(bits // 4)
    for s in range(2):
        for b in range(old_bits):
            if raw[sec[4][0] + s * old_bits // 8 + b // 8] >> (b % 8) & 1:
                nb = s * bits + (b & (bits - 1))
                sets[nb // 8] |= 1 << (nb % 8)
    body[4] = bytes(sets)
    f[4], f[5] = emask, bits - 1
    out, off, total = b"", HEADER.size, 1
    for i, part in enumerate(body):
        f[9 + 2 * i], f[10 + 2 * i] = off, len(part)
        padded = part + b"\0" * (-len(part) % 8)
        out += padded
        off += len(padded)
    f[7], f[8] = off, checksum(1, out)           # size, body_sum
    head = HEADER.pack(*f)
    f[21] = checksum(1, head[:HEADER.size - 8])
    return HEADER.pack(*f) + out


def main():
    entrel, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, tsv in LISTS.items():
            src, egz = os.path.join(tmp, name + ".tsv"), os.path.join(tmp, name + ".egz")
            with open(src, "w", encoding="utf-8") as fh:
                fh.write(tsv)
            subprocess.run([entrel, "compile-gazetteer", src, "-o", egz], check=True)
            with open(egz, "rb") as fh:
                small = shrink(fh.read())
            with open(os.path.join(outdir, "seed-" + name), "wb") as fh:
                fh.write(small)
            check = subprocess.run([entrel, "check-gazetteer", os.path.join(outdir, "seed-" + name)],
                                   capture_output=True, text=True)
            if check.returncode != 0:
                sys.exit("gz_seeds.py: the smaller %s does not check: %s" % (name, check.stderr))


main()
