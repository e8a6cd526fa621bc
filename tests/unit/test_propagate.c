/*
** test_propagate.c: later mentions (core/propagate.c).  A person's full
** name found by a rule makes its surname a person elsewhere in the
** document: after a sentence start or an abbreviated title, in a
** headline's capitals, pointing at the full name and in its cluster; not
** in lower case, not glued to a capitalized word, not where an entity is
** already, not from a one-word name; when two full names end with it, the
** nearest before it, and none before both.
** See LICENSE for copyright and licence.
*/
#include <unistd.h>

#include "helpers.h"

/* A person after "président" or "Mme", two capitalized words; Paris a place. */
static const char rules[] =
    "entity \"full\" { type = \"PER\", before = { {lower = {\"président\", \"mme\"}} },\n"
    "  pattern = { {flags = \"title\"}, {flags = \"title\", rep = {1, 2}} } }\n"
    "entity \"one\" { type = \"PER\", before = { \"monsieur\" }, pattern = { {flags = \"title\"} } }\n"
    "entity \"place\" { type = \"LOC\", pattern = { \"Paris\" } }\n"
    "entity \"org\" { type = \"ORG\", pattern = { \"Havel\", \"Foundation\" } }\n";

typedef struct pt {
    char path[64];
    entrel_engine *engine;
    entrel_session *session;
    entrel_doc *doc;
} pt;

static void pt_open(pt *t) {
    snprintf(t->path, sizeof t->path, "/tmp/entrel-propagate-XXXXXX");
    int fd = mkstemp(t->path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, rules, sizeof rules - 1), (ssize_t)(sizeof rules - 1));
    close(fd);
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    const char *paths[] = {t->path};
    o.rules = paths;
    o.rule_count = 1;
    o.lang = ENTREL_LANG_FR;
    t->engine = entrel_engine_new(&o, NULL);
    unlink(t->path);
    assert_non_null(t->engine);
    t->session = entrel_session_new(t->engine);
    assert_non_null(t->session);
    t->doc = NULL;
}

static void pt_close(pt *t) {
    entrel_doc_free(t->doc);
    entrel_session_free(t->session);
    entrel_engine_free(t->engine);
}

/* The entities as "TYPE:text<source[<from]" joined by " | ". */
static const char *entities(pt *t, const char *text) {
    static char buf[1024];
    entrel_doc_free(t->doc);
    assert_int_equal(entrel_session_process(t->session, "d", text, strlen(text), &t->doc), ENTREL_E_OK);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < entrel_doc_entity_count(t->doc); i++) {
        entrel_entity e;
        entrel_doc_entity(t->doc, i, &e);
        bool later = strcmp(e.source, "propagation") == 0;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s:%.*s%s", i ? " | " : "", e.type,
                                (int)(e.end - e.start), e.text, later ? "<" : "");
        if (later) {
            entrel_entity from;
            assert_true(e.from > 0);
            entrel_doc_entity(t->doc, e.from - 1, &from);
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%.*s", (int)(from.end - from.start), from.text);
            assert_int_equal(e.cluster, from.cluster);   /* one person */
        } else {
            assert_int_equal(e.from, 0);
        }
    }
    return buf;
}

static void test_surnames_after(void **state) {
    (void)state;
    pt t;
    pt_open(&t);
    assert_string_equal(entities(&t, "VISITE DE HAVEL À PARIS. Le président Vaclav Havel arrive. "
                                     "Selon Havel, M. Havel reste. Havel?"),
                        "PER:HAVEL<Vaclav Havel | LOC:PARIS | PER:Vaclav Havel | PER:Havel<Vaclav Havel | "
                        "PER:Havel<Vaclav Havel | PER:Havel<Vaclav Havel");
    char *json = entrel_doc_to_json(t.doc, NULL);
    assert_non_null(strstr(json, "\"source\": \"propagation\", \"from\": \"T3\""));
    entrel_free(json);
    pt_close(&t);
}

/* Two full names with one surname: each later mention is the nearest name before it. */
static void test_nearest_of_two(void **state) {
    (void)state;
    pt t;
    pt_open(&t);
    assert_string_equal(entities(&t, "Le président Vaclav Havel arrive. Havel parle. Puis Mme Olga Havel "
                                     "arrive. Havel sourit."),
                        "PER:Vaclav Havel | PER:Havel<Vaclav Havel | PER:Olga Havel | PER:Havel<Olga Havel");
    pt_close(&t);
}

static void test_surnames_left_alone(void **state) {
    (void)state;
    pt t;
    pt_open(&t);
    /* lower case, glued to a capitalized word, held by an entity already */
    assert_string_equal(entities(&t, "Le président Vaclav Havel arrive. Un havel. La Havel Foundation. "
                                     "La rue Havel Street."),
                        "PER:Vaclav Havel | ORG:Havel Foundation");
    /* two full names end with it: before both, nobody can tell which */
    assert_string_equal(entities(&t, "HAVEL ET HAVEL. Le président Vaclav Havel et Mme Olga Havel."),
                        "PER:Vaclav Havel | PER:Olga Havel");
    /* a one-word name has no surname to give; an initial is no surname */
    assert_string_equal(entities(&t, "Monsieur Havel arrive. Havel parle. Le président Jan K. arrive. K. parle."),
                        "PER:Havel | PER:Jan K");
    pt_close(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_surnames_after),
        cmocka_unit_test(test_surnames_left_alone),
        cmocka_unit_test(test_nearest_of_two),
    };
    return cmocka_run_group_tests_name("propagate", tests, NULL, NULL);
}
