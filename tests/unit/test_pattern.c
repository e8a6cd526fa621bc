/*
** test_pattern.c: token patterns: each kind of test, sequences, choices,
** repeats, captures and contexts, leftmost-longest matches that do not
** overlap, the errors a pattern is refused for, and a pattern of many
** optional tokens over a long sentence.
** See LICENSE for copyright and licence.
*/
#include "patfix.h"

static uint32_t capitalized(pt_fixture *f) {
    uint32_t t = patb_token(f->b);
    assert_int_equal(patb_test_number(f->b, t, PF_FLAGS, false, ENTREL_TF_TITLE), ENTREL_E_OK);
    return t;
}

static int collect(const pat_match *m, void *ud) {
    pt_fixture *f = ud;
    size_t len = strlen(f->out);
    const tok *t = f->doc->toks.v;
    snprintf(f->out + len, sizeof f->out - len, "%s[%.*s]", len ? " " : "",
             (int)(t[m->end - 1].end - t[m->start].start),
             (const char *)f->doc->text + t[m->start].start);
    if (m->cap[0][1] > m->cap[0][0]) {
        len = strlen(f->out);
        snprintf(f->out + len, sizeof f->out - len, "{%.*s}",
                 (int)(t[m->cap[0][1] - 1].end - t[m->cap[0][0]].start),
                 (const char *)f->doc->text + t[m->cap[0][0]].start);
    }
    return 0;
}

/* Compile, then run over the whole of 'text' (French) and list the matches. */
static const char *run(pt_fixture *f, uint32_t left, uint32_t core, uint32_t right,
                       const char *text) {
    if (f->p == NULL) {
        f->p = pat_compile(f->b, left, core, right, 1);
        if (f->p == NULL) fail_msg("compile: %s", patb_error(f->b));
        f->session = entrel_session_new(f->engine);
    }
    entrel_doc_free(f->doc);
    assert_int_equal(entrel_session_process(f->session, "t", text, strlen(text), &f->doc),
                     ENTREL_E_OK);
    f->out[0] = '\0';
    pat_input in = {.doc = f->doc};
    assert_int_equal(pat_run(f->p, &in, 0, f->doc->toks.n, &f->scratch, collect, f),
                     ENTREL_E_OK);
    return f->out;
}

static void test_sequence_and_forms(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    /* fold ignores case and accents; norm (lower) keeps accents */
    uint32_t p = pt_group(&f, PN_SEQ, pt_token(&f, PF_NORM, "ministère"), pt_token(&f, PF_FOLD, "des"));
    assert_string_equal(run(&f, UINT32_MAX, p, UINT32_MAX,
                            "Le Ministère DES affaires, le ministere des X, le ministère des Y."),
                        "[Ministère DES] [ministère des]");
    pt_end(&f);
}

static void test_repeat_is_leftmost_longest(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t names = patb_repeat(f.b, capitalized(&f), 1, PAT_INF);
    assert_string_equal(run(&f, UINT32_MAX, names, UINT32_MAX,
                            "selon Vu Le Thai Hoang et Xuan Bac, à Hanoi."),
                        "[Vu Le Thai Hoang] [Xuan Bac] [Hanoi]");
    pt_end(&f);
    pt_begin(&f);
    uint32_t two = patb_repeat(f.b, capitalized(&f), 1, 2);
    assert_string_equal(run(&f, UINT32_MAX, two, UINT32_MAX, "de Aa Bb Cc Dd Ee fin"),
                        "[Aa Bb] [Cc Dd] [Ee]");
    pt_end(&f);
}

static void test_choice_capture_context(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    /* ministère (de|des|du) (Capitalized+) with "le" before it */
    uint32_t de[] = {pt_token(&f, PF_FOLD, "de"), pt_token(&f, PF_FOLD, "des"),
                     pt_token(&f, PF_FOLD, "du")};
    uint32_t choice = patb_group(f.b, PN_ALT, de, 3);
    uint32_t name = patb_capture(f.b, patb_repeat(f.b, capitalized(&f), 1, PAT_INF), 0);
    uint32_t parts[] = {pt_token(&f, PF_FOLD, "ministere"), choice, name};
    uint32_t core = patb_group(f.b, PN_SEQ, parts, 3);
    uint32_t left = pt_token(&f, PF_FOLD, "le");
    assert_string_equal(run(&f, left, core, UINT32_MAX,
                            "le ministère des Affaires étrangères, un ministère du Plan, "
                            "le ministère de Sécurité Publique."),
                        "[ministère des Affaires]{Affaires} "
                        "[ministère de Sécurité Publique]{Sécurité Publique}");
    pt_end(&f);
}

static void test_other_tests(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    int err;
    size_t off;
    pcre2_code *year = pcre2_compile((PCRE2_SPTR) "^(19|20)\\d\\d$", PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
    uint32_t t = patb_token(f.b);
    assert_int_equal(patb_test_regex(f.b, t, false, year), ENTREL_E_OK);
    uint32_t not_first = patb_token(f.b);
    assert_int_equal(patb_test_number(f.b, not_first, PF_FLAGS, true, ENTREL_TF_SENT_START),
                     ENTREL_E_OK);
    uint32_t core = pt_group(&f, PN_SEQ, not_first, t);
    f.p = pat_compile(f.b, UINT32_MAX, core, UINT32_MAX, 0);
    assert_non_null(f.p);
    f.session = entrel_session_new(f.engine);
    const char *text = "En 2001 et en 1850 puis 2024. 2025 aussi.";
    assert_int_equal(entrel_session_process(f.session, "t", text, strlen(text), &f.doc),
                     ENTREL_E_OK);
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    pat_input in = {.doc = f.doc, .md = md};
    assert_int_equal(pat_run(f.p, &in, 0, f.doc->toks.n, &f.scratch, collect, &f),
                     ENTREL_E_OK);
    /* "En" starts the sentence; the run spans both sentences, so ". 2025" is one */
    assert_string_equal(f.out, "[puis 2024] [. 2025]");
    pcre2_match_data_free(md);
    pt_end(&f);
}

static void test_entity_test(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t ent = pt_token(&f, PF_ENTITY, "ORG");
    uint32_t core = pt_group(&f, PN_SEQ, patb_repeat(f.b, ent, 1, PAT_INF), pt_token(&f, PF_FOLD, "et"));
    f.p = pat_compile(f.b, UINT32_MAX, core, UINT32_MAX, 0);
    assert_non_null(f.p);
    f.session = entrel_session_new(f.engine);
    const char *text = "ONU et OTAN et Paris et";
    assert_int_equal(entrel_session_process(f.session, "t", text, strlen(text), &f.doc),
                     ENTREL_E_OK);
    uint32_t types[6] = {0};
    types[0] = types[2] = atoms_find(&f.engine->atoms, "ORG", 3);
    types[4] = atoms_find(&f.engine->atoms, "LOC", 3) + 1000;
    pat_input in = {.doc = f.doc, .entity_type = types};
    assert_int_equal(pat_run(f.p, &in, 0, f.doc->toks.n, &f.scratch, collect, &f),
                     ENTREL_E_OK);
    assert_string_equal(f.out, "[ONU et] [OTAN et]");
    pt_end(&f);
}

static void test_refused(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t opt = patb_repeat(f.b, capitalized(&f), 0, 3);
    assert_null(pat_compile(f.b, UINT32_MAX, opt, UINT32_MAX, 0));
    assert_string_equal(patb_error(f.b), "the pattern can match no token at all");
    uint32_t star = patb_repeat(f.b, capitalized(&f), 1, PAT_INF);
    assert_null(pat_compile(f.b, star, capitalized(&f), UINT32_MAX, 0));
    assert_string_equal(patb_error(f.b), "a left context is at most 16 tokens long");
    assert_int_equal(patb_repeat(f.b, star, 3, 2), UINT32_MAX);
    assert_int_equal(patb_repeat(f.b, star, 0, 65), UINT32_MAX);
    assert_int_equal(patb_capture(f.b, star, 16), UINT32_MAX);
    assert_int_equal(patb_test_number(f.b, star, PF_FLAGS, false, 1), ENTREL_E_INVALID_ARG);
    assert_string_equal(patb_error(f.b), "not a token node");
    /* 64 x 64 copies of a token is more than a program may hold */
    uint32_t big = patb_repeat(f.b, patb_repeat(f.b, capitalized(&f), 64, 64), 64, 64);
    assert_null(pat_compile(f.b, UINT32_MAX, big, UINT32_MAX, 0));
    assert_string_equal(patb_error(f.b), "pattern too large (over 4096 steps once expanded)");
    pt_end(&f);
}

/* Thirty optional words then a capital, over one sentence of 20,000 words. */
static void test_many_optionals(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t opt = patb_repeat(f.b, pt_token(&f, PF_FOLD, "la"), 0, 30);
    uint32_t core = pt_group(&f, PN_SEQ, opt, capitalized(&f));
    size_t n = 20000;
    char *text = malloc(n * 3 + 8);
    for (size_t i = 0; i < n; i++) memcpy(text + 3 * i, "la ", 3);
    memcpy(text + 3 * n, "Fin", 4);
    const char *out = run(&f, UINT32_MAX, core, UINT32_MAX, text);
    /* the thirty "la" before "Fin", and nothing else */
    assert_int_equal(strlen(out), 2 + 30 * 3 + 3);
    free(text);
    pt_end(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sequence_and_forms),
        cmocka_unit_test(test_repeat_is_leftmost_longest),
        cmocka_unit_test(test_choice_capture_context),
        cmocka_unit_test(test_other_tests),
        cmocka_unit_test(test_entity_test),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_many_optionals),
    };
    return cmocka_run_group_tests_name("pattern", tests, NULL, NULL);
}
