/*
** cluster.c: mentions of one thing, grouped.  Once entities and
** relations are settled, mentions are joined when they name the same
** thing: the same canonical name or knowledge-base id from a list; the
** same words but for case and accents ("Hanoï", "HANOI"); an acronym and
** its long form (an alias_of relation); a person's later partial mention
** and the full name it shortens ("Hoang" for "Vu Le Thai Hoang"), and a
** later mention propagated from a name, and that name.  Each
** group is a cluster, numbered in order of its first mention and named by
** a canonical name when a list gave one, else by its longest mention.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"

/* ------------------------------------------------------------ union-find */

static uint32_t find(uint32_t *parent, uint32_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

/* The earlier mention stays the root: a cluster is known by its first mention. */
static void join(uint32_t *parent, uint32_t a, uint32_t b) {
    a = find(parent, a);
    b = find(parent, b);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
}

/* ------------------------------------------------------------ mentions */

/* Each entity's words as folds (case and accents gone), its first and last token. */
typedef struct mention {
    uint32_t fold;            /* doc atom of the folds joined by spaces; 0 when too long */
    uint32_t last_fold;       /* the fold of its last word */
    uint32_t words;
} mention;

static int fold_mentions(entrel_doc *doc, mention *m) {
    size_t t = 0;
    for (size_t e = 0; e < doc->ents.n; e++) {
        const ann_entity *a = &doc->ents.v[e];
        while (t < doc->toks.n && doc->toks.v[t].end <= a->start) t++;
        char buf[512];
        size_t len = 0, words = 0;
        uint32_t last = 0;
        for (size_t k = t; k < doc->toks.n && doc->toks.v[k].start < a->end; k++) {
            const char *f = doc_atom_str(doc, doc->toks.v[k].fold);
            size_t n = strlen(f);
            if (len + n + 2 > sizeof buf) len = sizeof buf;      /* too long to compare */
            if (len < sizeof buf) {
                if (words) buf[len++] = ' ';
                memcpy(buf + len, f, n);
                len += n;
            }
            last = doc->toks.v[k].fold;
            words++;
        }
        buf[len < sizeof buf ? len : 0] = '\0';
        m[e] = (mention){len < sizeof buf && len ? doc_atom(doc, buf) : 0, last, (uint32_t)words};
        if (len && len < sizeof buf && m[e].fold == 0) return ENTREL_E_NOMEM;
    }
    return ENTREL_E_OK;
}

/*
** The first mention of each (kind, type, atom): a kb id, a canonical
** name or folded words, for joining each later mention to it in one pass.
*/
typedef struct first_seen {
    uint64_t *keys;           /* key + 1; 0: an empty slot */
    uint32_t *mention;
    size_t mask;
} first_seen;

static bool seen_init(first_seen *s, size_t n) {
    size_t slots = 16;
    while (slots < 8 * n) slots *= 2;
    s->mask = slots - 1;
    s->keys = er_calloc(slots, sizeof *s->keys);
    s->mention = er_malloc(slots * sizeof *s->mention);
    return s->keys && s->mention;
}

/* Join mention e to the first with the same key, or make it the first. */
static void join_by(first_seen *s, uint32_t *parent, uint64_t key, uint32_t e) {
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & s->mask;
    while (s->keys[i] && s->keys[i] != key + 1) i = (i + 1) & s->mask;
    if (s->keys[i]) {
        join(parent, e, s->mention[i]);
        return;
    }
    s->keys[i] = key + 1;
    s->mention[i] = e;
}

enum { BY_KB = 1, BY_CANONICAL = 2, BY_FOLD = 3 };

static uint64_t key_of(int kind, uint32_t type, uint32_t atom) {
    return (uint64_t)kind << 62 | (uint64_t)(type & 0x7FFFFFFF) << 31 | (atom & 0x7FFFFFFF);
}

/* Same type, and the same kb id, canonical name or folded words. */
static int join_same_things(entrel_doc *doc, const mention *m, uint32_t *parent) {
    first_seen s;
    bool ok = seen_init(&s, doc->ents.n);
    for (size_t e = 0; ok && e < doc->ents.n; e++) {
        const ann_entity *a = &doc->ents.v[e];
        if (a->kb) join_by(&s, parent, key_of(BY_KB, a->type, a->kb), (uint32_t)e);
        if (a->canonical) join_by(&s, parent, key_of(BY_CANONICAL, a->type, a->canonical), (uint32_t)e);
        if (m[e].fold) join_by(&s, parent, key_of(BY_FOLD, a->type, m[e].fold), (uint32_t)e);
    }
    er_free(s.keys);
    er_free(s.mention);
    return ok ? ENTREL_E_OK : ENTREL_E_NOMEM;
}

/*
** A person's one-word mention ("Hoang", "M. Hoang" keeps only "Hoang" as
** the entity) joins the one earlier full name of two words or more that
** ends with that word; with two such names it is left alone.
*/
static void join_partial_names(entrel_doc *doc, const mention *m, uint32_t *parent, uint32_t per) {
    for (size_t e = 0; e < doc->ents.n; e++) {
        if (doc->ents.v[e].type != per || m[e].words != 1) continue;
        long full = -1;
        bool two = false;
        for (size_t f = 0; f < e; f++)
            if (doc->ents.v[f].type == per && m[f].words >= 2 && m[f].last_fold == m[e].last_fold &&
                (full < 0 || find(parent, (uint32_t)f) != find(parent, (uint32_t)full)))
                two |= full >= 0, full = (long)f;
        if (full >= 0 && !two) join(parent, (uint32_t)e, (uint32_t)full);
    }
}

/* ------------------------------------------------------------ clusters */

/* Each root in order of first mention is a cluster; every mention takes its root's. */
static int number_clusters(entrel_doc *doc, uint32_t *parent) {
    for (size_t e = 0; e < doc->ents.n; e++) {
        uint32_t root = find(parent, (uint32_t)e);
        if (root == e) {
            ann_cluster *c = VEC_PUSH_SLOT(doc->clusters);
            if (c == NULL) return ENTREL_E_NOMEM;
            *c = (ann_cluster){.type = doc->ents.v[e].type, .first = (uint32_t)e, .longest = (uint32_t)e};
        }
        ann_entity *x = &doc->ents.v[e];
        x->cluster = root == e ? (uint32_t)doc->clusters.n - 1 : doc->ents.v[root].cluster;
        ann_cluster *c = &doc->clusters.v[x->cluster];
        const ann_entity *l = &doc->ents.v[c->longest];
        c->size++;
        if (c->name == 0 && x->canonical) c->name = x->canonical;
        if (x->end - x->start > l->end - l->start) c->longest = (uint32_t)e;
    }
    return ENTREL_E_OK;
}

/* A cluster no list named is named by its longest mention. */
static int name_clusters(entrel_doc *doc) {
    for (size_t i = 0; i < doc->clusters.n; i++) {
        ann_cluster *c = &doc->clusters.v[i];
        if (c->name) continue;
        const ann_entity *x = &doc->ents.v[c->longest];
        char *s = arena_strndup(&doc->mem, (const char *)doc->clean + x->start, x->end - x->start);
        if (s == NULL || (c->name = doc_atom(doc, s)) == 0) return ENTREL_E_NOMEM;
    }
    return ENTREL_E_OK;
}

int cluster_mentions(entrel_doc *doc) {
    doc->clusters.n = 0;
    if (doc->ents.n == 0) return ENTREL_E_OK;
    uint32_t *parent = er_malloc(doc->ents.n * sizeof *parent);
    mention *m = er_malloc(doc->ents.n * sizeof *m);
    int rc = parent && m ? fold_mentions(doc, m) : ENTREL_E_NOMEM;
    for (size_t e = 0; rc == ENTREL_E_OK && e < doc->ents.n; e++) parent[e] = (uint32_t)e;
    if (rc == ENTREL_E_OK) rc = join_same_things(doc, m, parent);
    uint32_t alias = rc == ENTREL_E_OK ? doc_atom(doc, "alias_of") : 0;
    for (size_t r = 0; rc == ENTREL_E_OK && r < doc->rels.n; r++) {
        const ann_relation *x = &doc->rels.v[r];
        if (x->type == alias && x->head.ref >= 0 && x->tail.ref >= 0)
            join(parent, (uint32_t)x->head.ref, (uint32_t)x->tail.ref);
    }
    if (rc == ENTREL_E_OK) join_partial_names(doc, m, parent, doc_atom(doc, "PER"));
    for (size_t e = 0; rc == ENTREL_E_OK && e < doc->ents.n; e++) {
        long from = doc->ents.v[e].from ? doc_entity_starting(doc, doc->ents.v[e].from - 1) : -1;
        if (from >= 0) join(parent, (uint32_t)e, (uint32_t)from);   /* a later mention, wherever it is */
    }
    if (rc == ENTREL_E_OK) rc = number_clusters(doc, parent);
    if (rc == ENTREL_E_OK) rc = name_clusters(doc);
    er_free(parent);
    er_free(m);
    return rc;
}
