/*
** propagate.c: later mentions.  News names a person in full once ("Vaclav
** Havel") and by the surname after ("Havel said", "HAVEL VISITS" in a
** headline); the rules see only the full name, which has a given name or
** a title to go by.  So once the first entities are settled, the last
** word of each person's name of two words or more is that person wherever
** else the document writes it with a capital (or in capitals) and nothing
** else holds it.  Each such mention is a candidate of its own source,
** "propagation", that points at the mention it came from (ann_entity.from).
** A surname two different full names end with ("George Bush", "Laura
** Bush") is the nearest of them written before it, and left alone before
** both; so is a word glued to a capitalized word after it ("Havel Street").
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"

#define PROPAGATE_PRIORITY 1      /* below every rule: only a gap is filled */

/* A surname to look for and one full name it came from, in text order. */
typedef struct prop_key {
    uint32_t fold;
    uint32_t from;                /* the full name's start byte */
    uint32_t name;                /* doc atom of its folded words, to tell two names apart */
} prop_key;

/* Tokens that end a name without being the surname: Jr, Sr, II, III, IV. */
static bool name_suffix(const entrel_doc *doc, const tok *t) {
    static const char *const suffixes[] = {"jr", "sr", "ii", "iii", "iv", NULL};
    const char *f = doc_atom_str(doc, t->fold);
    for (size_t i = 0; suffixes[i]; i++)
        if (strcmp(f, suffixes[i]) == 0) return true;
    return (t->flags & ENTREL_TF_ABBREV) != 0;
}

static bool capitalized(const tok *t) {
    return t->kind == ENTREL_TOK_WORD && (t->flags & (ENTREL_TF_TITLE | ENTREL_TF_UPPER));
}

/* The first token that starts at or after byte 'pos'. */
static size_t token_from(const entrel_doc *doc, uint32_t pos) {
    size_t lo = 0, hi = doc->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->toks.v[mid].start < pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/*
** The surname of person e: the last word before any suffix, capitalized
** and of two letters or more, when the name has another word before it;
** else NULL.
*/
static const tok *surname_of(const entrel_doc *doc, const ann_entity *e) {
    size_t a = token_from(doc, e->start), b = a, words = 0;
    while (b < doc->toks.n && doc->toks.v[b].end <= e->end) words += doc->toks.v[b++].kind == ENTREL_TOK_WORD;
    while (b > a && (doc->toks.v[b - 1].kind != ENTREL_TOK_WORD || name_suffix(doc, &doc->toks.v[b - 1])))
        b--, words -= doc->toks.v[b].kind == ENTREL_TOK_WORD;
    if (b == a || words < 2) return NULL;
    const tok *t = &doc->toks.v[b - 1];
    return capitalized(t) && t->end - t->start >= 2 ? t : NULL;
}

/* The folded words of [start, end), as one doc atom, to tell two full names apart. */
static uint32_t name_atom(entrel_doc *doc, const ann_entity *e) {
    char buf[256];
    size_t len = 0;
    for (size_t t = token_from(doc, e->start); t < doc->toks.n && doc->toks.v[t].end <= e->end; t++) {
        const char *f = doc_atom_str(doc, doc->toks.v[t].fold);
        size_t n = strlen(f);
        if (len + n + 1 >= sizeof buf) break;
        memcpy(buf + len, f, n);
        len += n;
        buf[len++] = ' ';
    }
    buf[len] = '\0';
    return doc_atom(doc, buf);
}

static int gather_keys(entrel_doc *doc, uint32_t per, prop_key **out, size_t *n) {
    prop_key *keys = NULL;
    size_t count = 0;
    for (size_t i = 0; i < doc->ents.n; i++) {
        const ann_entity *e = &doc->ents.v[i];
        const tok *s = e->type == per ? surname_of(doc, e) : NULL;
        if (s == NULL) continue;
        uint32_t name = name_atom(doc, e);
        if (name == 0) return er_free(keys), ENTREL_E_NOMEM;
        size_t k = 0;
        while (k < count && !(keys[k].fold == s->fold && keys[k].name == name)) k++;
        if (k < count) continue;                      /* the same name again */
        prop_key *more = er_realloc(keys, (count + 1) * sizeof *keys);
        if (more == NULL) return er_free(keys), ENTREL_E_NOMEM;
        keys = more;
        keys[count++] = (prop_key){s->fold, e->start, name};
    }
    *out = keys;
    *n = count;
    return ENTREL_E_OK;
}

/*
** Whether token i may be a later mention: capitalized, not glued to a
** capitalized word after it (unless that one starts a sentence), nor
** after one, unless it is an abbreviated title ("M.", "Dr.") or starts
** the sentence ("Selon Havel"); in a headline, capitals glue nothing.
*/
static bool stands_alone(const entrel_doc *doc, size_t i) {
    const tok *t = &doc->toks.v[i];
    if (!capitalized(t)) return false;
    if (i + 1 < doc->toks.n) {
        const tok *next = &doc->toks.v[i + 1];
        bool headline = next->flags & ENTREL_TF_UPPER && t->flags & ENTREL_TF_UPPER;
        if (capitalized(next) && !(next->flags & ENTREL_TF_SENT_START) && !headline) return false;
    }
    if (i > 0 && !(t->flags & ENTREL_TF_SENT_START)) {
        const tok *prev = &doc->toks.v[i - 1];
        bool headline = prev->flags & ENTREL_TF_UPPER && t->flags & ENTREL_TF_UPPER;
        bool by_place = prev->flags & (ENTREL_TF_ABBREV | ENTREL_TF_SENT_START);   /* "Dr.", "Selon" */
        if (capitalized(prev) && !by_place && !headline) return false;
    }
    return true;
}

/*
** The full name a surname at byte 'pos' stands for: the one of its names
** written last before it; before all of them, the name when it has only
** one.  Returns its index among the keys, or 'n' for none.
*/
static size_t claimant(const prop_key *keys, size_t n, uint32_t fold, uint32_t pos) {
    size_t best = n, first = n, names = 0;
    for (size_t k = 0; k < n; k++) {
        if (keys[k].fold != fold) continue;
        names++;
        if (first == n) first = k;
        if (keys[k].from < pos && (best == n || keys[k].from > keys[best].from)) best = k;
    }
    return best < n ? best : names == 1 ? first : n;
}

int propagate_names(entrel_doc *doc, bool *added) {
    *added = false;
    uint32_t per = atoms_find(&doc->session->atoms, "PER", 3);
    if (per == 0 || doc->ents.n == 0) return ENTREL_E_OK;
    prop_key *keys = NULL;
    size_t nkeys = 0;
    int rc = gather_keys(doc, per, &keys, &nkeys);
    uint32_t source = rc == ENTREL_E_OK && nkeys ? doc_atom(doc, "propagation") : 0;
    size_t e = 0;
    for (size_t i = 0; rc == ENTREL_E_OK && source && i < doc->toks.n; i++) {
        const tok *t = &doc->toks.v[i];
        while (e < doc->ents.n && doc->ents.v[e].end <= t->start) e++;
        if (e < doc->ents.n && doc->ents.v[e].start < t->end) continue;   /* held already */
        size_t k = claimant(keys, nkeys, t->fold, t->start);
        if (k == nkeys || !stands_alone(doc, i)) continue;
        ann_entity c = {.start = t->start, .end = t->end, .type = per, .source = source,
                        .priority = PROPAGATE_PRIORITY, .from = keys[k].from + 1};
        rc = doc_add_candidate(doc, &c);
        *added = true;
    }
    if (rc == ENTREL_E_OK && source == 0 && nkeys) rc = ENTREL_E_NOMEM;
    er_free(keys);
    return rc;
}
