/*
** test_cluster.c: mention clusters (cluster.c) on entities set by hand,
** so that each way of joining is seen alone: kb ids, canonical names,
** case and accents, alias_of, a person's surname; and what must stay
** apart: other types, a surname two full names share.  Then the API and
** the JSON.
** See LICENSE for copyright and licence.
*/
#include <jansson.h>

#include "helpers.h"

/* An entity over the first occurrence of 'text' at or after byte 'from'; its index. */
static size_t add(entrel_doc *doc, const char *text, size_t from, const char *type,
                  const char *canonical, const char *kb) {
    const char *at = strstr((const char *)doc->text + from, text);
    assert_non_null(at);
    ann_entity e = {.start = (uint32_t)(at - (const char *)doc->text),
                    .end = (uint32_t)(at - (const char *)doc->text + strlen(text)),
                    .type = doc_atom(doc, type),
                    .canonical = canonical ? doc_atom(doc, canonical) : 0,
                    .kb = kb ? doc_atom(doc, kb) : 0};
    assert_int_equal(doc_add_entity(doc, &e), ENTREL_E_OK);
    return doc->ents.n - 1;
}

/* Cluster numbers of the entities, as "0 0 1 ...". */
static const char *clusters_of(entrel_doc *doc) {
    static char buf[256];
    size_t len = 0;
    assert_int_equal(cluster_mentions(doc), ENTREL_E_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < doc->ents.n; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%u", i ? " " : "",
                                doc->ents.v[i].cluster);
    return buf;
}

static void test_ways_of_joining(void **state) {
    (void)state;
    fixture f = {0};
    const char *text = "Vu Le Thai Hoang et Hoang. Hanoï, HANOI et Ha Noi. "
                       "Office des drogues (ONUDC) et UNODC. Vietnam.";
    make_doc(&f, ENTREL_LANG_FR, text);
    entrel_doc *doc = f.doc;
    add(doc, "Vu Le Thai Hoang", 0, "PER", NULL, NULL);          /* 0 */
    add(doc, "Hoang", 20, "PER", NULL, NULL);                     /* 1: surname */
    add(doc, "Hanoï", 0, "LOC", NULL, NULL);                      /* 2 */
    add(doc, "HANOI", 0, "LOC", NULL, NULL);                      /* 3: case and accents */
    add(doc, "Ha Noi", 0, "LOC", "Hanoi", "Q1858");               /* 4: kb ... */
    size_t office = add(doc, "Office des drogues", 0, "ORG", "UNODC", NULL);  /* 5 */
    size_t acr = add(doc, "ONUDC", 0, "ORG", NULL, NULL);          /* 6: alias_of */
    add(doc, "UNODC", 80, "ORG", "UNODC", NULL);                  /* 7: canonical */
    add(doc, "Vietnam", 0, "LOC", NULL, "Q881");                  /* 8 */
    ann_relation r = {.type = doc_atom(doc, "alias_of"),
                      .head = {(int32_t)acr, 0, 0}, .tail = {(int32_t)office, 0, 0},
                      .ev_start = doc->ents.v[office].start, .ev_end = doc->ents.v[acr].end};
    assert_int_equal(doc_add_relation(doc, &r), ENTREL_E_OK);
    /* Ha Noi shares nothing with Hanoï but its kb id, which neither other mention has */
    assert_string_equal(clusters_of(doc), "0 0 1 1 2 3 3 3 4");
    entrel_cluster c;
    assert_int_equal(entrel_doc_cluster_count(doc), 5);
    assert_int_equal(entrel_doc_cluster(doc, 3, &c), ENTREL_E_OK);
    assert_string_equal(c.type, "ORG");
    assert_string_equal(c.name, "UNODC");                         /* a list's name first */
    assert_int_equal(c.first, 5);
    assert_int_equal(c.size, 3);
    assert_int_equal(entrel_doc_cluster(doc, 0, &c), ENTREL_E_OK);
    assert_string_equal(c.name, "Vu Le Thai Hoang");              /* else the longest */
    assert_int_equal(entrel_doc_cluster(doc, 5, &c), ENTREL_E_INVALID_ARG);
    entrel_entity e;
    assert_int_equal(entrel_doc_entity(doc, 7, &e), ENTREL_E_OK);
    assert_int_equal(e.cluster, 3);
    fixture_free(&f);
}

static void test_kept_apart(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "Jean Martin, Paul Martin et Martin. Orange et Orange. Paris et Paris.");
    entrel_doc *doc = f.doc;
    add(doc, "Jean Martin", 0, "PER", NULL, NULL);
    add(doc, "Paul Martin", 0, "PER", NULL, NULL);
    add(doc, "Martin", 25, "PER", NULL, NULL);                    /* whose? left alone */
    add(doc, "Orange", 0, "ORG", NULL, NULL);
    add(doc, "Orange", 46, "LOC", NULL, NULL);                    /* another type */
    add(doc, "Paris", 0, "LOC", NULL, NULL);
    add(doc, "Paris", 60, "LOC", NULL, NULL);
    assert_string_equal(clusters_of(doc), "0 1 2 3 4 5 5");
    fixture_free(&f);
}

/* Each entity's "cluster", and "clusters" with their mentions, in the JSON. */
static void test_json(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "Hanoï et HANOI, puis Vienne.");
    entrel_doc *doc = f.doc;
    add(doc, "Hanoï", 0, "LOC", NULL, NULL);
    add(doc, "HANOI", 0, "LOC", NULL, NULL);
    add(doc, "Vienne", 0, "LOC", "Vienna", NULL);
    assert_int_equal(cluster_mentions(doc), ENTREL_E_OK);
    char *s = entrel_doc_to_json(doc, NULL);
    json_t *v = json_loads(s, 0, NULL);
    assert_non_null(v);
    json_t *ents = json_object_get(v, "entities"), *cl = json_object_get(v, "clusters");
    assert_string_equal(json_string_value(json_object_get(json_array_get(ents, 1), "cluster")), "C1");
    assert_string_equal(json_string_value(json_object_get(json_array_get(ents, 2), "cluster")), "C2");
    assert_int_equal(json_array_size(cl), 2);
    json_t *c1 = json_array_get(cl, 0), *c2 = json_array_get(cl, 1);
    assert_string_equal(json_string_value(json_object_get(c1, "name")), "Hanoï");
    assert_string_equal(json_string_value(json_array_get(json_object_get(c1, "mentions"), 1)), "T2");
    assert_string_equal(json_string_value(json_object_get(c2, "name")), "Vienna");
    assert_string_equal(json_string_value(json_object_get(c2, "id")), "C2");
    json_decref(v);
    entrel_free(s);
    fixture_free(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ways_of_joining),
        cmocka_unit_test(test_kept_apart),
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests_name("cluster", tests, NULL, NULL);
}
