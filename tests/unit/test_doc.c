/*
** test_doc.c: the document model: offsets in three units, warnings, and
** the annotation layers later stages fill.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

/* "é" is 2 bytes, 1 code point, 1 UTF-16 unit; "😀" is 4, 1 and 2. */
static void test_offsets(void **state) {
    (void)state;
    fixture f = {0};
    const char *text = "é😀 Hanoï";
    make_doc(&f, ENTREL_LANG_FR, text);
    long h = find_token(f.doc, "Hanoï");
    entrel_token t = token_at(f.doc, h);
    assert_int_equal(t.start, 7);
    assert_int_equal(entrel_doc_offset(f.doc, t.start, ENTREL_OFFSET_BYTE), 7);
    assert_int_equal(entrel_doc_offset(f.doc, t.start, ENTREL_OFFSET_CODEPOINT), 3);
    assert_int_equal(entrel_doc_offset(f.doc, t.start, ENTREL_OFFSET_UTF16), 4);
    assert_int_equal(entrel_doc_offset(f.doc, t.end, ENTREL_OFFSET_CODEPOINT), 8);
    assert_int_equal(entrel_doc_offset(f.doc, t.end, ENTREL_OFFSET_UTF16), 9);
    assert_int_equal(entrel_doc_offset(f.doc, 1000, ENTREL_OFFSET_BYTE), strlen(text));
    fixture_free(&f);
}

/* Past the 64-byte index steps, with invalid bytes counted one each. */
static void test_offsets_long(void **state) {
    (void)state;
    char text[1000];
    size_t n = 0;
    while (n + 9 < sizeof text) {
        memcpy(text + n, "ï\xFF" "ab😀", 9);
        n += 9;
    }
    fixture f = {0};
    make_doc_n(&f, ENTREL_LANG_EN, ENTREL_TOKENIZE_REFINED, text, n);
    size_t cp = 0, u16 = 0;
    for (size_t b = 0; b <= n; b++) {
        if (b % 9 <= 5 && b % 9 != 1) {
            assert_int_equal(entrel_doc_offset(f.doc, b, ENTREL_OFFSET_CODEPOINT), cp);
            assert_int_equal(entrel_doc_offset(f.doc, b, ENTREL_OFFSET_UTF16), u16);
        }
        if (b == n) break;
        uint8_t c = (uint8_t)text[b];
        bool lead = (c & 0xC0) != 0x80 || c == 0xFF;
        cp += lead;
        u16 += lead + (c >= 0xF0 && c != 0xFF);
    }
    assert_int_equal(entrel_doc_warning_count(f.doc), 1);
    entrel_warning w;
    assert_int_equal(entrel_doc_warning(f.doc, 0, &w), ENTREL_E_OK);
    assert_int_equal(w.code, ENTREL_E_BAD_UTF8);
    assert_int_equal(w.offset, 2);
    assert_int_equal(w.count, n / 9);
    assert_int_equal(entrel_doc_warning(f.doc, 1, &w), ENTREL_E_INVALID_ARG);
    fixture_free(&f);
}

static void test_nul_warning(void **state) {
    (void)state;
    fixture f = {0};
    make_doc_n(&f, ENTREL_LANG_EN, ENTREL_TOKENIZE_REFINED, "ab\0cd", 5);
    entrel_warning w;
    assert_int_equal(entrel_doc_warning(f.doc, 0, &w), ENTREL_E_OK);
    assert_int_equal(w.code, ENTREL_E_NUL_BYTE);
    assert_int_equal(w.offset, 2);
    /* The NUL is a symbol token of its own; nothing after it is lost. */
    assert_int_equal(entrel_doc_token_count(f.doc), 3);
    entrel_token t = token_at(f.doc, 1);
    assert_int_equal(t.kind, ENTREL_TOK_SYMBOL);
    assert_int_equal(t.start, 2);
    assert_int_equal(t.end, 3);
    assert_int_equal(token_at(f.doc, 2).start, 3);
    fixture_free(&f);
}

static void test_layers(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "Le Vietnam et l’ONUDC.");
    entrel_doc *doc = f.doc;
    uint32_t loc = doc_atom(doc, "LOC"), org = doc_atom(doc, "ORG");
    ann_entity vn = {.start = 3, .end = 10, .type = loc, .source = doc_atom(doc, "gazetteer:places")};
    ann_entity un = {.start = 18, .end = 23, .type = org};
    assert_int_equal(doc_add_entity(doc, &vn), ENTREL_E_OK);
    assert_int_equal(doc_add_entity(doc, &un), ENTREL_E_OK);
    ann_entity bad = {.start = 5, .end = 999, .type = org};
    assert_int_equal(doc_add_entity(doc, &bad), ENTREL_E_INVALID_ARG);
    bad = (ann_entity){.start = 5, .end = 3, .type = org};
    assert_int_equal(doc_add_entity(doc, &bad), ENTREL_E_INVALID_ARG);
    bad = (ann_entity){.start = 1, .end = 3};
    assert_int_equal(doc_add_entity(doc, &bad), ENTREL_E_INVALID_ARG);
    ann_relation r = {.type = doc_atom(doc, "co_organized_with"),
                      .head = {.ref = 0}, .tail = {.ref = 1},
                      .ev_start = 0, .ev_end = 24};
    assert_int_equal(doc_add_relation(doc, &r), ENTREL_E_OK);
    assert_int_equal(doc->rels.v[0].tail.start, 18);
    assert_int_equal(doc->rels.v[0].tail.end, 23);
    r.tail = (ann_arg){.ref = 7};
    assert_int_equal(doc_add_relation(doc, &r), ENTREL_E_INVALID_ARG);
    r.tail = (ann_arg){.ref = -1, .start = 11, .end = 13};
    assert_int_equal(doc_add_relation(doc, &r), ENTREL_E_OK);
    r.tail = (ann_arg){.ref = -2, .start = 11, .end = 13};
    assert_int_equal(doc_add_relation(doc, &r), ENTREL_E_INVALID_ARG);
    ann_span q = {.layer = doc_atom(doc, "quote"), .start = 0, .end = 2};
    assert_int_equal(doc_add_span(doc, &q), ENTREL_E_OK);
    q.layer = 0;
    assert_int_equal(doc_add_span(doc, &q), ENTREL_E_INVALID_ARG);
    assert_int_equal(doc->ents.n, 2);
    assert_int_equal(doc->rels.n, 2);
    assert_int_equal(doc->spans.n, 1);
    assert_string_equal(doc_atom_str(doc, loc), "LOC");
    fixture_free(&f);
}

static void test_accessors(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_AUTO, "The seminar was held in Vienna.");
    assert_string_equal(entrel_doc_id(f.doc), "t");
    assert_int_equal(entrel_doc_lang(f.doc), ENTREL_LANG_EN);
    size_t len;
    assert_memory_equal(entrel_doc_text(f.doc, &len), "The", 3);
    assert_int_equal(len, 31);
    entrel_token t;
    assert_int_equal(entrel_doc_token(f.doc, 999, &t), ENTREL_E_INVALID_ARG);
    assert_int_equal(entrel_doc_token(f.doc, 0, NULL), ENTREL_E_INVALID_ARG);
    assert_string_equal(entrel_token_kind_name(ENTREL_TOK_EMAIL), "email");
    assert_string_equal(entrel_token_kind_name((entrel_token_kind)99), "unknown");
    assert_string_equal(entrel_token_flag_name(ENTREL_TF_HYPHEN), "hyphen");
    assert_null(entrel_token_flag_name(0x3));
    fixture_free(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_offsets_long),
        cmocka_unit_test(test_nul_warning),
        cmocka_unit_test(test_layers),
        cmocka_unit_test(test_accessors),
    };
    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
