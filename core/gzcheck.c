/*
** gzcheck.c: what the tables of a compiled gazetteer must hold for
** matching to make sense of them.  Matching checks each index it reads,
** so a damaged table could not make it read out of bounds; but a string
** offset that lands on an empty string, or a word slice past the word
** table, would make every document that meets the name fail (an entity
** type cannot be empty) or find nothing where it should.  The checks are
** made once, at load, over the entries, words and nodes, so that a
** damaged file is refused with its name instead.  The trie's edges and
** the root sets are not read: any value there gives wrong matches at
** worst, which the body checksum of check-gazetteer tells.
** See LICENSE for copyright and licence.
*/
#include "gazetteer.h"

/* A string offset: inside the pool, and 0 or the start of a string that is not empty. */
static bool str_ok(const gz_view *v, uint32_t off) {
    return off < v->pool_len && (off == 0 || v->pool[off] != '\0');
}

static bool entry_ok(const gz_view *v, const gz_entry *e, uint32_t i) {
    return e->type != 0 && str_ok(v, e->type) && str_ok(v, e->canonical) &&
           str_ok(v, e->kb) && str_ok(v, e->source) && str_ok(v, e->features) &&
           e->nwords >= 1 && e->nwords <= GZ_MAX_WORDS && e->words <= v->nwords &&
           v->nwords - e->words >= e->nwords &&
           e->next <= i &&                     /* the chain only goes down */
           GZ_POLICY(e) <= GZ_PROPER && (e->policy & ~(0xFFu | GZ_CAPITAL)) == 0;
}

static bool word_ok(const gz_view *v, const gz_word *w) {
    return str_ok(v, w->fold) && str_ok(v, w->norm) && str_ok(v, w->exact);
}

const char *gz_body_problem(const gz_view *v) {
    if (v->pool_len == 0 || v->pool[0] != '\0' || v->pool[v->pool_len - 1] != '\0')
        return "corrupt compiled gazetteer: string pool is not terminated";
    for (uint32_t i = 0; i < v->nnodes; i++)
        if (v->nodes[i] > v->nentries)
            return "corrupt compiled gazetteer: a trie node names an entry that is not there";
    for (uint32_t i = 0; i < v->nentries; i++)
        if (!entry_ok(v, &v->entries[i], i))
            return "corrupt compiled gazetteer: an entry's strings, words or policy are out of place";
    for (uint32_t i = 0; i < v->nwords; i++)
        if (!word_ok(v, &v->words[i]))
            return "corrupt compiled gazetteer: a word's strings are out of place";
    return NULL;
}
