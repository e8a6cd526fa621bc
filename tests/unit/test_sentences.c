/*
** test_sentences.c: sentence splitting around abbreviations, initials,
** numbers, quotes and line breaks, in French and English.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

typedef struct scase {
    const char *name;
    entrel_lang lang;
    const char *text;
    const char *sentences; /* joined with " || " */
} scase;

static const scase cases[] = {
    {"sent-1.1", ENTREL_LANG_FR, "Le Vietnam signe. L'ONUDC salue.",
     "Le Vietnam signe. || L'ONUDC salue."},
    {"sent-1.2", ENTREL_LANG_FR, "M. Hoang a présidé. Mme Waly aussi.",
     "M. Hoang a présidé. || Mme Waly aussi."},
    {"sent-1.3", ENTREL_LANG_EN, "Mr. Smith met Dr. Jones in the U.S. They talked.",
     "Mr. Smith met Dr. Jones in the U.S. || They talked."},
    {"sent-1.4", ENTREL_LANG_EN, "J. R. R. Tolkien wrote it. It sold.",
     "J. R. R. Tolkien wrote it. || It sold."},
    {"sent-1.5", ENTREL_LANG_FR, "Il a dit : « C'est fini. » Puis il est parti.",
     "Il a dit : « C'est fini. » || Puis il est parti."},
    {"sent-1.6", ENTREL_LANG_FR, "« Pourquoi ? » a-t-il demandé. Rien.",
     "« Pourquoi ? » a-t-il demandé. || Rien."},
    {"sent-1.7", ENTREL_LANG_FR, "La Convention comprend 9 chapitres et 71 articles. Elle entre en vigueur en 2025. Fin",
     "La Convention comprend 9 chapitres et 71 articles. || Elle entre en vigueur en 2025. || Fin"},
    {"sent-1.8", ENTREL_LANG_FR, "Les mesures, etc. sont prévues. Voir p. 12 du rapport.",
     "Les mesures, etc. sont prévues. || Voir p. 12 du rapport."},
    {"sent-1.9", ENTREL_LANG_FR, "Des cadres, etc. Puis la suite.",
     "Des cadres, etc. || Puis la suite."},
    {"sent-2.1", ENTREL_LANG_FR, "Footer Banner Agribank\nFooter Banner LPBank\n\nFin",
     "Footer Banner Agribank || Footer Banner LPBank || Fin"},
    {"sent-2.2", ENTREL_LANG_EN, "The seminar was held\nin Vienna on Monday.",
     "The seminar was held\nin Vienna on Monday."},
    {"sent-2.3", ENTREL_LANG_FR, "1. Introduction\n2. Contexte", "1. Introduction || 2. Contexte"},
    {"sent-2.4", ENTREL_LANG_EN, "What? Really! Yes... Done", "What? || Really! || Yes... || Done"},
    {"sent-2.5", ENTREL_LANG_EN, "He said “stop.” Then left.", "He said “stop.” || Then left."},
    {"sent-2.6", ENTREL_LANG_EN, "Version 3.5 is out. See www.a.org. Bye",
     "Version 3.5 is out. || See www.a.org. || Bye"},
    {"sent-2.7", ENTREL_LANG_EN, "", ""},
    {"sent-2.8", ENTREL_LANG_EN, "no final stop", "no final stop"},
};

static const char *joined_sentences(const entrel_doc *doc) {
    static char buf[2048];
    size_t len = 0, n;
    const char *text = entrel_doc_text(doc, &n);
    buf[0] = '\0';
    for (size_t i = 0; i < entrel_doc_sentence_count(doc); i++) {
        entrel_sentence s;
        entrel_doc_sentence(doc, i, &s);
        int w = snprintf(buf + len, sizeof buf - len, "%s%.*s", i ? " || " : "",
                         (int)(s.end - s.start), text + s.start);
        if (w < 0 || (size_t)w >= sizeof buf - len) break;
        len += (size_t)w;
    }
    return buf;
}

static void test_cases(void **state) {
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fixture f = {0};
        make_doc(&f, cases[i].lang, cases[i].text);
        const char *got = joined_sentences(f.doc);
        if (strcmp(got, cases[i].sentences) != 0) {
            print_error("%s:\n  want: %s\n  got:  %s\n", cases[i].name,
                        cases[i].sentences, got);
            failures++;
        }
        fixture_free(&f);
    }
    assert_int_equal(failures, 0);
}

/* Sentences cover every token once, in order, and flag their first token. */
static void test_cover(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "A b. C d ? E « f. » g\n\nH");
    size_t next = 0;
    for (size_t i = 0; i < entrel_doc_sentence_count(f.doc); i++) {
        entrel_sentence s;
        assert_int_equal(entrel_doc_sentence(f.doc, i, &s), ENTREL_E_OK);
        assert_int_equal(s.first_token, next);
        assert_true(s.end_token > s.first_token);
        entrel_token first = token_at(f.doc, (long)s.first_token);
        entrel_token last = token_at(f.doc, (long)s.end_token - 1);
        assert_int_equal(s.start, first.start);
        assert_int_equal(s.end, last.end);
        assert_true(first.flags & ENTREL_TF_SENT_START);
        next = s.end_token;
    }
    assert_int_equal(next, entrel_doc_token_count(f.doc));
    entrel_sentence s;
    assert_int_equal(entrel_doc_sentence(f.doc, 99, &s), ENTREL_E_INVALID_ARG);
    fixture_free(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_cover),
    };
    return cmocka_run_group_tests_name("sentences", tests, NULL, NULL);
}
