/*
** fuzz_tokenizer.c: libFuzzer target for the tokenizer, the sentence
** splitter, offset conversion and the JSON writer, checking on every input
** the promises entrel.h makes about them.
** See LICENSE for copyright and licence.
**
** Input: the first byte picks the options, the rest is the document
** (any bytes: invalid UTF-8, NULs).  The expected offsets, warnings and
** JSON text come from a reference model built here, independently of the
** library, by decoding the input with the rules of RFC 3629.
*/
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entrel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DOC_ID "fuzz"
#define KNOWN_FLAGS 0x07FFu

#define FUZZ_NAME "fuzz_tokenizer"
#include "check.h"

/* ------------------------------------------------------------ options */

typedef struct options {
    entrel_lang lang, fallback;
    entrel_tokenizer_mode mode;
    entrel_offset_unit unit;  /* of the second JSON output */
    bool line;                /* the second JSON output as JSONL */
} options;

/* Every combination is reachable from one byte: 3 * 2 * 3 * 2 * 2 = 72. */
static options decode_options(uint8_t b) {
    options o;
    o.lang = (entrel_lang)(b % 3);
    o.mode = (b / 3) % 2 ? ENTREL_TOKENIZE_UAX29 : ENTREL_TOKENIZE_REFINED;
    o.unit = (entrel_offset_unit)((b / 6) % 3);
    o.fallback = (b / 18) % 2 ? ENTREL_LANG_FR : ENTREL_LANG_EN;
    o.line = (b / 36) % 2;
    return o;
}

/* ------------------------------------------------------------ reference */

/*
** Length of the valid UTF-8 character at s[0..n), or 0: overlong forms,
** surrogates, code points past U+10FFFF and cut sequences are invalid.
*/
static size_t utf8_length(const uint8_t *s, size_t n, uint32_t *uc) {
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    uint8_t c = s[0];
    size_t len = c < 0x80 ? 1 : c < 0xC0 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3
               : c < 0xF8 ? 4 : 0;
    if (len == 0 || len > n) return 0;
    uint32_t v = len == 1 ? c : c & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) return 0;
        v = v << 6 | (s[k] & 0x3Fu);
    }
    if (v < least[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *uc = v;
    return len;
}

/* White space as entrel.h's tokenizer separates on: Unicode White_Space. */
static bool is_space(uint32_t uc) {
    return (uc >= 0x09 && uc <= 0x0D) || uc == 0x20 || uc == 0x85 ||
           uc == 0xA0 || uc == 0x1680 || (uc >= 0x2000 && uc <= 0x200A) ||
           uc == 0x2028 || uc == 0x2029 || uc == 0x202F || uc == 0x205F ||
           uc == 0x3000;
}

static bool is_line_break(uint32_t uc) {
    return (uc >= 0x0A && uc <= 0x0D) || uc == 0x85 || uc == 0x2028 ||
           uc == 0x2029;
}

/* What the model knows of each byte offset of the document. */
typedef struct pos {
    size_t cp, u16;           /* units before this offset */
    uint32_t uc;              /* character starting here (U+FFFD if invalid) */
    uint8_t len;              /* its bytes; 0 inside a character */
    bool bad;                 /* an invalid byte */
} pos;

typedef struct model {
    const uint8_t *s;
    size_t len;
    pos *p;                   /* len + 1 entries */
    size_t nbad, bad_first, nnul, nul_first;
    bool ascii;
    char *json;               /* the text as JSON must give it */
    size_t json_len;
} model;

static bool boundary(const model *m, size_t i) {
    return i == m->len || m->p[i].len > 0;
}

static void model_char(model *m, size_t i, size_t len, uint32_t uc) {
    pos *p = &m->p[i];
    p->len = (uint8_t)(len ? len : 1);
    p->bad = len == 0;
    p->uc = len ? uc : 0xFFFD;
    const void *bytes = len ? (const void *)(m->s + i) : "\xEF\xBF\xBD";
    memcpy(m->json + m->json_len, bytes, len ? len : 3);
    m->json_len += len ? len : 3;
    m->p[i + p->len].cp = p->cp + 1;
    m->p[i + p->len].u16 = p->u16 + (p->uc >= 0x10000 ? 2 : 1);
}

static bool model_build(model *m, const uint8_t *s, size_t len) {
    *m = (model){.s = s, .len = len, .ascii = true};
    m->p = calloc(len + 1, sizeof *m->p);
    m->json = malloc(len * 3 + 1);
    if (m->p == NULL || m->json == NULL) return false;
    for (size_t i = 0; i < len;) {
        uint32_t uc = 0;
        size_t n = utf8_length(s + i, len - i, &uc);
        if (n == 0 && m->nbad++ == 0) m->bad_first = i;
        if (n == 1 && uc == 0 && m->nnul++ == 0) m->nul_first = i;
        m->ascii &= s[i] < 0x80;
        model_char(m, i, n, uc);
        i += m->p[i].len;
    }
    return true;
}

static void model_free(model *m) {
    free(m->p);
    free(m->json);
}

/* ------------------------------------------------------------ tokens */

static bool has_bad(const model *m, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if (m->p[i].bad) return true;
    return false;
}

/*
** Between refined tokens there is only white space, and the token after
** it says so in its SPACE and NEWLINE flags.
*/
static void check_gap(const model *m, size_t a, size_t b,
                      const entrel_token *next, size_t i) {
    bool line = false;
    for (size_t k = a; k < b; k += m->p[k].len) {
        CHECK(!m->p[k].bad && is_space(m->p[k].uc),
              "byte %zu (U+%04X) is in no token", k, (unsigned)m->p[k].uc);
        line |= is_line_break(m->p[k].uc);
    }
    if (next == NULL) return;
    unsigned f = next->flags;
    CHECK(((f & ENTREL_TF_SPACE) != 0) == (b > a), "token %zu: SPACE flag", i);
    CHECK(((f & ENTREL_TF_NEWLINE) != 0) == line, "token %zu: NEWLINE flag", i);
    CHECK(!(f & ENTREL_TF_PARAGRAPH) || (f & ENTREL_TF_NEWLINE),
          "token %zu: PARAGRAPH without NEWLINE", i);
}

static bool is_group_space(uint32_t uc) {
    return uc == ' ' || uc == 0xA0 || uc == 0x2007 || uc == 0x2009 ||
           uc == 0x202F;
}

static bool is_digit_at(const model *m, size_t i) {
    return i < m->len && m->s[i] >= '0' && m->s[i] <= '9';
}

/* A refined token holds white space only as a digit group separator: "9 885". */
static void check_no_space(const model *m, const entrel_token *t, size_t i) {
    for (size_t k = t->start; k < t->end; k += m->p[k].len) {
        uint32_t uc = m->p[k].uc;
        if (m->p[k].bad || !is_space(uc)) continue;
        CHECK(t->kind == ENTREL_TOK_NUMBER && is_group_space(uc) &&
                  k > t->start && is_digit_at(m, k - 1) &&
                  is_digit_at(m, k + m->p[k].len),
              "token %zu [%zu,%zu) holds white space at byte %zu", i, t->start,
              t->end, k);
    }
}

static void check_token(const model *m, entrel_doc *doc, const options *o,
                        const entrel_token *t, size_t i) {
    size_t len;
    const char *text = entrel_doc_text(doc, &len);
    CHECK(t->start < t->end && t->end <= m->len, "token %zu: bad span [%zu,%zu)",
          i, t->start, t->end);
    CHECK(boundary(m, t->start) && boundary(m, t->end),
          "token %zu [%zu,%zu) cuts a character", i, t->start, t->end);
    CHECK(t->text == text + t->start, "token %zu: text pointer", i);
    CHECK(t->norm && t->fold && t->stem && t->shape, "token %zu: NULL form", i);
    CHECK((t->flags & ~KNOWN_FLAGS) == 0, "token %zu: unknown flags %#x", i,
          t->flags);
    bool space_kind = t->kind == ENTREL_TOK_SPACE;
    CHECK((unsigned)t->kind <= ENTREL_TOK_SPACE &&
              (!space_kind || o->mode == ENTREL_TOKENIZE_UAX29),
          "token %zu: kind %d", i, (int)t->kind);
    bool invalid = (t->flags & ENTREL_TF_INVALID) != 0;
    CHECK(invalid == has_bad(m, t->start, t->end),
          "token %zu [%zu,%zu): INVALID flag %d disagrees with its bytes", i,
          t->start, t->end, invalid);
    CHECK(!invalid || t->kind == ENTREL_TOK_SYMBOL, "token %zu: INVALID not SYMBOL", i);
    if (o->mode == ENTREL_TOKENIZE_REFINED) check_no_space(m, t, i);
    else CHECK(space_kind == is_space(m->p[t->start].uc), "token %zu: SPACE kind", i);
}

/*
** Tokens are sorted and do not overlap.  Refined tokens leave out only
** white space; UAX #29 tokens cover the text end to end.
*/
static void check_tokens(const model *m, entrel_doc *doc, const options *o) {
    size_t n = entrel_doc_token_count(doc), prev = 0;
    bool refined = o->mode == ENTREL_TOKENIZE_REFINED;
    entrel_token t;
    for (size_t i = 0; i < n; i++) {
        CHECK(entrel_doc_token(doc, i, &t) == ENTREL_E_OK, "token %zu: no token", i);
        check_token(m, doc, o, &t, i);
        CHECK(t.start >= prev, "token %zu starts at %zu before %zu", i, t.start, prev);
        if (refined) check_gap(m, prev, t.start, &t, i);
        else CHECK(t.start == prev, "UAX #29 token %zu leaves a gap", i);
        prev = t.end;
    }
    if (refined) check_gap(m, prev, m->len, NULL, n);
    else CHECK(prev == m->len, "UAX #29 tokens stop at %zu of %zu", prev, m->len);
    CHECK(entrel_doc_token(doc, n, &t) == ENTREL_E_INVALID_ARG, "token past the end");
}

/* ------------------------------------------------------------ sentences */

/*
** Refined sentences cut the tokens into consecutive runs, and each
** spans its tokens exactly; the UAX #29 mode makes none.
*/
static void check_sentences(entrel_doc *doc, const options *o) {
    size_t ns = entrel_doc_sentence_count(doc), nt = entrel_doc_token_count(doc);
    size_t next = 0, starts = 0;
    entrel_token first, last;
    entrel_sentence s;
    if (o->mode == ENTREL_TOKENIZE_UAX29) CHECK(ns == 0, "UAX #29 mode made sentences");
    for (size_t i = 0; i < ns; i++) {
        CHECK(entrel_doc_sentence(doc, i, &s) == ENTREL_E_OK, "sentence %zu", i);
        CHECK(s.first_token == next && s.first_token < s.end_token &&
                  s.end_token <= nt,
              "sentence %zu: tokens [%zu,%zu), expected to start at %zu of %zu",
              i, s.first_token, s.end_token, next, nt);
        entrel_doc_token(doc, s.first_token, &first);
        entrel_doc_token(doc, s.end_token - 1, &last);
        CHECK(s.start == first.start && s.end == last.end,
              "sentence %zu: span [%zu,%zu) but tokens span [%zu,%zu)", i,
              s.start, s.end, first.start, last.end);
        next = s.end_token;
    }
    CHECK(o->mode == ENTREL_TOKENIZE_UAX29 || next == nt,
          "sentences cover %zu of %zu tokens", next, nt);
    for (size_t i = 0; i < nt; i++) {
        entrel_doc_token(doc, i, &first);
        starts += (first.flags & ENTREL_TF_SENT_START) != 0;
    }
    CHECK(starts == ns, "%zu SENT_START flags for %zu sentences", starts, ns);
    CHECK(entrel_doc_sentence(doc, ns, &s) == ENTREL_E_INVALID_ARG,
          "sentence past the end");
}

/* ------------------------------------------------------------ offsets */

static size_t model_offset(const model *m, size_t byte, entrel_offset_unit unit) {
    return unit == ENTREL_OFFSET_CODEPOINT ? m->p[byte].cp
         : unit == ENTREL_OFFSET_UTF16     ? m->p[byte].u16
                                           : byte;
}

/*
** At every character boundary the offset is the model's; over all byte
** offsets it never decreases; past the end it is the end's.
*/
static void check_offsets(const model *m, entrel_doc *doc) {
    static const entrel_offset_unit units[] = {
        ENTREL_OFFSET_CODEPOINT, ENTREL_OFFSET_UTF16, ENTREL_OFFSET_BYTE};
    for (size_t u = 0; u < 3; u++) {
        size_t prev = 0;
        for (size_t b = 0; b <= m->len; b++) {
            size_t got = entrel_doc_offset(doc, b, units[u]);
            CHECK(got >= prev, "unit %d: offset of byte %zu decreases", (int)units[u], b);
            CHECK(!boundary(m, b) || got == model_offset(m, b, units[u]),
                  "unit %d: byte %zu gives %zu, expected %zu", (int)units[u], b,
                  got, model_offset(m, b, units[u]));
            CHECK(!m->ascii || got == b, "ASCII text: byte %zu gives %zu", b, got);
            prev = got;
        }
        CHECK(entrel_doc_offset(doc, m->len + 1, units[u]) == prev &&
                  entrel_doc_offset(doc, SIZE_MAX, units[u]) == prev,
              "unit %d: offset past the end", (int)units[u]);
    }
}

/* ------------------------------------------------------------ document */

/* Warnings list the first invalid byte and NUL, with how many there are. */
static void check_warnings(const model *m, entrel_doc *doc) {
    entrel_warning want[2], w;
    size_t n = 0;
    if (m->nbad) want[n++] = (entrel_warning){ENTREL_E_BAD_UTF8, m->bad_first, m->nbad};
    if (m->nnul) want[n++] = (entrel_warning){ENTREL_E_NUL_BYTE, m->nul_first, m->nnul};
    CHECK(entrel_doc_warning_count(doc) == n, "%zu warnings, expected %zu",
          entrel_doc_warning_count(doc), n);
    for (size_t i = 0; i < n; i++) {
        CHECK(entrel_doc_warning(doc, i, &w) == ENTREL_E_OK, "warning %zu", i);
        CHECK(w.code == want[i].code && w.offset == want[i].offset &&
                  w.count == want[i].count,
              "warning %zu: %s at %zu x%zu, expected %s at %zu x%zu", i,
              entrel_errname(w.code), w.offset, w.count,
              entrel_errname(want[i].code), want[i].offset, want[i].count);
    }
    CHECK(entrel_doc_warning(doc, n, &w) == ENTREL_E_INVALID_ARG, "warning past the end");
}

static void check_doc(const model *m, entrel_doc *doc, const options *o) {
    size_t len;
    const char *text = entrel_doc_text(doc, &len);
    CHECK(len == m->len && (len == 0 || memcmp(text, m->s, len) == 0),
          "document text differs from the input");
    CHECK(strcmp(entrel_doc_id(doc), DOC_ID) == 0, "document id");
    entrel_lang lang = entrel_doc_lang(doc);
    CHECK(lang == ENTREL_LANG_FR || lang == ENTREL_LANG_EN, "language %d", (int)lang);
    CHECK(o->lang == ENTREL_LANG_AUTO || lang == o->lang, "language not the one asked");
    check_warnings(m, doc);
    check_tokens(m, doc, o);
    check_sentences(doc, o);
    check_offsets(m, doc);
}

/*
** The same text processed again by the same session, now with every form
** in the session's cache, must come out the same.
*/
static void check_same(entrel_doc *a, entrel_doc *b) {
    size_t n = entrel_doc_token_count(a);
    CHECK(n == entrel_doc_token_count(b), "second run: %zu tokens, not %zu",
          entrel_doc_token_count(b), n);
    CHECK(entrel_doc_lang(a) == entrel_doc_lang(b), "second run: language");
    CHECK(entrel_doc_sentence_count(a) == entrel_doc_sentence_count(b),
          "second run: sentence count");
    for (size_t i = 0; i < n; i++) {
        entrel_token x, y;
        entrel_doc_token(a, i, &x);
        entrel_doc_token(b, i, &y);
        CHECK(x.start == y.start && x.end == y.end && x.kind == y.kind &&
                  x.flags == y.flags && strcmp(x.norm, y.norm) == 0 &&
                  strcmp(x.fold, y.fold) == 0 && strcmp(x.stem, y.stem) == 0 &&
                  strcmp(x.shape, y.shape) == 0,
              "second run: token %zu differs", i);
    }
}

/* ------------------------------------------------------------ JSON */

static const char *get_string(json_t *obj, const char *key, size_t *len) {
    json_t *v = json_object_get(obj, key);
    CHECK(json_is_string(v), "JSON: \"%s\" is not a string", key);
    if (len) *len = json_string_length(v);
    return json_string_value(v);
}

static size_t get_size(json_t *obj, const char *key) {
    json_t *v = json_object_get(obj, key);
    CHECK(json_is_integer(v) && json_integer_value(v) >= 0,
          "JSON: \"%s\" is not an offset", key);
    return (size_t)json_integer_value(v);
}

static json_t *get_array(json_t *obj, const char *key, size_t n) {
    json_t *v = json_object_get(obj, key);
    CHECK(json_is_array(v) && json_array_size(v) == n,
          "JSON: \"%s\" is not an array of %zu", key, n);
    return v;
}

/* Byte where each code point of a UTF-8 string starts, and one for the end. */
static size_t *code_point_starts(const char *s, size_t len, size_t *count) {
    size_t *at = malloc((len + 1) * sizeof *at), n = 0;
    CHECK(at != NULL, "out of memory");
    for (size_t i = 0; i < len;) {
        uint32_t uc;
        size_t k = utf8_length((const uint8_t *)s + i, len - i, &uc);
        CHECK(k > 0, "JSON: \"text\" is not UTF-8 at byte %zu", i);
        at[n++] = i;
        i += k;
    }
    at[n] = len;
    *count = n;
    return at;
}

static bool flags_match(json_t *arr, unsigned flags) {
    size_t k = 0;
    for (unsigned bit = 1; bit <= KNOWN_FLAGS; bit <<= 1) {
        if (!(flags & bit)) continue;
        json_t *v = json_array_get(arr, k++);
        if (!json_is_string(v) ||
            strcmp(json_string_value(v), entrel_token_flag_name(bit)) != 0)
            return false;
    }
    return json_is_array(arr) && json_array_size(arr) == k;
}

/*
** A token in the code-point JSON: its offsets are the model's, and its
** "text" is the slice of the document's "text" between them.
*/
static void check_json_token(const model *m, entrel_doc *doc, json_t *o,
                             size_t i, const char *text, const size_t *at,
                             size_t ncp) {
    entrel_token t;
    entrel_doc_token(doc, i, &t);
    size_t a = get_size(o, "start"), b = get_size(o, "end"), len;
    CHECK(a == m->p[t.start].cp && b == m->p[t.end].cp && a < b && b <= ncp,
          "JSON token %zu: [%zu,%zu), expected [%zu,%zu)", i, a, b,
          m->p[t.start].cp, m->p[t.end].cp);
    const char *s = get_string(o, "text", &len);
    CHECK(len == at[b] - at[a] && memcmp(s, text + at[a], len) == 0,
          "JSON token %zu: text is not the slice [%zu,%zu) of the text", i, a, b);
    CHECK(strcmp(get_string(o, "kind", NULL), entrel_token_kind_name(t.kind)) == 0,
          "JSON token %zu: kind", i);
    CHECK(flags_match(json_object_get(o, "flags"), t.flags), "JSON token %zu: flags", i);
    get_string(o, "norm", NULL);
    get_string(o, "fold", NULL);
    get_string(o, "shape", NULL);
}

static void check_json_sentence(entrel_doc *doc, json_t *o, size_t i,
                                entrel_offset_unit unit, const model *m) {
    entrel_sentence s;
    entrel_doc_sentence(doc, i, &s);
    json_t *toks = get_array(o, "tokens", 2);
    CHECK(get_size(o, "start") == model_offset(m, s.start, unit) &&
              get_size(o, "end") == model_offset(m, s.end, unit) &&
              json_integer_value(json_array_get(toks, 0)) == (json_int_t)s.first_token &&
              json_integer_value(json_array_get(toks, 1)) == (json_int_t)s.end_token,
          "JSON sentence %zu differs from the API's", i);
}

/*
** Parse the writer's output: one object naming the document, ending with
** a newline, and in JSONL with no other.
*/
static json_t *parse_output(const char *s, size_t len, bool line, entrel_doc *doc) {
    CHECK(len > 0 && s[len - 1] == '\n', "JSON output does not end with a newline");
    CHECK(!line || memchr(s, '\n', len) == s + len - 1, "JSONL output is not one line");
    json_error_t err;
    json_t *root = json_loadb(s, len, JSON_ALLOW_NUL, &err);
    CHECK(root != NULL, "JSON output does not parse: %s at %d", err.text, err.position);
    CHECK(json_is_object(root), "JSON output is not an object");
    CHECK(strcmp(get_string(root, "id", NULL), DOC_ID) == 0, "JSON id");
    CHECK(strcmp(get_string(root, "lang", NULL),
                 entrel_lang_name(entrel_doc_lang(doc))) == 0,
          "JSON lang");
    return root;
}

static void check_json_text(const model *m, json_t *root, entrel_doc *doc) {
    size_t len, ncp;
    const char *text = get_string(root, "text", &len);
    CHECK(len == m->json_len && memcmp(text, m->json, len) == 0,
          "JSON: \"text\" is not the input with U+FFFD for each invalid byte");
    size_t *at = code_point_starts(text, len, &ncp);
    size_t nt = entrel_doc_token_count(doc);
    json_t *toks = get_array(root, "tokens", nt);
    for (size_t i = 0; i < nt; i++)
        check_json_token(m, doc, json_array_get(toks, i), i, text, at, ncp);
    free(at);
}

/* The indented JSON with text, tokens and sentences, offsets in code points. */
static void check_json_full(const model *m, entrel_doc *doc) {
    entrel_json_options opts;
    entrel_json_options_init(&opts);
    opts.flags = ENTREL_JSON_TEXT | ENTREL_JSON_TOKENS | ENTREL_JSON_SENTENCES;
    char *s = entrel_doc_to_json(doc, &opts);
    CHECK(s != NULL, "entrel_doc_to_json failed");
    json_t *root = parse_output(s, strlen(s), false, doc);
    check_json_text(m, root, doc);
    size_t ns = entrel_doc_sentence_count(doc);
    json_t *sents = get_array(root, "sentences", ns);
    for (size_t i = 0; i < ns; i++)
        check_json_sentence(doc, json_array_get(sents, i), i, ENTREL_OFFSET_CODEPOINT, m);
    CHECK((json_object_get(root, "warnings") != NULL) ==
              (entrel_doc_warning_count(doc) > 0),
          "JSON warnings");
    json_decref(root);
    entrel_free(s);
}

/*
** The streamed JSON in the unit and layout the options ask for: offsets
** agree with the model; a sink that says stop gets ENTREL_E_IO and no
** further call.
*/
static void check_json_units(const model *m, entrel_doc *doc, const options *o) {
    entrel_json_options opts;
    entrel_json_options_init(&opts);
    opts.flags = ENTREL_JSON_TOKENS | ENTREL_JSON_SENTENCES |
                 (o->line ? ENTREL_JSON_LINE : 0);
    opts.offsets = o->unit;
    sink k = {0};
    int rc = entrel_doc_write_json(doc, &opts, sink_write, &k);
    CHECK(rc == ENTREL_E_OK, "entrel_doc_write_json: %s", entrel_errname(rc));
    json_t *root = parse_output(k.buf, k.len, o->line, doc);
    CHECK(json_object_get(root, "text") == NULL, "JSON has text it was not asked for");
    size_t nt = entrel_doc_token_count(doc), ns = entrel_doc_sentence_count(doc);
    json_t *toks = get_array(root, "tokens", nt);
    for (size_t i = 0; i < nt; i++) {
        entrel_token t;
        entrel_doc_token(doc, i, &t);
        json_t *x = json_array_get(toks, i);
        CHECK(get_size(x, "start") == model_offset(m, t.start, o->unit) &&
                  get_size(x, "end") == model_offset(m, t.end, o->unit),
              "JSON token %zu: offsets in unit %d", i, (int)o->unit);
    }
    json_t *sents = get_array(root, "sentences", ns);
    for (size_t i = 0; i < ns; i++)
        check_json_sentence(doc, json_array_get(sents, i), i, o->unit, m);
    json_decref(root);
    sink stop = {.stop_at = 1 + m->len % k.calls};
    rc = entrel_doc_write_json(doc, &opts, sink_write, &stop);
    CHECK(rc == ENTREL_E_IO && stop.calls == stop.stop_at,
          "a sink that stops at call %zu of %zu: %s", stop.stop_at, k.calls,
          entrel_errname(rc));
    free(stop.buf);
    free(k.buf);
}

/* ------------------------------------------------------------ driver */

static void run(const model *m, const options *o) {
    entrel_engine_options eo;
    entrel_engine_options_init(&eo);
    eo.lang = o->lang;
    eo.fallback_lang = o->fallback;
    eo.mode = o->mode;
    entrel_error err;
    entrel_engine *engine = entrel_engine_new(&eo, &err);
    CHECK(engine != NULL, "entrel_engine_new: %s", err.message);
    entrel_session *session = entrel_session_new(engine);
    CHECK(session != NULL, "entrel_session_new failed");
    entrel_doc *doc, *again;
    int rc = entrel_session_process(session, DOC_ID, (const char *)m->s, m->len, &doc);
    CHECK(rc == ENTREL_E_OK && doc != NULL, "process: %s", entrel_errname(rc));
    check_doc(m, doc, o);
    check_json_full(m, doc);
    check_json_units(m, doc, o);
    rc = entrel_session_process(session, DOC_ID, (const char *)m->s, m->len, &again);
    CHECK(rc == ENTREL_E_OK && again != NULL, "second process: %s", entrel_errname(rc));
    check_same(doc, again);
    entrel_doc_free(again);
    entrel_doc_free(doc);
    entrel_session_free(session);
    entrel_engine_free(engine);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    options o = decode_options(size ? data[0] : 0);
    model m;
    CHECK(model_build(&m, size ? data + 1 : data, size ? size - 1 : 0), "out of memory");
    run(&m, &o);
    model_free(&m);
    return 0;
}

#ifdef STANDALONE
#include "replay.h"

int main(int argc, char **argv) {
    return replay_main("fuzz_tokenizer", argc, argv);
}
#endif
