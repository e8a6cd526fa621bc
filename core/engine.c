/*
** engine.c: engines, sessions, the pipeline that makes a document, and
** the error and name tables.
** See LICENSE for copyright and licence.
*/
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entrel_int.h"
#include "annotator.h"
#include "plugins.h"
#include "gazetteer.h"


ENTREL_API int entrel_version_number(void) { return ENTREL_VERSION_NUM; }
ENTREL_API const char *entrel_version_string(void) { return ENTREL_VERSION_STRING; }

ENTREL_API const char *entrel_strerror(int code) {
    switch (code) {
#define ENTREL_XX_MSG(name, num, msg) case num: return msg;
        ENTREL_ERRORS(ENTREL_XX_MSG)
#undef ENTREL_XX_MSG
    default: return "unknown error";
    }
}

ENTREL_API const char *entrel_errname(int code) {
    switch (code) {
#define ENTREL_XX_NAME(name, num, msg) case num: return #name;
        ENTREL_ERRORS(ENTREL_XX_NAME)
#undef ENTREL_XX_NAME
    default: return "UNKNOWN";
    }
}


ENTREL_API const char *entrel_lang_name(entrel_lang lang) {
    switch (lang) {
    case ENTREL_LANG_FR: return "fr";
    case ENTREL_LANG_EN: return "en";
    default: return "auto";
    }
}

ENTREL_API int entrel_lang_parse(const char *name) {
    if (name == NULL) return -1;
    if (strcasecmp(name, "fr") == 0) return ENTREL_LANG_FR;
    if (strcasecmp(name, "en") == 0) return ENTREL_LANG_EN;
    if (strcasecmp(name, "auto") == 0) return ENTREL_LANG_AUTO;
    return -1;
}

ENTREL_API int entrel_offset_unit_parse(const char *name) {
    if (name == NULL) return -1;
    if (strcmp(name, "codepoint") == 0 || strcmp(name, "cp") == 0 ||
        strcmp(name, "char") == 0)
        return ENTREL_OFFSET_CODEPOINT;
    if (strcmp(name, "byte") == 0) return ENTREL_OFFSET_BYTE;
    if (strcmp(name, "utf16") == 0) return ENTREL_OFFSET_UTF16;
    return -1;
}

static void set_error(entrel_error *err, int code, const char *msg) {
    if (err == NULL) return;
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", msg);
}

ENTREL_API void entrel_engine_options_init(entrel_engine_options *opts) {
    memset(opts, 0, sizeof *opts);
    opts->lang = ENTREL_LANG_AUTO;
    opts->fallback_lang = ENTREL_LANG_EN;
    opts->mode = ENTREL_TOKENIZE_REFINED;
}

/*
** A session whose interned words sit on 'base'.  Loading uses a session
** with no base: loading adds to the engine's table, and a table on top of
** it would then hand out clashing ids.
*/
static entrel_session *session_make(entrel_engine *e, const atom_table *base) {
    entrel_session *s = er_calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    s->engine = entrel_engine_retain(e);
    atoms_init(&s->atoms, base);
    s->cache_limit = SESSION_CACHE_BYTES;
    s->forms = form_cache_new();
    s->gz_atoms = er_calloc(GZ_ATOM_CACHE, sizeof *s->gz_atoms);
    if (s->forms == NULL || s->gz_atoms == NULL) {
        entrel_session_free(s);
        return NULL;
    }
    return s;
}

entrel_session *engine_loader_session(entrel_engine *e) { return session_make(e, NULL); }

static int add_gazetteer(entrel_engine *e, gazetteer *g) {
    gazetteer **list = er_realloc(e->gz, (e->ngz + 1) * sizeof *list);
    if (list == NULL) return ENTREL_E_NOMEM;
    e->gz = list;
    e->gz[e->ngz++] = g;
    return ENTREL_E_OK;
}

/* The TSV files all go into one gazetteer, built on first need. */
static int load_tsv(entrel_engine *e, entrel_session **loader, const char *path,
                    entrel_error *err) {
    if (e->gz_built == NULL) {
        gazetteer *g = gz_new();
        if (g == NULL || add_gazetteer(e, g) != ENTREL_E_OK) {
            gz_free(g);
            return ENTREL_E_NOMEM;
        }
        e->gz_built = g;
    }
    if (*loader == NULL && (*loader = session_make(e, NULL)) == NULL) return ENTREL_E_NOMEM;
    return gz_load_tsv(e, *loader, e->gz_built, path, err);
}

static int load_compiled(entrel_engine *e, const char *path, entrel_error *err) {
    gazetteer *g;
    int rc = gz_file_map(path, &g, err);
    if (rc == ENTREL_E_OK && (rc = add_gazetteer(e, g)) != ENTREL_E_OK) gz_free(g);
    return rc;
}

int engine_add_gazetteer(entrel_engine *e, const char *path, entrel_error *err) {
    if (gz_file_is_compiled(path)) return load_compiled(e, path, err);
    entrel_session *loader = NULL;
    int rc = load_tsv(e, &loader, path, err);
    entrel_session_free(loader);
    return rc;
}

int engine_add_plugin(entrel_engine *e, const char *path, const char *args, entrel_error *err) {
    return plugins_add(e, &e->plugins, path, args, err);
}

/* The options' gazetteers, then the rule files (which may name more), then seal. */
static int load_engine(entrel_engine *e, entrel_error *err) {
    int rc = ENTREL_E_OK;
    for (size_t i = 0; rc == ENTREL_E_OK && i < e->opts.gazetteer_count; i++)
        rc = engine_add_gazetteer(e, e->opts.gazetteers[i], err);
    if (rc == ENTREL_E_OK && e->opts.plugin_count)
        rc = plugins_load(e, e->opts.plugins, e->opts.plugin_count, &e->plugins, err);
    if (rc == ENTREL_E_OK && e->opts.rule_count) rc = rules_annotator.load(e, &e->rules, err);
    if (rc == ENTREL_E_OK && e->gz_built) rc = gz_finish(e->gz_built);
    return rc;
}

ENTREL_API entrel_engine *entrel_engine_new(const entrel_engine_options *opts,
                                            entrel_error *err) {
    entrel_engine_options defaults;
    if (opts == NULL) {
        entrel_engine_options_init(&defaults);
        opts = &defaults;
    }
    if (opts->lang > ENTREL_LANG_EN || opts->fallback_lang == ENTREL_LANG_AUTO ||
        opts->fallback_lang > ENTREL_LANG_EN) {
        set_error(err, ENTREL_E_BAD_LANG, "language must be fr, en or auto (fallback: fr or en)");
        return NULL;
    }
    if (opts->mode > ENTREL_TOKENIZE_UAX29) {
        set_error(err, ENTREL_E_CONFIG, "unknown tokenizer mode");
        return NULL;
    }
    entrel_engine *e = er_calloc(1, sizeof *e);
    if (e == NULL) {
        set_error(err, ENTREL_E_NOMEM, entrel_strerror(ENTREL_E_NOMEM));
        return NULL;
    }
    atomic_init(&e->refs, 1);
    e->opts = *opts;
    if (e->opts.max_doc_bytes == 0 || e->opts.max_doc_bytes > ENTREL_MAX_DOC_BYTES)
        e->opts.max_doc_bytes = ENTREL_MAX_DOC_BYTES;
    atoms_init(&e->atoms, NULL);
    if (err) set_error(err, ENTREL_E_OK, "");
    int rc = load_engine(e, err);
    if (rc != ENTREL_E_OK) {
        if (err && err->code == ENTREL_E_OK) set_error(err, rc, entrel_strerror(rc));
        entrel_engine_free(e);
        return NULL;
    }
    return e;
}

ENTREL_API entrel_engine *entrel_engine_retain(entrel_engine *engine) {
    if (engine) atomic_fetch_add_explicit(&engine->refs, 1, memory_order_relaxed);
    return engine;
}

/* The last reference gone (the caller's, sessions', retains'), the engine goes. */
ENTREL_API void entrel_engine_free(entrel_engine *engine) {
    if (engine == NULL || atomic_fetch_sub_explicit(&engine->refs, 1, memory_order_acq_rel) != 1)
        return;
    if (engine->rules) rules_annotator.unload(engine->rules);
    plugins_free(engine->plugins);
    for (size_t i = 0; i < engine->ngz; i++) gz_free(engine->gz[i]);
    er_free(engine->gz);
    atoms_free(&engine->atoms);
    er_free(engine);
}

ENTREL_API int entrel_engine_write_gazetteer(const entrel_engine *engine,
                                             const char *path, entrel_error *err) {
    if (engine == NULL || path == NULL || engine->gz_built == NULL) {
        set_error(err, ENTREL_E_INVALID_ARG, "no gazetteer was loaded from a TSV file");
        return ENTREL_E_INVALID_ARG;
    }
    return gz_file_write(engine->gz_built, path, err);
}

ENTREL_API int entrel_gazetteer_verify(const char *path, entrel_error *err) {
    if (path == NULL) return ENTREL_E_INVALID_ARG;
    return gz_file_verify(path, err);
}

ENTREL_API entrel_session *entrel_session_new(entrel_engine *engine) {
    entrel_session *s = engine ? session_make(engine, &engine->atoms) : NULL;
    if (s && engine->rules && rules_annotator.open(engine->rules, s, &s->rules) != ENTREL_E_OK) {
        entrel_session_free(s);
        return NULL;
    }
    return s;
}

ENTREL_API void entrel_session_lua_time(const entrel_session *s, uint64_t *calls,
                                        double *seconds) {
    uint64_t n = 0, ns = 0;
    if (s && s->rules) rules_annotator.stats(s->rules, &n, &ns);
    if (calls) *calls = n;
    if (seconds) *seconds = (double)ns / 1e9;
}

ENTREL_API void entrel_session_free(entrel_session *s) {
    if (s == NULL) return;
    if (s->rules) rules_annotator.close(s->rules);
    for (size_t i = 0; i < sizeof s->stemmers / sizeof *s->stemmers; i++)
        if (s->stemmers[i]) sb_stemmer_delete(s->stemmers[i]);
    form_cache_free(s->forms);
    er_free(s->gz_atoms);
    atoms_free(&s->atoms);
    er_free(s->scratch);
    entrel_engine *e = s->engine;
    er_free(s);
    entrel_engine_free(e);              /* its reference: the last one frees the engine */
}

size_t session_cache_bytes(const entrel_session *s) {
    return atoms_bytes(&s->atoms) + form_cache_bytes(s->forms);
}

/*
** Words interned by a session, and the forms cached for them, live until
** no document of it is alive; past the session's byte limit they are all
** dropped, between documents, so that a long stream of new words runs in
** bounded memory.  Nothing a document writes depends on them: atom ids
** never reach the output, and ranking orders the session's own by name.
*/
static void session_trim(entrel_session *s) {
    if (s->live_docs > 0 || session_cache_bytes(s) < s->cache_limit) return;
    atoms_clear(&s->atoms);
    form_cache_clear(s->forms);
    memset(s->gz_atoms, 0, GZ_ATOM_CACHE * sizeof *s->gz_atoms);
}

static void add_warning(entrel_doc *doc, int code, size_t first, size_t count) {
    if (count == 0 || doc->nwarnings == DOC_MAX_WARNINGS) return;
    doc->warnings[doc->nwarnings++] = (entrel_warning){code, first, count};
}

/* Copy the text, check it, and make the clean copy when needed. */
static int doc_load_text(entrel_doc *doc, const char *text, size_t len) {
    doc->text = er_malloc(len + 1);
    if (doc->text == NULL) return ENTREL_E_NOMEM;
    if (len) memcpy(doc->text, text, len);
    doc->text[len] = '\0';
    doc->len = len;
    doc->clean = doc->text;
    text_report rep;
    text_check(doc->text, len, &rep);
    add_warning(doc, ENTREL_E_BAD_UTF8, rep.bad_first, rep.bad_count);
    add_warning(doc, ENTREL_E_NUL_BYTE, rep.nul_first, rep.nul_count);
    if (rep.bad_count) {
        doc->clean = text_sanitize(doc->text, len);
        if (doc->clean == NULL) return ENTREL_E_NOMEM;
    }
    return ENTREL_E_OK;
}

/*
** Tokens, sentences, then the annotators, overlaps resolved after each;
** then later mentions of the names found, relations and clusters.
*/
static int run_pipeline(entrel_doc *doc) {
    const entrel_engine *e = doc->session->engine;
    const entrel_engine_options *o = &e->opts;
    doc->lang = o->lang != ENTREL_LANG_AUTO
                    ? o->lang
                    : lang_detect((const char *)doc->clean, doc->len, o->fallback_lang);
    if (o->mode == ENTREL_TOKENIZE_UAX29) return tok_uax29(doc);
    int rc = tok_document(doc);
    if (rc == ENTREL_E_OK) rc = sent_split(doc);
    for (size_t i = 0; rc == ENTREL_E_OK && i < e->ngz; i++) rc = gz_match(e->gz[i], (unsigned)i, doc);
    if (rc == ENTREL_E_OK && e->plugins) rc = plugins_entities(e->plugins, doc);
    if (rc == ENTREL_E_OK) rc = resolve_entities(doc);
    if (rc == ENTREL_E_OK && doc->session->rules) {
        /* rules see the lists' and plugins' entities, then all candidates are weighed again */
        rc = rules_annotator.entities(doc->session->rules, doc);
        if (rc == ENTREL_E_OK) rc = resolve_entities(doc);
    }
    bool later = false;               /* surnames after the full names settled so far */
    if (rc == ENTREL_E_OK) rc = propagate_names(doc, &later);
    if (rc == ENTREL_E_OK && later) rc = resolve_entities(doc);
    if (rc == ENTREL_E_OK && e->plugins) rc = plugins_relations(e->plugins, doc);
    if (rc == ENTREL_E_OK && doc->session->rules)
        rc = rules_annotator.relations(doc->session->rules, doc);
    if (rc == ENTREL_E_OK) rc = cluster_mentions(doc);
    return rc;
}

/*
** A document holding a copy of the text, checked; NULL in '*out' on
** failure.  'limit' is the largest text accepted.
*/
static int doc_new(entrel_session *session, const char *id, const char *text,
                   size_t len, size_t limit, entrel_doc **out) {
    *out = NULL;
    if (session == NULL || (text == NULL && len > 0)) return ENTREL_E_INVALID_ARG;
    if (len > limit) return ENTREL_E_TOO_LARGE;
    session_trim(session);
    entrel_doc *doc = er_calloc(1, sizeof *doc);
    if (doc == NULL) return ENTREL_E_NOMEM;
    doc->session = session;
    session->live_docs++;
    arena_init(&doc->mem);
    const char *name = id ? id : "";
    doc->id = arena_strndup(&doc->mem, name, strlen(name));
    int rc = doc->id ? doc_load_text(doc, text, len) : ENTREL_E_NOMEM;
    if (rc != ENTREL_E_OK) {
        entrel_doc_free(doc);
        return rc;
    }
    *out = doc;
    return ENTREL_E_OK;
}

ENTREL_API int entrel_date_valid(const char *s) {
    if (s == NULL) return 0;
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10) return false;
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    int month = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
    int day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

ENTREL_API int entrel_session_process(entrel_session *session, const char *id,
                                      const char *text, size_t len,
                                      entrel_doc **out) {
    return entrel_session_process_with(session, id, text, len, NULL, out);
}

ENTREL_API int entrel_session_process_with(entrel_session *session, const char *id,
                                           const char *text, size_t len,
                                           const entrel_doc_options *opts, entrel_doc **out) {
    if (out == NULL) return ENTREL_E_INVALID_ARG;
    *out = NULL;
    if (opts && opts->date && !entrel_date_valid(opts->date)) return ENTREL_E_INVALID_ARG;
    size_t limit = session ? session->engine->opts.max_doc_bytes : 0;
    int rc = doc_new(session, id, text, len, limit, out);
    if (rc == ENTREL_E_OK && opts && opts->date &&
        ((*out)->date = arena_strndup(&(*out)->mem, opts->date, strlen(opts->date))) == NULL)
        rc = ENTREL_E_NOMEM;
    if (rc == ENTREL_E_OK) rc = run_pipeline(*out);
    if (rc != ENTREL_E_OK && *out) {
        entrel_doc_free(*out);
        *out = NULL;
    }
    return rc;
}

/* Loading is not bound by the documents' size limit. */
int session_tokenize(entrel_session *s, const char *text, size_t len,
                     entrel_lang lang, entrel_doc **out) {
    int rc = doc_new(s, "", text, len, ENTREL_MAX_DOC_BYTES, out);
    if (rc != ENTREL_E_OK) return rc;
    (*out)->lang = lang;
    if ((rc = tok_document(*out)) != ENTREL_E_OK) {
        entrel_doc_free(*out);
        *out = NULL;
    }
    return rc;
}

ENTREL_API void entrel_doc_free(entrel_doc *doc) {
    if (doc == NULL) return;
    doc->session->live_docs--;
    if (doc->clean != doc->text) er_free((void *)doc->clean);
    er_free(doc->text);
    er_free(doc->toks.v);
    er_free(doc->sents.v);
    er_free(doc->ents.v);
    er_free(doc->cands.v);
    er_free(doc->dropped.v);
    er_free(doc->rels.v);
    er_free(doc->clusters.v);
    er_free(doc->spans.v);
    er_free(doc->rule_errors.v);
    er_free(doc->rule_warnings.v);
    for (size_t i = 0; i < 3; i++) er_free(doc->index[i]);
    arena_free(&doc->mem);
    er_free(doc);
}
