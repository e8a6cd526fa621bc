/*
** resolve.c: overlapping candidates.  Every annotator adds candidates;
** here the best non-overlapping ones become the document's entities
** (higher priority, then longer, then earlier), and each loser is kept
** with the winner it lost to, so that --explain can say why.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"

static int by_rank(const void *pa, const void *pb) {
    const ann_entity *a = pa, *b = pb;
    if (a->priority != b->priority) return a->priority > b->priority ? -1 : 1;
    uint32_t la = a->end - a->start, lb = b->end - b->start;
    if (la != lb) return la > lb ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->type < b->type ? -1 : a->type > b->type;
}

static int by_position(const void *pa, const void *pb) {
    const ann_entity *a = pa, *b = pb;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

/* The kept entity that overlaps [start, end), or -1. */
static long overlapping(const entrel_doc *doc, uint32_t start, uint32_t end) {
    for (size_t k = 0; k < doc->ents.n; k++)
        if (doc->ents.v[k].start < end && start < doc->ents.v[k].end) return (long)k;
    return -1;
}

/*
** Greedy by rank: each candidate is kept unless a better one already
** covers part of it.  The check is a scan of the kept entities, which
** stay few per document; the same span and type twice (two lists naming
** one thing) counts as one.
*/
int resolve_entities(entrel_doc *doc) {
    if (doc->cands.n == 0) return ENTREL_E_OK;
    qsort(doc->cands.v, doc->cands.n, sizeof *doc->cands.v, by_rank);
    for (size_t i = 0; i < doc->cands.n; i++) {
        const ann_entity *c = &doc->cands.v[i];
        long w = overlapping(doc, c->start, c->end);
        if (w < 0) {
            int rc = doc_add_entity(doc, c);
            if (rc) return rc;
            continue;
        }
        const ann_entity *win = &doc->ents.v[w];
        if (win->start == c->start && win->end == c->end && win->type == c->type)
            continue;
        ann_dropped *d = VEC_PUSH_SLOT(doc->dropped);
        if (d == NULL) return ENTREL_E_NOMEM;
        *d = (ann_dropped){*c, (uint32_t)w};
    }
    /*
    ** Entities are written in text order.  Kept ones never overlap, so a
    ** winner is found again by its start.
    */
    ann_entity *sorted = malloc(doc->ents.n * sizeof *sorted);
    if (sorted == NULL) return ENTREL_E_NOMEM;
    memcpy(sorted, doc->ents.v, doc->ents.n * sizeof *sorted);
    qsort(sorted, doc->ents.n, sizeof *sorted, by_position);
    for (size_t d = 0; d < doc->dropped.n; d++) {
        uint32_t start = doc->ents.v[doc->dropped.v[d].winner].start;
        for (size_t k = 0; k < doc->ents.n; k++)
            if (sorted[k].start == start) doc->dropped.v[d].winner = (uint32_t)k;
    }
    memcpy(doc->ents.v, sorted, doc->ents.n * sizeof *sorted);
    free(sorted);
    return ENTREL_E_OK;
}
