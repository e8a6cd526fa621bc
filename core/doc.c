/*
** doc.c: the document model: accessors for tokens, sentences and
** warnings, offset conversion, and the annotation layers that later
** stages fill.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"

#define INDEX_STEP 64

bool vec_grow(void **v, size_t *cap, size_t need, size_t item) {
    if (need <= *cap) return true;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need) n *= 2;
    void *p = er_realloc(*v, n * item);
    if (p == NULL) return false;
    *v = p;
    *cap = n;
    return true;
}

char *doc_scratch(entrel_doc *doc, size_t size) {
    entrel_session *s = doc->session;
    if (size > s->scratch_cap) {
        size_t cap = s->scratch_cap ? s->scratch_cap : 4096;
        while (cap < size) cap *= 2;
        char *p = er_realloc(s->scratch, cap);
        if (p == NULL) return NULL;
        s->scratch = p;
        s->scratch_cap = cap;
    }
    return s->scratch;
}

uint32_t doc_atom(entrel_doc *doc, const char *s) {
    return atoms_intern(&doc->session->atoms, s, strlen(s));
}

const char *doc_atom_str(const entrel_doc *doc, uint32_t id) {
    return atoms_str(&doc->session->atoms, id);
}

ENTREL_API const char *entrel_doc_id(const entrel_doc *doc) { return doc->id; }
ENTREL_API entrel_lang entrel_doc_lang(const entrel_doc *doc) { return doc->lang; }

ENTREL_API const char *entrel_doc_text(const entrel_doc *doc, size_t *len) {
    if (len) *len = doc->len;
    return (const char *)doc->text;
}

ENTREL_API size_t entrel_doc_warning_count(const entrel_doc *doc) {
    return doc->nwarnings;
}

ENTREL_API int entrel_doc_warning(const entrel_doc *doc, size_t i,
                                  entrel_warning *w) {
    if (i >= doc->nwarnings || w == NULL) return ENTREL_E_INVALID_ARG;
    *w = doc->warnings[i];
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ offsets */

/*
** Units in s[a..b) of the clean text, where each invalid byte has become
** one ASCII byte: code points are the bytes that are not continuation
** bytes, and a four-byte character is two UTF-16 units.
*/
static size_t count_units(const uint8_t *s, size_t a, size_t b,
                          entrel_offset_unit unit) {
    const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    size_t n = 0, i = a;
    /* eight bytes at a time: a continuation byte has its top bit set and the next one clear */
    for (; unit == ENTREL_OFFSET_CODEPOINT && i + 8 <= b; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t cont = x & high & ~(x << 1);
        n += 8 - (size_t)((((cont >> 7) * ones) >> 56) & 0xFF);
    }
    for (; i < b; i++) {
        n += (s[i] & 0xC0) != 0x80;
        n += unit == ENTREL_OFFSET_UTF16 && s[i] >= 0xF0;
    }
    return n;
}

/* Units before each multiple of INDEX_STEP bytes, made on first use. */
static uint32_t *offset_index(entrel_doc *doc, entrel_offset_unit unit) {
    if (doc->index[unit]) return doc->index[unit];
    size_t steps = doc->len / INDEX_STEP + 1;
    uint32_t *idx = er_malloc(steps * sizeof *idx);
    if (idx == NULL) return NULL;
    size_t total = 0;
    idx[0] = 0;
    for (size_t k = 1; k < steps; k++) {
        total += count_units(doc->clean, (k - 1) * INDEX_STEP, k * INDEX_STEP, unit);
        idx[k] = (uint32_t)total;
    }
    doc->index[unit] = idx;
    return idx;
}

ENTREL_API size_t entrel_doc_offset(entrel_doc *doc, size_t byte_offset,
                                    entrel_offset_unit unit) {
    if (byte_offset > doc->len) byte_offset = doc->len;
    if (unit != ENTREL_OFFSET_CODEPOINT && unit != ENTREL_OFFSET_UTF16)
        return byte_offset;
    uint32_t *idx = offset_index(doc, unit);
    size_t k = byte_offset / INDEX_STEP;
    if (idx == NULL)
        return count_units(doc->clean, 0, byte_offset, unit);
    return idx[k] + count_units(doc->clean, k * INDEX_STEP, byte_offset, unit);
}

/* ------------------------------------------------------------ tokens */

ENTREL_API const char *entrel_token_kind_name(entrel_token_kind kind) {
    static const char *const names[] = {"word", "number", "punct", "symbol",
                                        "url", "email", "space"};
    return (unsigned)kind < sizeof names / sizeof *names ? names[kind] : "unknown";
}

ENTREL_API const char *entrel_token_flag_name(unsigned flag) {
    switch (flag) {
    case ENTREL_TF_TITLE: return "title";
    case ENTREL_TF_UPPER: return "upper";
    case ENTREL_TF_SENT_START: return "sent_start";
    case ENTREL_TF_SPACE: return "space";
    case ENTREL_TF_NEWLINE: return "newline";
    case ENTREL_TF_HYPHEN: return "hyphen";
    case ENTREL_TF_ELISION: return "elision";
    case ENTREL_TF_ABBREV: return "abbrev";
    case ENTREL_TF_INVALID: return "invalid";
    case ENTREL_TF_CLITIC: return "clitic";
    case ENTREL_TF_PARAGRAPH: return "paragraph";
    default: return NULL;
    }
}

ENTREL_API size_t entrel_doc_token_count(const entrel_doc *doc) {
    return doc->toks.n;
}

ENTREL_API int entrel_doc_token(const entrel_doc *doc, size_t i,
                                entrel_token *out) {
    if (i >= doc->toks.n || out == NULL) return ENTREL_E_INVALID_ARG;
    const tok *t = &doc->toks.v[i];
    out->start = t->start;
    out->end = t->end;
    out->kind = (entrel_token_kind)t->kind;
    out->flags = t->flags & ~TOK_INTERNAL_FLAGS;     /* not flags of the API */
    out->text = (const char *)doc->text + t->start;
    out->norm = doc_atom_str(doc, t->norm);
    out->fold = doc_atom_str(doc, t->fold);
    out->stem = doc_atom_str(doc, t->stem);
    out->shape = doc_atom_str(doc, t->shape);
    return ENTREL_E_OK;
}

ENTREL_API size_t entrel_doc_sentence_count(const entrel_doc *doc) {
    return doc->sents.n;
}

ENTREL_API int entrel_doc_sentence(const entrel_doc *doc, size_t i,
                                   entrel_sentence *out) {
    if (i >= doc->sents.n || out == NULL) return ENTREL_E_INVALID_ARG;
    const sent *s = &doc->sents.v[i];
    *out = (entrel_sentence){s->start, s->end, s->first, s->last};
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ annotations */

static const char *atom_or_null(const entrel_doc *doc, uint32_t id) {
    return id ? doc_atom_str(doc, id) : NULL;
}

ENTREL_API size_t entrel_doc_entity_count(const entrel_doc *doc) { return doc->ents.n; }

long doc_entity_starting(const entrel_doc *doc, uint32_t start) {
    size_t lo = 0, hi = doc->ents.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->ents.v[mid].start < start) lo = mid + 1;
        else hi = mid;
    }
    return lo < doc->ents.n && doc->ents.v[lo].start == start ? (long)lo : -1;
}

/* The entity a later mention came from, + 1; 0 when none. */
static size_t origin_of(const entrel_doc *doc, const ann_entity *e) {
    return e->from ? (size_t)(doc_entity_starting(doc, e->from - 1) + 1) : 0;
}

ENTREL_API int entrel_doc_entity(const entrel_doc *doc, size_t i, entrel_entity *out) {
    if (i >= doc->ents.n || out == NULL) return ENTREL_E_INVALID_ARG;
    const ann_entity *e = &doc->ents.v[i];
    *out = (entrel_entity){.start = e->start, .end = e->end,
                           .text = (const char *)doc->text + e->start,
                           .type = atom_or_null(doc, e->type), .value = atom_or_null(doc, e->value),
                           .canonical = atom_or_null(doc, e->canonical),
                           .kb = atom_or_null(doc, e->kb), .source = atom_or_null(doc, e->source),
                           .rule = atom_or_null(doc, e->rule),
                           .features = atom_or_null(doc, e->features), .cluster = e->cluster,
                           .from = origin_of(doc, e)};
    return ENTREL_E_OK;
}

ENTREL_API size_t entrel_doc_cluster_count(const entrel_doc *doc) { return doc->clusters.n; }

ENTREL_API int entrel_doc_cluster(const entrel_doc *doc, size_t i, entrel_cluster *out) {
    if (i >= doc->clusters.n || out == NULL) return ENTREL_E_INVALID_ARG;
    const ann_cluster *c = &doc->clusters.v[i];
    *out = (entrel_cluster){atom_or_null(doc, c->type), atom_or_null(doc, c->name), c->first, c->size};
    return ENTREL_E_OK;
}

static entrel_relation_arg arg_view(const entrel_doc *doc, const ann_arg *a) {
    return (entrel_relation_arg){a->ref, a->start, a->end, (const char *)doc->text + a->start};
}

ENTREL_API size_t entrel_doc_relation_count(const entrel_doc *doc) { return doc->rels.n; }

ENTREL_API int entrel_doc_relation(const entrel_doc *doc, size_t i, entrel_relation *out) {
    if (i >= doc->rels.n || out == NULL) return ENTREL_E_INVALID_ARG;
    const ann_relation *r = &doc->rels.v[i];
    *out = (entrel_relation){.type = atom_or_null(doc, r->type), .rule = atom_or_null(doc, r->rule),
                             .head = arg_view(doc, &r->head), .tail = arg_view(doc, &r->tail),
                             .evidence_start = r->ev_start, .evidence_end = r->ev_end};
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ layers */

static bool span_ok(const entrel_doc *doc, uint32_t start, uint32_t end) {
    return start <= end && end <= doc->len;
}

int doc_add_entity(entrel_doc *doc, const ann_entity *e) {
    if (!span_ok(doc, e->start, e->end) || e->type == 0) return ENTREL_E_INVALID_ARG;
    ann_entity *slot = VEC_PUSH_SLOT(doc->ents);
    if (slot == NULL) return ENTREL_E_NOMEM;
    *slot = *e;
    return ENTREL_E_OK;
}

int doc_add_candidate(entrel_doc *doc, const ann_entity *e) {
    if (!span_ok(doc, e->start, e->end) || e->start == e->end || e->type == 0)
        return ENTREL_E_INVALID_ARG;
    ann_entity *slot = VEC_PUSH_SLOT(doc->cands);
    if (slot == NULL) return ENTREL_E_NOMEM;
    *slot = *e;
    return ENTREL_E_OK;
}

static int add_rule_note(entrel_doc *doc, bool warning, uint32_t rule, const char *message) {
    doc_rule_error *e = warning ? VEC_PUSH_SLOT(doc->rule_warnings) : VEC_PUSH_SLOT(doc->rule_errors);
    if (e == NULL) return ENTREL_E_NOMEM;
    e->rule = rule;
    e->message = arena_strndup(&doc->mem, message, strlen(message));
    return e->message ? ENTREL_E_OK : ENTREL_E_NOMEM;
}

int doc_add_rule_error(entrel_doc *doc, uint32_t rule, const char *message) {
    return add_rule_note(doc, false, rule, message);
}

int doc_add_rule_warning(entrel_doc *doc, uint32_t rule, const char *message) {
    return add_rule_note(doc, true, rule, message);
}

ENTREL_API size_t entrel_doc_rule_error_count(const entrel_doc *doc) {
    return doc ? doc->rule_errors.n : 0;
}

ENTREL_API int entrel_doc_rule_error(const entrel_doc *doc, size_t i, const char **rule,
                                     const char **message) {
    if (doc == NULL || i >= doc->rule_errors.n) return ENTREL_E_INVALID_ARG;
    if (rule) *rule = doc_atom_str(doc, doc->rule_errors.v[i].rule);
    if (message) *message = doc->rule_errors.v[i].message;
    return ENTREL_E_OK;
}

ENTREL_API size_t entrel_doc_rule_warning_count(const entrel_doc *doc) {
    return doc ? doc->rule_warnings.n : 0;
}

ENTREL_API int entrel_doc_rule_warning(const entrel_doc *doc, size_t i, const char **rule,
                                       const char **message) {
    if (doc == NULL || i >= doc->rule_warnings.n) return ENTREL_E_INVALID_ARG;
    if (rule) *rule = doc_atom_str(doc, doc->rule_warnings.v[i].rule);
    if (message) *message = doc->rule_warnings.v[i].message;
    return ENTREL_E_OK;
}

/* One name in two lists is turned down once. */
int doc_add_dropped(entrel_doc *doc, const ann_entity *e, uint32_t why, uint32_t detail) {
    const ann_dropped *last = doc->dropped.n ? &doc->dropped.v[doc->dropped.n - 1] : NULL;
    if (last && last->why == why && why != DROP_OVERLAP && last->cand.start == e->start &&
        last->cand.end == e->end && last->cand.type == e->type &&
        last->cand.canonical == e->canonical)
        return ENTREL_E_OK;
    ann_dropped *d = VEC_PUSH_SLOT(doc->dropped);
    if (d == NULL) return ENTREL_E_NOMEM;
    *d = (ann_dropped){*e, detail, why};
    return ENTREL_E_OK;
}

static bool arg_ok(const entrel_doc *doc, const ann_arg *a) {
    if (a->ref >= 0) return (size_t)a->ref < doc->ents.n;
    return a->ref == -1 && span_ok(doc, a->start, a->end);
}

static bool same_arg(const ann_arg *a, const ann_arg *b) {
    return a->start == b->start && a->end == b->end;
}

/*
** A relation already found (the same type between the same spans, by a
** plugin and by a rule, say) is kept once, with what found it first.
*/
int doc_add_relation(entrel_doc *doc, const ann_relation *r) {
    if (r->type == 0 || !arg_ok(doc, &r->head) || !arg_ok(doc, &r->tail) ||
        !span_ok(doc, r->ev_start, r->ev_end))
        return ENTREL_E_INVALID_ARG;
    ann_relation x = *r;
    /* An entity argument takes its span from the entity. */
    if (r->head.ref >= 0) {
        x.head.start = doc->ents.v[r->head.ref].start;
        x.head.end = doc->ents.v[r->head.ref].end;
    }
    if (r->tail.ref >= 0) {
        x.tail.start = doc->ents.v[r->tail.ref].start;
        x.tail.end = doc->ents.v[r->tail.ref].end;
    }
    for (size_t i = 0; i < doc->rels.n; i++)
        if (doc->rels.v[i].type == x.type && same_arg(&doc->rels.v[i].head, &x.head) &&
            same_arg(&doc->rels.v[i].tail, &x.tail))
            return ENTREL_E_OK;
    ann_relation *slot = VEC_PUSH_SLOT(doc->rels);
    if (slot == NULL) return ENTREL_E_NOMEM;
    *slot = x;
    return ENTREL_E_OK;
}

int doc_add_span(entrel_doc *doc, const ann_span *s) {
    if (!span_ok(doc, s->start, s->end) || s->layer == 0) return ENTREL_E_INVALID_ARG;
    ann_span *slot = VEC_PUSH_SLOT(doc->spans);
    if (slot == NULL) return ENTREL_E_NOMEM;
    *slot = *s;
    return ENTREL_E_OK;
}
