/*
** test_gazetteer.c: the gazetteer from TSV to entities: match policies,
** elided and hyphenated forms, overlaps and priorities, and every kind of
** bad line, reported as file:line without stopping the others.
** See LICENSE for copyright and licence.
*/
#include <unistd.h>

#include "helpers.h"

typedef struct gz_fixture {
    char path[64];
    entrel_engine *engine;
    entrel_session *session;
    entrel_doc *doc;
    int warnings;
    entrel_error last;
} gz_fixture;

static void on_warning(const entrel_error *e, void *ud) {
    gz_fixture *g = ud;
    g->warnings++;
    g->last = *e;
}

/* Write 'len' bytes of 'tsv' to a temporary file and make an engine with it. */
static entrel_engine *gz_engine_n(gz_fixture *g, const char *tsv, size_t len, int strict,
                                  entrel_error *err) {
    snprintf(g->path, sizeof g->path, "/tmp/entrel-gz-XXXXXX");
    int fd = mkstemp(g->path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, tsv, len), (ssize_t)len);
    close(fd);
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    const char *paths[] = {g->path};
    o.gazetteers = paths;
    o.gazetteer_count = 1;
    o.strict = strict;
    o.on_warning = on_warning;
    o.warning_ud = g;
    g->engine = entrel_engine_new(&o, err);
    unlink(g->path);
    return g->engine;
}

static entrel_engine *gz_engine(gz_fixture *g, const char *tsv, int strict,
                                entrel_error *err) {
    return gz_engine_n(g, tsv, strlen(tsv), strict, err);
}

/* Entities of 'text' as "TYPE:text" joined by " | ". */
static const char *entities_of(gz_fixture *g, const char *text) {
    static char buf[1024];
    if (g->session == NULL) g->session = entrel_session_new(g->engine);
    entrel_doc_free(g->doc);
    assert_int_equal(entrel_session_process(g->session, "t", text, strlen(text), &g->doc),
                     ENTREL_E_OK);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < g->doc->ents.n; i++) {
        const ann_entity *e = &g->doc->ents.v[i];
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s:%.*s", i ? " | " : "",
                                doc_atom_str(g->doc, e->type), (int)(e->end - e->start),
                                (const char *)g->doc->text + e->start);
    }
    return buf;
}

static void gz_fixture_free(gz_fixture *g) {
    entrel_doc_free(g->doc);
    entrel_session_free(g->session);
    entrel_engine_free(g->engine);
    memset(g, 0, sizeof *g);
}

static const char places[] =
    "# places\n"
    "Hanoï\tLOC\tHanoi\tQ1858\n"
    "Hô Chi Minh-Ville\tLOC\tHo Chi Minh City\tQ1854\n"
    "Vienne\tLOC\tVienna\tQ1741\ttitle\n"
    "Nice\tLOC\tNice\tQ33959\ttitle\n"
    "ONUDC\tORG\tUNODC\t\texact\n"
    "OLA\tORG\tOffice of Legal Affairs\t\texact\n"
    "Côte d'Ivoire\tLOC\tIvory Coast\tQ1008\n"
    "Zürich\tLOC\tZurich\tQ72\ttitle\n"
    "Łódź\tLOC\tLodz\tQ580\n"
    "Etats\tX\tnorm test\t\tnorm\n";

static void test_policies(void **state) {
    (void)state;
    gz_fixture g = {0};
    assert_non_null(gz_engine(&g, places, 0, NULL));
    assert_int_equal(g.warnings, 0);
    /* fold: case and accents do not matter */
    assert_string_equal(entities_of(&g, "De HANOI à hanoï."), "LOC:HANOI | LOC:hanoï");
    /* title: only when capitalized */
    assert_string_equal(entities_of(&g, "Il fait nice à Nice, vienne qui voudra, à Vienne."),
                        "LOC:Nice | LOC:Vienne");
    /* exact: acronyms only as written */
    assert_string_equal(entities_of(&g, "ONUDC, onudc, Onudc; OLA et ola."),
                        "ORG:ONUDC | ORG:OLA");
    /* norm: accents matter, case does not */
    assert_string_equal(entities_of(&g, "ETATS et États"), "X:ETATS");
    gz_fixture_free(&g);
}

/* Where a capital is no evidence of a name, and where a name is part of a longer one. */
static void test_capitals_in_context(void **state) {
    (void)state;
    gz_fixture g = {0};
    const char *tsv = "Nice\tLOC\t\t\tproper\n"
                      "Jordan\tLOC\t\t\ttitle\n"
                      "Paris\tLOC\t\t\ttitle\n"
                      "Chine\tLOC\t\t\ttitle\n"
                      "Arabie Saoudite\tLOC\t\t\ttitle\n"
                      "EU\tORG\t\t\texact\n";
    assert_non_null(gz_engine(&g, tsv, 0, NULL));
    /* proper: a capital explained by the sentence start needs another mention */
    assert_string_equal(entities_of(&g, "Nice weather today."), "");
    assert_string_equal(entities_of(&g, "Nice weather today. We live in Nice."),
                        "LOC:Nice | LOC:Nice");
    /* a capital in a run of capitals explains nothing either, for acronyms too */
    assert_string_equal(entities_of(&g, "NICE WEATHER, EU ASKS"), "");
    assert_string_equal(entities_of(&g, "EU ASKS. The EU asked."), "ORG:EU | ORG:EU");
    /* title and proper names glued to a capitalized word are part of a longer name */
    assert_string_equal(entities_of(&g, "Michael Jordan and Paris Hilton in Paris."),
                        "LOC:Paris");
    /* unless the word is a function word or a name itself */
    assert_string_equal(entities_of(&g, "In Jordan, a Paris-Chine flight."),
                        "LOC:Jordan | LOC:Paris | LOC:Chine");
    /* only the first word of a title name asks for a capital */
    assert_string_equal(entities_of(&g, "en Arabie saoudite, pas en arabie Saoudite"),
                        "LOC:Arabie saoudite");
    gz_fixture_free(&g);
}

static void test_elision_and_hyphens(void **state) {
    (void)state;
    gz_fixture g = {0};
    assert_non_null(gz_engine(&g, places, 0, NULL));
    assert_string_equal(entities_of(&g, "Le rôle de l’ONUDC et d'Hanoï."),
                        "ORG:ONUDC | LOC:Hanoï");
    assert_string_equal(entities_of(&g, "Hô Chi Minh-Ville, Ho Chi Minh Ville, Ho-Chi-Minh-Ville."),
                        "LOC:Hô Chi Minh-Ville | LOC:Ho Chi Minh Ville | LOC:Ho-Chi-Minh-Ville");
    /* French splits d' off, English does not: both find the name. */
    assert_string_equal(entities_of(&g, "La Côte d'Ivoire vote."), "LOC:Côte d'Ivoire");
    assert_string_equal(entities_of(&g, "The Côte d'Ivoire team and the team of Côte d’Ivoire."),
                        "LOC:Côte d'Ivoire | LOC:Côte d’Ivoire");
    /* One word of Latin letters is tokenized once, for both languages. */
    assert_string_equal(entities_of(&g, "The mayors of Zürich and Łódź met in Hanoï yesterday."),
                        "LOC:Zürich | LOC:Łódź | LOC:Hanoï");
    assert_string_equal(entities_of(&g, "Les maires de Zurich et de Łódź se sont vus à Hanoï."),
                        "LOC:Zurich | LOC:Łódź | LOC:Hanoï");
    /* A name never runs across a sentence end. */
    assert_string_equal(entities_of(&g, "Il parle de Hô Chi. Minh-Ville est loin."), "");
    gz_fixture_free(&g);
}

static void test_overlaps(void **state) {
    (void)state;
    gz_fixture g = {0};
    const char *tsv =
        "Nations Unies\tORG\n"
        "Office des Nations Unies contre la drogue et le crime\tORG\tUNODC\n"
        "#@priority 5\n"
        "Unies contre\tMISC\n";
    assert_non_null(gz_engine(&g, tsv, 0, NULL));
    /* Priority first: the priority-5 entry beats the longer name. */
    assert_string_equal(entities_of(&g, "l'Office des Nations Unies contre la drogue et le crime"),
                        "MISC:Unies contre");
    assert_int_equal(g.doc->dropped.n, 2);
    assert_string_equal(entities_of(&g, "les Nations Unies à Vienne"), "ORG:Nations Unies");
    gz_fixture_free(&g);
    const char *tsv2 =
        "Nations Unies\tORG\n"
        "Office des Nations Unies contre la drogue et le crime\tORG\tUNODC\n";
    assert_non_null(gz_engine(&g, tsv2, 0, NULL));
    /* Same priority: the longer name wins, and the loser points to it. */
    assert_string_equal(entities_of(&g, "Office des Nations Unies contre la drogue et le crime"),
                        "ORG:Office des Nations Unies contre la drogue et le crime");
    assert_int_equal(g.doc->dropped.n, 1);
    assert_int_equal(g.doc->dropped.v[0].winner, 0);
    gz_fixture_free(&g);
}

static void test_entity_fields(void **state) {
    (void)state;
    gz_fixture g = {0};
    assert_non_null(gz_engine(&g, "Hanoï\tLOC\tHanoi\tQ1858\t\tcountry=VN;capital=yes\n",
                              0, NULL));
    entities_of(&g, "à Hanoï");
    const ann_entity *e = &g.doc->ents.v[0];
    assert_string_equal(doc_atom_str(g.doc, e->canonical), "Hanoi");
    assert_string_equal(doc_atom_str(g.doc, e->kb), "Q1858");
    assert_string_equal(doc_atom_str(g.doc, e->features), "country=VN;capital=yes");
    assert_int_equal(strncmp(doc_atom_str(g.doc, e->source), "gazetteer:entrel-gz-", 20), 0);
    gz_fixture_free(&g);
}

static void test_bad_lines(void **state) {
    (void)state;
    gz_fixture g = {0};
    const char *tsv =
        "Hanoï\tLOC\n"                      /* 1 fine */
        "no type here\n"                    /* 2 */
        "\tLOC\n"                           /* 3 */
        "Vienne\tLOC\t\t\tloose\n"          /* 4 */
        "Paris\tLOC\t\t\t\tnot-a-pair\n"    /* 5 */
        "a\tb\tc\td\tfold\te=f\tg\n"        /* 6 */
        "#@policy sloppy\n"                 /* 7 */
        "#@colour blue\n"                   /* 8 */
        "Genève\tLOC\n";                    /* 9 fine */
    assert_non_null(gz_engine(&g, tsv, 0, NULL));
    assert_int_equal(g.warnings, 7);
    assert_int_equal(g.last.line, 8);
    assert_string_equal(g.last.message, "unknown directive (policy, priority)");
    assert_string_equal(g.last.file, g.path);
    assert_string_equal(entities_of(&g, "Hanoï, Genève, Vienne, Paris"),
                        "LOC:Hanoï | LOC:Genève");
    gz_fixture_free(&g);
}

/* Lines the loader must refuse for what their name holds. */
static void test_bad_names(void **state) {
    (void)state;
    gz_fixture g = {0};
    char tsv[600] = "Ha\0noi\tLOC\n \tLOC\n";
    size_t len = 17; /* the two lines above, NUL included */
    for (int k = 0; k < 65; k++) len += (size_t)snprintf(tsv + len, sizeof tsv - len, "a ");
    len += (size_t)snprintf(tsv + len, sizeof tsv - len, "\tLOC\nHanoï\tLOC\n");
    assert_non_null(gz_engine_n(&g, tsv, len, 0, NULL));
    assert_int_equal(g.warnings, 3);
    assert_int_equal(g.last.line, 3);
    assert_string_equal(g.last.message, "name is longer than 64 tokens");
    assert_string_equal(entities_of(&g, "à Hanoï"), "LOC:Hanoï");
    gz_fixture_free(&g);
    entrel_error err;
    assert_null(gz_engine_n(&g, tsv, len, 1, &err));
    assert_int_equal(err.line, 1);
    assert_string_equal(err.message, "NUL byte in line");
    assert_null(gz_engine(&g, "Hanoï\tLOC\n \tLOC\n", 1, &err));
    assert_int_equal(err.line, 2);
    assert_string_equal(err.message, "name has no words");
}

static void test_strict_and_missing(void **state) {
    (void)state;
    gz_fixture g = {0};
    entrel_error err;
    assert_null(gz_engine(&g, "Hanoï\tLOC\nno type\n", 1, &err));
    assert_int_equal(err.code, ENTREL_E_CONFIG);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.message, "no type (second column)");
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    const char *paths[] = {"/nonexistent/places.tsv"};
    o.gazetteers = paths;
    o.gazetteer_count = 1;
    assert_null(entrel_engine_new(&o, &err));
    assert_int_equal(err.code, ENTREL_E_IO);
    assert_string_equal(err.file, "/nonexistent/places.tsv");
    assert_string_equal(err.message, "cannot open: No such file or directory");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policies),
        cmocka_unit_test(test_capitals_in_context),
        cmocka_unit_test(test_elision_and_hyphens),
        cmocka_unit_test(test_overlaps),
        cmocka_unit_test(test_entity_fields),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_bad_names),
        cmocka_unit_test(test_strict_and_missing),
    };
    return cmocka_run_group_tests_name("gazetteer", tests, NULL, NULL);
}
