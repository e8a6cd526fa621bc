/*
** test_acronym.c: acr_fits, the initials check behind the DSL's
** is_acronym: real French and English definitions that fit, near misses
** that must not, and input that is not text.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

static bool fits(const char *acr, const char *full) {
    return acr_fits(acr, strlen(acr), full, strlen(full));
}

static void test_fitting(void **state) {
    (void)state;
    /* function words' initials are skipped, not required */
    assert_true(fits("ONUDC", "Office des Nations Unies contre la drogue et le crime"));
    assert_true(fits("ANSSI", "Agence nationale de la sécurité des systèmes d'information"));
    assert_true(fits("CISA", "Cybersecurity and Infrastructure Security Agency"));
    assert_true(fits("OLA", "Office of Legal Affairs"));
    /* accents and case do not count; hyphens and both apostrophes split words */
    assert_true(fits("ENA", "École nationale d’administration"));
    assert_true(fits("ÉNA", "ecole nationale d'administration"));
    assert_true(fits("ASEAN", "Association of South-East Asian Nations"));
    /* characters of the short form that are not letters are left out */
    assert_true(fits("U.N.", "United Nations"));
    assert_true(fits("R&D", "Recherche et Développement"));
    assert_true(fits("onu", "Organisation des Nations unies"));
    /* spaces around and between words */
    assert_true(fits("OMS", "  Organisation   mondiale de la\tsanté "));
}

static void test_not_fitting(void **state) {
    (void)state;
    /* the first letter must be the first word's */
    assert_false(fits("PDF", "Le Conseil a examiné le dossier"));
    assert_false(fits("NU", "Office des Nations Unies"));
    /* letters out of order, or one too many */
    assert_false(fits("UNO", "Office des Nations Unies"));
    assert_false(fits("ONUDCX", "Office des Nations Unies contre la drogue et le crime"));
    /* one letter, or one word, fits too much */
    assert_false(fits("O", "Office des Nations Unies"));
    assert_false(fits("OO", "Office"));
    assert_false(fits("OTAN", "OTAN"));
    /* nothing at all */
    assert_false(fits("", "Office des Nations Unies"));
    assert_false(fits("ON", ""));
    assert_false(fits("12", "Un Deux"));
    assert_false(fits("ON", " - ' "));
}

static void test_bad_bytes(void **state) {
    (void)state;
    /* invalid UTF-8 is a character that is no letter: no crash, no read past the end */
    assert_true(fits("O\xFFN", "Office \xC3 Nations"));
    assert_false(fits("\xE2\x82", "\xF0\x9F"));
    const char cut[] = {'O', 'N', '\xC3'};
    assert_true(acr_fits(cut, sizeof cut, "Office Nations", 14));
    assert_true(acr_fits("ON", 2, "Office Nations\xE2\x80", 16));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fitting),
        cmocka_unit_test(test_not_fitting),
        cmocka_unit_test(test_bad_bytes),
    };
    return cmocka_run_group_tests_name("acronym", tests, NULL, NULL);
}
