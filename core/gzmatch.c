/*
** gzmatch.c: finding a gazetteer's names in a document.  From each token
** the trie is walked along the tokens' fold hashes; at each node that
** ends names, each name's words are compared as strings with the tokens
** under its policy.  Every match is kept as a candidate; resolve.c picks.
** See LICENSE for copyright and licence.
*/
#include <string.h>

#include "gazetteer.h"

/* Tokens that a name's path leaves out: hyphens inside compounds. */
static bool skipped(const tok *t) {
    return t->kind == ENTREL_TOK_PUNCT && (t->flags & ENTREL_TF_HYPHEN);
}

static uint32_t edge_find(const gz_view *v, uint32_t node, uint32_t hash) {
    uint64_t k = ((uint64_t)node << 32 | hash) * 0x9E3779B97F4A7C15ULL;
    uint32_t i = (uint32_t)((k ^ (k >> 29)) & v->edge_mask);
    for (uint32_t probes = 0; probes <= v->edge_mask; probes++) {
        const gz_edge *e = &v->edges[i];
        if (e->child == 0) return 0;
        if (e->node == node && e->hash == hash) return e->child < v->nnodes ? e->child : 0;
        i = (i + 1) & v->edge_mask;
    }
    return 0;
}

static bool may_start(const gz_view *v, uint32_t hash) {
    uint32_t b = hash & v->root_mask;
    return (v->roots[b / 64] >> (b % 64)) & 1;
}

static const char *pool_str(const gz_view *v, uint32_t off) {
    return off < v->pool_len ? v->pool + off : NULL;
}

static bool same(const char *want, const char *have, size_t n) {
    return want && strlen(want) == n && memcmp(want, have, n) == 0;
}

/* Whether token 't' is word 'w' of an entry under the entry's policy. */
static bool word_holds(const gz_view *v, const gz_word *w, uint32_t policy,
                       const entrel_doc *doc, const tok *t) {
    const char *fold = doc_atom_str(doc, t->fold);
    if (!same(pool_str(v, w->fold), fold, strlen(fold))) return false;
    switch (policy) {
    case GZ_NORM: {
        const char *norm = doc_atom_str(doc, t->norm);
        return same(pool_str(v, w->norm), norm, strlen(norm));
    }
    case GZ_EXACT:
        return same(pool_str(v, w->exact), (const char *)doc->clean + t->start,
                    t->end - t->start);
    case GZ_TITLE:
        return t->kind != ENTREL_TOK_WORD || doc_atom_str(doc, t->shape)[0] == 'X';
    default:
        return true;
    }
}

static bool entry_holds(const gz_view *v, const gz_entry *e, const entrel_doc *doc,
                        const uint32_t *idx, uint32_t depth) {
    if (e->nwords != depth || e->words > v->nwords || v->nwords - e->words < depth)
        return false;
    for (uint32_t k = 0; k < depth; k++)
        if (!word_holds(v, &v->words[e->words + k], e->policy, doc, &doc->toks.v[idx[k]]))
            return false;
    return true;
}

/*
** Entity fields are atoms of the document; a name's strings are interned
** when it matches, through a small cache since one document tends to
** repeat a few types and sources many times.
*/
typedef struct gz_atom_cache {
    uint32_t off[64], atom[64];
} gz_atom_cache;

static int pool_atom(entrel_doc *doc, const gz_view *v, gz_atom_cache *c, uint32_t off,
                     uint32_t *atom) {
    const char *s = pool_str(v, off);
    if (off == 0 || s == NULL) return *atom = 0, ENTREL_E_OK;
    size_t k = (off * 2654435761u) >> 26;
    if (c->off[k] != off) {
        uint32_t a = doc_atom(doc, s);
        if (a == 0) return ENTREL_E_NOMEM;
        c->off[k] = off;
        c->atom[k] = a;
    }
    *atom = c->atom[k];
    return ENTREL_E_OK;
}

static int add_candidate(entrel_doc *doc, const gz_view *v, gz_atom_cache *c,
                         const gz_entry *e, const tok *first, const tok *last) {
    ann_entity a = {.start = first->start, .end = last->end, .priority = e->priority};
    int rc = pool_atom(doc, v, c, e->type, &a.type);
    if (rc == ENTREL_E_OK) rc = pool_atom(doc, v, c, e->canonical, &a.canonical);
    if (rc == ENTREL_E_OK) rc = pool_atom(doc, v, c, e->kb, &a.kb);
    if (rc == ENTREL_E_OK) rc = pool_atom(doc, v, c, e->source, &a.source);
    if (rc == ENTREL_E_OK) rc = pool_atom(doc, v, c, e->features, &a.features);
    if (rc == ENTREL_E_OK && a.type == 0) return ENTREL_E_OK;
    return rc ? rc : doc_add_candidate(doc, &a);
}

/* The names ending at 'node'; the chain only goes down, so it ends. */
static int add_ending(const gz_view *v, gz_atom_cache *c, entrel_doc *doc, uint32_t node,
                      const uint32_t *idx, uint32_t depth) {
    uint32_t e = v->nodes[node];
    while (e != 0 && e <= v->nentries) {
        const gz_entry *entry = &v->entries[e - 1];
        if (entry_holds(v, entry, doc, idx, depth)) {
            int rc = add_candidate(doc, v, c, entry, &doc->toks.v[idx[0]],
                                   &doc->toks.v[idx[depth - 1]]);
            if (rc) return rc;
        }
        if (entry->next >= e) break;
        e = entry->next;
    }
    return ENTREL_E_OK;
}

static uint32_t token_hash(const entrel_doc *doc, const tok *t) {
    return (uint32_t)atoms_hash_of(&doc->session->atoms, t->fold);
}

/* Every name that matches from token i on, longest and shortest alike. */
static int match_from(const gz_view *v, gz_atom_cache *c, entrel_doc *doc, size_t i) {
    uint32_t idx[GZ_MAX_WORDS], node = 0, depth = 0;
    const tok *t = doc->toks.v;
    for (size_t j = i; j < doc->toks.n && depth < GZ_MAX_WORDS; j++) {
        if (j > i && (t[j].flags & ENTREL_TF_SENT_START)) break;
        if (skipped(&t[j])) continue;
        uint32_t hash = token_hash(doc, &t[j]);
        if (depth == 0 && !may_start(v, hash)) break;
        node = edge_find(v, node, hash);
        if (node == 0) break;
        idx[depth++] = (uint32_t)j;
        int rc = add_ending(v, c, doc, node, idx, depth);
        if (rc) return rc;
    }
    return ENTREL_E_OK;
}

int gz_match(const gazetteer *g, entrel_doc *doc) {
    const gz_view *v = g ? gz_tables(g) : NULL;
    if (v == NULL || v->nentries == 0 || v->edges == NULL) return ENTREL_E_OK;
    gz_atom_cache cache;
    memset(cache.off, 0, sizeof cache.off);
    for (size_t i = 0; i < doc->toks.n; i++) {
        if (skipped(&doc->toks.v[i])) continue;
        int rc = match_from(v, &cache, doc, i);
        if (rc) return rc;
    }
    return ENTREL_E_OK;
}
