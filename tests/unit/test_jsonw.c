/*
** test_jsonw.c: the streaming JSON writer (jsonw.c).  Its one promise is
** to write what jansson would: random objects of strings that need every
** kind of escape, numbers, nested objects and arrays are written both ways,
** compact and not, and must come out byte for byte the same.  Then
** jw_valid against jansson's own UTF-8 check, a sink that fails, strings
** longer than the buffer, and a value that could not be made.
** See LICENSE for copyright and licence.
*/
#include <jansson.h>

#include "helpers.h"
#include "jsonw.h"

/* ------------------------------------------------------------ sink */

/* A memory sink; 'fail_at' > 0 makes that call (1-based) and every later one fail. */
typedef struct sink {
    char *v;
    size_t n, cap;
    int calls, fail_at;
} sink;

static void sink_put(sink *s, const char *buf, size_t len) {
    if (s->n + len > s->cap) {
        s->cap = (s->n + len) * 2;
        s->v = realloc(s->v, s->cap);
        assert_non_null(s->v);
    }
    memcpy(s->v + s->n, buf, len);
    s->n += len;
}

static int sink_write(const char *buf, size_t len, void *ctx) {
    sink *s = ctx;
    s->calls++;
    if (s->fail_at > 0 && s->calls >= s->fail_at) return -1;
    sink_put(s, buf, len);
    return 0;
}

/* Append what jansson writes for 'v' to 's'. */
static void sink_dump(sink *s, const json_t *v, bool line) {
    size_t flags = JSON_ENCODE_ANY | (line ? JSON_COMPACT : 0);
    size_t n = json_dumpb(v, NULL, 0, flags);
    assert_true(n > 0);
    char *tmp = malloc(n);
    assert_non_null(tmp);
    assert_int_equal(json_dumpb(v, tmp, n, flags), n);
    sink_put(s, tmp, n);
    free(tmp);
}

/* Equal bytes, or a failure that shows where they part. */
static void expect_same(const sink *got, const sink *want) {
    size_t i = 0;
    while (i < got->n && i < want->n && got->v[i] == want->v[i]) i++;
    if (i == got->n && i == want->n) return;
    size_t from = i > 40 ? i - 40 : 0;
    fail_msg("jsonw and jansson part at byte %zu of %zu/%zu:\n  jw:      %.*s\n  jansson: %.*s",
             i, got->n, want->n, (int)((got->n - from) < 100 ? got->n - from : 100),
             got->v + from, (int)((want->n - from) < 100 ? want->n - from : 100),
             want->v + from);
}

/* ------------------------------------------------------------ random values */

/* xorshift64*: the same values on every platform, unlike rand(). */
static uint64_t rnd(uint64_t *seed) {
    *seed ^= *seed >> 12;
    *seed ^= *seed << 25;
    *seed ^= *seed >> 27;
    return *seed * 0x2545F4914F6CDD1DULL;
}

static unsigned below(uint64_t *seed, unsigned n) { return (unsigned)(rnd(seed) % n); }

/* The first eight pieces need no escape; the rest cover each kind of escape and UTF-8 length. */
static const char *const pieces[] = {
    "a", "Zq", "0", " ", "/", "é", "’", "中",
    "\"", "\\", "\n", "\t", "\x01", "\x1f", "\b", "\r", "\f", "\x7f",
    "😀", "\xE2\x80\xA8", "abc def", "\xF4\x8F\xBF\xBF",
};
#define PLAIN_PIECES 8
#define NPIECES (sizeof pieces / sizeof *pieces)

/*
** A random string of pieces into 'buf' (NUL-terminated, for keys too);
** plain ones only when 'plain'.  One in forty is long: over the 8192
** bytes of the writer's buffer.
*/
static size_t random_text(uint64_t *seed, char *buf, size_t cap, bool plain) {
    size_t n = 0, count = below(seed, 40) == 0 ? 2000 + below(seed, 3000) : below(seed, 12);
    unsigned kinds = plain || below(seed, 2) ? PLAIN_PIECES : NPIECES;
    for (size_t k = 0; k < count; k++) {
        const char *p = pieces[below(seed, kinds)];
        size_t len = strlen(p);
        if (n + len + 1 > cap) break;
        memcpy(buf + n, p, len);
        n += len;
    }
    buf[n] = '\0';
    return n;
}

static uint64_t random_number(uint64_t *seed) {
    static const uint64_t edges[] = {0, 1, 9, 10, 4294967295u, 4294967296u,
                                     (1ULL << 53) - 1, 1ULL << 53};
    switch (below(seed, 4)) {
    case 0: return edges[below(seed, sizeof edges / sizeof *edges)];
    case 1: return below(seed, 100);
    case 2: return rnd(seed) % (1ULL << 32);
    default: return rnd(seed) % ((1ULL << 53) + 1);
    }
}

typedef struct gen {
    uint64_t seed;
    jw *w;
    char *buf;                /* a string's bytes */
    size_t cap;
} gen;

static json_t *gen_object(gen *g, int depth);

/* An array of strings, numbers and (not too deep) objects and arrays; often empty. */
static json_t *gen_array(gen *g, int depth) {
    json_t *a = json_array();
    unsigned n = below(&g->seed, 4) == 0 ? 0 : below(&g->seed, 6);
    jw_array_open(g->w);
    for (unsigned i = 0; i < n; i++) {
        jw_array_next(g->w, i);
        json_t *v;
        unsigned kind = below(&g->seed, depth < 3 ? 4 : 2);
        if (kind == 0) {
            size_t len = random_text(&g->seed, g->buf, g->cap, false);
            jw_string(g->w, g->buf, len);
            v = json_stringn(g->buf, len);
        } else if (kind == 1) {
            uint64_t x = random_number(&g->seed);
            jw_uint(g->w, x);
            v = json_integer((json_int_t)x);
        } else {
            v = kind == 2 ? gen_object(g, depth + 1) : gen_array(g, depth + 1);
        }
        assert_non_null(v);
        assert_int_equal(json_array_append_new(a, v), 0);
    }
    jw_array_close(g->w);
    return a;
}

/*
** One field's value after jw_field: a string, a number, a value that
** jw_value encodes, an object or an array.
*/
static json_t *gen_value(gen *g, int depth) {
    unsigned kind = below(&g->seed, depth < 3 ? 5 : 3);
    if (kind == 0) {
        size_t len = random_text(&g->seed, g->buf, g->cap, false);
        jw_string(g->w, g->buf, len);
        return json_stringn(g->buf, len);
    }
    if (kind == 1) {
        uint64_t x = random_number(&g->seed);
        jw_uint(g->w, x);
        return json_integer((json_int_t)x);
    }
    if (kind == 2) {
        size_t len = random_text(&g->seed, g->buf, g->cap, false);
        json_t *v = json_stringn(g->buf, len);
        jw_value(g->w, json_incref(v));     /* jw_value releases one reference */
        return v;
    }
    return kind == 3 ? gen_object(g, depth + 1) : gen_array(g, depth + 1);
}

/*
** An object of random fields.  Keys are unique (jansson keeps one value
** per key): a random text, then '#' and the field's number.  jw_field
** copies its key, so its keys are plain; jw_field_string escapes its key.
*/
static json_t *gen_object(gen *g, int depth) {
    json_t *o = json_object();
    assert_non_null(o);
    unsigned n = below(&g->seed, 5) == 0 ? 0 : 1 + below(&g->seed, 6);
    jw_open(g->w);
    for (unsigned i = 0; i < n; i++) {
        char key[160];
        bool with_string = below(&g->seed, 3) == 0;
        size_t kn = random_text(&g->seed, key, 64, !with_string);
        snprintf(key + kn, sizeof key - kn, "#%u", i);
        json_t *v;
        if (with_string) {
            size_t len = random_text(&g->seed, g->buf, g->cap, false);
            jw_field_string(g->w, key, g->buf, len);
            v = json_stringn(g->buf, len);
        } else {
            jw_field(g->w, key);
            v = gen_value(g, depth);
        }
        assert_non_null(v);
        assert_int_equal(json_object_set_new(o, key, v), 0);
    }
    jw_close(g->w);
    return o;
}

/*
** A few hundred random objects, one a line, through one writer (so its
** buffer fills and flushes at every kind of place) and through jansson,
** with the same seed for both separator styles.
*/
static void test_same_as_jansson(void **state) {
    (void)state;
    for (int line = 0; line < 2; line++) {
        sink got = {0}, want = {0};
        jw w;
        jw_init(&w, sink_write, &got, line);
        gen g = {.seed = 0x5EED1234ABCDULL, .w = &w, .cap = 32768};
        g.buf = malloc(g.cap);
        assert_non_null(g.buf);
        for (int k = 0; k < 400; k++) {
            json_t *v = gen_object(&g, 0);
            jw_raw(&w, "\n", 1);
            sink_dump(&want, v, line);
            sink_put(&want, "\n", 1);
            json_decref(v);
        }
        jw_flush(&w);
        assert_int_equal(w.rc, ENTREL_E_OK);
        assert_true(want.n > 100000);          /* many buffers' worth */
        expect_same(&got, &want);
        free(g.buf);
        free(got.v);
        free(want.v);
    }
}

/* ------------------------------------------------------------ UTF-8 */

static void expect_valid_as_jansson(const char *s, size_t n) {
    json_t *v = json_stringn(s, n);
    if (jw_valid(s, n) != (v != NULL))
        fail_msg("jw_valid says %d, jansson %d, for %zu bytes starting %02x",
                 jw_valid(s, n), v != NULL, n, n ? (unsigned char)s[0] : 0);
    json_decref(v);
}

static void test_valid(void **state) {
    (void)state;
    static const struct { const char *s; size_t n; bool ok; } cases[] = {
        {"", 0, true},
        {"Hanoi, 2024", 11, true},
        {"a\0b", 3, true},                       /* jansson takes NUL with a length */
        {"é’中😀", 13, true},
        {"\xF4\x8F\xBF\xBF", 4, true},           /* U+10FFFF */
        {"ab\xC3", 3, false},                    /* truncated é */
        {"\xE4\xB8", 2, false},                  /* truncated 中 */
        {"\xF0\x9F\x98", 3, false},              /* truncated 😀 */
        {"x\xC0\x80", 3, false},                 /* overlong NUL */
        {"\xE0\x80\xAF", 3, false},              /* overlong '/' */
        {"\xED\xA0\x80", 3, false},              /* surrogate U+D800 */
        {"\xF4\x90\x80\x80", 4, false},          /* above U+10FFFF */
        {"ok \xFF", 4, false},
        {"\x80", 1, false},                      /* a lone continuation byte */
        {"é\xA9", 3, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (jw_valid(cases[i].s, cases[i].n) != cases[i].ok)
            fail_msg("case %zu: jw_valid is not %d", i, cases[i].ok);
        expect_valid_as_jansson(cases[i].s, cases[i].n);
    }
    /* random bytes, mostly of the kinds UTF-8 is made of */
    static const unsigned char bytes[] = {'a', 0x00, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2,
                                          0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
    uint64_t seed = 99;
    for (int k = 0; k < 20000; k++) {
        char s[8];
        size_t n = below(&seed, sizeof s + 1);
        for (size_t i = 0; i < n; i++) s[i] = (char)bytes[below(&seed, sizeof bytes)];
        expect_valid_as_jansson(s, n);
    }
}

/* ------------------------------------------------------------ edges */

/* A string longer than the buffer, plain or escaped, after a few bytes already buffered. */
static void test_long_strings(void **state) {
    (void)state;
    size_t n = 20000;
    char *s = malloc(n);
    assert_non_null(s);
    for (int escaped = 0; escaped < 2; escaped++) {
        for (size_t i = 0; i < n; i++) s[i] = (char)('a' + i % 26);
        if (escaped) s[n / 2] = '"', s[n - 1] = '\n';
        sink got = {0}, want = {0};
        jw w;
        jw_init(&w, sink_write, &got, true);
        jw_str(&w, "[1,");
        jw_string(&w, s, n);
        jw_str(&w, "]");
        jw_flush(&w);
        assert_int_equal(w.rc, ENTREL_E_OK);
        json_t *v = json_pack("[i,s%]", 1, s, n);
        assert_non_null(v);
        sink_dump(&want, v, true);
        json_decref(v);
        expect_same(&got, &want);
        free(got.v);
        free(want.v);
    }
    free(s);
}

/* Three ways to the sink: many small pieces, one string longer than the buffer, and
   jansson's pieces of a value longer than the buffer.  Each makes more than two calls. */
static void write_small(jw *w) {
    for (int k = 0; k < 3000; k++) jw_field_string(w, "key", "value \"quoted\"", 14);
}

static void write_big(jw *w, bool escaped) {
    size_t n = 30000;
    char *s = malloc(n);
    assert_non_null(s);
    memset(s, escaped ? '\t' : 'x', n);
    jw_str(w, "[");
    if (escaped) jw_value(w, json_stringn(s, n));
    else jw_string(w, s, n);
    free(s);
}

/* The failing call is the last one made; no byte is written after it. */
static void test_failing_sink(void **state) {
    (void)state;
    for (int way = 0; way < 3; way++) {
        for (int fail_at = 1; fail_at <= 2; fail_at++) {
            sink s = {.fail_at = fail_at};
            jw w;
            jw_init(&w, sink_write, &s, false);
            if (way == 0) write_small(&w);
            else write_big(&w, way == 2);
            assert_int_equal(w.rc, ENTREL_E_IO);
            assert_int_equal(s.calls, fail_at);
            size_t kept = s.n;
            jw_string(&w, "x\ny", 3);
            jw_value(&w, json_string("more"));     /* released even so */
            jw_uint(&w, 7);
            write_big(&w, false);
            jw_flush(&w);
            assert_int_equal(w.rc, ENTREL_E_IO);
            assert_int_equal(s.calls, fail_at);
            assert_int_equal(s.n, kept);
            free(s.v);
        }
    }
}

static void test_no_value(void **state) {
    (void)state;
    sink s = {0};
    jw w;
    jw_init(&w, sink_write, &s, true);
    jw_str(&w, "{\"a\":");
    jw_value(&w, NULL);
    assert_int_equal(w.rc, ENTREL_E_NOMEM);
    jw_str(&w, "1}");
    jw_flush(&w);
    assert_int_equal(w.rc, ENTREL_E_NOMEM);
    assert_int_equal(s.calls, 0);              /* the first error stops all writing */
    /* the first error is kept */
    jw_init(&w, sink_write, &(sink){.fail_at = 1}, true);
    jw_raw(&w, "x", 1);
    jw_flush(&w);
    jw_value(&w, NULL);
    assert_int_equal(w.rc, ENTREL_E_IO);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_jansson),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_long_strings),
        cmocka_unit_test(test_failing_sink),
        cmocka_unit_test(test_no_value),
    };
    return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
