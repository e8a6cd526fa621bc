/*
** gazetteer.c: lists of names matched as token sequences.  An entry is
** cut by the same tokenizer as documents, so list and text always agree
** on what a token is, and stored as a path of fold ids in a trie; each
** entry keeps its norm and exact forms to check its match policy.
** Hyphens inside a compound are skipped on both sides, so "Hô Chi
** Minh-Ville" and "Ho Chi Minh Ville" meet; an elided article is its own
** token, so "l'ONUDC" holds ONUDC.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"

#define GZ_MAX_WORDS 64

typedef struct gz_word {
    uint32_t fold, norm, exact; /* atoms of the engine */
} gz_word;

typedef struct gz_entry {
    uint32_t type, canonical, kb, source, features;
    uint32_t words, nwords;     /* slice of 'words' */
    uint32_t next;              /* next entry ending at the same node + 1 */
    int32_t priority;
    uint8_t policy;
} gz_entry;

struct gazetteer {
    VEC(gz_entry) entries;
    VEC(gz_word) words;
    VEC(uint32_t) node_entries; /* first entry ending at each node + 1 */
    uint64_t *edge_keys;        /* node << 32 | fold atom */
    uint32_t *edge_child;       /* child node; 0 = empty slot */
    size_t edge_mask, edge_count;
};

gazetteer *gz_new(void) {
    gazetteer *g = calloc(1, sizeof *g);
    if (g == NULL) return NULL;
    uint32_t *root = VEC_PUSH_SLOT(g->node_entries);
    if (root == NULL) {
        free(g);
        return NULL;
    }
    *root = 0;
    return g;
}

void gz_free(gazetteer *g) {
    if (g == NULL) return;
    free(g->entries.v);
    free(g->words.v);
    free(g->node_entries.v);
    free(g->edge_keys);
    free(g->edge_child);
    free(g);
}

size_t gz_entry_count(const gazetteer *g) { return g ? g->entries.n : 0; }

/* ------------------------------------------------------------ trie */

static size_t edge_slot(const gazetteer *g, uint64_t key) {
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    size_t i = (size_t)(h ^ (h >> 32)) & g->edge_mask;
    while (g->edge_child[i] && g->edge_keys[i] != key) i = (i + 1) & g->edge_mask;
    return i;
}

static uint32_t edge_find(const gazetteer *g, uint32_t node, uint32_t atom) {
    if (g->edge_child == NULL) return 0;
    return g->edge_child[edge_slot(g, (uint64_t)node << 32 | atom)];
}

static bool edges_grow(gazetteer *g) {
    size_t n = g->edge_mask ? (g->edge_mask + 1) * 2 : 1024;
    uint64_t *keys = malloc(n * sizeof *keys);
    uint32_t *child = calloc(n, sizeof *child);
    if (keys == NULL || child == NULL) {
        free(keys);
        free(child);
        return false;
    }
    gazetteer old = *g;
    g->edge_keys = keys;
    g->edge_child = child;
    g->edge_mask = n - 1;
    for (size_t i = 0; old.edge_child && i <= old.edge_mask; i++) {
        if (!old.edge_child[i]) continue;
        size_t k = edge_slot(g, old.edge_keys[i]);
        g->edge_keys[k] = old.edge_keys[i];
        g->edge_child[k] = old.edge_child[i];
    }
    free(old.edge_keys);
    free(old.edge_child);
    return true;
}

/* The child of 'node' on 'atom', made when missing; 0 when out of memory. */
static uint32_t edge_add(gazetteer *g, uint32_t node, uint32_t atom) {
    uint32_t child = edge_find(g, node, atom);
    if (child) return child;
    if ((g->edge_count + 1) * 2 > g->edge_mask + 1 && !edges_grow(g)) return 0;
    uint32_t *slot = VEC_PUSH_SLOT(g->node_entries);
    if (slot == NULL) return 0;
    *slot = 0;
    child = (uint32_t)(g->node_entries.n - 1);
    uint64_t key = (uint64_t)node << 32 | atom;
    size_t i = edge_slot(g, key);
    g->edge_keys[i] = key;
    g->edge_child[i] = child;
    g->edge_count++;
    return child;
}

/* Tokens that a name's path leaves out: hyphens inside compounds. */
static bool skipped(const tok *t) {
    return t->kind == ENTREL_TOK_PUNCT && (t->flags & ENTREL_TF_HYPHEN);
}

int gz_add_path(gazetteer *g, const gz_info *info, const gz_form *forms, size_t n) {
    if (n == 0 || n > GZ_MAX_WORDS) return ENTREL_E_INVALID_ARG;
    uint32_t node = 0;
    size_t first_word = g->words.n;
    for (size_t k = 0; k < n; k++) {
        node = edge_add(g, node, forms[k].fold);
        gz_word *w = VEC_PUSH_SLOT(g->words);
        if (node == 0 || w == NULL) return ENTREL_E_NOMEM;
        *w = (gz_word){forms[k].fold, forms[k].norm, forms[k].exact};
    }
    gz_entry *e = VEC_PUSH_SLOT(g->entries);
    if (e == NULL) return ENTREL_E_NOMEM;
    *e = (gz_entry){info->type, info->canonical, info->kb, info->source, info->features,
                    (uint32_t)first_word, (uint32_t)n, g->node_entries.v[node],
                    info->priority, (uint8_t)info->policy};
    g->node_entries.v[node] = (uint32_t)g->entries.n;
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ matching */

static bool same_text(const entrel_doc *doc, const tok *t, uint32_t exact) {
    const char *want = doc_atom_str(doc, exact);
    size_t n = t->end - t->start;
    return strlen(want) == n && memcmp(want, doc->clean + t->start, n) == 0;
}

/* Whether the tokens at 'idx' satisfy the entry's policy. */
static bool policy_holds(const gazetteer *g, const gz_entry *e, const entrel_doc *doc,
                         const uint32_t *idx) {
    const gz_word *w = &g->words.v[e->words];
    for (uint32_t k = 0; k < e->nwords; k++) {
        const tok *t = &doc->toks.v[idx[k]];
        switch (e->policy) {
        case GZ_NORM:
            if (t->norm != w[k].norm) return false;
            break;
        case GZ_EXACT:
            if (!same_text(doc, t, w[k].exact)) return false;
            break;
        case GZ_TITLE:
            if (t->kind == ENTREL_TOK_WORD && doc_atom_str(doc, t->shape)[0] != 'X')
                return false;
            break;
        default:
            break;
        }
    }
    return true;
}

static int add_candidate(entrel_doc *doc, const gz_entry *e, const tok *first,
                         const tok *last) {
    ann_entity c = {.start = first->start, .end = last->end, .type = e->type,
                    .canonical = e->canonical, .kb = e->kb, .source = e->source,
                    .features = e->features, .priority = e->priority};
    return doc_add_candidate(doc, &c);
}

/* Every entry that matches from token i on, longest and shortest alike. */
static int match_from(const gazetteer *g, entrel_doc *doc, size_t i) {
    uint32_t idx[GZ_MAX_WORDS], node = 0, depth = 0;
    const tok *t = doc->toks.v;
    for (size_t j = i; j < doc->toks.n && depth < GZ_MAX_WORDS; j++) {
        if (j > i && (t[j].flags & ENTREL_TF_SENT_START)) break;
        if (skipped(&t[j])) continue;
        node = edge_find(g, node, t[j].fold);
        if (node == 0) break;
        idx[depth++] = (uint32_t)j;
        for (uint32_t e = g->node_entries.v[node]; e; e = g->entries.v[e - 1].next) {
            const gz_entry *entry = &g->entries.v[e - 1];
            if (!policy_holds(g, entry, doc, idx)) continue;
            int rc = add_candidate(doc, entry, &t[i], &t[j]);
            if (rc) return rc;
        }
    }
    return ENTREL_E_OK;
}

int gz_match(const gazetteer *g, entrel_doc *doc) {
    if (g == NULL || g->entries.n == 0) return ENTREL_E_OK;
    for (size_t i = 0; i < doc->toks.n; i++) {
        if (skipped(&doc->toks.v[i])) continue;
        int rc = match_from(g, doc, i);
        if (rc) return rc;
    }
    return ENTREL_E_OK;
}
