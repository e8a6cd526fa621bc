/*
** test_patmemo.c: the memo of regex token tests (patmemo.c).  Its one
** promise is to answer as PCRE2 would: random words, short and long, over
** two regexes that disagree on them, asked many times each (so that slots
** are taken over and asked again), must always get PCRE2's own answer.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"
#include "pattern.h"

static pcre2_code *compile(const char *src) {
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
                                   &code, &off, NULL);
    assert_non_null(re);
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

static bool direct(const pcre2_code *re, pcre2_match_data *md, const char *s, size_t n) {
    return pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, NULL) >= 0;
}

/* A random word of 1 to 40 bytes over a few letters, so that words repeat. */
static size_t random_word(char *out, unsigned *seed) {
    static const char letters[] = "aeilnost";
    size_t n = 1 + (size_t)(rand_r(seed) % 40);
    if (rand_r(seed) % 2) n = 1 + n % 6;        /* short words, many of them repeated */
    for (size_t i = 0; i < n; i++) out[i] = letters[rand_r(seed) % 8];
    return n;
}

static void test_answers_as_pcre2(void **state) {
    (void)state;
    pcre2_code *ends = compile("(al|ale|ion)$"), *starts = compile("^(in|na)");
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    pat_memo *m = pat_memo_new();
    assert_non_null(m);
    unsigned seed = 7;
    size_t agreed = 0, held = 0;
    for (int k = 0; k < 60000; k++) {
        char w[41];
        size_t n = random_word(w, &seed);
        const pcre2_code *re = k % 3 ? ends : starts;
        bool want = direct(re, md, w, n);
        assert_int_equal(pat_regex_holds(m, re, md, NULL, w, n), want);
        agreed++;
        held += want;
    }
    assert_int_equal(agreed, 60000);
    assert_true(held > 1000 && held < 59000);   /* both answers were asked for */
    /* a word and its prefix, one slot's text compared in full */
    assert_true(pat_regex_holds(m, ends, md, NULL, "nationale", 9));
    assert_false(pat_regex_holds(m, ends, md, NULL, "nationale", 7));
    assert_true(pat_regex_holds(m, ends, md, NULL, "national", 8));
    /* no memo: asked each time */
    assert_true(pat_regex_holds(NULL, starts, md, NULL, "internationale", 14));
    pat_memo_free(m);
    pat_memo_free(NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(ends);
    pcre2_code_free(starts);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answers_as_pcre2),
    };
    return cmocka_run_group_tests_name("patmemo", tests, NULL, NULL);
}
