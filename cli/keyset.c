/*
** keyset.c: a set of keys of two 64-bit words, each with a string it
** was added with: the folders a walk has been in (device and inode), the
** file names a run has given out (two hashes of the name).  Open
** addressing, grown at half full; it only grows, for one run.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct keyset_entry {
    uint64_t a, b;
    char *value;
    bool used;
};

static size_t slot_of(uint64_t a, uint64_t b, size_t cap) {
    uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ULL)) * 0xFF51AFD7ED558CCDULL;
    return (size_t)(h ^ (h >> 32)) & (cap - 1);
}

static struct keyset_entry *find(const keyset *s, uint64_t a, uint64_t b) {
    size_t i = slot_of(a, b, s->cap);
    while (s->entries[i].used && (s->entries[i].a != a || s->entries[i].b != b))
        i = (i + 1) & (s->cap - 1);
    return &s->entries[i];
}

static bool grow(keyset *s) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    struct keyset_entry *old = s->entries, *e = calloc(cap, sizeof *e);
    if (e == NULL) return false;
    size_t old_cap = s->cap;
    s->entries = e;
    s->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].used) *find(s, old[i].a, old[i].b) = old[i];
    free(old);
    return true;
}

int keyset_add(keyset *s, uint64_t a, uint64_t b, const char *value, const char **found) {
    if (s->cap) {
        struct keyset_entry *e = find(s, a, b);
        if (e->used) {
            if (found) *found = e->value;
            return 0;
        }
    }
    if ((s->count + 1) * 2 > s->cap && !grow(s)) return -1;
    char *copy = value ? strdup(value) : NULL;
    if (value && copy == NULL) return -1;
    *find(s, a, b) = (struct keyset_entry){a, b, copy, true};
    s->count++;
    return 1;
}

void keyset_free(keyset *s) {
    for (size_t i = 0; i < s->cap; i++) free(s->entries[i].value);
    free(s->entries);
    *s = (keyset){0};
}
