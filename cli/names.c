/*
** names.c: the file names --out DIR gives the documents of one run.  A
** name comes from the document's id: its last part without extension
** ("corpus/a/x.txt" gives "x"), then, while that is taken, with the
** parts above it ("a_x", "corpus_a_x"), then numbered ("x-2").  No name
** holds a '/' or starts with '.', so DIR/NAME.ext is always in DIR,
** whatever the id ("../../etc/passwd" gives "passwd"); and no name is
** given twice, so no document is written over another.  Names are given
** in input order, so -j N names files as -j1 does.
** See LICENSE for copyright and licence.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define NAME_MAX_BYTES 200        /* and a suffix: under any file system's 255 */
#define MAX_PARTS 8               /* parts of the id tried before numbers */

/*
** Two independent hashes stand for a name: a collision of both only
** numbers a name that need not be, it never gives one out twice.
*/
static int take(keyset *s, const char *name) {
    uint64_t a = 0xCBF29CE484222325ULL, b = 0x84222325CBF29CE4ULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        a = (a ^ *p) * 0x100000001B3ULL;
        b = (b ^ *p) * 0x9E3779B97F4A7C15ULL + 1;
    }
    return keyset_add(s, a, b, NULL, NULL);
}

bool names_reserve(keyset *s, const char *name) { return take(s, name) >= 0; }

/* Up to 'max' parts of 'id' from the last one up, leaving out "", "." and "..". */
static size_t id_parts(const char *id, const char **part, size_t *len, size_t max) {
    size_t k = 0, end = strlen(id);
    while (end > 0 && k < max) {
        size_t start = end;
        while (start > 0 && id[start - 1] != '/' && id[start - 1] != '\\') start--;
        size_t n = end - start;
        bool dots = (n == 1 || n == 2) && id[start] == '.' && id[end - 1] == '.';
        if (n > 0 && !dots) {
            part[k] = id + start;
            len[k++] = n;
        }
        end = start > 0 ? start - 1 : 0;
    }
    return k;
}

static char safe_byte(char c) {
    unsigned char u = (unsigned char)c;
    return u < 0x20 || u == 0x7F || strchr(":*?\"<>|", c) ? '_' : c;
}

/*
** The length of 'part' without its extension: up to ten letters and
** digits after its last dot ("a.txt", not "corpus.jsonl:12", an id
** SOURCE:LINE, whose lines would all be "corpus").
*/
static size_t stem_length(const char *part, size_t len) {
    size_t dot = len;
    while (dot > 0 && part[dot - 1] != '.') dot--;
    if (dot < 2 || len - dot == 0 || len - dot > 10) return len;
    for (size_t i = dot; i < len; i++)
        if (!isalnum((unsigned char)part[i])) return len;      /* the C locale's: ASCII */
    return dot - 1;
}

/* The last 'use' parts joined by '_', the extension of the last one left out. */
static void build(char *out, const char *const *part, const size_t *len, size_t use) {
    size_t n = 0;
    for (size_t i = use; i-- > 0 && n < NAME_MAX_BYTES + 1;) {
        size_t l = i == 0 ? stem_length(part[0], len[0]) : len[i];
        if (n) out[n++] = '_';
        for (size_t j = 0; j < l && n < NAME_MAX_BYTES + 1; j++) out[n++] = safe_byte(part[i][j]);
    }
    if (n > NAME_MAX_BYTES) {           /* cut before the character that crosses the limit */
        n = NAME_MAX_BYTES;
        while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80) n--;
    }
    if (n == 0) n = (size_t)snprintf(out, NAME_MAX_BYTES, "doc");
    out[n] = '\0';
    if (out[0] == '.') out[0] = '_';
}

char *names_claim(keyset *s, const char *id) {
    const char *part[MAX_PARTS];
    size_t len[MAX_PARTS], k = id_parts(id, part, len, MAX_PARTS);
    char name[NAME_MAX_BYTES + 32];
    for (size_t use = 1; use <= (k ? k : 1); use++) {
        build(name, part, len, k ? use : 0);
        int r = take(s, name);
        if (r != 0) return r > 0 ? strdup(name) : NULL;
    }
    build(name, part, len, k ? 1 : 0);
    size_t base = strlen(name);
    for (unsigned long long i = 2;; i++) {
        snprintf(name + base, sizeof name - base, "-%llu", i);
        int r = take(s, name);
        if (r != 0) return r > 0 ? strdup(name) : NULL;
    }
}
