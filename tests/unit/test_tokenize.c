/*
** test_tokenize.c: the refined tokenizer, case by case (French and
** English, the reference article's hard spots included), its flags and
** forms, invalid bytes, and the ASCII fast path against u8_wordbreaks.
** See LICENSE for copyright and licence.
*/
#include <uniwbrk.h>

#include "helpers.h"
#include "tokenize.h"

typedef struct tcase {
    const char *name;
    entrel_lang lang;
    const char *text;
    const char *tokens; /* joined with " | " */
} tcase;

static const tcase cases[] = {
    /* French elision, with ' and ’ */
    {"tok-1.1", ENTREL_LANG_FR, "l’ONUDC", "l’ | ONUDC"},
    {"tok-1.2", ENTREL_LANG_FR, "d’autres groupes", "d’ | autres | groupes"},
    {"tok-1.3", ENTREL_LANG_FR, "L'ambassadeur", "L' | ambassadeur"},
    {"tok-1.4", ENTREL_LANG_FR, "jusqu'à lorsqu’il qu'elle", "jusqu' | à | lorsqu’ | il | qu' | elle"},
    {"tok-1.5", ENTREL_LANG_FR, "puisqu'on quoiqu'il s'engage c'est j'ai n'est m'a t'a",
     "puisqu' | on | quoiqu' | il | s' | engage | c' | est | j' | ai | n' | est | m' | a | t' | a"},
    {"tok-1.6", ENTREL_LANG_FR, "aujourd'hui presqu'île", "aujourd'hui | presqu'île"},
    {"tok-1.7", ENTREL_LANG_FR, "l'Organisation d'Hanoï", "l' | Organisation | d' | Hanoï"},
    /* quotes and colons */
    {"tok-2.1", ENTREL_LANG_FR, "« Vers Hanoï : Cérémonie de signature »",
     "« | Vers | Hanoï | : | Cérémonie | de | signature | »"},
    {"tok-2.2", ENTREL_LANG_EN, "“Towards Hanoi”, he said.", "“ | Towards | Hanoi | ” | , | he | said | ."},
    /* glued page furniture */
    {"tok-3.1", ENTREL_LANG_FR, "Báo Nhân dânBáo Nhân dân28/03/2025",
     "Báo | Nhân | dân | Báo | Nhân | dân | 28/03/2025"},
    {"tok-3.2", ENTREL_LANG_EN, "iPhone McDonald LPBank MBBank", "iPhone | McDonald | LPBank | MBBank"},
    {"tok-3.3", ENTREL_LANG_FR, "Hà NộiViệtNam ÉcoleNormale", "Hà | Nội | Việt | Nam | École | Normale"},
    /* hyphen compounds */
    {"tok-4.1", ENTREL_LANG_FR, "Hô Chi Minh-Ville", "Hô | Chi | Minh | - | Ville"},
    {"tok-4.2", ENTREL_LANG_FR, "co-organisé par", "co | - | organisé | par"},
    /* dates and numbers */
    {"tok-5.1", ENTREL_LANG_FR, "le 28/03/2025.", "le | 28/03/2025 | ."},
    {"tok-5.2", ENTREL_LANG_FR, "9 885 habitants", "9 885 | habitants"},
    {"tok-5.3", ENTREL_LANG_FR, "9\xC2\xA0" "885 et 1\xE2\x80\xAF" "000\xE2\x80\xAF" "000 et 2\xE2\x80\x89" "500,5",
     "9\xC2\xA0" "885 | et | 1\xE2\x80\xAF" "000\xE2\x80\xAF" "000 | et | 2\xE2\x80\x89" "500,5"},
    {"tok-5.4", ENTREL_LANG_EN, "1,000.5 dollars and 3.14", "1,000.5 | dollars | and | 3.14"},
    {"tok-5.5", ENTREL_LANG_EN, "on 2025-03-28 and 28.03.2025", "on | 2025-03-28 | and | 28.03.2025"},
    {"tok-5.6", ENTREL_LANG_FR, "en 2025 350 personnes", "en | 2025 | 350 | personnes"},
    {"tok-5.7", ENTREL_LANG_FR, "9 chapitres et 71 articles", "9 | chapitres | et | 71 | articles"},
    {"tok-5.8", ENTREL_LANG_FR, "3,5 % de 12/2024", "3,5 | % | de | 12 | / | 2024"},
    /* abbreviations and initials */
    {"tok-6.1", ENTREL_LANG_FR, "M. Dupont et Mme Durand", "M. | Dupont | et | Mme | Durand"},
    {"tok-6.2", ENTREL_LANG_EN, "Mr. Smith of the U.S. Army", "Mr. | Smith | of | the | U.S. | Army"},
    {"tok-6.3", ENTREL_LANG_EN, "J. R. R. Tolkien, e.g. this", "J. | R. | R. | Tolkien | , | e.g. | this"},
    {"tok-6.4", ENTREL_LANG_FR, "etc... Fin.", "etc | ... | Fin | ."},
    {"tok-6.5", ENTREL_LANG_FR, "Dr. House, etc. Puis", "Dr. | House | , | etc. | Puis"},
    {"tok-6.6", ENTREL_LANG_EN, "in group A. The end", "in | group | A. | The | end"},
    /* URLs and e-mail addresses */
    {"tok-7.1", ENTREL_LANG_FR, "Source : https://nhandan.vn/a-b-post1.html.",
     "Source | : | https://nhandan.vn/a-b-post1.html | ."},
    {"tok-7.2", ENTREL_LANG_FR, "écrire à contact@unodc.org, merci",
     "écrire | à | contact@unodc.org | , | merci"},
    {"tok-7.3", ENTREL_LANG_EN, "see www.unodc.org.", "see | www.unodc.org | ."},
    {"tok-7.4", ENTREL_LANG_EN, "(https://en.wikipedia.org/wiki/Hanoi_(city))",
     "( | https://en.wikipedia.org/wiki/Hanoi_(city) | )"},
    {"tok-7.5", ENTREL_LANG_EN, "«http://a.vn/x»", "« | http://a.vn/x | »"},
    {"tok-7.7", ENTREL_LANG_EN, "(see http://a.org/x_(y)).", "( | see | http://a.org/x_(y) | ) | ."},
    {"tok-7.8", ENTREL_LANG_EN, "http://a.org/x))”.", "http://a.org/x | ) | ) | ” | ."},
    {"tok-7.6", ENTREL_LANG_EN, "me@localhost and @handle", "me | @ | localhost | and | @ | handle"},
    /* English clitics */
    {"tok-8.1", ENTREL_LANG_EN, "don't can't won't", "do | n't | ca | n't | wo | n't"},
    {"tok-8.2", ENTREL_LANG_EN, "Guterres's plan they're I'm we've she'll he'd",
     "Guterres | 's | plan | they | 're | I | 'm | we | 've | she | 'll | he | 'd"},
    {"tok-8.3", ENTREL_LANG_EN, "O'Brien rock'n'roll", "O'Brien | rock'n'roll"},
    {"tok-8.4", ENTREL_LANG_EN, "Vietnam’s role", "Vietnam | ’s | role"},
    /* language matters: no elision in English, no clitics in French */
    {"tok-9.1", ENTREL_LANG_EN, "l'ONUDC", "l'ONUDC"},
    {"tok-9.2", ENTREL_LANG_FR, "don't", "don't"},
    /* symbols, punctuation, white space */
    {"tok-10.1", ENTREL_LANG_EN, "$5 + 3 = 8 ; a_b", "$ | 5 | + | 3 | = | 8 | ; | a_b"},
    {"tok-10.2", ENTREL_LANG_EN, "  \t\n ", ""},
    {"tok-10.3", ENTREL_LANG_EN, "", ""},
    {"tok-10.4", ENTREL_LANG_FR, "Quoi ?!… Fin", "Quoi | ? | ! | … | Fin"},
    /* a combining mark with no base folds to nothing, and that is fine */
    {"tok-10.5", ENTREL_LANG_FR, "\xCC\x81" "abc \xCC\x88", "\xCC\x81 | abc | \xCC\x88"},
};

static void test_cases(void **state) {
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fixture f = {0};
        make_doc(&f, cases[i].lang, cases[i].text);
        const char *got = joined_tokens(f.doc);
        if (strcmp(got, cases[i].tokens) != 0) {
            print_error("%s: \"%s\"\n  want: %s\n  got:  %s\n", cases[i].name,
                        cases[i].text, cases[i].tokens, got);
            failures++;
        }
        fixture_free(&f);
    }
    assert_int_equal(failures, 0);
}

static void test_kinds(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR,
             "Le 28/03/2025 , 9 885 % https://a.vn/x a@b.fr");
    const char *texts[] = {"Le", "28/03/2025", ",", "9 885", "%", "https://a.vn/x", "a@b.fr"};
    entrel_token_kind kinds[] = {ENTREL_TOK_WORD, ENTREL_TOK_NUMBER, ENTREL_TOK_PUNCT,
                                 ENTREL_TOK_NUMBER, ENTREL_TOK_PUNCT, ENTREL_TOK_URL,
                                 ENTREL_TOK_EMAIL};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        entrel_token t = token_at(f.doc, find_token(f.doc, texts[i]));
        assert_int_equal(t.kind, kinds[i]);
    }
    fixture_free(&f);
    make_doc(&f, ENTREL_LANG_EN, "a + b");
    assert_int_equal(token_at(f.doc, 1).kind, ENTREL_TOK_SYMBOL);
    fixture_free(&f);
}

static void test_flags(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR,
             "L’ONUDC à Hô Chi Minh-Ville.\nM. Hoang\n\nFin");
    unsigned fl = token_at(f.doc, find_token(f.doc, "L’")).flags;
    assert_true(fl & ENTREL_TF_ELISION);
    assert_true(fl & ENTREL_TF_SENT_START);
    assert_false(fl & ENTREL_TF_SPACE);
    fl = token_at(f.doc, find_token(f.doc, "ONUDC")).flags;
    assert_true(fl & ENTREL_TF_UPPER);
    assert_false(fl & ENTREL_TF_SPACE);
    assert_true(token_at(f.doc, find_token(f.doc, "à")).flags & ENTREL_TF_SPACE);
    assert_false(token_at(f.doc, find_token(f.doc, "Chi")).flags & ENTREL_TF_HYPHEN);
    assert_true(token_at(f.doc, find_token(f.doc, "Minh")).flags & ENTREL_TF_HYPHEN);
    assert_true(token_at(f.doc, find_token(f.doc, "-")).flags & ENTREL_TF_HYPHEN);
    fl = token_at(f.doc, find_token(f.doc, "Ville")).flags;
    assert_true(fl & ENTREL_TF_HYPHEN);
    assert_true(fl & ENTREL_TF_TITLE);
    fl = token_at(f.doc, find_token(f.doc, "M.")).flags;
    assert_true(fl & ENTREL_TF_ABBREV);
    assert_true(fl & ENTREL_TF_NEWLINE);
    assert_false(fl & ENTREL_TF_PARAGRAPH);
    fl = token_at(f.doc, find_token(f.doc, "Fin")).flags;
    assert_true(fl & ENTREL_TF_PARAGRAPH);
    assert_true(fl & ENTREL_TF_SENT_START);
    fixture_free(&f);
    make_doc(&f, ENTREL_LANG_EN, "don't");
    assert_true(token_at(f.doc, 1).flags & ENTREL_TF_CLITIC);
    fixture_free(&f);
}

static void expect_forms(const entrel_doc *doc, const char *text, const char *norm,
                         const char *fold, const char *stem, const char *shape) {
    entrel_token t = token_at(doc, find_token(doc, text));
    assert_string_equal(t.norm, norm);
    assert_string_equal(t.fold, fold);
    assert_string_equal(t.stem, stem);
    assert_string_equal(t.shape, shape);
}

static void test_forms(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR,
             "Hanoï ÉTATS L’Office organisé Straße 28/03/2025 Hô ONUDC ô");
    expect_forms(f.doc, "Hanoï", "hanoï", "hanoi", "hanoï", "Xxxxx");
    expect_forms(f.doc, "ÉTATS", "états", "etats", "état", "XXXX");
    expect_forms(f.doc, "L’", "l’", "l'", "l’", "X’");
    expect_forms(f.doc, "organisé", "organisé", "organise", "organis", "xxxx");
    expect_forms(f.doc, "Straße", "strasse", "strasse", "strass", "Xxxxx");
    expect_forms(f.doc, "28/03/2025", "28/03/2025", "28/03/2025", "", "dd/dd/dddd");
    expect_forms(f.doc, "Hô", "hô", "ho", "hô", "Xx");
    expect_forms(f.doc, "ONUDC", "onudc", "onudc", "onudc", "XXXX");
    fixture_free(&f);
    make_doc(&f, ENTREL_LANG_EN, "organizations Running");
    expect_forms(f.doc, "organizations", "organizations", "organizations", "organ", "xxxx");
    expect_forms(f.doc, "Running", "running", "running", "run", "Xxxxx");
    fixture_free(&f);
}

/* A decomposed é (e + U+0301) and a precomposed one share norm and fold. */
static void test_forms_normalized(void **state) {
    (void)state;
    fixture f = {0};
    make_doc(&f, ENTREL_LANG_FR, "Ce\xCC\x81re\xCC\x81monie Cérémonie");
    entrel_token a = token_at(f.doc, 0), b = token_at(f.doc, 1);
    assert_string_equal(a.norm, b.norm);
    assert_string_equal(a.fold, "ceremonie");
    assert_string_equal(a.shape, b.shape);
    fixture_free(&f);
}

/* Invalid bytes become symbol tokens of their own; nothing else moves. */
static void test_invalid_bytes(void **state) {
    (void)state;
    fixture f = {0};
    const char text[] = "ab \xC0\x80 cd\xFF" "ef \xE2\x82";
    make_doc_n(&f, ENTREL_LANG_EN, ENTREL_TOKENIZE_REFINED, text, sizeof text - 1);
    assert_int_equal(entrel_doc_token_count(f.doc), 8);
    entrel_token t = token_at(f.doc, 1);
    assert_int_equal(t.start, 3);
    assert_int_equal(t.end, 4);
    assert_int_equal(t.kind, ENTREL_TOK_SYMBOL);
    assert_true(t.flags & ENTREL_TF_INVALID);
    t = token_at(f.doc, 3);
    assert_int_equal(t.start, 6);
    assert_int_equal(t.kind, ENTREL_TOK_WORD);
    assert_memory_equal(t.text, "cd", 2);
    assert_true(token_at(f.doc, 4).flags & ENTREL_TF_INVALID);
    t = token_at(f.doc, 5);
    assert_int_equal(t.start, 9);
    assert_memory_equal(t.text, "ef", 2);
    assert_true(token_at(f.doc, 7).flags & ENTREL_TF_INVALID);
    assert_int_equal(token_at(f.doc, 7).end, sizeof text - 1);
    assert_int_equal(entrel_doc_warning_count(f.doc), 1);
    fixture_free(&f);
}

/* A URL stops at control characters and at invalid bytes (fuzz crash-444f). */
static void test_url_stops_at_bad_bytes(void **state) {
    (void)state;
    fixture f = {0};
    const char text[] = "see https://a.org/Ha\0\x80x y";
    make_doc_n(&f, ENTREL_LANG_EN, ENTREL_TOKENIZE_REFINED, text, sizeof text - 1);
    entrel_token t = token_at(f.doc, 1);
    assert_int_equal(t.kind, ENTREL_TOK_URL);
    assert_int_equal(t.end - t.start, strlen("https://a.org/Ha"));
    assert_true(token_at(f.doc, 3).flags & ENTREL_TF_INVALID);
    fixture_free(&f);
}

/* The pure mode: every UAX #29 segment, white space included. */
static void test_uax29_mode(void **state) {
    (void)state;
    fixture f = {0};
    const char *text = "l’ONUDC  co-organisé 9 885.";
    make_doc_n(&f, ENTREL_LANG_FR, ENTREL_TOKENIZE_UAX29, text, strlen(text));
    assert_string_equal(joined_tokens(f.doc),
                        "l’ONUDC |    | co | - | organisé |   | 9 |   | 885 | .");
    assert_int_equal(token_at(f.doc, 1).kind, ENTREL_TOK_SPACE);
    fixture_free(&f);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint32_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)rng_state;
}

/*
** The fast path must cut exactly where u8_wordbreaks does, for any run of
** characters with simple classes: checked on 30,000 random strings drawn
** from characters that matter to UAX #29 (letters with accents, ’ and ·
** as mid-letters, the fullwidth comma as mid-number, Arabic-Indic digits).
*/
static void test_fast_path(void **state) {
    (void)state;
    static const char *const alphabet[] = {
        "a", "Z", "b", "9", "0", "_", ":", ".", ",", ";", "'", "\"", "-", "/",
        "@", "(", "$", "{", "`", "\x1A", "é", "É", "ß", "ı", "’", "·", "«", "»", "…",
        "µ", "½", "²", "\xD9\xA3", "\xEF\xBC\x8C", "\xE2\x80\xA4", "ŉ", "ǅ",
    };
    const size_t na = sizeof alphabet / sizeof *alphabet;
    uint8_t s[160];
    char brk[160];
    for (int round = 0; round < 30000; round++) {
        /* Half the strings lean to long lower-case runs, for the 8-byte steps. */
        bool lean = round % 2;
        size_t n = 0, want = 1 + rng() % (lean ? 48 : 24);
        for (size_t i = 0; i < want; i++) {
            if (lean && rng() % 5) {
                s[n++] = (uint8_t)('a' + rng() % 26);
                continue;
            }
            const char *c = alphabet[rng() % na];
            memcpy(s + n, c, strlen(c));
            n += strlen(c);
        }
        for (size_t i = 0; i < n;) {
            uint32_t uc;
            int len = text_decode(s + i, n - i, &uc);
            assert_int_not_equal(seg_class(uc), FC_COMPLEX);
            i += (size_t)len;
        }
        u8_wordbreaks(s, n, brk);
        size_t a = 0;
        while (a < n) {
            seg_scan sc;
            seg_fast(s, a, n, &sc);
            assert_false(sc.complex);
            for (size_t k = a + 1; k < sc.end; k++) {
                if (brk[k]) fail_msg("break inside a fast segment: \"%.*s\" at %zu", (int)n, s, k);
            }
            if (sc.end < n && !brk[sc.end])
                fail_msg("missing break: \"%.*s\" at %zu", (int)n, s, sc.end);
            a = sc.end;
        }
    }
}

/* Latin letters with diacritics, the bulk of French text, stay on the fast path. */
static void test_fast_classes(void **state) {
    (void)state;
    for (uint32_t uc = 0xC0; uc <= 0x24F; uc++)
        if (uc != 0xD7 && uc != 0xF7) assert_int_equal(seg_class(uc), FC_LETTER);
    assert_int_equal(seg_class(0x2019), FC_MIDNUMLET);
    assert_int_equal(seg_class(0x0301), FC_COMPLEX);
    assert_int_equal(seg_class(0x200D), FC_COMPLEX);
    assert_int_equal(seg_class(0x05D0), FC_COMPLEX);
    assert_int_equal(seg_class(0x30A2), FC_COMPLEX);
}

static void test_long_and_many(void **state) {
    (void)state;
    size_t n = 1 << 20;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) text[i] = "abc déf. "[i % 10 == 9 ? 8 : i % 10];
    fixture f = {0};
    make_doc_n(&f, ENTREL_LANG_FR, ENTREL_TOKENIZE_REFINED, text, n);
    size_t count = entrel_doc_token_count(f.doc);
    assert_true(count > n / 10);
    entrel_token prev = token_at(f.doc, 0);
    for (size_t i = 1; i < count; i++) {
        entrel_token t = token_at(f.doc, (long)i);
        assert_true(prev.end <= t.start);
        assert_true(t.start < t.end);
        prev = t;
    }
    fixture_free(&f);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_forms_normalized),
        cmocka_unit_test(test_invalid_bytes),
        cmocka_unit_test(test_url_stops_at_bad_bytes),
        cmocka_unit_test(test_uax29_mode),
        cmocka_unit_test(test_fast_path),
        cmocka_unit_test(test_fast_classes),
        cmocka_unit_test(test_long_and_many),
    };
    return cmocka_run_group_tests_name("tokenize", tests, NULL, NULL);
}
