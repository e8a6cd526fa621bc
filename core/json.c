/*
** json.c: the JSON writer.  jansson encodes every value; this file only
** lays out the document object, key by key and element by element, so
** that a document with millions of tokens never becomes one big tree.
** See LICENSE for copyright and licence.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"
#include "jsonw.h"

#define TEXT_CHUNK 65536

typedef struct membuf {
    char *p;
    size_t len, cap;
} membuf;

#define MEMO_SLOTS 128           /* a power of two */
#define MEMO_BYTES 65536         /* past this, the memo starts again */

/* An atom's value as this document wrote it before: types, sources, rules and features repeat. */
typedef struct memo_slot {
    uint32_t key;             /* atom * 2 + 1, + 1 more for a features object; 0: empty */
    uint32_t at, len;         /* its bytes in the memo's buffer; len 0: the field is left out */
} memo_slot;

/* The writer and the document it writes. */
typedef struct dw {
    jw w;
    entrel_doc *doc;
    const entrel_json_options *opts;
    bool first_key;           /* of the document object, laid out one key a line */
    memo_slot memo[MEMO_SLOTS];
    membuf memo_bytes;
} dw;

static int append(const char *buf, size_t len, void *ctx);

static void dw_key(dw *d, const char *key) {
    jw *w = &d->w;
    if (!d->first_key) jw_str(w, ",");
    d->first_key = false;
    jw_str(w, w->line ? "\"" : "\n  \"");
    jw_str(w, key);
    jw_str(w, w->line ? "\":" : "\": ");
}

/* ------------------------------------------------------------ strings */

/*
** Bytes that may not be valid UTF-8 (a document's text, an id made from a
** file name) as a JSON string: each invalid byte becomes one U+FFFD, so
** code-point offsets still count one per byte.
*/
static void lossy_string(jw *w, const char *s, size_t n, bool known_valid) {
    if (known_valid) {
        jw_string(w, s, n);
        return;
    }
    size_t len;
    char *copy = text_lossy((const uint8_t *)s, n, &len);
    if (copy == NULL) {
        if (w->rc == ENTREL_E_OK) w->rc = ENTREL_E_NOMEM;
        return;
    }
    jw_string(w, copy, len);
    er_free(copy);
}

/* The document's bytes start..end as a JSON string. */
static void slice(dw *d, size_t start, size_t end) {
    const entrel_doc *doc = d->doc;
    lossy_string(&d->w, (const char *)doc->text + start, end - start, doc->clean == doc->text);
}

/* Start of the character that holds byte i of valid UTF-8. */
static size_t char_start(const uint8_t *s, size_t i) {
    while (i > 0 && (s[i] & 0xC0) == 0x80) i--;
    return i;
}

/*
** The whole text, encoded a chunk at a time: each chunk is a JSON string
** whose quotes are dropped, so the memory used does not grow with the text.
*/
static void dw_text(dw *d) {
    const entrel_doc *doc = d->doc;
    jw *w = &d->w;
    /* Worst case: every byte a control character, escaped as \u00XX. */
    size_t cap = (doc->len < TEXT_CHUNK ? doc->len : TEXT_CHUNK) * 6 + 8;
    char *out = er_malloc(cap);
    char *copy = NULL;
    if (out == NULL) {
        w->rc = ENTREL_E_NOMEM;
        return;
    }
    jw_str(w, "\"");
    for (size_t a = 0; a < doc->len && w->rc == ENTREL_E_OK;) {
        size_t b = a + TEXT_CHUNK >= doc->len ? doc->len
                                             : char_start(doc->clean, a + TEXT_CHUNK);
        if (b <= a) b = a + TEXT_CHUNK;
        const char *s = (const char *)doc->text + a;
        size_t len = b - a;
        if (doc->clean != doc->text) s = copy = text_lossy((const uint8_t *)s, len, &len);
        json_t *v = s ? json_stringn_nocheck(s, len) : NULL;
        size_t n = v ? json_dumpb(v, out, cap, JSON_ENCODE_ANY) : 0;
        json_decref(v);
        er_free(copy);
        copy = NULL;
        if (n < 2 || n > cap) {
            w->rc = ENTREL_E_NOMEM;
            break;
        }
        jw_raw(w, out + 1, n - 2);
        a = b;
    }
    jw_str(w, "\"");
    er_free(out);
}

/* ------------------------------------------------------------ fields */

static void field_offset(dw *d, const char *key, size_t byte) {
    jw_field(&d->w, key);
    jw_uint(&d->w, entrel_doc_offset(d->doc, byte, d->opts->offsets));
}

static void field_span(dw *d, size_t start, size_t end) {
    field_offset(d, "start", start);
    field_offset(d, "end", end);
}

static void field_slice(dw *d, const char *key, size_t start, size_t end) {
    jw_field(&d->w, key);
    slice(d, start, end);
}

/* A string field, left out (as jansson leaves it) when it is not valid UTF-8. */
static void field_cstring(dw *d, const char *key, const char *s) {
    size_t n = strlen(s);
    if (!jw_valid(s, n)) return;
    jw_field(&d->w, key);
    jw_string(&d->w, s, n);
}

static void features_object(jw *w, const char *s);

/* Encode atom 'atom' into the memo's buffer, as a string or as a features object. */
static const memo_slot *memo_encode(dw *d, memo_slot *slot, uint32_t key, uint32_t atom,
                                    bool features) {
    if (d->memo_bytes.len > MEMO_BYTES) {
        memset(d->memo, 0, sizeof d->memo);
        d->memo_bytes.len = 0;
    }
    const char *s = doc_atom_str(d->doc, atom);
    size_t at = d->memo_bytes.len, n = strlen(s);
    jw tmp;
    jw_init(&tmp, append, &d->memo_bytes, d->w.line);
    if (features) features_object(&tmp, s);
    else if (jw_valid(s, n)) jw_string(&tmp, s, n);
    jw_flush(&tmp);
    if (tmp.rc != ENTREL_E_OK) {
        if (d->w.rc == ENTREL_E_OK) d->w.rc = tmp.rc;
        return NULL;
    }
    *slot = (memo_slot){key, (uint32_t)at, (uint32_t)(d->memo_bytes.len - at)};
    return slot;
}

/*
** "key": and the atom's value, from the memo when this document wrote it
** before; nothing when the atom is 0, or a string that is not valid UTF-8
** (jansson leaves such a field out).
*/
static void field_memo(dw *d, const char *key, uint32_t atom, bool features) {
    if (atom == 0) return;
    uint32_t k = atom * 2u + 1u + features;
    memo_slot *slot = &d->memo[(k * 0x9E3779B1u) >> 25 & (MEMO_SLOTS - 1)];
    const memo_slot *m = slot->key == k ? slot : memo_encode(d, slot, k, atom, features);
    if (m == NULL || m->len == 0) return;
    jw_field(&d->w, key);
    jw_raw(&d->w, d->memo_bytes.p + m->at, m->len);
}

static void field_atom(dw *d, const char *key, uint32_t atom) { field_memo(d, key, atom, false); }

/* "T12", "R3": an annotation's id. */
static void field_id(dw *d, const char *key, char letter, size_t number) {
    char quote_letter[2] = {'"', letter};
    jw_field(&d->w, key);
    jw_raw(&d->w, quote_letter, 2);
    jw_uint(&d->w, number);
    jw_raw(&d->w, "\"", 1);
}

/* ------------------------------------------------------------ parts */

/* Element i of an array the document writes. */
typedef void (*element_fn)(dw *d, size_t i);

/* "key": [...], element by element, stopping at the first write error. */
static void write_array(dw *d, const char *key, size_t n, element_fn element) {
    jw *w = &d->w;
    dw_key(d, key);
    jw_str(w, "[");
    for (size_t i = 0; i < n && w->rc == ENTREL_E_OK; i++) {
        if (i) jw_str(w, ",");
        if (!w->line) jw_str(w, "\n    ");
        element(d, i);
    }
    jw_str(w, n && !w->line ? "\n  ]" : "]");
}

static void flags_array(jw *w, unsigned flags) {
    size_t n = 0;
    jw_array_open(w);
    for (unsigned bit = 1; bit <= ENTREL_TF_PARAGRAPH; bit <<= 1)
        if ((flags & bit) && entrel_token_flag_name(bit)) {
            jw_array_next(w, n++);
            jw_string(w, entrel_token_flag_name(bit), strlen(entrel_token_flag_name(bit)));
        }
    jw_array_close(w);
}

static void token_json(dw *d, size_t i) {
    const tok *t = &d->doc->toks.v[i];
    jw_open(&d->w);
    field_span(d, t->start, t->end);
    field_slice(d, "text", t->start, t->end);
    field_cstring(d, "kind", entrel_token_kind_name(t->kind));
    field_cstring(d, "shape", doc_atom_str(d->doc, t->shape));
    field_cstring(d, "norm", doc_atom_str(d->doc, t->norm));
    field_cstring(d, "fold", doc_atom_str(d->doc, t->fold));
    field_atom(d, "stem", t->stem);
    jw_field(&d->w, "flags");
    flags_array(&d->w, t->flags);
    jw_close(&d->w);
}

static void sentence_json(dw *d, size_t i) {
    const sent *s = &d->doc->sents.v[i];
    jw *w = &d->w;
    jw_open(w);
    field_span(d, s->start, s->end);
    jw_field(w, "tokens");
    jw_array_open(w);
    jw_uint(w, s->first);
    jw_array_next(w, 1);
    jw_uint(w, s->last);
    jw_array_close(w);
    field_slice(d, "text", s->start, s->end);
    jw_close(w);
}

/* One "key=value" of a features string: where its key and value lie. */
typedef struct feature {
    const char *key, *value;
    size_t key_len, value_len;
} feature;

/* The next "key=value" from s; false at the end.  Keys are cut at 127 bytes. */
static bool next_feature(const char **s, feature *f) {
    while (**s) {
        const char *semi = strchr(*s, ';'), *item = *s;
        size_t n = semi ? (size_t)(semi - item) : strlen(item);
        const char *eq = memchr(item, '=', n);
        *s += n + (semi != NULL);
        if (eq == NULL) continue;
        size_t kn = (size_t)(eq - item);
        *f = (feature){item, eq + 1, kn < 127 ? kn : 127, n - kn - 1};
        return true;
    }
    return false;
}

static bool feature_ok(const feature *f) {
    return jw_valid(f->key, f->key_len) && jw_valid(f->value, f->value_len);
}

static bool same_key(const feature *a, const feature *b) {
    return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

/*
** "key=value;key=value" as a JSON object.  A key given twice keeps its
** first place and its last value, as a jansson object would have it.
*/
static void features_object(jw *w, const char *s) {
    jw_open(w);
    feature f, g;
    for (const char *at = s; next_feature(&at, &f);) {
        bool seen = false;
        for (const char *back = s; !seen && back < f.key && next_feature(&back, &g);)
            seen = g.key < f.key && feature_ok(&g) && same_key(&f, &g);
        if (seen || !feature_ok(&f)) continue;
        for (const char *later = at; next_feature(&later, &g);)
            if (same_key(&f, &g) && feature_ok(&g)) f.value = g.value, f.value_len = g.value_len;
        char key[128];
        memcpy(key, f.key, f.key_len);
        key[f.key_len] = '\0';
        jw_field_string(w, key, f.value, f.value_len);
    }
    jw_close(w);
}

/* An entity's fields; 'id' first when non-zero (a kept entity, not a dropped one). */
static void entity_fields(dw *d, const ann_entity *e, size_t id) {
    if (id) field_id(d, "id", 'T', id);
    field_atom(d, "type", e->type);
    field_span(d, e->start, e->end);
    field_slice(d, "text", e->start, e->end);
    field_atom(d, "value", e->value);
    field_atom(d, "canonical", e->canonical);
    field_atom(d, "kb", e->kb);
    field_atom(d, "source", e->source);
    long from = id && e->from ? doc_entity_starting(d->doc, e->from - 1) : -1;
    if (from >= 0) field_id(d, "from", 'T', (size_t)from + 1);
    field_atom(d, "rule", e->rule);
    field_memo(d, "features", e->features, true);
    if (id) field_id(d, "cluster", 'C', e->cluster + 1);
}

/* A cluster: its id, type, name, and its mentions' ids in text order. */
static void cluster_json(dw *d, size_t i) {
    const entrel_doc *doc = d->doc;
    const ann_cluster *c = &doc->clusters.v[i];
    jw *w = &d->w;
    jw_open(w);
    field_id(d, "id", 'C', i + 1);
    field_atom(d, "type", c->type);
    field_atom(d, "name", c->name);
    jw_field(w, "mentions");
    jw_array_open(w);
    for (size_t e = c->first, k = 0; k < c->size && e < doc->ents.n; e++) {
        if (doc->ents.v[e].cluster != i) continue;
        jw_array_next(w, k++);
        jw_raw(w, "\"T", 2);
        jw_uint(w, e + 1);
        jw_raw(w, "\"", 1);
    }
    jw_array_close(w);
    jw_close(w);
}

static void entity_json(dw *d, size_t i) {
    jw_open(&d->w);
    entity_fields(d, &d->doc->ents.v[i], i + 1);
    jw_close(&d->w);
}

/* Why a candidate was dropped, as a sentence. */
static void drop_reason(dw *d, const ann_dropped *x) {
    /* only an overlap names an entity: a glued candidate names a token, the others nothing */
    const ann_entity *lost = &x->cand,
                     *win = x->why == DROP_OVERLAP ? &d->doc->ents.v[x->winner] : lost;
    char why[128];
    if (x->why == DROP_OVERLAP && win->priority != lost->priority)
        snprintf(why, sizeof why, "overlaps T%u, of higher priority (%d > %d)", x->winner + 1,
                 (int)win->priority, (int)lost->priority);
    else if (x->why == DROP_OVERLAP)
        snprintf(why, sizeof why, win->end - win->start != lost->end - lost->start
                                      ? "overlaps T%u, as high in priority and longer"
                                      : "overlaps T%u, as high in priority, as long, earlier",
                 x->winner + 1);
    else if (x->why == DROP_UNALIGNED)
        snprintf(why, sizeof why, "regex match not aligned with tokens");
    else
        snprintf(why, sizeof why, "its capital comes from a sentence start or a headline, "
                                  "and no other mention backs it");
    jw_field(&d->w, "reason");
    jw_string(&d->w, why, strlen(why));
}

/* "next to the capitalized word "Hilton": part of a longer name" */
static void glued_reason(dw *d, const tok *t) {
    jw *w = &d->w;
    const char *s = (const char *)d->doc->text + t->start;
    size_t n = t->end - t->start, len;
    char *word = d->doc->clean == d->doc->text ? NULL : text_lossy((const uint8_t *)s, n, &len);
    if (word) s = word, n = len;
    json_t *v = json_sprintf("next to the capitalized word \"%.*s\": part of a longer name",
                             (int)n, s);
    er_free(word);
    jw_field(w, "reason");
    jw_value(w, v);
}

static void dropped_json(dw *d, size_t i) {
    const ann_dropped *x = &d->doc->dropped.v[i];
    jw_open(&d->w);
    entity_fields(d, &x->cand, 0);
    if (x->why == DROP_OVERLAP) field_id(d, "lost_to", 'T', x->winner + 1);
    if (x->why == DROP_GLUED) glued_reason(d, &d->doc->toks.v[x->winner]);
    else drop_reason(d, x);
    jw_close(&d->w);
}

static void relation_arg(dw *d, const char *key, const ann_arg *a) {
    jw_field(&d->w, key);
    jw_open(&d->w);
    if (a->ref >= 0) field_id(d, "ref", 'T', (size_t)a->ref + 1);
    field_slice(d, "text", a->start, a->end);
    field_span(d, a->start, a->end);
    jw_close(&d->w);
}

static void relation_json(dw *d, size_t i) {
    const ann_relation *r = &d->doc->rels.v[i];
    jw_open(&d->w);
    field_id(d, "id", 'R', i + 1);
    field_atom(d, "type", r->type);
    relation_arg(d, "head", &r->head);
    relation_arg(d, "tail", &r->tail);
    jw_field(&d->w, "evidence");
    jw_open(&d->w);
    field_span(d, r->ev_start, r->ev_end);
    jw_close(&d->w);
    field_atom(d, "rule", r->rule);
    jw_close(&d->w);
}

static void rule_note_json(dw *d, const doc_rule_error *e) {
    jw_open(&d->w);
    field_atom(d, "rule", e->rule);
    field_cstring(d, "message", e->message);
    jw_close(&d->w);
}

static void rule_error_json(dw *d, size_t i) { rule_note_json(d, &d->doc->rule_errors.v[i]); }
static void rule_warning_json(dw *d, size_t i) { rule_note_json(d, &d->doc->rule_warnings.v[i]); }

static void span_json(dw *d, size_t i) {
    const ann_span *s = &d->doc->spans.v[i];
    jw_open(&d->w);
    field_atom(d, "layer", s->layer);
    field_atom(d, "label", s->label);
    field_span(d, s->start, s->end);
    field_slice(d, "text", s->start, s->end);
    jw_close(&d->w);
}

static void warning_json(dw *d, size_t i) {
    const entrel_warning *x = &d->doc->warnings[i];
    jw *w = &d->w;
    jw_open(w);
    field_cstring(d, "code", entrel_errname(x->code));
    field_cstring(d, "message", entrel_strerror(x->code));
    jw_field(w, "byte");
    jw_uint(w, x->offset);
    jw_field(w, "count");
    jw_uint(w, x->count);
    jw_close(w);
}

/* The caller's meta object, checked before anything is written. */
static json_t *parse_meta(const char *meta_json) {
    json_t *meta = json_loads(meta_json, 0, NULL);
    if (meta != NULL && !json_is_object(meta)) {
        json_decref(meta);
        meta = NULL;
    }
    return meta;
}

/* The document object, its parts in a fixed order. */
static void write_document(dw *d, json_t *meta) {
    const entrel_doc *doc = d->doc;
    unsigned flags = d->opts->flags;
    jw_str(&d->w, "{");
    dw_key(d, "id");
    lossy_string(&d->w, doc->id, strlen(doc->id), false);
    dw_key(d, "lang");
    jw_str(&d->w, "\"");
    jw_str(&d->w, entrel_lang_name(doc->lang));
    jw_str(&d->w, "\"");
    if (doc->nwarnings) write_array(d, "warnings", doc->nwarnings, warning_json);
    if (doc->rule_errors.n) write_array(d, "rule_errors", doc->rule_errors.n, rule_error_json);
    if (doc->rule_warnings.n)
        write_array(d, "rule_warnings", doc->rule_warnings.n, rule_warning_json);
    if (meta) {
        dw_key(d, "meta");
        jw_value(&d->w, meta);
    }
    if (flags & ENTREL_JSON_TEXT) {
        dw_key(d, "text");
        dw_text(d);
    }
    write_array(d, "entities", doc->ents.n, entity_json);
    write_array(d, "relations", doc->rels.n, relation_json);
    write_array(d, "clusters", doc->clusters.n, cluster_json);
    if (flags & ENTREL_JSON_EXPLAIN) write_array(d, "dropped", doc->dropped.n, dropped_json);
    if (doc->spans.n) write_array(d, "spans", doc->spans.n, span_json);
    if (flags & ENTREL_JSON_SENTENCES) write_array(d, "sentences", doc->sents.n, sentence_json);
    if (flags & ENTREL_JSON_TOKENS) write_array(d, "tokens", doc->toks.n, token_json);
    jw_str(&d->w, d->w.line ? "}\n" : "\n}\n");
}

ENTREL_API void entrel_json_options_init(entrel_json_options *opts) {
    memset(opts, 0, sizeof *opts);
    opts->flags = ENTREL_JSON_TEXT;
    opts->offsets = ENTREL_OFFSET_CODEPOINT;
}

ENTREL_API int entrel_doc_write_json(entrel_doc *doc,
                                     const entrel_json_options *opts,
                                     entrel_write_fn write, void *ctx) {
    entrel_json_options defaults;
    if (opts == NULL) {
        entrel_json_options_init(&defaults);
        opts = &defaults;
    }
    if (doc == NULL || write == NULL) return ENTREL_E_INVALID_ARG;
    json_t *meta = opts->meta_json ? parse_meta(opts->meta_json) : NULL;
    if (opts->meta_json && meta == NULL) return ENTREL_E_INVALID_ARG;
    dw *d = er_malloc(sizeof *d);
    if (d == NULL) {
        json_decref(meta);
        return ENTREL_E_NOMEM;
    }
    *d = (dw){.doc = doc, .opts = opts, .first_key = true};
    jw_init(&d->w, write, ctx, (opts->flags & ENTREL_JSON_LINE) != 0);
    write_document(d, meta);
    jw_flush(&d->w);
    int rc = d->w.rc;
    er_free(d->memo_bytes.p);
    er_free(d);
    return rc;
}

static int append(const char *buf, size_t len, void *ctx) {
    membuf *m = ctx;
    if (!vec_grow((void **)&m->p, &m->cap, m->len + len + 1, 1)) return -1;
    memcpy(m->p + m->len, buf, len);
    m->len += len;
    m->p[m->len] = '\0';
    return 0;
}

ENTREL_API char *entrel_doc_to_json(entrel_doc *doc,
                                    const entrel_json_options *opts) {
    membuf m = {0};
    if (entrel_doc_write_json(doc, opts, append, &m) != ENTREL_E_OK) {
        er_free(m.p);
        return NULL;
    }
    return m.p;
}
