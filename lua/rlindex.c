/*
** rlindex.c: the rules a sentence may need, found through its words.
** Most rules need one of a few words ("présidé", "Ministry", a title),
** and asking each rule's formula of each sentence costs more than the
** sentence's own words do: so the rule set keeps, for each such word,
** the rules that need it, and a sentence marks the rules its tokens'
** norms, folds and stems name.  A rule with key words runs only on the
** sentences that marked it; the others are asked their formula as before.
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
    key_rule *pairs = malloc((total + 1) * sizeof *pairs);
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
    x->atoms = calloc(slots, sizeof *x->atoms);
    x->from = calloc(slots, sizeof *x->from);
    x->to = calloc(slots, sizeof *x->to);
    x->rules = malloc((pairs + 1) * sizeof *x->rules);
    return x->atoms && x->from && x->to && x->rules;
}

int rl_index_build(rl_set *set) {
    size_t n;
    key_rule *pairs = gather_keys(set, &n);
    rl_index *x = calloc(1, sizeof *x);
    if (pairs == NULL || x == NULL || !index_alloc(x, n, n)) {
        free(pairs);
        rl_index_free(x);
        return ENTREL_E_NOMEM;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && pairs[i].atom == pairs[i - 1].atom && pairs[i].rule == pairs[i - 1].rule)
            continue;                 /* a word twice in one rule's key (norm and fold alike) */
        size_t s = slot_of(x, pairs[i].atom);
        if (x->atoms[s] == 0) {
            x->atoms[s] = pairs[i].atom + 1;
            x->bloom[bloom_bit(pairs[i].atom) / 64] |= 1ULL << (bloom_bit(pairs[i].atom) % 64);
            x->from[s] = x->to[s] = (uint32_t)kept;
        }
        x->rules[kept++] = pairs[i].rule;
        x->to[s] = (uint32_t)kept;
    }
    free(pairs);
    set->index = x;
    return ENTREL_E_OK;
}

void rl_index_free(rl_index *x) {
    if (x == NULL) return;
    free(x->atoms);
    free(x->from);
    free(x->to);
    free(x->rules);
    free(x);
}

static void mark_atom(const rl_index *x, uint32_t atom, uint64_t *bits) {
    unsigned b = bloom_bit(atom);
    if (atom == 0 || !(x->bloom[b / 64] >> (b % 64) & 1)) return;
    size_t s = slot_of(x, atom);
    for (uint32_t k = x->from[s]; k < x->to[s]; k++) bits[x->rules[k] / 64] |= 1ULL << (x->rules[k] % 64);
}

void rl_index_mark(const rl_index *x, const entrel_doc *doc, size_t first, size_t last,
                   uint64_t *bits) {
    for (size_t i = first; i < last; i++) {
        const tok *t = &doc->toks.v[i];
        mark_atom(x, t->norm, bits);
        if (t->fold != t->norm) mark_atom(x, t->fold, bits);
        if (t->stem != t->fold && t->stem != t->norm) mark_atom(x, t->stem, bits);
    }
}
