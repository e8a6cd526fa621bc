/*
** gazetteer.c: lists of names matched as token sequences.  An entry is
** cut by the same tokenizer as documents, so list and text always agree
** on what a token is, and stored as a path of fold-form hashes in a trie;
** each entry keeps its words' fold, norm and exact strings to confirm a
** match and check its policy.  Hyphens inside a compound are skipped on
** both sides, so "Hô Chi Minh-Ville" and "Ho Chi Minh Ville" meet; an
** elided article is its own token, so "l'ONUDC" holds ONUDC.
**
** The tables (gz_view) are flat arrays of plain structs that hold no
** pointers, so that gzfile.c can write them out and map them back as
** they are.  Matching trusts nothing in them: every index is checked, so
** a damaged file gives wrong matches at worst, never a crash.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gazetteer.h"

struct gazetteer {
    gz_view v;
    bool finished;
    /* built in memory */
    gz_edge *edges;
    size_t edge_mask, edge_count;
    VEC(uint32_t) nodes;
    VEC(gz_entry) entries;
    VEC(gz_word) words;
    VEC(char) pool;
    VEC(uint32_t) str_off;     /* pool offset of each string, by atom id */
    atom_table strs;           /* pool strings, for sharing them */
    VEC(uint32_t) lower_first;  /* first-word hashes of names that allow lower case */
    uint64_t *roots;
    uint64_t *parents;
    /* mapped from a compiled file */
    void *map;
    size_t map_len;
};

uint32_t gz_word_hash(const char *s, size_t n) { return (uint32_t)atoms_hash(s, n); }

gazetteer *gz_new(void) {
    gazetteer *g = er_calloc(1, sizeof *g);
    if (g == NULL) return NULL;
    uint32_t *root = VEC_PUSH_SLOT(g->nodes);
    char *empty = VEC_PUSH_SLOT(g->pool);
    if (root == NULL || empty == NULL || atoms_init(&g->strs, NULL) != ENTREL_E_OK) {
        gz_free(g);
        return NULL;
    }
    *root = 0;
    *empty = 0;
    return g;
}

gazetteer *gz_new_mapped(void *map, size_t len, const gz_view *view) {
    gazetteer *g = er_calloc(1, sizeof *g);
    if (g == NULL) return NULL;
    g->v = *view;
    g->finished = true;
    g->map = map;
    g->map_len = len;
    return g;
}

void gz_free(gazetteer *g) {
    if (g == NULL) return;
    if (g->map) munmap(g->map, g->map_len);
    er_free(g->edges);
    er_free(g->nodes.v);
    er_free(g->entries.v);
    er_free(g->words.v);
    er_free(g->pool.v);
    er_free(g->str_off.v);
    er_free(g->roots);
    er_free(g->parents);
    er_free(g->lower_first.v);
    atoms_free(&g->strs);
    er_free(g);
}

size_t gz_entry_count(const gazetteer *g) {
    return g ? (g->finished ? g->v.nentries : g->entries.n) : 0;
}

const gz_view *gz_tables(const gazetteer *g) { return &g->v; }

/* ------------------------------------------------------------ building */

static uint32_t edge_start(uint32_t node, uint32_t hash, size_t mask) {
    uint64_t k = ((uint64_t)node << 32 | hash) * 0x9E3779B97F4A7C15ULL;
    return (uint32_t)((k ^ (k >> 29)) & mask);
}

/* The pool offset of a string, adding it once. */
static uint32_t pool_add(gazetteer *g, gz_str str) {
    if (str.n == 0) return 0;
    uint32_t id = atoms_intern(&g->strs, str.s, str.n);
    if (id == 0) return UINT32_MAX;
    if (id < g->str_off.n) return g->str_off.v[id];
    while (g->str_off.n <= id) {
        uint32_t *slot = VEC_PUSH_SLOT(g->str_off);
        if (slot == NULL) return UINT32_MAX;
        *slot = 0;
    }
    size_t off = g->pool.n;
    if (off + str.n + 1 >= UINT32_MAX) return UINT32_MAX;
    for (size_t i = 0; i <= str.n; i++) {
        char *c = VEC_PUSH_SLOT(g->pool);
        if (c == NULL) return UINT32_MAX;
        *c = i < str.n ? str.s[i] : 0;
    }
    return g->str_off.v[id] = (uint32_t)off;
}

static size_t edge_slot(const gazetteer *g, uint32_t node, uint32_t hash) {
    size_t i = edge_start(node, hash, g->edge_mask);
    while (g->edges[i].child && (g->edges[i].node != node || g->edges[i].hash != hash))
        i = (i + 1) & g->edge_mask;
    return i;
}

static bool edges_grow(gazetteer *g) {
    size_t n = g->edges ? (g->edge_mask + 1) * 2 : 1024;
    if (n > (size_t)UINT32_MAX + 1) return false;
    gz_edge *edges = er_calloc(n, sizeof *edges);
    if (edges == NULL) return false;
    gz_edge *old = g->edges;
    size_t old_n = old ? g->edge_mask + 1 : 0;
    g->edges = edges;
    g->edge_mask = n - 1;
    for (size_t i = 0; i < old_n; i++)
        if (old[i].child) g->edges[edge_slot(g, old[i].node, old[i].hash)] = old[i];
    er_free(old);
    return true;
}

/* The child of 'node' on 'hash', made when missing; 0 when out of memory. */
static uint32_t edge_add(gazetteer *g, uint32_t node, uint32_t hash) {
    if ((g->edge_count + 1) * 2 > (g->edges ? g->edge_mask + 1 : 0) && !edges_grow(g))
        return 0;
    size_t i = edge_slot(g, node, hash);
    if (g->edges[i].child) return g->edges[i].child;
    uint32_t *slot = VEC_PUSH_SLOT(g->nodes);
    if (slot == NULL || g->nodes.n >= UINT32_MAX) return 0;
    *slot = 0;
    g->edges[i] = (gz_edge){node, hash, (uint32_t)(g->nodes.n - 1)};
    g->edge_count++;
    return g->edges[i].child;
}

static bool add_word(gazetteer *g, const gz_form *f) {
    gz_word *w = VEC_PUSH_SLOT(g->words);
    if (w == NULL) return false;
    *w = (gz_word){pool_add(g, f->fold), pool_add(g, f->norm), pool_add(g, f->exact)};
    return w->fold != UINT32_MAX && w->norm != UINT32_MAX && w->exact != UINT32_MAX;
}

/*
** Whether a name's first word starts with a capital, read off its exact
** and norm (case-folded) forms: they differ in their first character when
** it does.  Worked out here, once, for the title policies and the
** lower-case first-word set alike.
*/
static bool starts_capitalized(const gz_form *first) {
    if (first->exact.n == 0 || first->norm.n == 0) return false;
    uint32_t a, b;
    text_decode((const uint8_t *)first->exact.s, first->exact.n, &a);
    text_decode((const uint8_t *)first->norm.s, first->norm.n, &b);
    return a != b;
}

static bool add_entry(gazetteer *g, const gz_info *info, uint32_t node, size_t first_word,
                      size_t n, bool capitalized) {
    gz_entry *e = VEC_PUSH_SLOT(g->entries);
    if (e == NULL || g->entries.n >= UINT32_MAX) return false;
    *e = (gz_entry){pool_add(g, info->type), pool_add(g, info->canonical),
                    pool_add(g, info->kb), pool_add(g, info->source),
                    pool_add(g, info->features), (uint32_t)first_word, (uint32_t)n,
                    g->nodes.v[node], info->priority,
                    (uint32_t)info->policy | (capitalized ? GZ_CAPITAL : 0)};
    if (e->type == UINT32_MAX || e->canonical == UINT32_MAX || e->kb == UINT32_MAX ||
        e->source == UINT32_MAX || e->features == UINT32_MAX)
        return false;
    g->nodes.v[node] = (uint32_t)g->entries.n;
    return true;
}

int gz_add_path(gazetteer *g, const gz_info *info, const gz_form *forms, size_t n) {
    if (g->finished) return ENTREL_E_INVALID_ARG;
    if (n == 0 || n > GZ_MAX_WORDS) return ENTREL_E_INVALID_ARG;
    bool capitalized = starts_capitalized(&forms[0]);
    /* may the name be found with its first word in lower case? */
    if (info->policy == GZ_FOLD || info->policy == GZ_NORM || !capitalized) {
        uint32_t *h = VEC_PUSH_SLOT(g->lower_first);
        if (h == NULL) return ENTREL_E_NOMEM;
        *h = gz_word_hash(forms[0].fold.s, forms[0].fold.n);
    }
    uint32_t node = 0;
    size_t first_word = g->words.n;
    for (size_t k = 0; k < n; k++) {
        node = edge_add(g, node, gz_word_hash(forms[k].fold.s, forms[k].fold.n));
        if (node == 0 || !add_word(g, &forms[k])) return ENTREL_E_NOMEM;
    }
    return add_entry(g, info, node, first_word, n, capitalized) ? ENTREL_E_OK : ENTREL_E_NOMEM;
}

/*
** A bit per first-word hash lets most tokens, which start no name, skip
** the trie: with a million names the edge table is far bigger than the
** caches, while this set stays at about two bytes per first word.  The
** second set holds the names that may start in lower case, so that "la"
** or "des" pass over names such as "La Paz" at once.
*/
static void set_bit(uint64_t *set, uint32_t hash, size_t bits) {
    uint32_t b = hash & (uint32_t)(bits - 1);
    set[b / 64] |= (uint64_t)1 << (b % 64);
}

static bool build_roots(gazetteer *g) {
    size_t bits = 4096;
    while (bits < g->edge_count * 16 && bits < ((size_t)1 << 31)) bits *= 2;
    g->roots = er_calloc(2 * bits / 64, sizeof *g->roots);
    if (g->roots == NULL) return false;
    for (size_t i = 0; g->edges && i <= g->edge_mask; i++)
        if (g->edges[i].child && g->edges[i].node == 0) set_bit(g->roots, g->edges[i].hash, bits);
    for (size_t i = 0; i < g->lower_first.n; i++)
        set_bit(g->roots + bits / 64, g->lower_first.v[i], bits);
    g->v.root_mask = (uint32_t)(bits - 1);
    return true;
}

/* The nodes that have children, so that a walk stops where no longer name goes on. */
static bool build_parents(gazetteer *g) {
    g->parents = er_calloc(g->nodes.n / 64 + 1, sizeof *g->parents);
    if (g->parents == NULL) return false;
    for (size_t i = 0; i <= g->edge_mask; i++)
        if (g->edges[i].child && g->edges[i].node < g->nodes.n)
            g->parents[g->edges[i].node / 64] |= 1ULL << (g->edges[i].node % 64);
    return true;
}

int gz_finish(gazetteer *g) {
    if (g->finished) return ENTREL_E_OK;
    if (!g->edges && !edges_grow(g)) return ENTREL_E_NOMEM;
    if (!build_roots(g) || !build_parents(g)) return ENTREL_E_NOMEM;
    g->v.edges = g->edges;
    g->v.edge_mask = (uint32_t)g->edge_mask;
    g->v.nodes = g->nodes.v;
    g->v.nnodes = (uint32_t)g->nodes.n;
    g->v.entries = g->entries.v;
    g->v.nentries = (uint32_t)g->entries.n;
    g->v.words = g->words.v;
    g->v.nwords = (uint32_t)g->words.n;
    g->v.pool = g->pool.v;
    g->v.pool_len = (uint32_t)g->pool.n;
    g->v.roots = g->roots;
    g->v.parents = g->parents;
    g->finished = true;
    atoms_free(&g->strs);
    return ENTREL_E_OK;
}
