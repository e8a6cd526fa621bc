/*
** rlindex.c: the rules a sentence may need, found through its words.
** Most rules need one of a few words ("présidé", "Ministry", a title),
** and asking each rule's formula of each sentence costs more than the
** sentence's own words do: so the rule set keeps, for each such word,
** the rules that need it, and a sentence marks the rules its tokens'
** norms, folds and stems name.  A rule without key words may have a key
** lexicon or entity type instead ("a title", "an ORG"), found through the
** sentence's summary.  A keyed rule runs only on the sentences that
** marked it; the others are asked their formula as before.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "luarules.h"

typedef struct key_rule {
    uint32_t atom, rule;
} key_rule;

#define BLOOM_LOG2 12         /* a 4096-bit filter: most words of a sentence are no key */

struct rl_index {
    uint64_t bloom[(1 << BLOOM_LOG2) / 64];   /* a bit per key word, asked before the table */
    uint32_t *atoms;          /* open addressing: the atom + 1, 0 for an empty slot */
    uint32_t *from, *to;      /* per slot: its rules, rules[from .. to) */
    uint32_t *rules;
    size_t mask;
    uint32_t *keys;           /* the key words, sorted, each once */
    size_t nkeys;
    size_t words;             /* 64-bit words of a rule bitmap */
    uint64_t *by_lexicon;     /* 64 bitmaps: the rules keyed by lexicon bit b */
    uint64_t *by_entity;      /* 64 bitmaps: the rules keyed by entity bit b */
    uint64_t *entity_keyed;   /* one bitmap: the rules keyed by an entity type */
};

static int by_atom(const void *a, const void *b) {
    const key_rule *x = a, *y = b;
    if (x->atom != y->atom) return x->atom < y->atom ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static unsigned bloom_bit(uint32_t atom) {
    return (unsigned)(((uint64_t)atom * 0xC2B2AE3D27D4EB4FULL) >> (64 - BLOOM_LOG2));
}

static size_t slot_of(const rl_index *x, uint32_t atom) {
    size_t i = (size_t)(((uint64_t)atom * 0x9E3779B97F4A7C15ULL) >> 32) & x->mask;
    while (x->atoms[i] != 0 && x->atoms[i] != atom + 1) i = (i + 1) & x->mask;
    return i;
}

/* Every keyed rule's (word, rule) pairs, sorted by word; marks the rules keyed. */
static key_rule *gather_keys(rl_set *set, size_t *n) {
    size_t total = 0;
    for (size_t r = 0; r < set->nrules; r++) {
        const uint32_t *atoms;
        total += pat_key_words(set->rules[r].prog, &atoms);
    }
    key_rule *pairs = er_malloc((total + 1) * sizeof *pairs);
    if (pairs == NULL) return NULL;
    *n = 0;
    for (size_t r = 0; r < set->nrules; r++) {
        const uint32_t *atoms;
        size_t k = pat_key_words(set->rules[r].prog, &atoms);
        set->rules[r].keyed = k > 0;
        for (size_t i = 0; i < k; i++) pairs[(*n)++] = (key_rule){atoms[i], (uint32_t)r};
    }
    qsort(pairs, *n, sizeof *pairs, by_atom);
    return pairs;
}

static bool index_alloc(rl_index *x, size_t words, size_t pairs) {
    size_t slots = 16;
    while (slots < 2 * words) slots *= 2;
    x->mask = slots - 1;
    x->atoms = er_calloc(slots, sizeof *x->atoms);
    x->from = er_calloc(slots, sizeof *x->from);
    x->to = er_calloc(slots, sizeof *x->to);
    x->rules = er_malloc((pairs + 1) * sizeof *x->rules);
    x->keys = er_malloc((words + 1) * sizeof *x->keys);
    return x->atoms && x->from && x->to && x->rules && x->keys;
}

static void set_bit(uint64_t *bits, size_t r) { bits[r / 64] |= 1ULL << (r % 64); }

/* The rules with no key word keyed by a lexicon or an entity type, where they have one. */
static int key_masks(rl_set *set, rl_index *x) {
    x->words = (set->nrules + 63) / 64 + 1;
    x->by_lexicon = er_calloc(64 * x->words, sizeof *x->by_lexicon);
    x->by_entity = er_calloc(64 * x->words, sizeof *x->by_entity);
    x->entity_keyed = er_calloc(x->words, sizeof *x->entity_keyed);
    if (!x->by_lexicon || !x->by_entity || !x->entity_keyed) return ENTREL_E_NOMEM;
    for (size_t r = 0; r < set->nrules; r++) {
        uint64_t mask = 0;
        int key = set->rules[r].keyed ? PAT_KEY_NONE : pat_key_mask(set->rules[r].prog, &mask);
        if (key == PAT_KEY_NONE || mask == 0) continue;
        uint64_t *by = key == PAT_KEY_LEXICON ? x->by_lexicon : x->by_entity;
        for (uint64_t b = mask; b; b &= b - 1) set_bit(by + (size_t)__builtin_ctzll(b) * x->words, r);
        if (key == PAT_KEY_ENTITY) set_bit(x->entity_keyed, r);
        set->rules[r].keyed = true;
    }
    return ENTREL_E_OK;
}

int rl_index_build(rl_set *set) {
    size_t n;
    key_rule *pairs = gather_keys(set, &n);
    rl_index *x = er_calloc(1, sizeof *x);
    if (pairs == NULL || x == NULL || !index_alloc(x, n, n)) {
        er_free(pairs);
        rl_index_free(x);
        return ENTREL_E_NOMEM;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && pairs[i].atom == pairs[i - 1].atom && pairs[i].rule == pairs[i - 1].rule)
            continue;                 /* a word twice in one rule's key (norm and fold alike) */
        size_t s = slot_of(x, pairs[i].atom);
        if (x->atoms[s] == 0) {
            x->keys[x->nkeys++] = pairs[i].atom;      /* pairs are sorted by atom */
            x->atoms[s] = pairs[i].atom + 1;
            x->bloom[bloom_bit(pairs[i].atom) / 64] |= 1ULL << (bloom_bit(pairs[i].atom) % 64);
            x->from[s] = x->to[s] = (uint32_t)kept;
        }
        x->rules[kept++] = pairs[i].rule;
        x->to[s] = (uint32_t)kept;
    }
    er_free(pairs);
    set->index = x;
    return key_masks(set, x);
}

void rl_index_free(rl_index *x) {
    if (x == NULL) return;
    er_free(x->atoms);
    er_free(x->from);
    er_free(x->to);
    er_free(x->rules);
    er_free(x->keys);
    er_free(x->by_lexicon);
    er_free(x->by_entity);
    er_free(x->entity_keyed);
    er_free(x);
}

static void mark_atom(const rl_index *x, uint32_t atom, uint64_t *bits) {
    unsigned b = bloom_bit(atom);
    if (atom == 0 || !(x->bloom[b / 64] >> (b % 64) & 1)) return;
    size_t s = slot_of(x, atom);
    for (uint32_t k = x->from[s]; k < x->to[s]; k++) bits[x->rules[k] / 64] |= 1ULL << (x->rules[k] % 64);
}

const uint32_t *rl_index_keys(const rl_index *x, size_t *n) {
    *n = x->nkeys;
    return x->keys;
}

/* Tokens learnt with their forms whether they hold a key word (TOK_KEY): only those are looked up. */
void rl_index_mark(const rl_index *x, const entrel_doc *doc, size_t first, size_t last,
                   uint64_t *bits) {
    for (size_t i = first; i < last; i++) {
        const tok *t = &doc->toks.v[i];
        if (!(t->flags & TOK_KEY)) continue;
        mark_atom(x, t->norm, bits);
        if (t->fold != t->norm) mark_atom(x, t->fold, bits);
        if (t->stem != t->fold && t->stem != t->norm) mark_atom(x, t->stem, bits);
    }
}

/* The bitmaps of each bit of 'bits' that 'by' has, ORed into 'out'. */
static void mark_bits(const rl_index *x, const uint64_t *by, uint64_t bits, uint64_t *out) {
    for (; bits; bits &= bits - 1) {
        const uint64_t *m = by + (size_t)__builtin_ctzll(bits) * x->words;
        for (size_t w = 0; w < x->words; w++) out[w] |= m[w];
    }
}

void rl_index_mark_summary(const rl_index *x, const pat_summary *s, bool entities_only,
                           uint64_t *bits) {
    for (size_t w = 0; w < x->words; w++) bits[w] &= ~x->entity_keyed[w];
    if (!entities_only) mark_bits(x, x->by_lexicon, s->lexicons, bits);
    mark_bits(x, x->by_entity, s->entities, bits);
}
