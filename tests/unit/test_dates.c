/*
** test_dates.c: the dates plugin (plugins/dates) through the engine:
** French and English dates in their common written forms, each with its
** ISO 8601 value as precise as the text; a year only where the words
** around make it one; impossible days refused; the document's date for
** dates without a year.
** See LICENSE for copyright and licence.
*/
#include <libgen.h>

#include "helpers.h"

static char plugin_path[600];

typedef struct date_case {
    entrel_lang lang;
    const char *doc_date;         /* or NULL */
    const char *text;
    const char *want;             /* "text=value[features]" joined by " | ", "" for none */
} date_case;

static const date_case cases[] = {
    /* French */
    {ENTREL_LANG_FR, NULL, "Le 26 mars 2025, à Vienne.", "26 mars 2025=2025-03-26"},
    {ENTREL_LANG_FR, NULL, "Réunion le 1er janvier.", "1er janvier=--01-01"},
    {ENTREL_LANG_FR, "2025-06-01", "Réunion le 1er janvier.", "1er janvier=2025-01-01[year=document]"},
    {ENTREL_LANG_FR, NULL, "Elle s'est tenue en décembre 2024.", "décembre 2024=2024-12"},
    {ENTREL_LANG_FR, NULL, "Publié le 28/03/2025 à 10 h.", "28/03/2025=2025-03-28"},
    {ENTREL_LANG_FR, NULL, "Publié le 28.03.2025.", "28.03.2025=2025-03-28"},
    {ENTREL_LANG_FR, NULL, "Mis à jour le 2025-03-26.", "2025-03-26=2025-03-26"},
    {ENTREL_LANG_FR, NULL, "Le 12/05/2024, il pleuvait.", "12/05/2024=2024-05-12[order=ambiguous]"},
    {ENTREL_LANG_FR, NULL, "La Convention adoptée en 2001 reste la référence.", "2001=2001"},
    {ENTREL_LANG_FR, NULL, "D'ici 2030, tout change ; depuis 1998 aussi.", "2030=2030 | 1998=1998"},
    {ENTREL_LANG_FR, NULL, "Le texte compte 9 chapitres et 71 articles.", ""},
    {ENTREL_LANG_FR, NULL, "La ville compte 9885 habitants et 2025 maisons.", ""},
    {ENTREL_LANG_FR, NULL, "Pour Noël 2025, la ville brille.", ""},
    {ENTREL_LANG_FR, NULL, "Le lundi 26 mai 2025 à Hanoï.", "lundi 26 mai 2025=2025-05-26"},
    {ENTREL_LANG_FR, NULL, "Le 31 février 2025 n'existe pas, le 29 février 2025 non plus.", ""},
    {ENTREL_LANG_FR, NULL, "Le 29 février 2024 existe.", "29 février 2024=2024-02-29"},
    {ENTREL_LANG_FR, NULL, "EN DÉCEMBRE 2024, TOUT A CHANGÉ.", "DÉCEMBRE 2024=2024-12"},
    {ENTREL_LANG_FR, "2025-01-10", "Le sommet aura lieu en mars.", "mars=2025-03[year=document]"},
    {ENTREL_LANG_FR, NULL, "Le sommet aura lieu en mars.", "mars=--03"},
    {ENTREL_LANG_FR, NULL, "Entre le 3 et le 1er avril.", "1er avril=--04-01"},
    {ENTREL_LANG_FR, NULL, "Le 2e janvier n'est pas une forme.", ""},
    /* English */
    {ENTREL_LANG_EN, NULL, "On March 26, 2025, the UN met.", "March 26, 2025=2025-03-26"},
    {ENTREL_LANG_EN, NULL, "It opened on 26 March 2025 in Vienna.", "26 March 2025=2025-03-26"},
    {ENTREL_LANG_EN, NULL, "Wednesday, March 26, 2025 was busy.", "Wednesday, March 26, 2025=2025-03-26"},
    {ENTREL_LANG_EN, NULL, "It was adopted in March 2025.", "March 2025=2025-03"},
    {ENTREL_LANG_EN, NULL, "Signed in 2001, in force since 2004.", "2001=2001 | 2004=2004"},
    {ENTREL_LANG_EN, NULL, "Posted 03/28/2025 at noon.", "03/28/2025=2025-03-28"},
    {ENTREL_LANG_EN, NULL, "Posted 04/05/2025 at noon.", "04/05/2025=2025-04-05[order=ambiguous]"},
    {ENTREL_LANG_EN, NULL, "You may march on; they march in May 2025.", "May 2025=2025-05"},
    {ENTREL_LANG_EN, NULL, "On the 26th of March 2025 it rained.", "26th of March 2025=2025-03-26"},
    {ENTREL_LANG_EN, NULL, "It ends on March 26th.", "March 26th=--03-26"},
    {ENTREL_LANG_EN, "2024", "It ends on March 26th.", "March 26th=2024-03-26[year=document]"},
    {ENTREL_LANG_EN, NULL, "The treaty has 71 articles and 2025 signatories.", ""},
    {ENTREL_LANG_EN, NULL, "Meet me on Feb 30, 2025.", ""},
};

static const char *dates_of(entrel_session *s, const date_case *c) {
    static char buf[512];
    entrel_doc *doc;
    entrel_doc_options o = {.date = c->doc_date};
    assert_int_equal(entrel_session_process_with(s, "d", c->text, strlen(c->text), &o, &doc),
                     ENTREL_E_OK);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < doc->ents.n; i++) {
        const ann_entity *e = &doc->ents.v[i];
        if (strcmp(doc_atom_str(doc, e->type), "DATE") != 0) continue;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%.*s=%s%s%s%s", len ? " | " : "",
                                (int)(e->end - e->start), (const char *)doc->text + e->start,
                                doc_atom_str(doc, e->value), e->features ? "[" : "",
                                e->features ? doc_atom_str(doc, e->features) : "",
                                e->features ? "]" : "");
    }
    entrel_doc_free(doc);
    return buf;
}

static void test_forms(void **state) {
    (void)state;
    entrel_engine *fr = engine_with_plugin(plugin_path, ENTREL_LANG_FR);
    entrel_engine *en = engine_with_plugin(plugin_path, ENTREL_LANG_EN);
    entrel_session *sfr = entrel_session_new(fr), *sen = entrel_session_new(en);
    size_t failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const date_case *c = &cases[i];
        const char *got = dates_of(c->lang == ENTREL_LANG_FR ? sfr : sen, c);
        if (strcmp(got, c->want) != 0) {
            print_error("%s\n  want: %s\n  got:  %s\n", c->text, c->want, got);
            failed++;
        }
    }
    assert_int_equal(failed, 0);
    entrel_session_free(sfr);
    entrel_session_free(sen);
    entrel_engine_free(fr);
    entrel_engine_free(en);
}

/* Bytes that are not UTF-8 around a date: no crash, offsets as given. */
static void test_bad_bytes(void **state) {
    (void)state;
    entrel_engine *e = engine_with_plugin(plugin_path, ENTREL_LANG_FR);
    entrel_session *s = entrel_session_new(e);
    date_case c = {ENTREL_LANG_FR, NULL, "\xff\xfe le 26 mars 2025\xc3 en 2001", "26 mars 2025=2025-03-26 | 2001=2001"};
    assert_string_equal(dates_of(s, &c), c.want);
    entrel_session_free(s);
    entrel_engine_free(e);
}

static void test_arguments(void **state) {
    (void)state;
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    char spec[700];
    snprintf(spec, sizeof spec, "%s:lang=fr", plugin_path);
    const char *p = spec;
    o.plugins = &p;
    o.plugin_count = 1;
    entrel_error err;
    assert_null(entrel_engine_new(&o, &err));
    assert_non_null(strstr(err.message, "failed to start: takes no arguments, got \"lang=fr\""));
}

int main(int argc, char **argv) {
    (void)argc;
    char self[512];
    snprintf(self, sizeof self, "%s", argv[0]);
    snprintf(plugin_path, sizeof plugin_path, "%s/../plugins/dates.so", dirname(self));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_arguments),
    };
    return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
