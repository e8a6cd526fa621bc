/*
** test_atoms.c: interning, look-up through a frozen base table, clearing,
** and growth well past the first table size.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

static void test_intern(void **state) {
    (void)state;
    atom_table t;
    atoms_init(&t, NULL);
    uint32_t a = atoms_intern(&t, "hanoi", 5);
    uint32_t b = atoms_intern(&t, "vienne", 6);
    assert_int_not_equal(a, 0);
    assert_int_not_equal(a, b);
    assert_int_equal(atoms_intern(&t, "hanoi", 5), a);
    assert_int_equal(atoms_find(&t, "vienne", 6), b);
    assert_int_equal(atoms_find(&t, "paris", 5), 0);
    assert_string_equal(atoms_str(&t, a), "hanoi");
    assert_int_equal(atoms_len(&t, b), 6);
    assert_int_equal(atoms_intern(&t, "", 0), 0);
    assert_string_equal(atoms_str(&t, 0), "");
    assert_string_equal(atoms_str(&t, 99999), "");
    /* Strings with NUL bytes are kept whole. */
    uint32_t z = atoms_intern(&t, "a\0b", 3);
    assert_int_not_equal(z, atoms_intern(&t, "a", 1));
    assert_int_equal(atoms_len(&t, z), 3);
    atoms_free(&t);
}

static void test_base(void **state) {
    (void)state;
    atom_table base, top;
    atoms_init(&base, NULL);
    uint32_t org = atoms_intern(&base, "ORG", 3);
    atoms_init(&top, &base);
    assert_int_equal(atoms_intern(&top, "ORG", 3), org);
    uint32_t loc = atoms_intern(&top, "LOC", 3);
    assert_true(loc > org);
    assert_int_equal(atoms_find(&base, "LOC", 3), 0);
    assert_string_equal(atoms_str(&top, org), "ORG");
    assert_string_equal(atoms_str(&top, loc), "LOC");
    atoms_clear(&top);
    assert_int_equal(atoms_find(&top, "LOC", 3), 0);
    assert_int_equal(atoms_find(&top, "ORG", 3), org);
    assert_int_equal(atoms_intern(&top, "PER", 3), loc);
    atoms_free(&top);
    atoms_free(&base);
}

static void test_growth(void **state) {
    (void)state;
    atom_table t;
    atoms_init(&t, NULL);
    char key[32];
    for (int i = 0; i < 200000; i++) {
        int n = snprintf(key, sizeof key, "w%d", i);
        assert_int_equal(atoms_intern(&t, key, (size_t)n), (uint32_t)i + 1);
    }
    for (int i = 0; i < 200000; i += 997) {
        int n = snprintf(key, sizeof key, "w%d", i);
        assert_int_equal(atoms_find(&t, key, (size_t)n), (uint32_t)i + 1);
        assert_string_equal(atoms_str(&t, (uint32_t)i + 1), key);
    }
    atoms_free(&t);
}

static void test_arena(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    char *big = arena_alloc(&a, 100000);
    assert_non_null(big);
    memset(big, 1, 100000);
    for (int i = 0; i < 1000; i++) {
        char *s = arena_strndup(&a, "abcdef", 3);
        assert_string_equal(s, "abc");
        assert_int_equal((uintptr_t)s % _Alignof(max_align_t), 0);
    }
    arena_free(&a);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intern),
        cmocka_unit_test(test_base),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_arena),
    };
    return cmocka_run_group_tests_name("atoms", tests, NULL, NULL);
}
