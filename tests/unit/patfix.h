/*
** patfix.h: what the pattern tests share: an engine whose atom table a
** pattern builder interns into, the program it compiles, and a session,
** a document and VM scratch to run it with.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_TEST_PATFIX_H
#define ENTREL_TEST_PATFIX_H

#include "helpers.h"
#include "pattern.h"

typedef struct pt_fixture {
    entrel_engine *engine;
    pat_builder *b;
    pat_program *p;
    entrel_session *session;
    entrel_doc *doc;
    void *scratch;
    char out[1024];                            /* test_pattern: the matches, as text */
    uint64_t words[PAT_MAX_SUMMARY_WORDS];     /* test_patneed: a summary's bits */
} pt_fixture;

static inline void pt_begin(pt_fixture *f) {
    memset(f, 0, sizeof *f);
    f->engine = entrel_engine_new(NULL, NULL);
    assert_non_null(f->engine);
    f->b = patb_new(&f->engine->atoms);
    assert_non_null(f->b);
}

static inline void pt_end(pt_fixture *f) {
    entrel_doc_free(f->doc);
    entrel_session_free(f->session);
    pat_free(f->p);
    patb_free(f->b);
    free(f->scratch);
    entrel_engine_free(f->engine);
}

/* A token node with one string test. */
static inline uint32_t pt_token(pt_fixture *f, pat_field field, const char *value) {
    uint32_t t = patb_token(f->b);
    assert_int_equal(patb_test_strings(f->b, t, field, false, &value, 1), ENTREL_E_OK);
    return t;
}

/* A sequence or a choice of two nodes. */
static inline uint32_t pt_group(pt_fixture *f, pat_op op, uint32_t a, uint32_t b) {
    uint32_t kids[] = {a, b};
    return patb_group(f->b, op, kids, 2);
}

#endif
