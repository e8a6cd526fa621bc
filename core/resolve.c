/*
** resolve.c: overlapping candidates.  Every annotator adds candidates;
** here the best non-overlapping ones become the document's entities
** (higher priority, then longer, then earlier, then the one with a
** knowledge-base id, then the one written as in its list), and each loser is kept
** with the winner it lost to, so that --explain can say why.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"

/*
** The document being ranked, for by_type: qsort passes its comparison no
** context, and documents are ranked in many threads at once.
*/
static _Thread_local const entrel_doc *ranking;

/*
** Two types at an equal rank: the engine's in the order it made them,
** before any of the session's, and the session's by name.  A session's
** ids depend on the documents it read before, and on when session_trim
** last cleared them, and a document's entities must not.
*/
static int by_type(uint32_t a, uint32_t b) {
    uint32_t own = ranking->session->atoms.first_id;
    if (a == b) return 0;
    if (a < own || b < own) return a < b ? -1 : 1;
    return strcmp(doc_atom_str(ranking, a), doc_atom_str(ranking, b));
}

static int by_rank(const void *pa, const void *pb) {
    const ann_entity *a = pa, *b = pb;
    if (a->priority != b->priority) return a->priority > b->priority ? -1 : 1;
    uint32_t la = a->end - a->start, lb = b->end - b->start;
    if (la != lb) return la > lb ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (!a->kb != !b->kb) return a->kb ? -1 : 1;   /* two lists, one place: the one with an id */
    if ((a->flags ^ b->flags) & ENT_SAME_FORM) return a->flags & ENT_SAME_FORM ? -1 : 1;
    return by_type(a->type, b->type);
}

static int by_position(const void *pa, const void *pb) {
    const ann_entity *a = pa, *b = pb;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

/*
** Index of the first token that ends after byte 'pos'.  Without a branch
** on the comparison (a conditional move): each step of a search is a coin
** toss a branch predictor loses half the time, a dozen steps a candidate.
*/
static size_t first_token_after(const entrel_doc *doc, uint32_t pos) {
    const tok *v = doc->toks.v;
    size_t base = 0, n = doc->toks.n;
    if (n == 0) return 0;
    while (n > 1) {
        size_t half = n / 2;
        base = v[base + half].end <= pos ? base + half : base;
        n -= half;
    }
    return base + (v[base].end <= pos);
}

/*
** The kept entity holding a token of the candidate, or -1.  'owner' maps
** each token to the kept entity that holds it, plus one; candidates are
** made of whole tokens, so looking at their own tokens is enough.
*/
static long overlapping(const entrel_doc *doc, const uint32_t *owner, const ann_entity *c) {
    for (size_t t = first_token_after(doc, c->start);
         t < doc->toks.n && doc->toks.v[t].start < c->end; t++)
        if (owner[t]) return (long)owner[t] - 1;
    return -1;
}

static int keep(entrel_doc *doc, uint32_t *owner, const ann_entity *c) {
    int rc = doc_add_entity(doc, c);
    for (size_t t = first_token_after(doc, c->start);
         rc == ENTREL_E_OK && t < doc->toks.n && doc->toks.v[t].start < c->end; t++)
        owner[t] = (uint32_t)doc->ents.n;
    return rc;
}

/* Forget an earlier resolution: its entities and its overlap losers. */
static void forget_resolution(entrel_doc *doc) {
    size_t kept = 0;
    for (size_t i = 0; i < doc->dropped.n; i++)
        if (doc->dropped.v[i].why != DROP_OVERLAP) doc->dropped.v[kept++] = doc->dropped.v[i];
    doc->dropped.n = kept;
    doc->ents.n = 0;
}

/*
** Greedy by rank: each candidate is kept unless a better one already
** holds one of its tokens, which costs the candidate's length, not the
** number of entities; the same span and type twice (two lists naming one
** thing) counts as one.
*/
/*
** Candidates in rank order.  A second resolution (after the entity rules)
** finds the first one's candidates ranked already: only those added
** since are sorted, then merged in, rather than all sorted again.
*/
static int rank_candidates(entrel_doc *doc) {
    ann_entity *v = doc->cands.v;
    size_t n = doc->cands.n, head = doc->cands_ranked <= n ? doc->cands_ranked : 0;
    ranking = doc;
    qsort(v + head, n - head, sizeof *v, by_rank);
    if (head > 0 && head < n && by_rank(&v[head - 1], &v[head]) > 0) {
        ann_entity *tmp = er_malloc(head * sizeof *tmp);
        if (tmp == NULL) return ENTREL_E_NOMEM;
        memcpy(tmp, v, head * sizeof *tmp);
        size_t a = 0, b = head, out = 0;
        while (a < head && b < n) v[out++] = by_rank(&v[b], &tmp[a]) < 0 ? v[b++] : tmp[a++];
        while (a < head) v[out++] = tmp[a++];
        er_free(tmp);
    }
    doc->cands_ranked = n;
    return ENTREL_E_OK;
}

int resolve_entities(entrel_doc *doc) {
    forget_resolution(doc);
    if (doc->cands.n == 0) return ENTREL_E_OK;
    if (rank_candidates(doc) != ENTREL_E_OK) return ENTREL_E_NOMEM;
    uint32_t *owner = er_calloc(doc->toks.n + 1, sizeof *owner);
    if (owner == NULL) return ENTREL_E_NOMEM;
    int rc = ENTREL_E_OK;
    for (size_t i = 0; rc == ENTREL_E_OK && i < doc->cands.n; i++) {
        const ann_entity *c = &doc->cands.v[i];
        long w = overlapping(doc, owner, c);
        if (w < 0) {
            rc = keep(doc, owner, c);
            continue;
        }
        const ann_entity *win = &doc->ents.v[w];
        if (win->start == c->start && win->end == c->end && win->type == c->type)
            continue;
        rc = doc_add_dropped(doc, c, DROP_OVERLAP, (uint32_t)w);
    }
    er_free(owner);
    if (rc) return rc;
    /*
    ** Entities are written in text order.  Kept ones never overlap, so a
    ** winner is found again by its start.
    */
    ann_entity *sorted = er_malloc(doc->ents.n * sizeof *sorted);
    if (sorted == NULL) return ENTREL_E_NOMEM;
    memcpy(sorted, doc->ents.v, doc->ents.n * sizeof *sorted);
    qsort(sorted, doc->ents.n, sizeof *sorted, by_position);
    for (size_t d = 0; d < doc->dropped.n; d++) {
        if (doc->dropped.v[d].why != DROP_OVERLAP) continue;
        const ann_entity *win = &doc->ents.v[doc->dropped.v[d].winner];
        const ann_entity *at = bsearch(win, sorted, doc->ents.n, sizeof *sorted, by_position);
        doc->dropped.v[d].winner = (uint32_t)(at - sorted);
    }
    memcpy(doc->ents.v, sorted, doc->ents.n * sizeof *sorted);
    er_free(sorted);
    return ENTREL_E_OK;
}
