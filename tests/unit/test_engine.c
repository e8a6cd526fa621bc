/*
** test_engine.c: engines and sessions: options checks, the error table,
** names, size limits, NULL handling, and documents alive side by side.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

static void test_errors_table(void **state) {
    (void)state;
    assert_string_equal(entrel_errname(ENTREL_E_BAD_UTF8), "BAD_UTF8");
    assert_string_equal(entrel_strerror(ENTREL_E_OK), "success");
    assert_string_equal(entrel_strerror(ENTREL_E_TOO_LARGE),
                        "document is larger than the size limit");
    assert_string_equal(entrel_strerror(12345), "unknown error");
    assert_string_equal(entrel_errname(-999), "UNKNOWN");
    for (int code = 0; code > ENTREL_E_LAST; code--)
        assert_string_not_equal(entrel_strerror(code), "unknown error");
}

static void test_names(void **state) {
    (void)state;
    assert_int_equal(entrel_version_number(), ENTREL_VERSION_NUM);
    assert_string_equal(entrel_version_string(), ENTREL_VERSION_STRING);
    assert_int_equal(entrel_lang_parse("FR"), ENTREL_LANG_FR);
    assert_int_equal(entrel_lang_parse("auto"), ENTREL_LANG_AUTO);
    assert_int_equal(entrel_lang_parse("de"), -1);
    assert_int_equal(entrel_lang_parse(NULL), -1);
    assert_string_equal(entrel_lang_name(ENTREL_LANG_EN), "en");
    assert_int_equal(entrel_offset_unit_parse("utf16"), ENTREL_OFFSET_UTF16);
    assert_int_equal(entrel_offset_unit_parse("cp"), ENTREL_OFFSET_CODEPOINT);
    assert_int_equal(entrel_offset_unit_parse("utf-32"), -1);
}

static void test_bad_options(void **state) {
    (void)state;
    entrel_engine_options o;
    entrel_error err;
    entrel_engine_options_init(&o);
    o.fallback_lang = ENTREL_LANG_AUTO;
    assert_null(entrel_engine_new(&o, &err));
    assert_int_equal(err.code, ENTREL_E_BAD_LANG);
    assert_true(strlen(err.message) > 0);
    entrel_engine_options_init(&o);
    o.lang = (entrel_lang)7;
    assert_null(entrel_engine_new(&o, NULL));
    entrel_engine_options_init(&o);
    o.mode = (entrel_tokenizer_mode)5;
    assert_null(entrel_engine_new(&o, &err));
    assert_int_equal(err.code, ENTREL_E_CONFIG);
}

static void test_limits_and_nulls(void **state) {
    (void)state;
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.max_doc_bytes = 10;
    entrel_engine *e = entrel_engine_new(&o, NULL);
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc = (entrel_doc *)1;
    assert_int_equal(entrel_session_process(s, "big", "0123456789A", 11, &doc),
                     ENTREL_E_TOO_LARGE);
    assert_null(doc);
    assert_int_equal(entrel_session_process(s, "ok", "0123456789", 10, &doc), ENTREL_E_OK);
    entrel_doc_free(doc);
    assert_int_equal(entrel_session_process(s, "x", NULL, 3, &doc), ENTREL_E_INVALID_ARG);
    assert_int_equal(entrel_session_process(NULL, "x", "a", 1, &doc), ENTREL_E_INVALID_ARG);
    assert_int_equal(entrel_session_process(s, "x", "a", 1, NULL), ENTREL_E_INVALID_ARG);
    assert_int_equal(entrel_session_process(s, NULL, NULL, 0, &doc), ENTREL_E_OK);
    assert_string_equal(entrel_doc_id(doc), "");
    assert_int_equal(entrel_doc_token_count(doc), 0);
    entrel_doc_free(doc);
    assert_null(entrel_session_new(NULL));
    entrel_doc_free(NULL);
    entrel_session_free(NULL);
    entrel_engine_free(NULL);
    entrel_free(NULL);
    entrel_session_free(s);
    entrel_engine_free(e);
}

/* Documents of one session stay valid side by side, in any free order. */
static void test_live_documents(void **state) {
    (void)state;
    entrel_engine *e = entrel_engine_new(NULL, NULL);
    entrel_session *s = entrel_session_new(e);
    entrel_doc *a, *b;
    assert_int_equal(entrel_session_process(s, "a", "Hanoï et Vienne", 16, &a), ENTREL_E_OK);
    assert_int_equal(entrel_session_process(s, "b", "Vienna and Hanoi", 16, &b), ENTREL_E_OK);
    entrel_token t;
    entrel_doc_token(a, 0, &t);
    assert_string_equal(t.fold, "hanoi");
    entrel_doc_free(b);
    entrel_doc_token(a, 2, &t);
    assert_string_equal(t.norm, "vienne");
    entrel_doc_free(a);
    entrel_session_free(s);
    entrel_engine_free(e);
}

/* An engine the caller let go of lives on in its session, then goes with it. */
static void test_references(void **state) {
    (void)state;
    entrel_engine *e = entrel_engine_new(NULL, NULL);
    entrel_session *s = entrel_session_new(e);
    assert_int_equal(atomic_load(&e->refs), 2);
    assert_ptr_equal(entrel_engine_retain(e), e);
    assert_int_equal(atomic_load(&e->refs), 3);
    entrel_engine_free(e);
    entrel_engine_free(e);                      /* the caller's: the session still holds it */
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "d", "Encore ici.", 11, &doc), ENTREL_E_OK);
    assert_int_equal(entrel_doc_token_count(doc), 3);
    entrel_doc_free(doc);
    entrel_session_free(s);                     /* and now the engine (ASan and valgrind watch) */
    assert_null(entrel_engine_retain(NULL));
}

/* A slot: takers keep the engine they took while a new one is put in. */
static void test_slot(void **state) {
    (void)state;
    entrel_engine *first = entrel_engine_new(NULL, NULL), *second = entrel_engine_new(NULL, NULL);
    entrel_slot *slot = entrel_slot_new(first);
    entrel_engine *taken = entrel_slot_engine(slot);
    assert_ptr_equal(taken, first);
    entrel_slot_put(slot, second);
    assert_int_equal(atomic_load(&first->refs), 1);          /* the taker's alone */
    entrel_session *s = entrel_session_new(taken);
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "d", "Ici.", 4, &doc), ENTREL_E_OK);
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(taken);                                 /* first goes */
    entrel_engine *now = entrel_slot_engine(slot);
    assert_ptr_equal(now, second);
    entrel_engine_free(now);
    entrel_slot_free(slot);                                    /* second goes */
    assert_null(entrel_slot_engine(NULL));
    entrel_slot_put(NULL, entrel_engine_new(NULL, NULL));    /* freed, not lost */
    entrel_slot_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors_table),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_limits_and_nulls),
        cmocka_unit_test(test_live_documents),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_slot),
    };
    return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
