/*
** test_names.c: the names --out DIR gives documents (cli/names.c): the
** last part of the id without extension, then more of the id, then a
** number; never twice, never with a '/' or a leading '.', never empty,
** whatever the ids.
** See LICENSE for copyright and licence.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"

/* Each id of a table, in order, and the name it must get; NULL ends it. */
static void claims(keyset *s, const char *const (*table)[2]) {
    for (; (*table)[0]; table++) {
        char *name = names_claim(s, (*table)[0]);
        assert_non_null(name);
        assert_string_equal(name, (*table)[1]);
        free(name);
    }
}

static void from_the_id(void **state) {
    (void)state;
    static const char *const table[][2] = {
        {"corpus/a/x.txt", "x"}, {"corpus/b/x.txt", "b_x"}, {"other/b/x.md", "other_b_x"},
        {"x", "x-2"}, {"x", "x-3"}, {"x-2.txt", "x-2-2"}, {"d7", "d7"},
        {"archive.tar.gz", "archive.tar"}, {"t.jsonl:12", "t.jsonl_12"},
        {"t.jsonl:13", "t.jsonl_13"}, {"v1.2 final", "v1.2 final"}, {".txt", "_txt"},
        {NULL, NULL}};
    keyset s = {0};
    claims(&s, table);
    keyset_free(&s);
}

static void never_outside(void **state) {
    (void)state;
    static const char *const table[][2] = {
        {"../../etc/passwd", "passwd"}, {"/etc/passwd", "etc_passwd"}, {"..", "doc"},
        {"", "doc-2"}, {"./.././/", "doc-3"}, {".hidden", "_hidden"},
        {"a\\..\\b:c?.txt", "b_c_"}, {"tab\there\n", "tab_here_"}, {NULL, NULL}};
    keyset s = {0};
    claims(&s, table);
    keyset_free(&s);
}

static void index_reserved(void **state) {
    (void)state;
    static const char *const table[][2] = {
        {"index.txt", "index-2"}, {"a/index.txt", "a_index"}, {NULL, NULL}};
    keyset s = {0};
    assert_true(names_reserve(&s, "index"));
    claims(&s, table);
    keyset_free(&s);
}

/* A long id: cut under 200 bytes, and not inside a UTF-8 character. */
static void long_ids(void **state) {
    (void)state;
    keyset s = {0};
    char id[700] = "";
    for (int i = 0; i < 300; i++) strcat(id, i % 2 ? "\xc3\xa9" : "e");   /* eéeé... */
    char *name = names_claim(&s, id);
    assert_non_null(name);
    size_t n = strlen(name);
    assert_true(n <= 200 && n >= 198);
    assert_true(((unsigned char)name[n - 1] & 0xC0) != 0xC0);          /* not a lead byte */
    assert_true(name[n - 1] == 'e' || ((unsigned char)name[n - 1] == 0xA9));
    free(name);
    keyset_free(&s);
}

/* Many ids that clash in every way: all their names differ, and all are safe. */
static void all_different(void **state) {
    (void)state;
    keyset s = {0};
    enum { N = 3000 };
    char **names = calloc(N, sizeof *names);
    assert_non_null(names);
    for (int i = 0; i < N; i++) {
        char id[64];
        snprintf(id, sizeof id, "%s/%d/x%s", i % 3 ? ".." : "d", i % 7, i % 5 ? ".txt" : "");
        names[i] = names_claim(&s, id);
        assert_non_null(names[i]);
        assert_null(strchr(names[i], '/'));
        assert_true(names[i][0] != '.' && names[i][0] != '\0');
    }
    for (int i = 0; i < N; i++)
        for (int k = i + 1; k < N; k++) assert_string_not_equal(names[i], names[k]);
    for (int i = 0; i < N; i++) free(names[i]);
    free(names);
    keyset_free(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(from_the_id),
        cmocka_unit_test(never_outside),
        cmocka_unit_test(index_reserved),
        cmocka_unit_test(long_ids),
        cmocka_unit_test(all_different),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
