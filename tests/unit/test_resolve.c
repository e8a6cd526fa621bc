/*
** test_resolve.c: overlapping candidates (resolve.c).  Random candidates
** over a document of one-letter words and commas, added in two rounds as the
** gazetteers and then the entity rules add them, are resolved after each
** round and compared with a plain reading of the rule: rank them (higher
** priority, longer, earlier, with a kb id, written as listed, by type
** name;
** ties in the order they came), keep each one no kept one overlaps, and
** drop the others with the kept one holding their first shared token.
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

#define WORDS 60              /* and as many commas between them, but the last */
#define TOKENS (2 * WORDS - 1)
#define MAX_CANDS 400

static const entrel_doc *model_doc;

static int rank(const ann_entity *a, const ann_entity *b) {
    if (a->priority != b->priority) return a->priority > b->priority ? -1 : 1;
    uint32_t la = a->end - a->start, lb = b->end - b->start;
    if (la != lb) return la > lb ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (!a->kb != !b->kb) return a->kb ? -1 : 1;
    if ((a->flags ^ b->flags) & ENT_SAME_FORM) return a->flags & ENT_SAME_FORM ? -1 : 1;
    /* the types here are all the session's, which rank by name */
    return strcmp(doc_atom_str(model_doc, a->type), doc_atom_str(model_doc, b->type));
}

typedef struct expected {
    ann_entity kept[MAX_CANDS];
    size_t nkept, ndropped;
    uint32_t winner_start[MAX_CANDS];   /* each overlap loser's winner, by its start */
} expected;

/* The plain reading: a stable insertion sort, then a greedy pass over tokens (one byte each). */
static void expect(const ann_entity *cands, size_t n, expected *x) {
    static ann_entity v[MAX_CANDS];
    memcpy(v, cands, n * sizeof *v);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && rank(&v[j], &v[j - 1]) < 0; j--) {
            ann_entity t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    x->nkept = x->ndropped = 0;
    for (size_t i = 0; i < n; i++) {
        const ann_entity *c = &v[i], *win = NULL;
        for (uint32_t byte = c->start; byte < c->end && win == NULL; byte++)
            for (size_t k = 0; k < x->nkept && win == NULL; k++)
                if (x->kept[k].start <= byte && byte < x->kept[k].end) win = &x->kept[k];
        if (win == NULL) x->kept[x->nkept++] = *c;
        else if (!(win->start == c->start && win->end == c->end && win->type == c->type))
            x->winner_start[x->ndropped++] = win->start;
    }
}

static ann_entity random_candidate(entrel_doc *doc, unsigned *seed) {
    static const char *types[] = {"ORG", "LOC", "PER"};
    static int made;
    char source[16];
    snprintf(source, sizeof source, "c%d", made++);
    uint32_t first = (uint32_t)(rand_r(seed) % TOKENS), len = 1 + (uint32_t)(rand_r(seed) % 5);
    if (first + len > TOKENS) len = TOKENS - first;
    return (ann_entity){.start = first, .end = first + len, .source = doc_atom(doc, source),
                        .type = doc_atom(doc, types[rand_r(seed) % 3]),
                        .kb = rand_r(seed) % 3 == 0 ? doc_atom(doc, "Q1") : 0,
                        .priority = rand_r(seed) % 3, .flags = rand_r(seed) % 2 ? ENT_SAME_FORM : 0};
}

static void check(entrel_doc *doc, const ann_entity *cands, size_t n) {
    static expected x;
    model_doc = doc;
    expect(cands, n, &x);
    assert_int_equal(resolve_entities(doc), ENTREL_E_OK);
    assert_int_equal(doc->ents.n, x.nkept);
    for (size_t k = 0; k < doc->ents.n; k++) {
        const ann_entity *e = &doc->ents.v[k];
        size_t j = 0;
        while (j < x.nkept && x.kept[j].start != e->start) j++;
        assert_true(j < x.nkept);
        assert_int_equal(e->end, x.kept[j].end);
        assert_int_equal(e->type, x.kept[j].type);
        assert_int_equal(e->kb, x.kept[j].kb);
        assert_int_equal(e->priority, x.kept[j].priority);
        assert_int_equal(e->source, x.kept[j].source);    /* ties keep the order they came in */
        if (k > 0) assert_true(doc->ents.v[k - 1].end <= e->start);   /* text order */
    }
    size_t dropped = 0;
    for (size_t d = 0; d < doc->dropped.n; d++) {
        if (doc->dropped.v[d].why != DROP_OVERLAP) continue;
        assert_true(dropped < x.ndropped);
        assert_int_equal(doc->ents.v[doc->dropped.v[d].winner].start, x.winner_start[dropped]);
        dropped++;
    }
    assert_int_equal(dropped, x.ndropped);
}

static void test_two_rounds(void **state) {
    (void)state;
    char text[2 * WORDS];
    for (int i = 0; i < WORDS; i++) text[2 * i] = (char)('a' + i % 26), text[2 * i + 1] = ',';
    text[2 * WORDS - 1] = '\0';
    unsigned seed = 11;
    for (int round = 0; round < 200; round++) {
        fixture f = {0};
        make_doc(&f, ENTREL_LANG_EN, text);
        assert_int_equal(f.doc->toks.n, TOKENS);
        static ann_entity cands[MAX_CANDS];
        size_t n = 0, first = 1 + (size_t)(rand_r(&seed) % 60), more = (size_t)(rand_r(&seed) % 60);
        for (; n < first; n++) {
            cands[n] = random_candidate(f.doc, &seed);
            assert_int_equal(doc_add_candidate(f.doc, &cands[n]), ENTREL_E_OK);
        }
        check(f.doc, cands, n);
        for (; n < first + more; n++) {
            cands[n] = random_candidate(f.doc, &seed);
            assert_int_equal(doc_add_candidate(f.doc, &cands[n]), ENTREL_E_OK);
        }
        check(f.doc, cands, n);
        fixture_free(&f);
    }
}

/* The type of the one entity two candidates of equal rank leave, one of type a, one b. */
static const char *tie_winner(fixture *f, const char *a, const char *b) {
    ann_entity c = {.start = 0, .end = 1, .type = doc_atom(f->doc, a)};
    assert_int_equal(doc_add_candidate(f->doc, &c), ENTREL_E_OK);
    c.type = doc_atom(f->doc, b);
    assert_int_equal(doc_add_candidate(f->doc, &c), ENTREL_E_OK);
    assert_int_equal(resolve_entities(f->doc), ENTREL_E_OK);
    assert_int_equal(f->doc->ents.n, 1);
    return doc_atom_str(f->doc, f->doc->ents.v[0].type);
}

/*
** A session's atom ids follow the words its earlier documents held, so a
** tie between two of its types must not be settled by id: a document
** gives the same entities whatever the session read before it, and
** after session_trim gave the ids out again.
*/
static void test_ties_by_type_name(void **state) {
    (void)state;
    const char *primers[] = {"mid", "zed", "zed mid"};
    for (int k = 0; k < 3; k++) {
        fixture f = {0};
        entrel_doc *primer = make_doc(&f, ENTREL_LANG_EN, primers[k]);   /* interns its words */
        entrel_doc *doc;
        assert_int_equal(entrel_session_process(f.session, "t", "x y", 3, &doc), ENTREL_E_OK);
        f.doc = doc;
        assert_string_equal(tie_winner(&f, "zed", "mid"), "mid");
        f.doc = primer;
        entrel_doc_free(doc);
        fixture_free(&f);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_rounds),
        cmocka_unit_test(test_ties_by_type_name),
    };
    return cmocka_run_group_tests_name("resolve", tests, NULL, NULL);
}
