/*
** test_lexicon.c: the word lists stay sorted (binary search depends on
** it), and each look-up answers for its language only.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"
#include "lexicon.h"

static void test_sorted(void **state) {
    (void)state;
    for (const lex_list *l = lex_all_lists; l->name; l++)
        for (size_t i = 0; i < l->count; i++)
            assert_int_equal(strlen(l->words[i].s), l->words[i].len);
    for (const lex_list *l = lex_all_lists; l->name; l++)
        for (size_t i = 1; i < l->count; i++)
            if (strcmp(l->words[i - 1].s, l->words[i].s) >= 0)
                fail_msg("%s: \"%s\" before \"%s\"", l->name, l->words[i - 1].s, l->words[i].s);
}

/* The language guesser skips words longer than LEX_MAX_FUNCTION_WORD. */
static void test_function_word_length(void **state) {
    (void)state;
    for (const lex_list *l = lex_all_lists; l->name; l++) {
        if (strstr(l->name, "function_words") == NULL) continue;
        for (size_t i = 0; i < l->count; i++)
            assert_true(l->words[i].len <= LEX_MAX_FUNCTION_WORD);
    }
}

static void test_elision(void **state) {
    (void)state;
    assert_true(lex_is_elision(ENTREL_LANG_FR, "l", 1));
    assert_true(lex_is_elision(ENTREL_LANG_FR, "Qu", 2));
    assert_true(lex_is_elision(ENTREL_LANG_FR, "JUSQU", 5));
    assert_false(lex_is_elision(ENTREL_LANG_FR, "aujourd", 7));
    assert_false(lex_is_elision(ENTREL_LANG_EN, "l", 1));
    assert_false(lex_is_elision(ENTREL_LANG_FR, "", 0));
}

static void test_clitic(void **state) {
    (void)state;
    assert_int_equal(lex_clitic_suffix(ENTREL_LANG_EN, "don't", 5), 3);
    assert_int_equal(lex_clitic_suffix(ENTREL_LANG_EN, "Vietnam\xE2\x80\x99s", 11), 4);
    assert_int_equal(lex_clitic_suffix(ENTREL_LANG_EN, "they're", 7), 3);
    assert_int_equal(lex_clitic_suffix(ENTREL_LANG_EN, "'s", 2), 0);
    assert_int_equal(lex_clitic_suffix(ENTREL_LANG_EN, "n't", 3), 0);
    assert_int_equal(lex_clitic_suffix(ENTREL_LANG_EN, "O'Brien", 7), 0);
    assert_int_equal(lex_clitic_suffix(ENTREL_LANG_FR, "don't", 5), 0);
}

static void test_abbrev(void **state) {
    (void)state;
    assert_int_equal(lex_abbrev(ENTREL_LANG_FR, "M", 1), LEX_TITLE);
    assert_int_equal(lex_abbrev(ENTREL_LANG_FR, "etc", 3), LEX_ABBREV);
    assert_int_equal(lex_abbrev(ENTREL_LANG_FR, "févr", 5), LEX_ABBREV);
    assert_int_equal(lex_abbrev(ENTREL_LANG_EN, "Mr", 2), LEX_TITLE);
    assert_int_equal(lex_abbrev(ENTREL_LANG_EN, "Inc", 3), LEX_ABBREV);
    assert_int_equal(lex_abbrev(ENTREL_LANG_EN, "mr", 2), 0);
    assert_int_equal(lex_abbrev(ENTREL_LANG_EN, "M", 1), 0);
}

static void test_lang(void **state) {
    (void)state;
    const char *fr = "Le Vietnam est grandement apprécié pour ses efforts à la cérémonie.";
    const char *en = "The seminar was organized by Vietnam and the United Nations.";
    assert_int_equal(lang_detect(fr, strlen(fr), ENTREL_LANG_EN), ENTREL_LANG_FR);
    assert_int_equal(lang_detect(en, strlen(en), ENTREL_LANG_FR), ENTREL_LANG_EN);
    assert_int_equal(lang_detect("ONUDC 2025", 10, ENTREL_LANG_FR), ENTREL_LANG_FR);
    assert_int_equal(lang_detect("ONUDC 2025", 10, ENTREL_LANG_EN), ENTREL_LANG_EN);
    assert_int_equal(lang_detect("", 0, ENTREL_LANG_EN), ENTREL_LANG_EN);
    const char *elided = "l’ONUDC d’autres qu’elle";
    assert_int_equal(lang_detect(elided, strlen(elided), ENTREL_LANG_EN), ENTREL_LANG_FR);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted),
        cmocka_unit_test(test_function_word_length),
        cmocka_unit_test(test_elision),
        cmocka_unit_test(test_clitic),
        cmocka_unit_test(test_abbrev),
        cmocka_unit_test(test_lang),
    };
    return cmocka_run_group_tests_name("lexicon", tests, NULL, NULL);
}
