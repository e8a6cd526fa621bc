/*
** helpers.h: what the unit tests share: a document made from a C string
** in one call, and token texts joined for one-line comparisons.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_TEST_HELPERS_H
#define ENTREL_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "entrel.h"
#include "entrel_int.h"

typedef struct fixture {
    entrel_engine *engine;
    entrel_session *session;
    entrel_doc *doc;
} fixture;

static inline entrel_doc *make_doc_n(fixture *f, entrel_lang lang,
                                     entrel_tokenizer_mode mode,
                                     const char *text, size_t len) {
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.lang = lang;
    o.mode = mode;
    f->engine = entrel_engine_new(&o, NULL);
    assert_non_null(f->engine);
    f->session = entrel_session_new(f->engine);
    assert_non_null(f->session);
    assert_int_equal(entrel_session_process(f->session, "t", text, len, &f->doc),
                     ENTREL_E_OK);
    return f->doc;
}

static inline entrel_doc *make_doc(fixture *f, entrel_lang lang, const char *text) {
    return make_doc_n(f, lang, ENTREL_TOKENIZE_REFINED, text, strlen(text));
}

/* An engine with the one plugin 'spec' (and nothing else), in language 'lang'. */
static inline entrel_engine *engine_with_plugin(const char *spec, entrel_lang lang) {
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.plugins = &spec;
    o.plugin_count = 1;
    o.lang = lang;
    entrel_error err;
    entrel_engine *e = entrel_engine_new(&o, &err);
    if (e == NULL) fail_msg("%s: %s", err.file, err.message);
    return e;
}

static inline void fixture_free(fixture *f) {
    entrel_doc_free(f->doc);
    entrel_session_free(f->session);
    entrel_engine_free(f->engine);
    memset(f, 0, sizeof *f);
}

/* Token texts joined by " | ", in a static buffer. */
static inline const char *joined_tokens(const entrel_doc *doc) {
    static char buf[4096];
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < entrel_doc_token_count(doc); i++) {
        entrel_token t;
        entrel_doc_token(doc, i, &t);
        int w = snprintf(buf + len, sizeof buf - len, "%s%.*s", i ? " | " : "",
                         (int)(t.end - t.start), t.text);
        if (w < 0 || (size_t)w >= sizeof buf - len) break;
        len += (size_t)w;
    }
    return buf;
}

/* Index of the first token whose text is 'text', or -1. */
static inline long find_token(const entrel_doc *doc, const char *text) {
    for (size_t i = 0; i < entrel_doc_token_count(doc); i++) {
        entrel_token t;
        entrel_doc_token(doc, i, &t);
        if (t.end - t.start == strlen(text) && memcmp(t.text, text, strlen(text)) == 0)
            return (long)i;
    }
    return -1;
}

static inline entrel_token token_at(const entrel_doc *doc, long i) {
    entrel_token t;
    assert_true(i >= 0);
    assert_int_equal(entrel_doc_token(doc, (size_t)i, &t), ENTREL_E_OK);
    return t;
}

#endif
