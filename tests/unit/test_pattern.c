/*
** test_pattern.c: token patterns: each kind of test, sequences, choices,
** repeats, captures and contexts, leftmost-longest matches that do not
** overlap, the errors a pattern is refused for, a pattern of many
** optional tokens over a long sentence, and the quick checks (token
** signatures, word bits and their planes, value blooms) that must never
** change a match.
** See LICENSE for copyright and licence.
*/
#include "patfix.h"
#include "patint.h"

static uint32_t capitalized(pt_fixture *f) {
    uint32_t t = patb_token(f->b);
    assert_int_equal(patb_test_number(f->b, t, PF_FLAGS, false, ENTREL_TF_TITLE), ENTREL_E_OK);
    return t;
}

static int collect(const pat_match *m, void *ud) {
    pt_fixture *f = ud;
    size_t len = strlen(f->out);
    const tok *t = f->doc->toks.v;
    snprintf(f->out + len, sizeof f->out - len, "%s[%.*s]", len ? " " : "",
             (int)(t[m->end - 1].end - t[m->start].start),
             (const char *)f->doc->text + t[m->start].start);
    if (m->cap[0][1] > m->cap[0][0]) {
        len = strlen(f->out);
        snprintf(f->out + len, sizeof f->out - len, "{%.*s}",
                 (int)(t[m->cap[0][1] - 1].end - t[m->cap[0][0]].start),
                 (const char *)f->doc->text + t[m->cap[0][0]].start);
    }
    return 0;
}

/* Compile, then run over the whole of 'text' (French) and list the matches. */
static const char *run(pt_fixture *f, uint32_t left, uint32_t core, uint32_t right,
                       const char *text) {
    if (f->p == NULL) {
        f->p = pat_compile(f->b, left, core, right, 1);
        if (f->p == NULL) fail_msg("compile: %s", patb_error(f->b));
        f->session = entrel_session_new(f->engine);
    }
    entrel_doc_free(f->doc);
    assert_int_equal(entrel_session_process(f->session, "t", text, strlen(text), &f->doc),
                     ENTREL_E_OK);
    f->out[0] = '\0';
    pat_input in = {.doc = f->doc};
    assert_int_equal(pat_run(f->p, &in, 0, f->doc->toks.n, &f->scratch, collect, f),
                     ENTREL_E_OK);
    return f->out;
}

static void test_sequence_and_forms(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    /* fold ignores case and accents; norm (lower) keeps accents */
    uint32_t p = pt_group(&f, PN_SEQ, pt_token(&f, PF_NORM, "ministère"), pt_token(&f, PF_FOLD, "des"));
    assert_string_equal(run(&f, UINT32_MAX, p, UINT32_MAX,
                            "Le Ministère DES affaires, le ministere des X, le ministère des Y."),
                        "[Ministère DES] [ministère des]");
    pt_end(&f);
}

static void test_repeat_is_leftmost_longest(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t names = patb_repeat(f.b, capitalized(&f), 1, PAT_INF);
    assert_string_equal(run(&f, UINT32_MAX, names, UINT32_MAX,
                            "selon Vu Le Thai Hoang et Xuan Bac, à Hanoi."),
                        "[Vu Le Thai Hoang] [Xuan Bac] [Hanoi]");
    pt_end(&f);
    pt_begin(&f);
    uint32_t two = patb_repeat(f.b, capitalized(&f), 1, 2);
    assert_string_equal(run(&f, UINT32_MAX, two, UINT32_MAX, "de Aa Bb Cc Dd Ee fin"),
                        "[Aa Bb] [Cc Dd] [Ee]");
    pt_end(&f);
}

static void test_choice_capture_context(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    /* ministère (de|des|du) (Capitalized+) with "le" before it */
    uint32_t de[] = {pt_token(&f, PF_FOLD, "de"), pt_token(&f, PF_FOLD, "des"),
                     pt_token(&f, PF_FOLD, "du")};
    uint32_t choice = patb_group(f.b, PN_ALT, de, 3);
    uint32_t name = patb_capture(f.b, patb_repeat(f.b, capitalized(&f), 1, PAT_INF), 0);
    uint32_t parts[] = {pt_token(&f, PF_FOLD, "ministere"), choice, name};
    uint32_t core = patb_group(f.b, PN_SEQ, parts, 3);
    uint32_t left = pt_token(&f, PF_FOLD, "le");
    assert_string_equal(run(&f, left, core, UINT32_MAX,
                            "le ministère des Affaires étrangères, un ministère du Plan, "
                            "le ministère de Sécurité Publique."),
                        "[ministère des Affaires]{Affaires} "
                        "[ministère de Sécurité Publique]{Sécurité Publique}");
    pt_end(&f);
}

static void test_other_tests(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    int err;
    size_t off;
    pcre2_code *year = pcre2_compile((PCRE2_SPTR) "^(19|20)\\d\\d$", PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
    uint32_t t = patb_token(f.b);
    assert_int_equal(patb_test_regex(f.b, t, false, year), ENTREL_E_OK);
    uint32_t not_first = patb_token(f.b);
    assert_int_equal(patb_test_number(f.b, not_first, PF_FLAGS, true, ENTREL_TF_SENT_START),
                     ENTREL_E_OK);
    uint32_t core = pt_group(&f, PN_SEQ, not_first, t);
    f.p = pat_compile(f.b, UINT32_MAX, core, UINT32_MAX, 0);
    assert_non_null(f.p);
    f.session = entrel_session_new(f.engine);
    const char *text = "En 2001 et en 1850 puis 2024. 2025 aussi.";
    assert_int_equal(entrel_session_process(f.session, "t", text, strlen(text), &f.doc),
                     ENTREL_E_OK);
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    pat_input in = {.doc = f.doc, .md = md};
    assert_int_equal(pat_run(f.p, &in, 0, f.doc->toks.n, &f.scratch, collect, &f),
                     ENTREL_E_OK);
    /* "En" starts the sentence; the run spans both sentences, so ". 2025" is one */
    assert_string_equal(f.out, "[puis 2024] [. 2025]");
    pcre2_match_data_free(md);
    pt_end(&f);
}

static void test_entity_test(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t ent = pt_token(&f, PF_ENTITY, "ORG");
    uint32_t core = pt_group(&f, PN_SEQ, patb_repeat(f.b, ent, 1, PAT_INF), pt_token(&f, PF_FOLD, "et"));
    f.p = pat_compile(f.b, UINT32_MAX, core, UINT32_MAX, 0);
    assert_non_null(f.p);
    f.session = entrel_session_new(f.engine);
    const char *text = "ONU et OTAN et Paris et";
    assert_int_equal(entrel_session_process(f.session, "t", text, strlen(text), &f.doc),
                     ENTREL_E_OK);
    uint32_t types[6] = {0};
    types[0] = types[2] = atoms_find(&f.engine->atoms, "ORG", 3);
    types[4] = atoms_find(&f.engine->atoms, "LOC", 3) + 1000;
    pat_input in = {.doc = f.doc, .entity_type = types};
    assert_int_equal(pat_run(f.p, &in, 0, f.doc->toks.n, &f.scratch, collect, &f),
                     ENTREL_E_OK);
    assert_string_equal(f.out, "[ONU et] [OTAN et]");
    pt_end(&f);
}

static void test_refused(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t opt = patb_repeat(f.b, capitalized(&f), 0, 3);
    assert_null(pat_compile(f.b, UINT32_MAX, opt, UINT32_MAX, 0));
    assert_string_equal(patb_error(f.b), "the pattern can match no token at all");
    uint32_t star = patb_repeat(f.b, capitalized(&f), 1, PAT_INF);
    assert_null(pat_compile(f.b, star, capitalized(&f), UINT32_MAX, 0));
    assert_string_equal(patb_error(f.b), "a left context is at most 16 tokens long");
    assert_int_equal(patb_repeat(f.b, star, 3, 2), UINT32_MAX);
    assert_int_equal(patb_repeat(f.b, star, 0, 65), UINT32_MAX);
    assert_int_equal(patb_capture(f.b, star, 16), UINT32_MAX);
    assert_int_equal(patb_test_number(f.b, star, PF_FLAGS, false, 1), ENTREL_E_INVALID_ARG);
    assert_string_equal(patb_error(f.b), "not a token node");
    /* 64 x 64 copies of a token is more than a program may hold */
    uint32_t big = patb_repeat(f.b, patb_repeat(f.b, capitalized(&f), 64, 64), 64, 64);
    assert_null(pat_compile(f.b, UINT32_MAX, big, UINT32_MAX, 0));
    assert_string_equal(patb_error(f.b), "pattern too large (over 4096 steps once expanded)");
    pt_end(&f);
}

/* Thirty optional words then a capital, over one sentence of 20,000 words. */
static void test_many_optionals(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t opt = patb_repeat(f.b, pt_token(&f, PF_FOLD, "la"), 0, 30);
    uint32_t core = pt_group(&f, PN_SEQ, opt, capitalized(&f));
    size_t n = 20000;
    char *text = malloc(n * 3 + 8);
    for (size_t i = 0; i < n; i++) memcpy(text + 3 * i, "la ", 3);
    memcpy(text + 3 * n, "Fin", 4);
    const char *out = run(&f, UINT32_MAX, core, UINT32_MAX, text);
    /* the thirty "la" before "Fin", and nothing else */
    assert_int_equal(strlen(out), 2 + 30 * 3 + 3);
    free(text);
    pt_end(&f);
}

/* ------------------------------------------------------------ quick checks */

/*
** The VM turns a token down on its signature (kind, flags, lexicons,
** whether an entity holds it) and on a value list's bloom before any test
** runs, and on its word bits; with the planes it finds where a match
** may begin 64 tokens at a time.  Those checks may only ever save work.
** One-token patterns must match exactly the tokens that a plain reading
** of their tests accepts, and random patterns must find the same matches
** with each kind of check as without, over random sentences.
*/
#define QC_PROGRAMS 240
#define QC_PROBES 400
#define QC_SENTENCES 120
#define QC_MAX_MATCHES 320

/* xorshift64*: the same values on every platform, unlike rand(). */
static uint64_t rnd(uint64_t *seed) {
    *seed ^= *seed >> 12;
    *seed ^= *seed << 25;
    *seed ^= *seed >> 27;
    return *seed * 0x2545F4914F6CDD1DULL;
}

static unsigned below(uint64_t *seed, unsigned n) { return (unsigned)(rnd(seed) % n); }

#define COUNT(a) (sizeof a / sizeof *a)

static const char *const qc_words[] = {
    "Le", "le", "Ministère", "des", "Affaires", "de", "l'ONU", "et", "Paris", ",", "signé",
    "par", "président", "à", "Hanoï", "2024", "12", "€", ".", "OTAN", "UNESCO", "qu'il",
    "https://ex.fr", "ONU", "la", "Convention"};
static const char *const qc_norms[] = {"le", "ministère", "des", "affaires", "de", "onu", "et",
                                       "paris", "signé", "par", "président", "à", "absent"};
static const char *const qc_folds[] = {"le", "ministere", "des", "onu", "et", "paris", "signe",
                                       "president", "a", "hanoi", "12", "otan", "zebre"};
/* A text value and its norm (patb_text_norms). */
static const char *const qc_texts[][2] = {{"Le", "le"}, {"le", "le"}, {"Ministère", "ministère"},
                                          {"ONU", "onu"}, {"Paris", "paris"}, {"et", "et"},
                                          {"Hanoï", "hanoï"}, {"OTAN", "otan"}};
/* Entity types; the last is in sentences but in no test. */
static const char *const qc_types[] = {"ORG", "LOC", "PER", "DATE", "EVENT", "MISC"};
static const uint32_t qc_flags[] = {
    ENTREL_TF_TITLE, ENTREL_TF_UPPER, ENTREL_TF_SENT_START, ENTREL_TF_SPACE, ENTREL_TF_ELISION,
    ENTREL_TF_TITLE | ENTREL_TF_SPACE, ENTREL_TF_UPPER | ENTREL_TF_SPACE,
    ENTREL_TF_TITLE | ENTREL_TF_UPPER, ENTREL_TF_SENT_START | ENTREL_TF_TITLE};
static const uint32_t qc_lexicons[] = {1, 2, 4, 8, 1u << 31, 3, 5, 12, 1 | 1u << 31};

/* A test as built, for qc_holds: v holds a number, atoms, or indexes into qc_texts. */
typedef struct qc_test {
    pat_field field;
    bool neg;
    uint32_t n, v[6];
} qc_test;

typedef struct qc_tok {
    unsigned n;
    qc_test t[2];
    pat_program *p;
} qc_tok;

/* An ENTITY test: any type (0, or "" among names), or a list of 1 to 5 type names. */
static int qc_entity_test(pat_builder *b, uint64_t *seed, uint32_t t, qc_test *r) {
    if (below(seed, 4) == 0) {
        r->v[0] = 0;
        return patb_test_number(b, t, PF_ENTITY, r->neg, 0);
    }
    const char *names[5];
    r->n = 1 + below(seed, 5);
    for (size_t k = 0; k < r->n; k++)
        names[k] = below(seed, 10) == 0 ? "" : qc_types[below(seed, COUNT(qc_types) - 1)];
    int rc = patb_test_strings(b, t, PF_ENTITY, r->neg, names, r->n);
    for (size_t k = 0; k < r->n; k++)      /* "" is atom 0 */
        r->v[k] = atoms_find(b->atoms, names[k], strlen(names[k]));
    return rc;
}

/* A NORM, FOLD or TEXT (with its norms) test of 1 to 6 values. */
static int qc_list_test(pat_builder *b, uint64_t *seed, uint32_t t, qc_test *r) {
    const char *values[6], *norms[6];
    r->n = 1 + below(seed, 6);
    for (size_t k = 0; k < r->n; k++) {
        r->v[k] = below(seed, COUNT(qc_texts));
        norms[k] = qc_texts[r->v[k]][1];
        values[k] = r->field == PF_TEXT ? qc_texts[r->v[k]][0]
                    : r->field == PF_NORM ? qc_norms[below(seed, COUNT(qc_norms))]
                                          : qc_folds[below(seed, COUNT(qc_folds))];
    }
    int rc = patb_test_strings(b, t, r->field, r->neg, values, r->n);
    if (rc == ENTREL_E_OK && r->field == PF_TEXT) rc = patb_text_norms(b, t, norms, r->n);
    if (r->field != PF_TEXT)
        for (size_t k = 0; k < r->n; k++)
            r->v[k] = atoms_find(b->atoms, values[k], strlen(values[k]));
    return rc;
}

/* A token node of one or two random tests, a third of them negated; 'r' records them. */
static uint32_t qc_token(pat_builder *b, uint64_t *seed, qc_tok *r) {
    static const pat_field fields[] = {PF_FLAGS, PF_KIND, PF_LEXICON, PF_ENTITY,
                                       PF_NORM, PF_FOLD, PF_TEXT};
    uint32_t t = patb_token(b);
    r->n = 1 + below(seed, 2);
    for (unsigned k = 0; k < r->n; k++) {
        qc_test *x = &r->t[k];
        *x = (qc_test){.field = fields[below(seed, COUNT(fields))], .neg = below(seed, 3) == 0,
                       .n = 1};
        int rc;
        if (x->field == PF_ENTITY) {
            rc = qc_entity_test(b, seed, t, x);
        } else if (x->field == PF_TEXT || x->field == PF_NORM || x->field == PF_FOLD) {
            rc = qc_list_test(b, seed, t, x);
        } else {
            x->v[0] = x->field == PF_FLAGS ? qc_flags[below(seed, COUNT(qc_flags))]
                      : x->field == PF_KIND ? below(seed, 6)
                                            : qc_lexicons[below(seed, COUNT(qc_lexicons))];
            rc = patb_test_number(b, t, x->field, x->neg, x->v[0]);
        }
        assert_int_equal(rc, ENTREL_E_OK);
    }
    return t;
}

/* A token, or (not too deep) a sequence, choice, repeat or capture of random nodes. */
static uint32_t qc_node(pat_builder *b, uint64_t *seed, int depth) {
    unsigned kind = depth >= 3 ? 0 : below(seed, 8);
    uint32_t id;
    qc_tok unused;
    if (kind <= 3) {
        id = qc_token(b, seed, &unused);
    } else if (kind <= 5) {
        uint32_t kids[3];
        size_t n = 2 + below(seed, 2);
        for (size_t k = 0; k < n; k++) kids[k] = qc_node(b, seed, depth + 1);
        id = patb_group(b, kind == 4 ? PN_SEQ : PN_ALT, kids, n);
    } else if (kind == 6) {
        unsigned min = below(seed, 3), max = below(seed, 4) == 0 ? PAT_INF : min + below(seed, 3);
        id = patb_repeat(b, qc_node(b, seed, depth + 1), min, max ? max : 1);
    } else {
        id = patb_capture(b, qc_node(b, seed, depth + 1), below(seed, 2));
    }
    if (id == UINT32_MAX) fail_msg("build: %s", patb_error(b));
    return id;
}

/* A random program, sometimes with a one-token context on either side. */
static pat_program *qc_program(atom_table *atoms, uint64_t *seed) {
    for (;;) {
        pat_builder *b = patb_new(atoms);
        assert_non_null(b);
        qc_tok unused;
        uint32_t left = below(seed, 5) == 0 ? qc_token(b, seed, &unused) : UINT32_MAX;
        uint32_t core = qc_node(b, seed, 0);
        uint32_t right = below(seed, 5) == 0 ? qc_token(b, seed, &unused) : UINT32_MAX;
        pat_program *p = pat_compile(b, left, core, right, 2);
        /* a core that may match no token is refused: draw another */
        if (p == NULL && strcmp(patb_error(b), "the pattern can match no token at all") != 0)
            fail_msg("compile: %s", patb_error(b));
        patb_free(b);
        if (p) return p;
    }
}

typedef struct qc_state {
    pt_fixture f;
    uint64_t seed;
    uint32_t types[COUNT(qc_types)];
    uint32_t *lexicons, *entity;
    uint64_t *sig, *words, *planes;
    uint64_t plane_sig, plane_words;    /* the bits with planes: what the programs begin with */
    char text[2048];
    long matches;
} qc_state;

/* The fixture, and the type atoms in the engine's table before any builder or session. */
static void qc_begin(qc_state *q, uint64_t seed) {
    memset(q, 0, sizeof *q);
    pt_begin(&q->f);
    q->seed = seed;
    for (size_t k = 0; k < COUNT(qc_types); k++)
        q->types[k] = atoms_intern(&q->f.engine->atoms, qc_types[k], strlen(qc_types[k]));
}

static void qc_end(qc_state *q) {
    free(q->lexicons);
    free(q->entity);
    free(q->sig);
    free(q->words);
    free(q->planes);
    pt_end(&q->f);
}

/*
** A random sentence, and per token random lexicon bits and entity types
** (MISC included, which no test names), then the signatures, word bits
** and planes of its tokens.  One sentence in four is longer than 64
** tokens, so that runs cross from one word of the planes to the next.
*/
static size_t qc_sentence(qc_state *q) {
    q->text[0] = '\0';
    unsigned words = below(&q->seed, 4) == 0 ? 50 + below(&q->seed, 80) : 4 + below(&q->seed, 18);
    for (unsigned w = words; w > 0; w--) {
        strcat(q->text, qc_words[below(&q->seed, COUNT(qc_words))]);
        strcat(q->text, " ");
    }
    entrel_doc_free(q->f.doc);
    assert_int_equal(entrel_session_process(q->f.session, "t", q->text, strlen(q->text), &q->f.doc),
                     ENTREL_E_OK);
    size_t n = q->f.doc->toks.n;
    q->lexicons = realloc(q->lexicons, (n + 1) * sizeof *q->lexicons);
    q->entity = realloc(q->entity, (n + 1) * sizeof *q->entity);
    q->sig = realloc(q->sig, (n + 1) * sizeof *q->sig);
    q->words = realloc(q->words, (n + 1) * sizeof *q->words);
    q->planes = realloc(q->planes, 128 * ((n + 63) / 64 + 1) * sizeof *q->planes);
    assert_true(q->lexicons && q->entity && q->sig && q->words && q->planes);
    for (size_t i = 0; i < n; i++) {
        q->lexicons[i] = 0;
        for (unsigned k = 0; k < 4; k++)
            if (below(&q->seed, 3) == 0) q->lexicons[i] |= 1u << k;
        if (below(&q->seed, 4) == 0) q->lexicons[i] |= 1u << 31;
        q->entity[i] = below(&q->seed, 2) ? q->types[below(&q->seed, COUNT(qc_types))] : 0;
    }
    /* signed first without entities, then given them, as the relation phase does */
    pat_input in = {.doc = q->f.doc, .lexicons = q->lexicons, .entity_type = q->entity};
    pat_input bare = {.doc = q->f.doc, .lexicons = q->lexicons};
    pat_sign(&bare, n, q->sig, q->planes, q->plane_sig);
    pat_sign_entities(&in, n, q->sig, q->planes);
    pat_sign_words(&in, n, q->words, q->planes, q->plane_words);
    for (size_t i = 0; i < n; i++) assert_true(q->sig[i] == pat_signature(&in, i));
    return n;
}

typedef struct qc_matches {
    size_t n;
    bool retry;               /* turn some matches down (PAT_RETRY) */
    pat_match m[QC_MAX_MATCHES];
} qc_matches;

static int qc_record(const pat_match *m, void *ud) {
    qc_matches *r = ud;
    assert_true(r->n < QC_MAX_MATCHES);
    r->m[r->n++] = *m;
    return r->retry && (m->start + m->end) % 3 == 0 ? PAT_RETRY : 0;
}

/* How a run gets its quick checks: none, the signatures, or those with word bits and planes. */
enum { QC_PLAIN, QC_SIG, QC_PLANES, QC_MODES };

/* Run 'p' over tokens [first, last) with the quick checks of 'mode'. */
static void qc_run(qc_state *q, const pat_program *p, int mode, size_t first, size_t last,
                   qc_matches *out) {
    pat_input in = {.doc = q->f.doc, .lexicons = q->lexicons, .entity_type = q->entity,
                    .sig = mode != QC_PLAIN ? q->sig : NULL,
                    .words = mode == QC_PLANES ? q->words : NULL,
                    .planes = mode == QC_PLANES ? q->planes : NULL,
                    .plane_words = (q->f.doc->toks.n + 63) / 64};
    out->n = 0;
    assert_int_equal(pat_run(p, &in, first, last, &q->f.scratch, qc_record, out), ENTREL_E_OK);
}

/* The same matches with each kind of quick check as without: start, end and captures. */
static void qc_compare(qc_state *q, const pat_program *p, size_t first, size_t last, bool retry) {
    static qc_matches plain, quick;
    plain.retry = quick.retry = retry;
    qc_run(q, p, QC_PLAIN, first, last, &plain);
    for (int mode = QC_SIG; mode < QC_MODES; mode++) {
        qc_run(q, p, mode, first, last, &quick);
        for (size_t k = 0; k < plain.n || k < quick.n; k++) {
            if (k < plain.n && k < quick.n &&
                memcmp(&plain.m[k], &quick.m[k], sizeof *plain.m) == 0)
                continue;
            fail_msg("match %zu differs in mode %d (%zu vs %zu matches; "
                     "tokens %zu..%zu of \"%s\"): [%u, %u) vs [%u, %u)",
                     k, mode, plain.n, quick.n, first, last, q->text,
                     k < plain.n ? plain.m[k].start : 0, k < plain.n ? plain.m[k].end : 0,
                     k < quick.n ? quick.m[k].start : 0, k < quick.n ? quick.m[k].end : 0);
        }
    }
    q->matches += (long)plain.n;
}

/* Whether token i has value v of a list test (an ENTITY, NORM, FOLD or TEXT one). */
static bool qc_has(const qc_state *q, pat_field field, uint32_t v, size_t i) {
    const tok *k = &q->f.doc->toks.v[i];
    uint32_t et = q->entity[i];
    switch (field) {
    case PF_ENTITY: return et && (v == 0 || v == et);
    case PF_NORM: return k->norm == v;
    case PF_FOLD: return k->fold == v;
    default: {
        const char *s = qc_texts[v][0];
        return strlen(s) == k->end - k->start &&
               memcmp(s, (const char *)q->f.doc->clean + k->start, strlen(s)) == 0;
    }
    }
}

/* A plain reading of one test on token i, with no signature and no bloom. */
static bool qc_holds(const qc_state *q, const qc_test *t, size_t i) {
    const tok *k = &q->f.doc->toks.v[i];
    uint32_t x = t->v[0];
    bool r = false;
    switch (t->field) {
    case PF_FLAGS: r = (k->flags & x) == x; break;
    case PF_KIND: r = k->kind == x; break;
    case PF_LEXICON: r = (q->lexicons[i] & x) != 0; break;
    default:
        for (uint32_t j = 0; j < t->n; j++) r |= qc_has(q, t->field, t->v[j], i);
    }
    return r != t->neg;
}

/* A one-token pattern matches each token its tests accept, and no other, either way. */
static long qc_check_token(qc_state *q, const qc_tok *r, size_t n) {
    static qc_matches got;
    long accepted = 0;
    for (int mode = QC_PLAIN; mode < QC_MODES; mode++) {
        qc_run(q, r->p, mode, 0, n, &got);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            bool want = qc_holds(q, &r->t[0], i) && (r->n < 2 || qc_holds(q, &r->t[1], i));
            bool have = k < got.n && got.m[k].start == i && got.m[k].end == i + 1;
            if (want != have)
                fail_msg("token %zu of \"%s\": %s in mode %d (tests %d, %d)", i, q->text,
                         want ? "missed" : "matched wrongly", mode,
                         r->t[0].field, r->n > 1 ? (int)r->t[1].field : -1);
            k += have;
            accepted += want;
        }
        assert_int_equal(k, got.n);
    }
    return accepted / QC_MODES;
}

static void test_token_tests_as_written(void **state) {
    (void)state;
    static qc_state q;
    static qc_tok toks[QC_PROBES];
    qc_begin(&q, 12345);
    for (size_t k = 0; k < QC_PROBES; k++) {
        pat_builder *b = patb_new(&q.f.engine->atoms);
        toks[k].p = pat_compile(b, UINT32_MAX, qc_token(b, &q.seed, &toks[k]), UINT32_MAX, 0);
        assert_non_null(toks[k].p);
        pat_plane_bits(toks[k].p, &q.plane_sig, &q.plane_words);
        patb_free(b);
    }
    q.f.session = entrel_session_new(q.f.engine);
    long tokens = 0, accepted = 0;
    for (int s = 0; s < QC_SENTENCES; s++) {
        size_t n = qc_sentence(&q);
        for (size_t k = 0; k < QC_PROBES; k++) accepted += qc_check_token(&q, &toks[k], n);
        tokens += (long)(n * QC_PROBES);
    }
    /* neither almost nothing nor almost everything is accepted */
    if (accepted < tokens / 10 || accepted > tokens * 9 / 10)
        fail_msg("%ld of %ld tokens accepted", accepted, tokens);
    for (size_t k = 0; k < QC_PROBES; k++) pat_free(toks[k].p);
    qc_end(&q);
}

/* How many of the program's token instructions the signature turns token i down for. */
static long qc_rejects(const pat_program *p, uint64_t sig) {
    long n = 0;
    for (uint32_t pc = 0; pc < p->ninst; pc++)
        if (p->code[pc].op == OP_TOKEN &&
            ((sig & p->sig[pc].set) != p->sig[pc].set || (sig & p->sig[pc].clear) != 0))
            n++;
    return n;
}

static void test_quick_checks_keep_matches(void **state) {
    (void)state;
    static qc_state q;
    static pat_program *progs[QC_PROGRAMS];
    qc_begin(&q, 0x9E3779B97F4A7C15ULL);
    for (size_t k = 0; k < QC_PROGRAMS; k++) {
        progs[k] = qc_program(&q.f.engine->atoms, &q.seed);
        pat_plane_bits(progs[k], &q.plane_sig, &q.plane_words);
    }
    q.f.session = entrel_session_new(q.f.engine);
    long runs = 0, runs_matched = 0, rejects = 0;
    for (int s = 0; s < QC_SENTENCES; s++) {
        size_t n = qc_sentence(&q);
        for (size_t k = 0; k < QC_PROGRAMS; k++) {
            long before = q.matches;
            qc_compare(&q, progs[k], 0, n, k % 2);
            size_t first = below(&q.seed, (unsigned)n);          /* and a part of it */
            size_t last = first + 1 + below(&q.seed, (unsigned)(n - first));
            qc_compare(&q, progs[k], first, last, false);
            for (size_t i = 0; i < n; i++) rejects += qc_rejects(progs[k], q.sig[i]);
            runs++;
            runs_matched += q.matches > before;
        }
    }
    /* not a test of patterns that never match, nor of signatures that turn nothing down */
    if (runs_matched < runs / 4 || rejects < runs * 5)
        fail_msg("%ld runs, %ld with matches, %ld rejects", runs, runs_matched, rejects);
    for (size_t k = 0; k < QC_PROGRAMS; k++) pat_free(progs[k]);
    qc_end(&q);
}

/* A text's signatures, word bits and planes, made for one program alone. */
typedef struct pt_planes {
    uint64_t *sig, *words, *planes;
    pat_input in;              /* the document with all three */
} pt_planes;

/* Compile 'core', process 'text', and sign its tokens for the program's first tokens. */
static void planes_begin(pt_fixture *f, uint32_t core, const char *text, pt_planes *q) {
    f->p = pat_compile(f->b, UINT32_MAX, core, UINT32_MAX, 1);
    assert_non_null(f->p);
    f->session = entrel_session_new(f->engine);
    assert_int_equal(entrel_session_process(f->session, "t", text, strlen(text), &f->doc),
                     ENTREL_E_OK);
    size_t n = f->doc->toks.n;
    uint64_t used = 0, used_words = 0;
    q->sig = calloc(n, sizeof *q->sig);
    q->words = calloc(n, sizeof *q->words);
    q->planes = calloc(128 * ((n + 63) / 64), sizeof *q->planes);
    assert_true(q->sig && q->words && q->planes);
    pat_plane_bits(f->p, &used, &used_words);
    assert_true(used_words != 0);
    pat_input plain = {.doc = f->doc};
    pat_sign(&plain, n, q->sig, q->planes, used);
    pat_sign_words(&plain, n, q->words, q->planes, used_words);
    q->in = (pat_input){.doc = f->doc, .sig = q->sig, .words = q->words, .planes = q->planes,
                        .plane_words = (n + 63) / 64};
}

static void planes_end(pt_planes *q) {
    free(q->sig);
    free(q->words);
    free(q->planes);
}

/* The matches of f's program over the whole document, with 'in'. */
static const char *matches_with(pt_fixture *f, const pat_input *in) {
    f->out[0] = '\0';
    assert_int_equal(pat_run(f->p, in, 0, f->doc->toks.n, &f->scratch, collect, f), ENTREL_E_OK);
    return f->out;
}

/*
** Planes made for one program alone (only the bits it begins with): the
** same matches as without them, a sentence longer than 64 tokens.
*/
static void test_planes_of_one_program(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t name = patb_repeat(f.b, capitalized(&f), 1, 3);
    uint32_t de = pt_token(&f, PF_FOLD, "de");
    assert_int_equal(patb_test_number(f.b, de, PF_KIND, false, ENTREL_TOK_WORD), ENTREL_E_OK);
    char text[2048] = "", plain[1024];
    for (int k = 0; k < 40; k++) strcat(text, k % 3 ? "de Paris et " : "la ville de Nice Cote, ");
    pt_planes q;
    planes_begin(&f, pt_group(&f, PN_SEQ, de, name), text, &q);
    assert_true(f.doc->toks.n > 128);
    pat_input none = {.doc = f.doc};
    snprintf(plain, sizeof plain, "%s", matches_with(&f, &none));
    assert_true(plain[0] != '\0');
    assert_string_equal(matches_with(&f, &q.in), plain);
    planes_end(&q);
    pt_end(&f);
}

/*
** A choice of more first tokens than next_begin keeps masks for (forty
** words, the first twenty capitalized): each must still begin a match
** with planes, whichever order the program lists them in.
*/
static void test_many_first_tokens(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t kids[40];
    char word[8], text[512] = "", want[1024] = "";
    for (unsigned k = 0; k < 40; k++) {
        snprintf(word, sizeof word, "z%c%c", 'a' + k / 26, 'a' + k % 26);
        kids[k] = pt_token(&f, PF_FOLD, word);
        if (k < 20) {
            assert_int_equal(patb_test_number(f.b, kids[k], PF_FLAGS, false, ENTREL_TF_TITLE), 0);
            word[0] = 'Z';
        }
        size_t t = strlen(text), w = strlen(want);
        snprintf(text + t, sizeof text - t, "%s X ", word);
        snprintf(want + w, sizeof want - w, "%s[%s X]", k ? " " : "", word);
    }
    pt_planes q;
    planes_begin(&f, pt_group(&f, PN_SEQ, patb_group(f.b, PN_ALT, kids, 40), capitalized(&f)),
                 text, &q);
    assert_string_equal(matches_with(&f, &q.in), want);
    planes_end(&q);
    pt_end(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sequence_and_forms),
        cmocka_unit_test(test_repeat_is_leftmost_longest),
        cmocka_unit_test(test_choice_capture_context),
        cmocka_unit_test(test_other_tests),
        cmocka_unit_test(test_entity_test),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_many_optionals),
        cmocka_unit_test(test_token_tests_as_written),
        cmocka_unit_test(test_quick_checks_keep_matches),
        cmocka_unit_test(test_planes_of_one_program),
        cmocka_unit_test(test_many_first_tokens),
    };
    return cmocka_run_group_tests_name("pattern", tests, NULL, NULL);
}
