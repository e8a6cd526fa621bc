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

#define TEXT_CHUNK 65536

typedef struct jw {
    entrel_doc *doc;
    const entrel_json_options *opts;
    entrel_write_fn write;
    void *ctx;
    int rc;
    bool line;                /* JSONL: compact, one line */
    bool first_key;
    size_t len;
    char buf[8192];
} jw;

static void jw_flush(jw *w) {
    if (w->len && w->rc == ENTREL_E_OK && w->write(w->buf, w->len, w->ctx) != 0)
        w->rc = ENTREL_E_IO;
    w->len = 0;
}

static void jw_raw(jw *w, const char *s, size_t n) {
    if (w->rc != ENTREL_E_OK) return;
    if (n > sizeof w->buf - w->len) {
        jw_flush(w);
        if (n > sizeof w->buf) {
            if (w->rc == ENTREL_E_OK && w->write(s, n, w->ctx) != 0) w->rc = ENTREL_E_IO;
            return;
        }
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void jw_str(jw *w, const char *s) { jw_raw(w, s, strlen(s)); }

static int dump_piece(const char *buffer, size_t size, void *data) {
    jw_raw(data, buffer, size);
    return ((jw *)data)->rc == ENTREL_E_OK ? 0 : -1;
}

/* Encode 'v' (any JSON value) and release it. */
static void jw_value(jw *w, json_t *v) {
    if (v == NULL) {
        if (w->rc == ENTREL_E_OK) w->rc = ENTREL_E_NOMEM;
        return;
    }
    size_t flags = JSON_ENCODE_ANY | (w->line ? JSON_COMPACT : 0);
    /* Most values fit the buffer: encoded there in one call, not piece by piece. */
    if (w->rc == ENTREL_E_OK && sizeof w->buf - w->len < 1024) jw_flush(w);
    size_t room = sizeof w->buf - w->len;
    size_t n = w->rc == ENTREL_E_OK ? json_dumpb(v, w->buf + w->len, room, flags) : 0;
    if (n > 0 && n <= room)
        w->len += n;
    else if (w->rc == ENTREL_E_OK && json_dump_callback(v, dump_piece, w, flags) != 0 &&
             w->rc == ENTREL_E_OK)
        w->rc = ENTREL_E_NOMEM;
    json_decref(v);
}

static void jw_key(jw *w, const char *key) {
    if (!w->first_key) jw_str(w, ",");
    w->first_key = false;
    jw_str(w, w->line ? "\"" : "\n  \"");
    jw_str(w, key);
    jw_str(w, w->line ? "\":" : "\": ");
}

static void jw_item(jw *w, size_t i) {
    if (i) jw_str(w, ",");
    if (!w->line) jw_str(w, "\n    ");
}

static void jw_close_array(jw *w, size_t n) {
    jw_str(w, n && !w->line ? "\n  ]" : "]");
}

/* ------------------------------------------------------------ strings */

/*
** Bytes that may not be valid UTF-8 (a document's text, an id made from a
** file name) as a JSON string: each invalid byte becomes one U+FFFD, so
** code-point offsets still count one per byte.
*/
static json_t *lossy_string(const char *s, size_t n, bool known_valid) {
    if (known_valid) return json_stringn_nocheck(s, n);
    size_t len;
    char *copy = text_lossy((const uint8_t *)s, n, &len);
    if (copy == NULL) return NULL;
    json_t *v = json_stringn_nocheck(copy, len);
    free(copy);
    return v;
}

/* The document's bytes start..end as a JSON string value. */
static json_t *slice(const entrel_doc *doc, size_t start, size_t end) {
    return lossy_string((const char *)doc->text + start, end - start,
                        doc->clean == doc->text);
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
static void jw_text(jw *w) {
    const entrel_doc *doc = w->doc;
    /* Worst case: every byte a control character, escaped as \u00XX. */
    size_t cap = (doc->len < TEXT_CHUNK ? doc->len : TEXT_CHUNK) * 6 + 8;
    char *out = malloc(cap);
    if (out == NULL) {
        w->rc = ENTREL_E_NOMEM;
        return;
    }
    jw_str(w, "\"");
    for (size_t a = 0; a < doc->len && w->rc == ENTREL_E_OK;) {
        size_t b = a + TEXT_CHUNK >= doc->len ? doc->len
                                             : char_start(doc->clean, a + TEXT_CHUNK);
        if (b <= a) b = a + TEXT_CHUNK;
        json_t *v = slice(doc, a, b);
        size_t n = v ? json_dumpb(v, out, cap, JSON_ENCODE_ANY) : 0;
        json_decref(v);
        if (n < 2 || n > cap) {
            w->rc = ENTREL_E_NOMEM;
            break;
        }
        jw_raw(w, out + 1, n - 2);
        a = b;
    }
    jw_str(w, "\"");
    free(out);
}

/* ------------------------------------------------------------ parts */

static json_t *offset(jw *w, size_t byte) {
    return json_integer((json_int_t)entrel_doc_offset(w->doc, byte, w->opts->offsets));
}

static void set_span(jw *w, json_t *o, size_t start, size_t end) {
    json_object_set_new(o, "start", offset(w, start));
    json_object_set_new(o, "end", offset(w, end));
}

static void set_atom(jw *w, json_t *o, const char *key, uint32_t atom) {
    if (atom) json_object_set_new(o, key, json_string(doc_atom_str(w->doc, atom)));
}

static json_t *flags_array(unsigned flags) {
    json_t *a = json_array();
    for (unsigned bit = 1; bit <= ENTREL_TF_PARAGRAPH && a; bit <<= 1)
        if ((flags & bit) && entrel_token_flag_name(bit))
            json_array_append_new(a, json_string(entrel_token_flag_name(bit)));
    return a;
}

/* Element i of an array the document writes. */
typedef json_t *(*element_fn)(jw *w, size_t i);

/* "key": [...], element by element, stopping at the first write error. */
static void write_array(jw *w, const char *key, size_t n, element_fn element) {
    jw_key(w, key);
    jw_str(w, "[");
    for (size_t i = 0; i < n && w->rc == ENTREL_E_OK; i++) {
        jw_item(w, i);
        jw_value(w, element(w, i));
    }
    jw_close_array(w, n);
}

static json_t *token_json(jw *w, size_t i) {
    const entrel_doc *doc = w->doc;
    const tok *t = &doc->toks.v[i];
    json_t *o = json_object();
    set_span(w, o, t->start, t->end);
    json_object_set_new(o, "text", slice(doc, t->start, t->end));
    json_object_set_new(o, "kind", json_string(entrel_token_kind_name(t->kind)));
    json_object_set_new(o, "shape", json_string(doc_atom_str(doc, t->shape)));
    json_object_set_new(o, "norm", json_string(doc_atom_str(doc, t->norm)));
    json_object_set_new(o, "fold", json_string(doc_atom_str(doc, t->fold)));
    set_atom(w, o, "stem", t->stem);
    json_object_set_new(o, "flags", flags_array(t->flags));
    return o;
}

static json_t *sentence_json(jw *w, size_t i) {
    const sent *s = &w->doc->sents.v[i];
    json_t *o = json_object();
    set_span(w, o, s->start, s->end);
    json_object_set_new(o, "tokens", json_pack("[ii]", (json_int_t)s->first,
                                               (json_int_t)s->last));
    json_object_set_new(o, "text", slice(w->doc, s->start, s->end));
    return o;
}

/* "key=value;key=value" as a JSON object. */
static json_t *features_object(const char *s) {
    json_t *o = json_object();
    while (o && *s) {
        const char *semi = strchr(s, ';');
        size_t n = semi ? (size_t)(semi - s) : strlen(s);
        const char *eq = memchr(s, '=', n);
        if (eq) {
            char key[128];
            size_t kn = (size_t)(eq - s) < sizeof key - 1 ? (size_t)(eq - s) : sizeof key - 1;
            memcpy(key, s, kn);
            key[kn] = '\0';
            json_object_set_new(o, key, json_stringn(eq + 1, n - kn - 1));
        }
        s += n + (semi != NULL);
    }
    return o;
}

/* An entity's object; 'id' first when given (a kept entity, not a dropped one). */
static json_t *entity_object(jw *w, const ann_entity *e, const char *id) {
    json_t *o = json_object();
    if (id) json_object_set_new(o, "id", json_string(id));
    set_atom(w, o, "type", e->type);
    set_span(w, o, e->start, e->end);
    json_object_set_new(o, "text", slice(w->doc, e->start, e->end));
    set_atom(w, o, "canonical", e->canonical);
    set_atom(w, o, "kb", e->kb);
    set_atom(w, o, "source", e->source);
    set_atom(w, o, "rule", e->rule);
    if (e->features) json_object_set_new(o, "features",
                                         features_object(doc_atom_str(w->doc, e->features)));
    return o;
}

/* Why a candidate lost to the entity that covers part of it. */
static json_t *drop_reason(const ann_entity *win, const ann_entity *lost, size_t winner) {
    uint32_t lw = win->end - win->start, ll = lost->end - lost->start;
    if (win->priority != lost->priority)
        return json_sprintf("overlaps T%zu, of higher priority (%d > %d)", winner + 1,
                            (int)win->priority, (int)lost->priority);
    if (lw != ll)
        return json_sprintf("overlaps T%zu, as high in priority and longer", winner + 1);
    return json_sprintf("overlaps T%zu, as high in priority, as long, earlier", winner + 1);
}

static json_t *dropped_json(jw *w, size_t i) {
    const ann_dropped *d = &w->doc->dropped.v[i];
    json_t *o = entity_object(w, &d->cand, NULL);
    if (d->why == DROP_OVERLAP) {
        json_object_set_new(o, "lost_to", json_sprintf("T%u", d->winner + 1));
        json_object_set_new(o, "reason", drop_reason(&w->doc->ents.v[d->winner], &d->cand,
                                                     d->winner));
    } else if (d->why == DROP_GLUED) {
        const tok *t = &w->doc->toks.v[d->winner];
        json_t *word = slice(w->doc, t->start, t->end);
        json_object_set_new(o, "reason", json_sprintf("next to the capitalized word \"%s\": "
                                                      "part of a longer name",
                                                      json_string_value(word)));
        json_decref(word);
    } else if (d->why == DROP_UNALIGNED) {
        json_object_set_new(o, "reason", json_string("regex match not aligned with tokens"));
    } else {
        json_object_set_new(o, "reason",
                            json_string("its capital comes from a sentence start or a "
                                        "headline, and no other mention backs it"));
    }
    return o;
}

static json_t *entity_json(jw *w, size_t i) {
    char id[32];
    snprintf(id, sizeof id, "T%zu", i + 1);
    return entity_object(w, &w->doc->ents.v[i], id);
}

static json_t *relation_arg(jw *w, const ann_arg *a) {
    json_t *o = json_object();
    if (a->ref >= 0) json_object_set_new(o, "ref", json_sprintf("T%d", a->ref + 1));
    json_object_set_new(o, "text", slice(w->doc, a->start, a->end));
    set_span(w, o, a->start, a->end);
    return o;
}

static json_t *relation_json(jw *w, size_t i) {
    const ann_relation *r = &w->doc->rels.v[i];
    json_t *o = json_object();
    json_object_set_new(o, "id", json_sprintf("R%zu", i + 1));
    set_atom(w, o, "type", r->type);
    json_object_set_new(o, "head", relation_arg(w, &r->head));
    json_object_set_new(o, "tail", relation_arg(w, &r->tail));
    json_t *ev = json_object();
    set_span(w, ev, r->ev_start, r->ev_end);
    json_object_set_new(o, "evidence", ev);
    set_atom(w, o, "rule", r->rule);
    return o;
}

static json_t *rule_error_json(jw *w, size_t i) {
    const doc_rule_error *e = &w->doc->rule_errors.v[i];
    json_t *o = json_object();
    set_atom(w, o, "rule", e->rule);
    json_object_set_new(o, "message", json_string(e->message));
    return o;
}

static json_t *span_json(jw *w, size_t i) {
    const ann_span *s = &w->doc->spans.v[i];
    json_t *o = json_object();
    set_atom(w, o, "layer", s->layer);
    set_atom(w, o, "label", s->label);
    set_span(w, o, s->start, s->end);
    json_object_set_new(o, "text", slice(w->doc, s->start, s->end));
    return o;
}

static json_t *warning_json(jw *w, size_t i) {
    const entrel_warning *x = &w->doc->warnings[i];
    return json_pack("{s:s,s:s,s:I,s:I}", "code", entrel_errname(x->code),
                     "message", entrel_strerror(x->code), "byte", (json_int_t)x->offset,
                     "count", (json_int_t)x->count);
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
    jw *w = malloc(sizeof *w);
    if (w == NULL) {
        json_decref(meta);
        return ENTREL_E_NOMEM;
    }
    *w = (jw){.doc = doc, .opts = opts, .write = write, .ctx = ctx,
              .line = (opts->flags & ENTREL_JSON_LINE) != 0, .first_key = true};
    jw_str(w, "{");
    jw_key(w, "id");
    jw_value(w, lossy_string(doc->id, strlen(doc->id), false));
    jw_key(w, "lang");
    jw_value(w, json_string(entrel_lang_name(doc->lang)));
    if (doc->nwarnings) write_array(w, "warnings", doc->nwarnings, warning_json);
    if (doc->rule_errors.n)
        write_array(w, "rule_errors", doc->rule_errors.n, rule_error_json);
    if (meta) {
        jw_key(w, "meta");
        jw_value(w, meta);
    }
    if (opts->flags & ENTREL_JSON_TEXT) {
        jw_key(w, "text");
        jw_text(w);
    }
    write_array(w, "entities", doc->ents.n, entity_json);
    write_array(w, "relations", doc->rels.n, relation_json);
    if (opts->flags & ENTREL_JSON_EXPLAIN)
        write_array(w, "dropped", doc->dropped.n, dropped_json);
    if (doc->spans.n) write_array(w, "spans", doc->spans.n, span_json);
    if (opts->flags & ENTREL_JSON_SENTENCES)
        write_array(w, "sentences", doc->sents.n, sentence_json);
    if (opts->flags & ENTREL_JSON_TOKENS) write_array(w, "tokens", doc->toks.n, token_json);
    jw_str(w, w->line ? "}\n" : "\n}\n");
    jw_flush(w);
    int rc = w->rc;
    free(w);
    return rc;
}

typedef struct membuf {
    char *p;
    size_t len, cap;
} membuf;

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
        free(m.p);
        return NULL;
    }
    return m.p;
}
