/*
** atoms.c: string interning.  Token forms, entity types and rule names
** become small integers so that later stages compare ids, not strings.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"

/*
** Keys are short words, so the hash takes eight bytes a step: xor, then
** multiply and fold the high half down, with the length mixed in first.
** The last partial step reads only the bytes that are there.
*/
uint64_t atoms_hash(const char *s, size_t len) {
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = (uint64_t)len * k;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
        s += 8;
        len -= 8;
    }
    if (len) {
        uint64_t w = 0;
        for (size_t i = 0; i < len; i++) w |= (uint64_t)(unsigned char)s[i] << (8 * i);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    return h ^ (h >> 32);
}

int atoms_init(atom_table *t, const atom_table *base) {
    memset(t, 0, sizeof *t);
    t->base = base;
    t->first_id = base ? base->count : 1;
    t->count = t->first_id;
    arena_init(&t->mem);
    return ENTREL_E_OK;
}

/* Slot index of 's' among own atoms: where it is, or the empty slot. */
static uint32_t find_slot(const atom_table *t, const char *s, size_t len,
                          uint64_t h) {
    uint32_t i = (uint32_t)h & t->mask;
    for (;;) {
        uint32_t v = t->slots[i];
        if (v == 0) return i;
        uint32_t k = v - 1;
        if (t->hashes[k] == h && t->lens[k] == len &&
            memcmp(t->strs[k], s, len) == 0)
            return i;
        i = (i + 1) & t->mask;
    }
}

static uint32_t find_own(const atom_table *t, const char *s, size_t len,
                         uint64_t h) {
    if (t->slots == NULL) return 0;
    uint32_t v = t->slots[find_slot(t, s, len, h)];
    return v ? t->first_id + v - 1 : 0;
}

uint32_t atoms_find(const atom_table *t, const char *s, size_t len) {
    if (len == 0) return 0;
    uint64_t h = atoms_hash(s, len);
    for (const atom_table *b = t->base; b != NULL; b = b->base) {
        uint32_t id = find_own(b, s, len, h);
        if (id) return id;
    }
    return find_own(t, s, len, h);
}

/* Keep the load under one half so probe runs stay short. */
static bool grow_slots(atom_table *t) {
    uint32_t nslots = t->mask ? (t->mask + 1) * 2 : 1024;
    uint32_t *slots = er_calloc(nslots, sizeof *slots);
    if (slots == NULL) return false;
    er_free(t->slots);
    t->slots = slots;
    t->mask = nslots - 1;
    uint32_t own = t->count - t->first_id;
    for (uint32_t k = 0; k < own; k++) {
        uint32_t i = (uint32_t)t->hashes[k] & t->mask;
        while (slots[i]) i = (i + 1) & t->mask;
        slots[i] = k + 1;
    }
    return true;
}

static bool grow_items(atom_table *t) {
    uint32_t cap = t->cap ? t->cap * 2 : 512;
    char **strs = er_realloc(t->strs, cap * sizeof *strs);
    if (strs == NULL) return false;
    t->strs = strs;
    uint32_t *lens = er_realloc(t->lens, cap * sizeof *lens);
    if (lens == NULL) return false;
    t->lens = lens;
    uint64_t *hashes = er_realloc(t->hashes, cap * sizeof *hashes);
    if (hashes == NULL) return false;
    t->hashes = hashes;
    t->cap = cap;
    return true;
}

uint32_t atoms_intern(atom_table *t, const char *s, size_t len) {
    if (len == 0 || len > UINT32_MAX) return 0;
    uint64_t h = atoms_hash(s, len);
    for (const atom_table *b = t->base; b != NULL; b = b->base) {
        uint32_t id = find_own(b, s, len, h);
        if (id) return id;
    }
    uint32_t own = t->count - t->first_id;
    if ((own + 1) * 2 > (t->mask ? t->mask + 1 : 0) && !grow_slots(t))
        return 0;
    uint32_t i = find_slot(t, s, len, h);
    if (t->slots[i]) return t->first_id + t->slots[i] - 1;
    if (own == t->cap && !grow_items(t)) return 0;
    char *copy = arena_strndup(&t->mem, s, len);
    if (copy == NULL) return 0;
    t->strs[own] = copy;
    t->lens[own] = (uint32_t)len;
    t->hashes[own] = h;
    t->slots[i] = own + 1;
    return t->count++;
}

static const atom_table *owner(const atom_table *t, uint32_t id) {
    while (t != NULL && id < t->first_id) t = t->base;
    return t;
}

const char *atoms_str(const atom_table *t, uint32_t id) {
    if (id == 0 || id >= t->count) return "";
    const atom_table *o = owner(t, id);
    return o ? o->strs[id - o->first_id] : "";
}

uint32_t atoms_len(const atom_table *t, uint32_t id) {
    if (id == 0 || id >= t->count) return 0;
    const atom_table *o = owner(t, id);
    return o ? o->lens[id - o->first_id] : 0;
}

uint64_t atoms_hash_of(const atom_table *t, uint32_t id) {
    const atom_table *o = id && id < t->count ? owner(t, id) : NULL;
    return o ? o->hashes[id - o->first_id] : atoms_hash("", 0);
}

/* The arrays go too, so that memory a long stream took is given back. */
void atoms_clear(atom_table *t) {
    const atom_table *base = t->base;
    atoms_free(t);
    atoms_init(t, base);
}

void atoms_free(atom_table *t) {
    er_free(t->slots);
    er_free(t->strs);
    er_free(t->lens);
    er_free(t->hashes);
    arena_free(&t->mem);
    memset(t, 0, sizeof *t);
}

size_t atoms_bytes(const atom_table *t) {
    size_t per_item = sizeof *t->strs + sizeof *t->lens + sizeof *t->hashes;
    return (size_t)t->cap * per_item + (t->slots ? ((size_t)t->mask + 1) * sizeof *t->slots : 0) +
           t->mem.total;
}
