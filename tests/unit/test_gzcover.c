/*
** test_gzcover.c: lexicon coverage (gz_cover): which tokens each lexicon
** covers under its policy, names of one word and of several, and the
** one-word names that tokens learn with their forms when the lexicons are
** the engine's cover, which must never change a bit: the same documents
** are covered that way and by the plain walk, again and again, for two
** lexicon sets in turn.
** See LICENSE for copyright and licence.
*/
#include <unistd.h>

#include "annotator.h"
#include "gazetteer.h"
#include "helpers.h"

typedef struct cover_fixture {
    entrel_engine *engine;
    entrel_session *session;
    gazetteer *sets[2];
    int covered;                      /* the set that is the engine's cover */
    uint32_t plain[256], quick[256];
} cover_fixture;

/* Lexicon lines are "name<TAB>type"; the type is not used. */
static const char *const lexicons[][3] = {
    {"#@policy norm\nde\tW\nla\tW\nde la\tW\nà\tW\nle\tW\nà la suite de\tW\n",
     "#@policy exact\nONU\tW\nUE\tW\n",
     "#@policy title\nParis\tW\nNations Unies\tW\n"},
    {"#@policy fold\na\tW\nde\tW\nNations\tW\n",
     "#@policy norm\nla suite\tW\nde la\tW\n",
     "#@policy exact\nParis\tW\nONU\tW\n"},
};

/* Load lexicon k of set s as tag k, the way a rule file's lexicons are loaded. */
static void load_lexicon(cover_fixture *c, entrel_session *loader, int s, int k) {
    char path[] = "/tmp/entrel-lex-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(lexicons[s][k]);
    assert_int_equal(write(fd, lexicons[s][k], len), (ssize_t)len);
    close(fd);
    entrel_error err = {0};
    int rc = gz_load_tsv_tagged(c->engine, loader, c->sets[s], path, k, &err);
    unlink(path);
    assert_int_equal(rc, ENTREL_E_OK);
}

static void cover_begin(cover_fixture *c, int covered) {
    memset(c, 0, sizeof *c);
    c->covered = covered;
    c->engine = entrel_engine_new(NULL, NULL);
    assert_non_null(c->engine);
    entrel_session *loader = engine_loader_session(c->engine);   /* ours to free */
    assert_non_null(loader);
    for (int s = 0; s < 2; s++) {
        c->sets[s] = gz_new();
        assert_non_null(c->sets[s]);
        for (int k = 0; k < 3; k++) load_lexicon(c, loader, s, k);
        assert_int_equal(gz_finish(c->sets[s]), ENTREL_E_OK);
    }
    entrel_session_free(loader);
    c->engine->cover = c->sets[covered];  /* its one-word names come with the tokens */
    c->session = entrel_session_new(c->engine);
    assert_non_null(c->session);
}

static void cover_end(cover_fixture *c) {
    for (int s = 0; s < 2; s++) gz_free(c->sets[s]);
    entrel_session_free(c->session);
    entrel_engine_free(c->engine);
}

/* Cover 'text' with the engine's cover by the plain walk, then from what the tokens know: both agree. */
static entrel_doc *cover(cover_fixture *c, const char *text) {
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(c->session, "t", text, strlen(text), &doc),
                     ENTREL_E_OK);
    assert_true(doc->toks.n <= 256);
    memset(c->plain, 0, sizeof c->plain);
    memset(c->quick, 0, sizeof c->quick);
    gazetteer *g = c->sets[c->covered];
    c->engine->cover = NULL;              /* the plain walk, as for any gazetteer */
    assert_int_equal(gz_cover(g, doc, c->plain), ENTREL_E_OK);
    c->engine->cover = g;
    assert_int_equal(gz_cover(g, doc, c->quick), ENTREL_E_OK);
    for (size_t i = 0; i < doc->toks.n; i++)
        if (c->plain[i] != c->quick[i])
            fail_msg("set %d, \"%s\", token %zu: %#x by the plain walk, %#x from the tokens",
                     c->covered, text, i, c->plain[i], c->quick[i]);
    return doc;
}

/* The bits of each token of 'text' under the engine's cover, as "tok:bits" words. */
static const char *bits_of(cover_fixture *c, const char *text) {
    static char out[512];
    entrel_doc *doc = cover(c, text);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < doc->toks.n; i++) {
        const tok *t = &doc->toks.v[i];
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s:%u", i ? " " : "",
                                (int)(t->end - t->start), (const char *)doc->text + t->start,
                                c->plain[i]);
    }
    entrel_doc_free(doc);
    return out;
}

static void test_policies_and_long_names(void **state) {
    (void)state;
    cover_fixture c;
    cover_begin(&c, 0);
    /* twice: the second time every surface's forms come from the session's cache */
    for (int round = 0; round < 2; round++) {
        assert_string_equal(bits_of(&c, "De la ONU à Paris, onu de LA paris."),
                            "De:1 la:1 ONU:2 à:1 Paris:4 ,:0 onu:0 de:1 LA:1 paris:0 .:0");
        assert_string_equal(bits_of(&c, "Les Nations Unies, à la suite de la UE."),
                            "Les:0 Nations:4 Unies:4 ,:0 à:1 la:1 suite:1 de:1 la:1 UE:2 .:0");
    }
    cover_end(&c);
}

/* A random sentence over words that the lexicons hold in some case and some that they do not. */
static void random_text(unsigned *seed, char *out, size_t cap) {
    static const char *const words[] = {
        "de", "De", "DE", "la", "La", "LA", "à", "À", "a", "A", "le", "Le", "suite", "Suite",
        "Nations", "nations", "Unies", "unies", "ONU", "Onu", "onu", "UE", "ue", "Paris",
        "paris", "PARIS", "l'", "d'", "Office", "drogue", ",", "-", "(", ")"};
    size_t n = 3 + (*seed = *seed * 1103515245u + 12345u) % 24, len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && len + 16 < cap; i++) {
        *seed = *seed * 1103515245u + 12345u;
        len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? " " : "",
                                words[(*seed >> 16) % (sizeof words / sizeof *words)]);
    }
    snprintf(out + len, cap - len, ".");
}

static void test_tokens_never_change_a_bit(void **state) {
    (void)state;
    unsigned seed = 7;
    char text[512];
    for (int set = 0; set < 2; set++) {
        cover_fixture c;
        cover_begin(&c, set);
        size_t covered = 0;
        for (int k = 0; k < 400; k++) {
            random_text(&seed, text, sizeof text);
            entrel_doc *doc = cover(&c, text);
            for (size_t i = 0; i < doc->toks.n; i++) covered += c.plain[i] != 0;
            entrel_doc_free(doc);
        }
        assert_true(covered > 500);                      /* the texts did meet the lexicons */
        cover_end(&c);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policies_and_long_names),
        cmocka_unit_test(test_tokens_never_change_a_bit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
