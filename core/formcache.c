/*
** formcache.c: a session's cache of token forms by surface text.  Every
** token asks it once, so a hit must cost one memory access: a slot of 32
** bytes holds the key's first eight bytes, its length, kind and language,
** and the forms themselves.  Keys longer than eight bytes keep the rest
** in a side buffer, checked only when the first eight match.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "formcache.h"

#define META_LEN_BITS 11
#define META_MAX_LEN ((1u << META_LEN_BITS) - 1)

typedef struct form_slot {
    uint64_t key8;            /* first bytes of the key, zero-padded */
    uint32_t tag;             /* high half of the hash */
    uint16_t meta;            /* length | kind << 11 | lang << 14; 0 = empty */
    uint8_t flags, gz_starts;
    uint32_t norm, fold, stem, shape;
    uint32_t cover;
} form_slot;

struct form_cache {
    form_slot *slots;
    uint32_t *long_keys;      /* per slot: offset of a long key in 'keys' */
    size_t mask, count;
    char *keys;
    size_t keys_len, keys_cap;
};

#define FIRST_SLOTS 1024

struct form_cache *form_cache_new(void) {
    struct form_cache *c = er_calloc(1, sizeof *c);
    if (c == NULL) return NULL;
    c->slots = er_calloc(FIRST_SLOTS, sizeof *c->slots);
    c->long_keys = er_calloc(FIRST_SLOTS, sizeof *c->long_keys);
    if (c->slots == NULL || c->long_keys == NULL) {
        form_cache_free(c);
        return NULL;
    }
    c->mask = FIRST_SLOTS - 1;
    return c;
}

void form_cache_free(struct form_cache *c) {
    if (c == NULL) return;
    er_free(c->slots);
    er_free(c->long_keys);
    er_free(c->keys);
    er_free(c);
}

/*
** The table goes back to its first size, so that the memory a long
** stream of new words took is given back; when a smaller table cannot
** be had, the big one is emptied instead.
*/
void form_cache_clear(struct form_cache *c) {
    form_slot *slots = c->mask + 1 > FIRST_SLOTS ? er_calloc(FIRST_SLOTS, sizeof *slots) : NULL;
    uint32_t *long_keys = slots ? er_calloc(FIRST_SLOTS, sizeof *long_keys) : NULL;
    if (long_keys) {
        er_free(c->slots);
        er_free(c->long_keys);
        c->slots = slots;
        c->long_keys = long_keys;
        c->mask = FIRST_SLOTS - 1;
    } else {
        er_free(slots);
        memset(c->slots, 0, (c->mask + 1) * sizeof *c->slots);
    }
    er_free(c->keys);
    c->keys = NULL;
    c->keys_cap = 0;
    c->count = 0;
    c->keys_len = 0;
}

size_t form_cache_count(const struct form_cache *c) { return c->count; }

size_t form_cache_bytes(const struct form_cache *c) {
    return sizeof *c + (c->mask + 1) * (sizeof *c->slots + sizeof *c->long_keys) + c->keys_cap;
}

/*
** The first min(n, 8) bytes of 's' as a number.  With eight readable
** bytes behind 's' (any token but a document's last few) that is one load
** and a mask.
*/
static inline uint64_t first8(const char *s, size_t n, size_t readable) {
    uint64_t w = 0;
    if (readable >= 8) {
        memcpy(&w, s, 8);
        return n >= 8 ? w : w & ((1ULL << (8 * n)) - 1);
    }
    for (size_t i = 0; i < n && i < 8; i++) w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return w;
}

/* The hash of a key: atoms_hash's mixing, from its first eight bytes on. */
static uint64_t key_hash(uint64_t key8, const char *s, size_t n, int kind, int lang) {
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = n <= 8 ? ((uint64_t)n * k ^ key8) * k : atoms_hash(s, n);
    h ^= h >> 29;
    h ^= (uint64_t)kind << 56 ^ (uint64_t)lang << 60;
    return h ^ (h >> 32);
}

static bool rest_matches(const struct form_cache *c, size_t slot, const char *s,
                         size_t n) {
    const char *k = c->keys + c->long_keys[slot];
    for (size_t i = 8; i < n; i++)
        if (k[i - 8] != s[i]) return false;
    return true;
}

bool form_cache_find(struct form_cache *c, const char *s, size_t n, size_t readable,
                     int kind, int lang, form_value *out, form_probe *p) {
    p->meta = 0;
    if (n == 0 || n > META_MAX_LEN) return false;
    p->key8 = first8(s, n, readable);
    p->hash = key_hash(p->key8, s, n, kind, lang);
    p->meta = (uint16_t)(n | (unsigned)kind << META_LEN_BITS | (unsigned)lang << 14);
    uint32_t tag = (uint32_t)(p->hash >> 32);
    for (size_t i = (size_t)p->hash & c->mask;; i = (i + 1) & c->mask) {
        form_slot *slot = &c->slots[i];
        if (slot->meta == 0) {
            p->slot = i;
            return false;
        }
        if (slot->tag == tag && slot->key8 == p->key8 && slot->meta == p->meta &&
            (n <= 8 || rest_matches(c, i, s, n))) {
            *out = (form_value){slot->norm, slot->fold, slot->stem, slot->shape,
                                slot->flags, slot->gz_starts, slot->cover};
            return true;
        }
    }
}

/* Double the table, placing every slot again by its hash. */
static bool cache_grow(struct form_cache *c) {
    size_t n = (c->mask + 1) * 2;
    form_slot *slots = er_calloc(n, sizeof *slots);
    uint32_t *long_keys = er_calloc(n, sizeof *long_keys);
    if (slots == NULL || long_keys == NULL) {
        er_free(slots);
        er_free(long_keys);
        return false;
    }
    for (size_t k = 0; k <= c->mask; k++) {
        const form_slot *old = &c->slots[k];
        if (old->meta == 0) continue;
        size_t len = old->meta & META_MAX_LEN;
        char key[META_MAX_LEN];
        memcpy(key, &old->key8, 8);
        /* 'keys' is NULL until a key longer than eight bytes comes */
        if (len > 8) memcpy(key + 8, c->keys + c->long_keys[k], len - 8);
        uint64_t h = key_hash(old->key8, key, len, old->meta >> META_LEN_BITS & 7,
                              old->meta >> 14);
        size_t i = (size_t)h & (n - 1);
        while (slots[i].meta) i = (i + 1) & (n - 1);
        slots[i] = *old;
        long_keys[i] = c->long_keys[k];
    }
    er_free(c->slots);
    er_free(c->long_keys);
    c->slots = slots;
    c->long_keys = long_keys;
    c->mask = n - 1;
    return true;
}

int form_cache_add(struct form_cache *c, const form_probe *p, const char *s,
                   size_t n, const form_value *v) {
    if (p->meta == 0) return ENTREL_E_OK; /* too long to cache */
    if (n > 8) {
        if (c->keys_len + n > UINT32_MAX ||
            !vec_grow((void **)&c->keys, &c->keys_cap, c->keys_len + n - 8, 1))
            return ENTREL_E_NOMEM;
        memcpy(c->keys + c->keys_len, s + 8, n - 8);
        c->long_keys[p->slot] = (uint32_t)c->keys_len;
        c->keys_len += n - 8;
    }
    form_slot *slot = &c->slots[p->slot];
    *slot = (form_slot){.key8 = p->key8, .tag = (uint32_t)(p->hash >> 32),
                        .meta = p->meta, .flags = v->flags, .gz_starts = v->gz_starts, .norm = v->norm,
                        .fold = v->fold, .stem = v->stem, .shape = v->shape, .cover = v->cover};
    c->count++;
    if (c->count * 2 > c->mask + 1 && !cache_grow(c)) return ENTREL_E_NOMEM;
    return ENTREL_E_OK;
}
