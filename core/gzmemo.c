/*
** gzmemo.c: what a token matches alone in a lexicon, remembered by its
** surface.  Lexicons are mostly function words, met on every other token,
** and a lookup by the token's text costs a hash and one compare where
** walking the trie and comparing each name's words costs ten times that.
** A session keeps one memo; past a size it starts over, so a long stream
** of documents runs in bounded memory.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"

#define MEMO_MIN_SLOTS 1024
#define MEMO_MAX_COUNT (1u << 16)     /* past this many surfaces, start over */
#define MEMO_MAX_KEYS (1u << 24)      /* or past this many bytes of them */

typedef struct memo_slot {
    uint64_t hash;
    uint32_t key, len;                /* the surface: keys[key .. key + len) */
    uint32_t bits, node;
    uint8_t kind, used;
} memo_slot;

struct gz_memo {
    const void *owner;                /* the gazetteer view the answers are of */
    memo_slot *slots;
    size_t mask, count;
    char *keys;
    size_t keys_len, keys_cap;
};

gz_memo *gz_memo_new(void) {
    gz_memo *m = calloc(1, sizeof *m);
    if (m == NULL) return NULL;
    m->slots = calloc(MEMO_MIN_SLOTS, sizeof *m->slots);
    if (m->slots == NULL) {
        free(m);
        return NULL;
    }
    m->mask = MEMO_MIN_SLOTS - 1;
    return m;
}

void gz_memo_free(gz_memo *m) {
    if (m == NULL) return;
    free(m->slots);
    free(m->keys);
    free(m);
}

static void memo_clear(gz_memo *m, const void *owner) {
    memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
    m->count = 0;
    m->keys_len = 0;
    m->owner = owner;
}

/* The slot of a surface, or the empty one where it goes: from the top bits of the caller's hash. */
static size_t slot_of(const gz_memo *m, uint64_t hash, const char *s, size_t n, int kind) {
    size_t i = (size_t)(hash >> 40) & m->mask;
    for (;; i = (i + 1) & m->mask) {
        const memo_slot *x = &m->slots[i];
        if (!x->used) return i;
        if (x->hash == hash && x->len == n && x->kind == kind && memcmp(m->keys + x->key, s, n) == 0)
            return i;
    }
}

bool gz_memo_find(gz_memo *m, const void *owner, uint64_t hash, const char *s, size_t n,
                  int kind, uint32_t *bits, uint32_t *node) {
    if (m->owner != owner) memo_clear(m, owner);
    const memo_slot *x = &m->slots[slot_of(m, hash, s, n, kind)];
    if (!x->used) return false;
    *bits = x->bits;
    *node = x->node;
    return true;
}

/* Twice the slots, every surface placed again. */
static bool memo_grow(gz_memo *m) {
    size_t old = m->mask + 1;
    memo_slot *was = m->slots, *now = calloc(2 * old, sizeof *now);
    if (now == NULL) return false;
    m->slots = now;
    m->mask = 2 * old - 1;
    for (size_t i = 0; i < old; i++)
        if (was[i].used) {
            size_t j = (size_t)(was[i].hash >> 40) & m->mask;
            while (now[j].used) j = (j + 1) & m->mask;
            now[j] = was[i];
        }
    free(was);
    return true;
}

void gz_memo_add(gz_memo *m, uint64_t hash, const char *s, size_t n, int kind, uint32_t bits,
                 uint32_t node) {
    if (n > MEMO_MAX_KEYS) return;
    if (m->count >= MEMO_MAX_COUNT || m->keys_len + n > MEMO_MAX_KEYS) memo_clear(m, m->owner);
    if (2 * (m->count + 1) > m->mask + 1 && !memo_grow(m)) return;
    if (m->keys_len + n > m->keys_cap) {
        size_t cap = m->keys_cap ? 2 * m->keys_cap : 65536;
        while (cap < m->keys_len + n) cap *= 2;
        char *k = realloc(m->keys, cap);
        if (k == NULL) return;        /* not remembered: asked again next time */
        m->keys = k;
        m->keys_cap = cap;
    }
    memo_slot *x = &m->slots[slot_of(m, hash, s, n, kind)];
    if (x->used) return;
    memcpy(m->keys + m->keys_len, s, n);
    *x = (memo_slot){hash, (uint32_t)m->keys_len, (uint32_t)n, bits, node, (uint8_t)kind, 1};
    m->keys_len += n;
    m->count++;
}
