/*
** gzmatch.c: finding a gazetteer's names in a document.  From each token
** the trie is walked along the tokens' fold hashes; at each node that
** ends names, each name's words are compared as strings with the tokens
** under its policy.  Every match is kept as a candidate; resolve.c picks.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"

/* Tokens that a name's path leaves out: hyphens inside compounds. */
static bool skipped(const tok *t) {
    return t->kind == ENTREL_TOK_PUNCT && (t->flags & ENTREL_TF_HYPHEN);
}

static uint32_t token_hash(const entrel_doc *doc, const tok *t) {
    return (uint32_t)atoms_hash_of(&doc->session->atoms, t->fold);
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

static bool may_start(const gz_view *v, uint32_t hash, bool capitalized) {
    uint32_t b = hash & v->root_mask;
    const uint64_t *set = capitalized ? v->roots : v->roots + ((size_t)v->root_mask + 1) / 64;
    return (set[b / 64] >> (b % 64)) & 1;
}

static const char *pool_str(const gz_view *v, uint32_t off) {
    return off < v->pool_len ? v->pool + off : NULL;
}

/* A pool string equal to have[0..n); strncmp stops at the pool string's end. */
static bool same(const char *want, const char *have, size_t n) {
    return want && strncmp(want, have, n) == 0 && want[n] == '\0';
}

/* Whether token 't' is word 'w' of an entry under the entry's policy. */
static bool word_holds(const gz_view *v, const gz_word *w, uint32_t policy,
                       const entrel_doc *doc, const tok *t) {
    const atom_table *atoms = &doc->session->atoms;
    if (!same(pool_str(v, w->fold), atoms_str(atoms, t->fold), atoms_len(atoms, t->fold)))
        return false;
    switch (policy) {
    case GZ_NORM:
        return same(pool_str(v, w->norm), atoms_str(atoms, t->norm), atoms_len(atoms, t->norm));
    case GZ_EXACT:
        return same(pool_str(v, w->exact), (const char *)doc->clean + t->start,
                    t->end - t->start);
    default:
        return true;
    }
}

/* Title names ask a capital of their first word only: "Arabie saoudite". */
static bool capital_holds(const gz_entry *e, const entrel_doc *doc, const tok *first) {
    if (GZ_POLICY(e) != GZ_TITLE && GZ_POLICY(e) != GZ_PROPER) return true;
    return !(e->policy & GZ_CAPITAL) || first->kind != ENTREL_TOK_WORD ||
           doc_atom_str(doc, first->shape)[0] == 'X';
}

static bool entry_holds(const gz_view *v, const gz_entry *e, const entrel_doc *doc,
                        const uint32_t *idx, uint32_t depth) {
    if (e->nwords != depth || e->words > v->nwords || v->nwords - e->words < depth)
        return false;
    for (uint32_t k = 0; k < depth; k++)
        if (!word_holds(v, &v->words[e->words + k], GZ_POLICY(e), doc, &doc->toks.v[idx[k]]))
            return false;
    return capital_holds(e, doc, &doc->toks.v[idx[0]]);
}

/* Whether the tokens are written as the entry's words (entry_holds passed). */
static bool same_form(const gz_view *v, const gz_entry *e, const entrel_doc *doc,
                      const uint32_t *idx) {
    for (uint32_t k = 0; k < e->nwords; k++)
        if (!word_holds(v, &v->words[e->words + k], GZ_EXACT, doc, &doc->toks.v[idx[k]]))
            return false;
    return true;
}

/*
** Entity fields are atoms of the document, interned when a name matches,
** through the session's cache (entrel_int.h).
*/
/* A match kept back until another mention of its name backs it. */
typedef struct gz_deferred {
    uint32_t entry, first, last, flags;
} gz_deferred;

/* One pass of one gazetteer over one document. */
typedef struct gz_run {
    const gz_view *v;
    entrel_doc *doc;
    unsigned k;               /* the gazetteer's place in the engine */
    uint32_t *cover;          /* gz_cover: tokens to mark instead of candidates */
    VEC(gz_deferred) deferred;
    VEC(uint32_t) backed;     /* canonical names met where a capital means a name */
} gz_run;

/*
** An empty string is an absent field, wherever it lies: interning "" is
** the one way to get atom 0, which doc_atom says is out of memory.
*/
static int pool_atom(gz_run *r, uint32_t off, uint32_t *atom) {
    const char *s = pool_str(r->v, off);
    if (off == 0 || s == NULL || s[0] == '\0') return *atom = 0, ENTREL_E_OK;
    uint64_t key = (uint64_t)r->k << 32 | off;
    gz_atom_slot *slot = &r->doc->session->gz_atoms[((key * 0x9E3779B97F4A7C15ULL) >> 40) %
                                                     GZ_ATOM_CACHE];
    if (slot->key != key) {
        uint32_t a = doc_atom(r->doc, s);
        if (a == 0) return ENTREL_E_NOMEM;
        *slot = (gz_atom_slot){key, a};
    }
    *atom = slot->atom;
    return ENTREL_E_OK;
}

/* The entity a match of entry 'e' over tokens first..last makes. */
static int make_entity(gz_run *r, const gz_entry *e, uint32_t first, uint32_t last,
                       uint32_t flags, ann_entity *a) {
    const tok *t = r->doc->toks.v;
    *a = (ann_entity){.start = t[first].start, .end = t[last].end, .priority = e->priority,
                      .flags = flags};
    int rc = pool_atom(r, e->type, &a->type);
    if (rc == ENTREL_E_OK) rc = pool_atom(r, e->canonical, &a->canonical);
    if (rc == ENTREL_E_OK) rc = pool_atom(r, e->kb, &a->kb);
    if (rc == ENTREL_E_OK) rc = pool_atom(r, e->source, &a->source);
    if (rc == ENTREL_E_OK) rc = pool_atom(r, e->features, &a->features);
    return rc;
}

static int add_candidate(gz_run *r, const gz_entry *e, uint32_t first, uint32_t last,
                         uint32_t flags) {
    ann_entity a;
    int rc = make_entity(r, e, first, last, flags, &a);
    return rc || a.type == 0 ? rc : doc_add_candidate(r->doc, &a);
}

/* A match turned down, kept for --explain. */
static int add_dropped(gz_run *r, const gz_entry *e, uint32_t first, uint32_t last,
                       uint32_t why, uint32_t detail) {
    ann_entity a;
    int rc = make_entity(r, e, first, last, 0, &a);
    return rc || a.type == 0 ? rc : doc_add_dropped(r->doc, &a, why, detail);
}

/* The word token next to token i in direction 'step' across a hyphen, in its sentence. */
static const tok *neighbour(const entrel_doc *doc, uint32_t i, int step) {
    const tok *t = doc->toks.v;
    size_t j = i;
    for (;;) {
        if (step < 0 && (t[j].flags & ENTREL_TF_SENT_START)) return NULL;
        j += (size_t)(ptrdiff_t)step;
        if (j >= doc->toks.n) return NULL;
        if (step > 0 && (t[j].flags & ENTREL_TF_SENT_START)) return NULL;
        if (!skipped(&t[j])) return t[j].kind == ENTREL_TOK_WORD ? &t[j] : NULL;
    }
}

static bool is_name(const gz_view *v, const entrel_doc *doc, const tok *t) {
    uint32_t node = edge_find(v, 0, token_hash(doc, t));
    return node != 0 && v->nodes[node] != 0;
}

/*
** A place name glued to a capitalized word it does not cover is most
** likely part of a longer name: Paris Hilton, Michael Jordan, New York
** Times, Notre-Dame.  The word does not count when it is a function word
** capitalized to start a sentence, or a name of this gazetteer itself
** (the Vietnam-Chine summit).
*/
static const tok *glued_to_name(const gz_view *v, const entrel_doc *doc, uint32_t first,
                                uint32_t last) {
    const tok *side[2] = {neighbour(doc, first, -1), neighbour(doc, last, +1)};
    for (int k = 0; k < 2; k++) {
        const tok *t = side[k];
        if (t == NULL || (t->flags & ENTREL_TF_UPPER) || doc_atom_str(doc, t->shape)[0] != 'X')
            continue;
        const char *fold = doc_atom_str(doc, t->fold);
        if (lex_is_function_word(doc->lang, fold, strlen(fold)) || is_name(v, doc, t))
            continue;
        return t;
    }
    return NULL;
}

static bool shouted(const entrel_doc *doc, uint32_t i) {
    const tok *t = &doc->toks.v[i];
    return (t->flags & ENTREL_TF_UPPER) && !(t->flags & ENTREL_TF_TITLE);
}

/*
** Where a capital says nothing of a name: at the start of a sentence, and
** in a run of capitals (a headline).  "Nice weather" is not the city.
*/
static bool capital_explained(const gz_entry *e, const entrel_doc *doc, uint32_t first,
                              uint32_t last) {
    const tok *before = neighbour(doc, first, -1), *after = neighbour(doc, last, +1);
    bool caps_run = shouted(doc, first) && shouted(doc, last) &&
                    ((before && shouted(doc, (uint32_t)(before - doc->toks.v))) ||
                     (after && shouted(doc, (uint32_t)(after - doc->toks.v))));
    if (GZ_POLICY(e) == GZ_EXACT) return caps_run;
    return caps_run || (doc->toks.v[first].flags & ENTREL_TF_SENT_START);
}

/*
** Title and proper names glued to other capitalized words are dropped;
** proper names and acronyms where a capital means nothing wait for
** another mention of the same name where it does.
*/
static int take_match(gz_run *r, uint32_t e, uint32_t first, uint32_t last, uint32_t flags) {
    if (r->cover) {
        int32_t k = r->v->entries[e].priority;
        uint32_t bit = k >= 0 && k < 32 ? 1u << k : 0;
        for (uint32_t t = first; t <= last; t++) r->cover[t] |= bit;
        return ENTREL_E_OK;
    }
    const gz_entry *entry = &r->v->entries[e];
    uint32_t p = GZ_POLICY(entry);
    const tok *glue = p == GZ_TITLE || p == GZ_PROPER ? glued_to_name(r->v, r->doc, first, last)
                                                      : NULL;
    if (glue)
        return add_dropped(r, entry, first, last, DROP_GLUED, (uint32_t)(glue - r->doc->toks.v));
    if (p == GZ_PROPER || p == GZ_EXACT) {
        if (capital_explained(entry, r->doc, first, last)) {
            gz_deferred *d = VEC_PUSH_SLOT(r->deferred);
            if (d == NULL) return ENTREL_E_NOMEM;
            *d = (gz_deferred){e, first, last, flags};
            return ENTREL_E_OK;
        }
        uint32_t *b = VEC_PUSH_SLOT(r->backed);
        if (b == NULL) return ENTREL_E_NOMEM;
        *b = entry->canonical;
    }
    return add_candidate(r, entry, first, last, flags);
}

/* The names ending at 'node'; the chain only goes down, so it ends. */
static int add_ending(gz_run *r, uint32_t node, const uint32_t *idx, uint32_t depth) {
    const gz_view *v = r->v;
    uint32_t e = v->nodes[node];
    while (e != 0 && e <= v->nentries) {
        const gz_entry *entry = &v->entries[e - 1];
        if (entry_holds(v, entry, r->doc, idx, depth)) {
            bool same = r->cover == NULL && same_form(v, entry, r->doc, idx);
            int rc = take_match(r, e - 1, idx[0], idx[depth - 1], same ? ENT_SAME_FORM : 0);
            if (rc) return rc;
        }
        if (entry->next >= e) break;
        e = entry->next;
    }
    return ENTREL_E_OK;
}

uint8_t gz_start_mask(const entrel_engine *e, const char *fold, bool capitalized) {
    uint8_t mask = 0;
    uint32_t hash = gz_word_hash(fold, strlen(fold));
    for (size_t k = 0; k < e->ngz && k < GZ_START_BITS; k++) {
        const gz_view *v = gz_tables(e->gz[k]);
        if (v->edges && v->roots && may_start(v, hash, capitalized) && edge_find(v, 0, hash))
            mask |= (uint8_t)(1u << k);
    }
    return mask;
}

/*
** The names that go on from 'node' (reached over the 'depth' tokens in
** idx) with token j and those after it, longest and shortest alike.
*/
static int walk_on(gz_run *r, size_t j, uint32_t node, uint32_t depth, uint32_t *idx) {
    const tok *t = r->doc->toks.v;
    for (; j < r->doc->toks.n && depth < GZ_MAX_WORDS; j++) {
        if (depth > 0 && (t[j].flags & ENTREL_TF_SENT_START)) break;
        if (skipped(&t[j])) continue;
        uint32_t hash = token_hash(r->doc, &t[j]);
        if (depth == 0 && !may_start(r->v, hash, doc_atom_str(r->doc, t[j].shape)[0] == 'X'))
            break;
        node = edge_find(r->v, node, hash);
        if (node == 0) break;
        idx[depth++] = (uint32_t)j;
        int rc = add_ending(r, node, idx, depth);
        if (rc) return rc;
    }
    return ENTREL_E_OK;
}

/* Every name that matches from token i on. */
static int match_from(gz_run *r, size_t i) {
    uint32_t idx[GZ_MAX_WORDS];
    return walk_on(r, i, 0, 0, idx);
}

/* What token t alone gives in cover mode: the bits of its one-word names, and the node reached. */
static void one_word(const gz_view *v, const entrel_doc *doc, const tok *t, uint32_t *bits,
                     uint32_t *node) {
    uint32_t hash = token_hash(doc, t);
    *bits = 0;
    *node = may_start(v, hash, doc_atom_str(doc, t->shape)[0] == 'X') ? edge_find(v, 0, hash) : 0;
    for (uint32_t e = *node ? v->nodes[*node] : 0; e != 0 && e <= v->nentries;) {
        const gz_entry *entry = &v->entries[e - 1];
        bool holds = entry->nwords == 1 && entry->words < v->nwords &&
                     word_holds(v, &v->words[entry->words], GZ_POLICY(entry), doc, t) &&
                     capital_holds(entry, doc, t);
        if (holds && entry->priority >= 0 && entry->priority < 32) *bits |= 1u << entry->priority;
        if (entry->next >= e) break;
        e = entry->next;
    }
}

static bool has_children(const gz_view *v, uint32_t node) {
    return node != 0 && (v->parents == NULL || (v->parents[node / 64] >> (node % 64) & 1));
}

void gz_first_word(const gazetteer *g, const entrel_doc *doc, const tok *t, uint32_t *bits,
                   bool *more) {
    const gz_view *v = g ? gz_tables(g) : NULL;
    uint32_t node = 0;
    *bits = 0;
    if (v && v->nentries && v->edges && t->fold) one_word(v, doc, t, bits, &node);
    *more = v && has_children(v, node);
}

/*
** Cover mode over tokens that know their one-word names (tok.cover): only
** longer names are walked, from the tokens where one may start.
*/
static int cover_from_token(gz_run *r, size_t i) {
    const tok *t = &r->doc->toks.v[i];
    uint32_t idx[GZ_MAX_WORDS] = {(uint32_t)i};
    r->cover[i] |= t->cover;
    if (!(t->flags & TOK_COVER_MORE)) return ENTREL_E_OK;
    uint32_t hash = token_hash(r->doc, t);
    uint32_t node = may_start(r->v, hash, doc_atom_str(r->doc, t->shape)[0] == 'X')
                        ? edge_find(r->v, 0, hash) : 0;
    return node ? walk_on(r, i + 1, node, 1, idx) : ENTREL_E_OK;
}

static bool is_backed(const gz_run *r, uint32_t canonical) {
    for (size_t i = 0; i < r->backed.n; i++)
        if (r->backed.v[i] == canonical) return true;
    return false;
}

static int add_backed(gz_run *r) {
    for (size_t i = 0; i < r->deferred.n; i++) {
        const gz_deferred *d = &r->deferred.v[i];
        const gz_entry *e = &r->v->entries[d->entry];
        int rc = is_backed(r, e->canonical)
                     ? add_candidate(r, e, d->first, d->last, d->flags)
                     : add_dropped(r, e, d->first, d->last, DROP_UNBACKED, 0);
        if (rc) return rc;
    }
    return ENTREL_E_OK;
}

/* Every match, from the tokens where one may start; 'known': the tokens know their one-word names. */
static int scan(gz_run *r, bool known) {
    unsigned bit = r->k < GZ_START_BITS ? 1u << r->k : 0;
    int rc = ENTREL_E_OK;
    for (size_t i = 0; rc == ENTREL_E_OK && i < r->doc->toks.n; i++) {
        const tok *t = &r->doc->toks.v[i];
        if ((bit && !(t->gz_starts & bit)) || skipped(t)) continue;
        rc = known ? cover_from_token(r, i) : match_from(r, i);
    }
    if (rc == ENTREL_E_OK) rc = add_backed(r);
    er_free(r->deferred.v);
    er_free(r->backed.v);
    return rc;
}

int gz_match(const gazetteer *g, unsigned k, entrel_doc *doc) {
    const gz_view *v = g ? gz_tables(g) : NULL;
    if (v == NULL || v->nentries == 0 || v->edges == NULL) return ENTREL_E_OK;
    gz_run r = {.v = v, .doc = doc, .k = k};
    return scan(&r, false);
}

int gz_cover(const gazetteer *g, entrel_doc *doc, uint32_t *bits) {
    const gz_view *v = g ? gz_tables(g) : NULL;
    if (v == NULL || v->nentries == 0 || v->edges == NULL) return ENTREL_E_OK;
    gz_run r = {.v = v, .doc = doc, .k = GZ_START_BITS, .cover = bits};
    return scan(&r, doc->session->engine->cover == g);
}
