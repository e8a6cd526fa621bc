/*
** lexicon.c: the small word lists the tokenizer, the sentence splitter
** and the language guesser need, per language.  Lists are sorted by
** bytes (as strcmp orders them) for binary search; a unit test keeps
** them sorted.
** See LICENSE for copyright and licence.
*/
#include <string.h>

#include "entrel_int.h"
#include "lexicon.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define W(s) {s, sizeof(s) - 1}

/* French elided words, lower case, without the apostrophe. */
static const lex_word fr_elisions[] = {
    W("c"), W("d"), W("j"), W("jusqu"), W("l"), W("lorsqu"), W("m"), W("n"), W("puisqu"), W("qu"),
    W("quoiqu"), W("s"), W("t"),
};

/* Abbreviations that precede a name or a number: never a sentence end. */
static const lex_word fr_titles[] = {
    W("Dr"), W("Gal"), W("M"), W("MM"), W("Me"), W("Mgr"), W("Mlle"), W("Mlles"), W("Mme"), W("Mmes"),
    W("Pr"), W("St"), W("Ste"), W("art"), W("av"), W("cf"), W("ch"), W("chap"), W("fig"), W("hab"),
    W("no"), W("p"), W("pp"), W("vol"),
};
static const lex_word en_titles[] = {
    W("Adm"), W("Capt"), W("Cmdr"), W("Col"), W("Dr"), W("Fig"), W("Gen"), W("Gov"), W("Hon"), W("Jr"),
    W("Lt"), W("Maj"), W("Messrs"), W("Mr"), W("Mrs"), W("Ms"), W("Mt"), W("No"), W("Nos"), W("Prof"),
    W("Rep"), W("Rev"), W("Sen"), W("Sgt"), W("Sr"), W("St"), W("cf"), W("e.g"), W("fig"), W("i.e"),
    W("p"), W("pp"), W("vol"), W("vs"),
};

/* Abbreviations that may also close a sentence. */
static const lex_word fr_abbrevs[] = {
    W("Cie"), W("apr"), W("env"), W("etc"), W("févr"), W("janv"), W("juil"), W("nov"),
    W("oct"), W("sept"),
};
static const lex_word en_abbrevs[] = {
    W("Apr"), W("Aug"), W("Co"), W("Corp"), W("Dec"), W("Feb"), W("Inc"), W("Jan"), W("Jul"), W("Jun"),
    W("Ltd"), W("Mar"), W("Nov"), W("Oct"), W("Sep"), W("Sept"), W("a.m"), W("approx"), W("dept"),
    W("est"), W("etc"), W("p.m"),
};

/*
** Words frequent in one language and rare in the other.  Words common to
** both ("a", "on", "or", "plus") are left out: they prove nothing.
*/
static const lex_word fr_function_words[] = {
    W("après"), W("au"), W("aux"), W("avant"), W("avec"), W("ce"), W("cette"), W("chez"),
    W("contre"), W("d"), W("dans"), W("de"), W("depuis"), W("des"), W("du"), W("elle"), W("en"),
    W("entre"), W("est"), W("et"), W("il"), W("ils"), W("l"), W("la"), W("le"), W("les"),
    W("leur"), W("lors"), W("mais"), W("ne"), W("nous"), W("ont"), W("par"), W("pas"), W("pour"),
    W("qu"), W("que"), W("qui"), W("sa"), W("sans"), W("se"), W("selon"), W("ses"), W("son"),
    W("sont"), W("sous"), W("sur"), W("un"), W("une"), W("vers"), W("vous"), W("à"), W("été"),
    W("être"),
};
static const lex_word en_function_words[] = {
    W("about"), W("across"), W("after"), W("an"), W("and"), W("are"), W("at"), W("be"), W("been"),
    W("but"), W("by"), W("during"), W("for"), W("from"), W("had"), W("has"), W("have"), W("he"),
    W("her"), W("his"), W("in"), W("into"), W("is"), W("it"), W("its"), W("near"), W("not"),
    W("of"), W("over"), W("said"), W("she"), W("since"), W("that"), W("the"), W("their"),
    W("they"), W("this"), W("to"), W("toward"), W("under"), W("until"), W("upon"), W("was"),
    W("were"), W("which"), W("who"), W("will"), W("with"), W("within"), W("would"),
};

/* Compare 's' of 'len' bytes with a listed word, in strcmp order. */
static int compare_key(const char *s, size_t len, const lex_word *word) {
    size_t wlen = word->len, common = len < wlen ? len : wlen;
    for (size_t i = 0; i < common; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)word->s[i];
        if (a != b) return a < b ? -1 : 1;
    }
    return len < wlen ? -1 : len > wlen;
}

static bool in_sorted(const lex_word *list, size_t n, const char *s, size_t len) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_key(s, len, &list[mid]);
        if (c == 0) return true;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return false;
}

/* Elisions are matched without regard to ASCII case: L', Qu', JUSQU'. */
bool lex_is_elision(entrel_lang lang, const char *s, size_t len) {
    char low[8];
    if (lang != ENTREL_LANG_FR || len == 0 || len > sizeof low) return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) return false;
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return in_sorted(fr_elisions, COUNT(fr_elisions), low, len);
}

/* Length of the apostrophe ending at s[len], or 0: ' or ’ (3 bytes). */
static size_t apostrophe_before(const char *s, size_t len) {
    if (len >= 1 && s[len - 1] == '\'') return 1;
    if (len >= 3 && memcmp(s + len - 3, "\xE2\x80\x99", 3) == 0) return 3;
    return 0;
}

/*
** English clitics split off the end of a word, as the Penn Treebank
** does: "don't" is do + n't, "Guterres's" is Guterres + 's.
*/
size_t lex_clitic_suffix(entrel_lang lang, const char *s, size_t len) {
    static const lex_word endings[] = {W("s"), W("re"), W("ve"), W("ll"), W("d"), W("m")};
    if (lang != ENTREL_LANG_EN) return 0;
    if (len >= 4 && (s[len - 1] == 't' || s[len - 1] == 'T')) {
        size_t q = apostrophe_before(s, len - 1);
        if (q && len > q + 2 && (s[len - 2 - q] == 'n' || s[len - 2 - q] == 'N'))
            return q + 2;
    }
    for (size_t k = 0; k < COUNT(endings); k++) {
        size_t el = endings[k].len;
        if (len <= el) continue;
        size_t q = apostrophe_before(s, len - el);
        if (q == 0 || len <= el + q) continue;
        bool same = true;
        for (size_t i = 0; i < el; i++) {
            char c = s[len - el + i];
            if ((c | 0x20) != endings[k].s[i]) same = false;
        }
        if (same) return el + q;
    }
    return 0;
}

int lex_abbrev(entrel_lang lang, const char *s, size_t len) {
    if (lang == ENTREL_LANG_FR) {
        if (in_sorted(fr_titles, COUNT(fr_titles), s, len)) return LEX_TITLE;
        if (in_sorted(fr_abbrevs, COUNT(fr_abbrevs), s, len)) return LEX_ABBREV;
    } else {
        if (in_sorted(en_titles, COUNT(en_titles), s, len)) return LEX_TITLE;
        if (in_sorted(en_abbrevs, COUNT(en_abbrevs), s, len)) return LEX_ABBREV;
    }
    return 0;
}

bool lex_is_function_word(entrel_lang lang, const char *s, size_t len) {
    if (lang == ENTREL_LANG_FR)
        return in_sorted(fr_function_words, COUNT(fr_function_words), s, len);
    return in_sorted(en_function_words, COUNT(en_function_words), s, len);
}

/* Every list, for the unit test that keeps them sorted. */
const lex_list lex_all_lists[] = {
    {"fr_elisions", fr_elisions, COUNT(fr_elisions)},
    {"fr_titles", fr_titles, COUNT(fr_titles)},
    {"en_titles", en_titles, COUNT(en_titles)},
    {"fr_abbrevs", fr_abbrevs, COUNT(fr_abbrevs)},
    {"en_abbrevs", en_abbrevs, COUNT(en_abbrevs)},
    {"fr_function_words", fr_function_words, COUNT(fr_function_words)},
    {"en_function_words", en_function_words, COUNT(en_function_words)},
    {NULL, NULL, 0},
};
