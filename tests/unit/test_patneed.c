/*
** test_patneed.c: what a pattern needs of a sentence (patneed.c).  A
** sentence that lacks a needed word, lexicon or entity type is skipped; an
** optional part or one branch that needs nothing needs nothing; a text
** test needs its lower-case forms.  And the one promise that matters: over
** random sentences, no sentence where the pattern matches is ever skipped,
** with summaries of any width; a document's summary made from its
** sentences' has the lexicons, entities and kinds of the one made of it whole.
** See LICENSE for copyright and licence.
*/
#include "patfix.h"
#include "patint.h"

static void compile(pt_fixture *f, uint32_t core) {
    f->p = pat_compile(f->b, UINT32_MAX, core, UINT32_MAX, 0);
    if (f->p == NULL) fail_msg("compile: %s", patb_error(f->b));
    f->session = entrel_session_new(f->engine);
    assert_non_null(f->session);
}

static void process(pt_fixture *f, const char *text) {
    entrel_doc_free(f->doc);
    f->doc = NULL;
    assert_int_equal(entrel_session_process(f->session, "t", text, strlen(text), &f->doc),
                     ENTREL_E_OK);
}

/* Whether the program may match in 'text', summarized over 'nwords' words. */
static bool may(pt_fixture *f, const char *text, size_t nwords) {
    process(f, text);
    pat_input in = {.doc = f->doc};
    pat_summary s;
    pat_summarize(&in, 0, f->doc->toks.n, f->words, nwords, &s);
    return pat_may_match(f->p, &s);
}

static void test_a_needed_word(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    compile(&f, pt_group(&f, PN_SEQ, pt_token(&f, PF_NORM, "présidé"), pt_token(&f, PF_FOLD, "par")));
    assert_true(may(&f, "La séance, présidée hier et présidé par elle.", 64));
    assert_false(may(&f, "La séance a été ouverte par elle.", 64));
    assert_false(may(&f, "Il a présidé la séance.", 64));      /* "par" is needed too */
    assert_true(may(&f, "Il a PRÉSIDÉ la séance PAR défaut.", 512));
    pat_summary unknown = {0};                  /* no words known: any word need is met */
    assert_true(pat_may_match(f.p, &unknown));
    pt_end(&f);
}

static void test_choices_and_optional_parts(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t either = pt_group(&f, PN_ALT, pt_token(&f, PF_NORM, "sous"), pt_token(&f, PF_NORM, "par"));
    uint32_t maybe = patb_repeat(f.b, pt_token(&f, PF_NORM, "rare"), 0, 1);
    compile(&f, pt_group(&f, PN_SEQ, either, maybe));
    assert_true(may(&f, "organisé par eux", 64));
    assert_true(may(&f, "sous la table", 64));
    assert_false(may(&f, "une chose rare", 64));
    pt_end(&f);
    /* a branch that needs nothing makes the choice need nothing */
    pt_begin(&f);
    uint32_t any = patb_token(f.b);
    assert_int_equal(patb_test_number(f.b, any, PF_FLAGS, false, ENTREL_TF_TITLE), ENTREL_E_OK);
    compile(&f, pt_group(&f, PN_ALT, pt_token(&f, PF_NORM, "sous"), any));
    assert_true(may(&f, "rien de tel", 64));
    pt_end(&f);
}

static void test_text_needs_its_norms(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t t = patb_token(f.b);
    const char *text = "Ministère", *norm = "ministère";
    assert_int_equal(patb_test_strings(f.b, t, PF_TEXT, false, &text, 1), ENTREL_E_OK);
    assert_int_equal(patb_text_norms(f.b, t, &norm, 1), ENTREL_E_OK);
    compile(&f, t);
    assert_true(may(&f, "le Ministère de la Justice", 64));
    assert_true(may(&f, "le ministère", 64));        /* a summary may say yes wrongly */
    assert_false(may(&f, "la mairie", 64));
    pt_end(&f);
    /* norms that do not fit the text test are refused */
    pt_begin(&f);
    uint32_t u = patb_token(f.b);
    const char *two[] = {"a", "b"};
    assert_int_equal(patb_test_strings(f.b, u, PF_TEXT, false, two, 2), ENTREL_E_OK);
    assert_int_equal(patb_text_norms(f.b, u, two, 1), ENTREL_E_INVALID_ARG);
    pt_end(&f);
}

static void test_entity_types(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t ent = pt_token(&f, PF_ENTITY, "ORG");
    compile(&f, pt_group(&f, PN_SEQ, ent, pt_token(&f, PF_FOLD, "et")));
    process(&f, "ONU et OTAN");
    uint32_t types[3] = {0};
    pat_input in = {.doc = f.doc, .entity_type = types};
    pat_summary s;
    pat_summarize(&in, 0, f.doc->toks.n, f.words, 64, &s);
    assert_false(pat_may_match(f.p, &s));
    types[2] = atoms_find(&f.engine->atoms, "ORG", 3);
    pat_summarize_entities(&in, 0, f.doc->toks.n, &s);     /* the words kept, as relations do */
    assert_true(pat_may_match(f.p, &s));
    types[2] = 0;
    pat_summarize_entities(&in, 0, f.doc->toks.n, &s);
    assert_false(pat_may_match(f.p, &s));
    pt_end(&f);
}

static int found(const pat_match *m, void *ud) {
    (void)m;
    ++*(int *)ud;
    return 0;
}

/*
** Random sentences over a small vocabulary, a match planted in a third of
** them, and a pattern with a choice, an optional word and a repeat: wherever it matches, the summary must have
** said it may, at every width; and it must have skipped some sentences.
*/
static void test_never_skips_a_match(void **state) {
    (void)state;
    static const char *vocab[] = {"la", "Convention", "signée", "par", "le", "Vietnam", "et",
                                  "l'ONU", "sous", "présidence", "de", "Paris", "hier", "a"};
    size_t nv = sizeof vocab / sizeof *vocab;
    pt_fixture f;
    pt_begin(&f);
    uint32_t verb = pt_group(&f, PN_ALT, pt_token(&f, PF_NORM, "signée"), pt_token(&f, PF_STEM, "présid"));
    uint32_t by = pt_group(&f, PN_SEQ, patb_repeat(f.b, pt_token(&f, PF_FOLD, "hier"), 0, 1),
                        pt_token(&f, PF_FOLD, "par"));
    compile(&f, pt_group(&f, PN_SEQ, pt_group(&f, PN_SEQ, verb, by),
                      patb_repeat(f.b, pt_token(&f, PF_FOLD, "le"), 1, 3)));
    srand(7);
    int matched = 0, skipped = 0;
    for (int round = 0; round < 400; round++) {
        char text[256] = "";
        int n = 2 + rand() % 10, planted = round % 3 == 0 ? rand() % n : -1;
        for (int w = 0; w < n; w++) {
            if (w == planted) strcat(text, rand() % 2 ? "signée par le " : "présidence hier par le le ");
            strcat(text, vocab[(size_t)rand() % nv]);
            strcat(text, " ");
        }
        process(&f, text);
        pat_input in = {.doc = f.doc};
        int hits = 0;
        assert_int_equal(pat_run(f.p, &in, 0, f.doc->toks.n, &f.scratch, found, &hits),
                         ENTREL_E_OK);
        for (size_t nwords = 1; nwords <= PAT_MAX_SUMMARY_WORDS; nwords *= 8) {
            pat_summary s;
            pat_summarize(&in, 0, f.doc->toks.n, f.words, nwords, &s);
            bool yes = pat_may_match(f.p, &s);
            if (hits && !yes) fail_msg("skipped a sentence that matches: %s", text);
            skipped += !yes;
        }
        matched += hits > 0;
    }
    assert_true(matched > 5);
    assert_true(skipped > 400);
    pt_end(&f);
}

/* A document summed up from its sentences holds the same bits as one summed up whole. */
static void test_document_from_its_sentences(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    compile(&f, pt_token(&f, PF_NORM, "présidé"));
    process(&f, "Le président a présidé la séance. Elle a signé, puis voté. Fin du texte! "
                "Un autre paragraphe suit ici.");
    assert_true(f.doc->sents.n >= 4);
    static uint64_t whole[512], sentence[64];
    uint32_t types[64] = {0}, lexicons[64] = {0};
    types[1] = 7;                                /* any atom id stands for a type */
    lexicons[3] = 4;
    pat_input in = {.doc = f.doc, .entity_type = types, .lexicons = lexicons};
    assert_true(f.doc->toks.n <= 64);
    pat_summary w, d = {0}, s;
    pat_summarize(&in, 0, f.doc->toks.n, whole, 512, &w);
    for (size_t i = 0; i < f.doc->sents.n; i++)
        pat_summarize_within(&in, f.doc->sents.v[i].first, f.doc->sents.v[i].last, sentence, 64,
                             &s, &d);
    assert_null(d.words);                       /* the document's words are not summed */
    assert_true(w.kinds == d.kinds && w.lexicons == d.lexicons && w.entities == d.entities);
    assert_true(d.lexicons == 4 && d.entities != 0);
    assert_true(pat_may_match(f.p, &d));
    pt_end(&f);
}

/* The words of the key: a long word before short ones, none under a choice that needs nothing. */
static const char *key_of(pt_fixture *f, uint32_t core) {
    static char out[128];
    compile(f, core);
    const uint32_t *atoms;
    size_t n = pat_key_words(f->p, &atoms), len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < n; k++)
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", k ? " " : "",
                                atoms_str(&f->engine->atoms, atoms[k]));
    return out;
}

static void test_key_words(void **state) {
    (void)state;
    pt_fixture f;
    pt_begin(&f);
    uint32_t two = patb_token(f.b);
    const char *verbs[] = {"présidé", "présidée"};
    assert_int_equal(patb_test_strings(f.b, two, PF_NORM, false, verbs, 2), ENTREL_E_OK);
    assert_string_equal(key_of(&f, pt_group(&f, PN_SEQ, pt_token(&f, PF_FOLD, "de"), two)),
                        "présidé présidée");
    pt_end(&f);
    pt_begin(&f);
    uint32_t any = patb_repeat(f.b, pt_token(&f, PF_NORM, "signé"), 0, 1);
    assert_string_equal(key_of(&f, pt_group(&f, PN_SEQ, any, pt_token(&f, PF_FOLD, "par"))),
                        "par");
    pt_end(&f);
    pt_begin(&f);
    assert_string_equal(key_of(&f, pt_group(&f, PN_ALT, pt_token(&f, PF_NORM, "signé"),
                                            pt_token(&f, PF_NORM, "adopté"))), "");
    pt_end(&f);
}

/* A token node asking for lexicon bits 'mask', and a kind. */
static uint32_t lexicon_token(pt_fixture *f, uint32_t mask) {
    uint32_t t = patb_token(f->b);
    assert_int_equal(patb_test_number(f->b, t, PF_LEXICON, false, mask), ENTREL_E_OK);
    assert_int_equal(patb_test_number(f->b, t, PF_KIND, false, ENTREL_TOK_WORD), ENTREL_E_OK);
    return t;
}

static int key_mask_of(pt_fixture *f, uint32_t core, uint64_t *mask) {
    compile(f, core);
    *mask = 0;
    return pat_key_mask(f->p, mask);
}

/*
** A lexicon or entity need keys a rule without key words: a choice
** between two tests of one lexicon (as title-case or capitals) is that
** lexicon, one need; a choice of two lexicons is either; a choice one
** branch of which needs no lexicon, nothing.
*/
static void test_key_masks(void **state) {
    (void)state;
    pt_fixture f;
    uint64_t mask;
    pt_begin(&f);
    uint32_t either = pt_group(&f, PN_ALT, lexicon_token(&f, 4), lexicon_token(&f, 4));
    assert_int_equal(key_mask_of(&f, pt_group(&f, PN_SEQ, either, pt_token(&f, PF_ENTITY, "ORG")), &mask),
                     PAT_KEY_LEXICON);
    assert_true(mask == 4);
    assert_int_equal(f.p->nformula, 3);   /* and(lexicon, entity): the choice and the kinds are gone */
    pt_end(&f);
    pt_begin(&f);
    either = pt_group(&f, PN_ALT, lexicon_token(&f, 1), lexicon_token(&f, 8));
    assert_int_equal(key_mask_of(&f, either, &mask), PAT_KEY_LEXICON);
    assert_true(mask == 9);
    pt_end(&f);
    pt_begin(&f);
    either = pt_group(&f, PN_ALT, lexicon_token(&f, 1), pt_token(&f, PF_ENTITY, "LOC"));
    assert_int_equal(key_mask_of(&f, pt_group(&f, PN_SEQ, either, pt_token(&f, PF_ENTITY, "PER")), &mask),
                     PAT_KEY_ENTITY);
    uint32_t per = atoms_find(&f.engine->atoms, "PER", 3);
    assert_true(mask == 1ULL << (per % 64));
    pt_end(&f);
    pt_begin(&f);
    assert_int_equal(key_mask_of(&f, pt_group(&f, PN_ALT, lexicon_token(&f, 1), pt_token(&f, PF_NORM, "vu")),
                                 &mask), PAT_KEY_NONE);
    pt_end(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_needed_word),
        cmocka_unit_test(test_choices_and_optional_parts),
        cmocka_unit_test(test_text_needs_its_norms),
        cmocka_unit_test(test_entity_types),
        cmocka_unit_test(test_never_skips_a_match),
        cmocka_unit_test(test_document_from_its_sentences),
        cmocka_unit_test(test_key_words),
        cmocka_unit_test(test_key_masks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
