/*
** test_text.c: UTF-8 checking and the clean copy: each kind of invalid
** sequence is found at its byte offset, and the copy keeps every offset.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

typedef struct bad_case {
    const char *name;
    const char *bytes;
    size_t len;
    size_t bad_count, bad_first;
} bad_case;

#define BC(name, lit, count, first) {name, lit, sizeof lit - 1, count, first}

static const bad_case bad_cases[] = {
    BC("valid", "Hanoï 28/03 \xF0\x9F\x98\x80", 0, 0),
    BC("lone continuation", "ab\x80" "cd", 1, 2),
    BC("overlong slash", "a\xC0\xAF", 2, 1),
    BC("overlong 3 bytes", "a\xE0\x80\xAF", 3, 1),
    BC("surrogate", "x\xED\xA0\x80y", 3, 1),
    BC("5-byte form", "\xF8\x88\x80\x80\x80z", 5, 0),
    BC("beyond U+10FFFF", "\xF4\x90\x80\x80", 4, 0),
    BC("cut at end", "abc\xE2\x82", 2, 3),
    BC("lead then ASCII", "\xC3" "A", 1, 0),
    BC("0xFF", "ok\xFF", 1, 2),
};

static void test_check(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        text_report rep;
        text_check((const uint8_t *)c->bytes, c->len, &rep);
        if (rep.bad_count != c->bad_count || rep.bad_first != c->bad_first)
            fail_msg("%s: %zu bad bytes from %zu, want %zu from %zu", c->name,
                     rep.bad_count, rep.bad_first, c->bad_count, c->bad_first);
    }
}

/* The clean copy: same length, valid UTF-8, valid characters untouched. */
static void test_sanitize(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        uint8_t *clean = text_sanitize((const uint8_t *)c->bytes, c->len);
        assert_non_null(clean);
        text_report rep;
        text_check(clean, c->len, &rep);
        assert_int_equal(rep.bad_count, 0);
        size_t replaced = 0;
        for (size_t k = 0; k < c->len; k++) {
            if (clean[k] == TEXT_BAD_BYTE) replaced++;
            else assert_int_equal(clean[k], (uint8_t)c->bytes[k]);
        }
        assert_int_equal(replaced, c->bad_count);
        assert_int_equal(clean[c->len], 0);
        free(clean);
    }
}

static void test_nul(void **state) {
    (void)state;
    text_report rep;
    text_check((const uint8_t *)"a\0b\0", 4, &rep);
    assert_int_equal(rep.nul_count, 2);
    assert_int_equal(rep.nul_first, 1);
    assert_int_equal(rep.bad_count, 0);
}

static void test_space(void **state) {
    (void)state;
    uint32_t spaces[] = {' ', '\t', '\n', '\r', 0xA0, 0x2009, 0x202F, 0x3000, 0x2028};
    for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++)
        assert_true(text_is_space(spaces[i]));
    uint32_t others[] = {'a', '_', 0x200B, 0x2060, 0xFEFF, 0};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        assert_false(text_is_space(others[i]));
}

/* Each invalid byte becomes one U+FFFD; valid characters stay as they are. */
static void test_lossy(void **state) {
    (void)state;
    size_t len;
    char *s = text_lossy((const uint8_t *)"caf\xE9 \xC3\xA9\xE2\x82", 9, &len);
    assert_non_null(s);
    assert_int_equal(len, 4 + 3 + 2 + 6);
    assert_string_equal(s, "caf\xEF\xBF\xBD \xC3\xA9\xEF\xBF\xBD\xEF\xBF\xBD");
    free(s);
    s = text_lossy((const uint8_t *)"", 0, &len);
    assert_int_equal(len, 0);
    free(s);
}

static void test_decode(void **state) {
    (void)state;
    uint32_t uc;
    assert_int_equal(text_decode((const uint8_t *)"\xC3\xAF", 2, &uc), 2);
    assert_int_equal(uc, 0xEF);
    assert_int_equal(text_decode((const uint8_t *)"\xF0\x9F\x98\x80", 4, &uc), 4);
    assert_int_equal(uc, 0x1F600);
    assert_int_equal(text_decode((const uint8_t *)"\xC3", 1, &uc), 1);
    assert_int_equal(uc, 0xFFFD);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_space),
        cmocka_unit_test(test_lossy),
        cmocka_unit_test(test_decode),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
