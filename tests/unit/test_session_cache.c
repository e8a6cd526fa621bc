/*
** test_session_cache.c: a session's interned words and cached forms stay
** under its byte limit over a long stream of new words (session_trim),
** and dropping them between documents changes nothing a document writes.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

/* Document k: 'words' words never seen before, some capitalized, and a place. */
static size_t new_words(char *buf, size_t cap, size_t k, size_t words) {
    size_t n = 0;
    for (size_t w = 0; w < words && n + 40 < cap; w++)
        n += (size_t)snprintf(buf + n, cap - n, w % 3 ? "zq%zux%zu " : "Kv%zuy%zu ", k, w);
    n += (size_t)snprintf(buf + n, cap - n, "à Paris.");
    return n;
}

/* The largest size the session's caches reach over 'docs' documents, stopping past 'stop'. */
static size_t peak_bytes(entrel_session *s, size_t docs, size_t words, size_t stop) {
    static char buf[1 << 16];
    size_t peak = 0;
    for (size_t k = 0; k < docs && peak <= stop; k++) {
        size_t n = new_words(buf, sizeof buf, k, words);
        entrel_doc *doc;
        assert_int_equal(entrel_session_process(s, "t", buf, n, &doc), ENTREL_E_OK);
        entrel_doc_free(doc);
        size_t b = session_cache_bytes(s);
        if (b > peak) peak = b;
    }
    return peak;
}

/*
** 300,000 new words would take some 50 MB; the default limit keeps the
** caches within twice its size (one document may double a table past
** it before the next one clears them).  The same stream without a limit
** goes past that, so the check would see unbounded growth.
*/
static void test_default_limit(void **state) {
    (void)state;
    entrel_engine *e = entrel_engine_new(NULL, NULL);
    entrel_session *s = entrel_session_new(e), *unbounded = entrel_session_new(e);
    assert_int_equal(s->cache_limit, SESSION_CACHE_BYTES);
    size_t bound = 2 * SESSION_CACHE_BYTES;
    size_t peak = peak_bytes(s, 600, 500, bound);
    if (peak > bound) fail_msg("caches reached %zu bytes, over %zu", peak, bound);
    unbounded->cache_limit = SIZE_MAX;
    assert_true(peak_bytes(unbounded, 600, 500, bound) > bound);
    entrel_session_free(s);
    entrel_session_free(unbounded);
    entrel_engine_free(e);
}

/* A clear gives its memory back: the tables go back to their first size. */
static void test_clear_gives_back(void **state) {
    (void)state;
    entrel_engine *e = entrel_engine_new(NULL, NULL);
    entrel_session *s = entrel_session_new(e);
    size_t empty = form_cache_bytes(s->forms);
    assert_int_equal(atoms_bytes(&s->atoms), 0);
    s->cache_limit = 64 << 10;
    size_t peak = peak_bytes(s, 40, 500, SIZE_MAX);
    assert_true(peak > s->cache_limit);
    atoms_clear(&s->atoms);
    form_cache_clear(s->forms);
    assert_int_equal(atoms_bytes(&s->atoms), 0);
    assert_int_equal(form_cache_bytes(s->forms), empty);
    assert_int_equal(form_cache_count(s->forms), 0);
    entrel_session_free(s);
    entrel_engine_free(e);
}

static entrel_engine *full_engine(void) {
    static const char *rules[] = {"rules/fr", "rules/en"};
    static const char *gz[] = {"rules/gazetteers/countries.tsv", "rules/gazetteers/cities.tsv",
                               "rules/gazetteers/organizations.tsv", "tests/golden/un-places.tsv"};
    static const char *plugins[] = {"build/plugins/dates.so", "build/plugins/acronyms.so"};
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.rules = rules;
    o.rule_count = 2;
    o.gazetteers = gz;
    o.gazetteer_count = 4;
    o.plugins = plugins;
    o.plugin_count = 2;
    o.data_dir = "rules";
    entrel_error err;
    entrel_engine *e = entrel_engine_new(&o, &err);
    if (e == NULL) fail_msg("%s:%d: %s", err.file, err.line, err.message);
    return e;
}

static char *doc_json(entrel_session *s, const char *text, size_t n) {
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "t", text, n, &doc), ENTREL_E_OK);
    entrel_json_options o;
    entrel_json_options_init(&o);
    o.flags = ENTREL_JSON_TEXT | ENTREL_JSON_TOKENS | ENTREL_JSON_EXPLAIN;
    char *json = entrel_doc_to_json(doc, &o);
    entrel_doc_free(doc);
    return json;
}

static char *read_article(size_t *len) {
    FILE *f = fopen("tests/data/fr-hanoi-convention.txt", "rb");
    assert_non_null(f);
    char *s = malloc(1 << 16);
    assert_non_null(s);
    *len = fread(s, 1, (1 << 16) - 1, f);
    s[*len] = '\0';
    fclose(f);
    return s;
}

/*
** The reference article a paragraph at a time, each with new words, and
** English sentences of the same, through a session that clears its
** caches every few documents and one that never does: the same JSON,
** byte for byte, entities, tokens and the candidates that lost.
*/
static void test_trim_keeps_output(void **state) {
    (void)state;
    entrel_engine *e = full_engine();
    entrel_session *trimmed = entrel_session_new(e), *kept = entrel_session_new(e);
    trimmed->cache_limit = 96 << 10;
    kept->cache_limit = SIZE_MAX;
    size_t len, trims = 0;
    char *article = read_article(&len), buf[1 << 14];
    const char *at = article;
    for (size_t k = 0; k < 120; k++) {
        const char *para = k % 2 ? "Mr. Smith met the UNODC in Vienna on 3 March 2024. " : at;
        size_t plen = k % 2 ? strlen(para) : strcspn(at, "\n");
        size_t n = (size_t)snprintf(buf, sizeof buf, "%.*s ", (int)(plen < 8000 ? plen : 8000), para);
        n += new_words(buf + n, sizeof buf - n, k, 200);
        if (k % 2 == 0) at = at[plen] && at[plen + 1] ? at + plen + 1 : article;
        uint32_t before = trimmed->atoms.count;
        char *a = doc_json(trimmed, buf, n), *b = doc_json(kept, buf, n);
        trims += trimmed->atoms.count < before;
        assert_string_equal(a, b);
        entrel_free(a);
        entrel_free(b);
    }
    if (trims < 3) fail_msg("the caches were cleared %zu times, not enough to tell", trims);
    free(article);
    entrel_session_free(trimmed);
    entrel_session_free(kept);
    entrel_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_limit),
        cmocka_unit_test(test_clear_gives_back),
        cmocka_unit_test(test_trim_keeps_output),
    };
    return cmocka_run_group_tests_name("session_cache", tests, NULL, NULL);
}
