/*
** test_json.c: the JSON writer: key order, text slices at their offsets,
** optional parts, JSONL, invalid bytes, meta, and write failures.
** See LICENSE for copyright and licence.
*/
#include <jansson.h>

#include "helpers.h"

static json_t *to_json(entrel_doc *doc, unsigned flags, entrel_offset_unit unit,
                       const char *meta) {
    entrel_json_options o;
    entrel_json_options_init(&o);
    o.flags = flags;
    o.offsets = unit;
    o.meta_json = meta;
    char *s = entrel_doc_to_json(doc, &o);
    assert_non_null(s);
    json_error_t err;
    json_t *v = json_loads(s, JSON_ALLOW_NUL, &err);
    if (v == NULL) fail_msg("not JSON: %s\n%s", err.text, s);
    entrel_free(s);
    return v;
}

static void expect_keys(json_t *obj, const char *const *keys) {
    size_t i = 0;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        assert_non_null(keys[i]);
        assert_string_equal(key, keys[i]);
        i++;
    }
    assert_null(keys[i]);
}

static void test_key_order(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "Le Vietnam.");
    json_t *v = to_json(f.doc, ENTREL_JSON_TEXT | ENTREL_JSON_TOKENS | ENTREL_JSON_SENTENCES,
                        ENTREL_OFFSET_CODEPOINT, "{\"source\": \"x\"}");
    const char *keys[] = {"id", "lang", "meta", "text", "entities", "relations", "clusters",
                          "sentences", "tokens", NULL};
    expect_keys(v, keys);
    const char *tok_keys[] = {"start", "end", "text", "kind", "shape", "norm",
                              "fold", "stem", "flags", NULL};
    expect_keys(json_array_get(json_object_get(v, "tokens"), 0), tok_keys);
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "meta"), "source")), "x");
    json_decref(v);
    v = to_json(f.doc, 0, ENTREL_OFFSET_CODEPOINT, NULL);
    const char *bare[] = {"id", "lang", "entities", "relations", "clusters", NULL};
    expect_keys(v, bare);
    json_decref(v);
    fixture_free(&f);
}

/* Each annotation's text is the slice of "text" between its offsets. */
static void test_slices(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "😀 Hanoï et l’ONUDC à Vienne.");
    entrel_doc *doc = f.doc;
    ann_entity e = {.start = 5, .end = 11, .type = doc_atom(doc, "LOC"),
                    .kb = doc_atom(doc, "Q1858")};
    assert_int_equal(doc_add_entity(doc, &e), ENTREL_E_OK);
    ann_relation r = {.type = doc_atom(doc, "located_in"), .head = {.ref = 0},
                      .tail = {.ref = -1, .start = 28, .end = 34},
                      .ev_start = 5, .ev_end = 34, .rule = doc_atom(doc, "x.lua:3")};
    assert_int_equal(doc_add_relation(doc, &r), ENTREL_E_OK);
    entrel_offset_unit units[] = {ENTREL_OFFSET_CODEPOINT, ENTREL_OFFSET_UTF16};
    for (int u = 0; u < 2; u++) {
        json_t *v = to_json(doc, ENTREL_JSON_TEXT | ENTREL_JSON_TOKENS, units[u], NULL);
        const char *text = json_string_value(json_object_get(v, "text"));
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(v, "tokens"), i, t) {
            json_int_t s = json_integer_value(json_object_get(t, "start"));
            json_int_t end = json_integer_value(json_object_get(t, "end"));
            /* In code points, skip that many characters of "text". */
            if (units[u] != ENTREL_OFFSET_CODEPOINT) continue;
            const char *p = text;
            for (json_int_t k = 0; k < s; k++) do p++; while ((*p & 0xC0) == 0x80);
            const char *q = p;
            for (json_int_t k = s; k < end; k++) do q++; while ((*q & 0xC0) == 0x80);
            const char *want = json_string_value(json_object_get(t, "text"));
            assert_int_equal((size_t)(q - p), strlen(want));
            assert_memory_equal(p, want, strlen(want));
        }
        json_t *ent = json_array_get(json_object_get(v, "entities"), 0);
        assert_string_equal(json_string_value(json_object_get(ent, "id")), "T1");
        assert_string_equal(json_string_value(json_object_get(ent, "text")), "Hanoï");
        assert_string_equal(json_string_value(json_object_get(ent, "kb")), "Q1858");
        assert_null(json_object_get(ent, "canonical"));
        assert_int_equal(json_integer_value(json_object_get(ent, "start")), u == 0 ? 2 : 3);
        json_t *rel = json_array_get(json_object_get(v, "relations"), 0);
        json_t *head = json_object_get(rel, "head");
        assert_string_equal(json_string_value(json_object_get(head, "ref")), "T1");
        json_t *tail = json_object_get(rel, "tail");
        assert_null(json_object_get(tail, "ref"));
        assert_string_equal(json_string_value(json_object_get(tail, "text")), "Vienne");
        assert_string_equal(json_string_value(json_object_get(rel, "rule")), "x.lua:3");
        json_decref(v);
    }
    fixture_free(&f);
}

/*
** Values repeated and not: 3000 entities over one token, each with a
** canonical name and features drawn from 1200 (more than the writer's
** memo holds, in slots and in bytes), some needing escapes, some not
** valid UTF-8, some with a key twice.  Each must read back as set, in
** both layouts.
*/
static void canonical_of(int k, char *out, size_t cap) {
    if (k % 97 == 0) snprintf(out, cap, "bad \xff%d", k);   /* made invalid below */
    else snprintf(out, cap, "Nom \"%d\" \\ café %d\t", k, k * 7919);
    char *x = strstr(out, "\\xff");
    if (x) x[0] = (char)0xFF, memmove(x + 1, x + 4, strlen(x + 4) + 1);
}

static void test_repeated_values(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "Vienne");
    entrel_doc *doc = f.doc;
    char name[96], feats[128];
    for (int i = 0; i < 3000; i++) {
        int k = (i * 37) % 1200;
        canonical_of(k, name, sizeof name);
        snprintf(feats, sizeof feats, "id=%d;q=\"x\";id=%d", k, k + 1);
        ann_entity e = {.start = 0, .end = 6, .type = doc_atom(doc, k % 2 ? "LOC" : "GPE"),
                        .canonical = doc_atom(doc, name), .features = doc_atom(doc, feats)};
        assert_int_equal(doc_add_entity(doc, &e), ENTREL_E_OK);
    }
    for (unsigned flags = 0; flags <= ENTREL_JSON_LINE; flags += ENTREL_JSON_LINE) {
        json_t *v = to_json(doc, flags, ENTREL_OFFSET_CODEPOINT, NULL);
        json_t *ents = json_object_get(v, "entities");
        assert_int_equal(json_array_size(ents), 3000);
        for (int i = 0; i < 3000; i++) {
            int k = (i * 37) % 1200;
            json_t *ent = json_array_get(ents, (size_t)i);
            canonical_of(k, name, sizeof name);
            json_t *c = json_object_get(ent, "canonical");
            if (k % 97 == 0) assert_null(c);    /* not UTF-8: left out, as jansson does */
            else assert_string_equal(json_string_value(c), name);
            assert_string_equal(json_string_value(json_object_get(ent, "type")), k % 2 ? "LOC" : "GPE");
            json_t *fo = json_object_get(ent, "features");
            assert_int_equal(json_object_size(fo), 2);
            assert_int_equal(atoi(json_string_value(json_object_get(fo, "id"))), k + 1);
            assert_string_equal(json_string_value(json_object_get(fo, "q")), "\"x\"");
        }
        json_decref(v);
    }
    fixture_free(&f);
}

static void test_jsonl_line(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "Deux\nlignes.\n");
    entrel_json_options o;
    entrel_json_options_init(&o);
    o.flags |= ENTREL_JSON_LINE | ENTREL_JSON_TOKENS;
    char *s = entrel_doc_to_json(f.doc, &o);
    assert_non_null(s);
    char *nl = strchr(s, '\n');
    assert_non_null(nl);
    assert_int_equal(nl[1], '\0');
    assert_int_equal(strncmp(s, "{\"id\":\"t\",\"lang\":\"fr\",\"text\":", 29), 0);
    entrel_free(s);
    fixture_free(&f);
}

/* Invalid bytes are written as U+FFFD, one per byte, and listed. */
static void test_invalid_text(void **state) {
    (void)state;
    fixture f = {0};
    make_doc_n(&f, ENTREL_LANG_EN, ENTREL_TOKENIZE_REFINED, "a\xC0\x80 b\0", 6);
    json_t *v = to_json(f.doc, ENTREL_JSON_TEXT | ENTREL_JSON_TOKENS, ENTREL_OFFSET_CODEPOINT, NULL);
    json_t *text = json_object_get(v, "text");
    assert_int_equal(json_string_length(text), 10);
    assert_memory_equal(json_string_value(text), "a\xEF\xBF\xBD\xEF\xBF\xBD b\0", 10);
    json_t *w = json_object_get(v, "warnings");
    assert_int_equal(json_array_size(w), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(w, 0), "code")), "BAD_UTF8");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(w, 0), "byte")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(w, 1), "code")), "NUL_BYTE");
    json_t *b = json_array_get(json_object_get(v, "tokens"), 3);
    assert_string_equal(json_string_value(json_object_get(b, "text")), "b");
    assert_int_equal(json_integer_value(json_object_get(b, "start")), 4);
    json_decref(v);
    fixture_free(&f);
}

/* A text longer than one writer chunk, with multi-byte characters across it. */
static void test_long_text(void **state) {
    (void)state;
    size_t n = 300000;
    char *text = malloc(n + 1);
    assert_non_null(text);
    for (size_t i = 0; i + 3 <= n; i += 3) memcpy(text + i, i % 7 ? "é\"" : "\\\n\t", 3);
    fixture f = {0};
    make_doc_n(&f, ENTREL_LANG_FR, ENTREL_TOKENIZE_REFINED, text, n);
    json_t *v = to_json(f.doc, ENTREL_JSON_TEXT, ENTREL_OFFSET_CODEPOINT, NULL);
    json_t *t = json_object_get(v, "text");
    assert_int_equal(json_string_length(t), n);
    assert_memory_equal(json_string_value(t), text, n);
    json_decref(v);
    fixture_free(&f);
    free(text);
}

/* An id that is not UTF-8 (a file name) is written with U+FFFD, not lost. */
static void test_lossy_id(void **state) {
    (void)state;
    entrel_engine *e = entrel_engine_new(NULL, NULL);
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "caf\xE9.txt", "Hanoi", 5, &doc), ENTREL_E_OK);
    char *out = entrel_doc_to_json(doc, NULL);
    assert_non_null(out);
    json_t *v = json_loads(out, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(v, "id")), "caf\xEF\xBF\xBD.txt");
    json_decref(v);
    entrel_free(out);
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
}

static int failing_writer(const char *buf, size_t len, void *ctx) {
    (void)buf;
    (void)len;
    int *calls = ctx;
    ++*calls;
    return -1;
}

static void test_errors(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "Le Vietnam.");
    entrel_json_options o;
    entrel_json_options_init(&o);
    o.flags |= ENTREL_JSON_TOKENS;
    int calls = 0;
    assert_int_equal(entrel_doc_write_json(f.doc, &o, failing_writer, &calls), ENTREL_E_IO);
    assert_int_equal(calls, 1);
    o.meta_json = "[1, 2]";
    calls = 0;
    assert_int_equal(entrel_doc_write_json(f.doc, &o, failing_writer, &calls),
                     ENTREL_E_INVALID_ARG);
    assert_int_equal(calls, 0); /* refused before writing anything */
    assert_null(entrel_doc_to_json(f.doc, &o));
    o.meta_json = "{not json";
    assert_null(entrel_doc_to_json(f.doc, &o));
    assert_int_equal(entrel_doc_write_json(f.doc, NULL, NULL, NULL), ENTREL_E_INVALID_ARG);
    fixture_free(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_order),
        cmocka_unit_test(test_slices),
        cmocka_unit_test(test_repeated_values),
        cmocka_unit_test(test_jsonl_line),
        cmocka_unit_test(test_invalid_text),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_lossy_id),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
