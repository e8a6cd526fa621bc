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

/* French elided words, lower case, without the apostrophe. */
static const char *const fr_elisions[] = {
    "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu",
    "quoiqu", "s", "t",
};

/* Abbreviations that precede a name or a number: never a sentence end. */
static const char *const fr_titles[] = {
    "Dr", "Gal", "M", "MM", "Me", "Mgr", "Mlle", "Mlles", "Mme", "Mmes",
    "Pr", "St", "Ste", "art", "av", "cf", "ch", "chap", "fig", "hab",
    "no", "p", "pp", "vol",
};
static const char *const en_titles[] = {
    "Adm", "Capt", "Cmdr", "Col", "Dr", "Fig", "Gen", "Gov", "Hon", "Jr",
    "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "No", "Nos", "Prof",
    "Rep", "Rev", "Sen", "Sgt", "Sr", "St", "cf", "e.g", "fig", "i.e",
    "p", "pp", "vol", "vs",
};

/* Abbreviations that may also close a sentence. */
static const char *const fr_abbrevs[] = {
    "Cie", "apr", "env", "etc", "févr", "janv", "juil", "nov",
    "oct", "sept",
};
static const char *const en_abbrevs[] = {
    "Apr", "Aug", "Co", "Corp", "Dec", "Feb", "Inc", "Jan", "Jul", "Jun",
    "Ltd", "Mar", "Nov", "Oct", "Sep", "Sept", "a.m", "approx", "dept",
    "est", "etc", "p.m",
};

/*
** Words frequent in one language and rare in the other.  Words common to
** both ("a", "on", "or", "plus") are left out: they prove nothing.
*/
static const char *const fr_function_words[] = {
    "au", "aux", "avec", "ce", "cette", "d", "dans", "de", "des", "du",
    "elle", "en", "entre", "est", "et", "il", "ils", "l", "la", "le",
    "les", "leur", "lors", "mais", "ne", "nous", "ont", "par", "pas",
    "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sont", "sous",
    "sur", "un", "une", "vous", "à", "été", "être",
};
static const char *const en_function_words[] = {
    "about", "after", "an", "and", "are", "at", "be", "been", "but", "by",
    "for", "from", "had", "has", "have", "he", "her", "his", "in", "into",
    "is", "it", "its", "not", "of", "said", "she", "that", "the", "their",
    "they", "this", "to", "was", "were", "which", "who", "will", "with",
    "would",
};

/* Compare 's' of 'len' bytes with a C string, in strcmp order. */
static int compare_key(const char *s, size_t len, const char *word) {
    size_t wlen = strlen(word);
    int c = memcmp(s, word, len < wlen ? len : wlen);
    if (c != 0) return c;
    return len < wlen ? -1 : len > wlen;
}

static bool in_sorted(const char *const *list, size_t n, const char *s,
                      size_t len) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_key(s, len, list[mid]);
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
    static const char *const endings[] = {"s", "re", "ve", "ll", "d", "m"};
    if (lang != ENTREL_LANG_EN) return 0;
    if (len >= 4 && (s[len - 1] == 't' || s[len - 1] == 'T')) {
        size_t q = apostrophe_before(s, len - 1);
        if (q && len > q + 2 && (s[len - 2 - q] == 'n' || s[len - 2 - q] == 'N'))
            return q + 2;
    }
    for (size_t k = 0; k < COUNT(endings); k++) {
        size_t el = strlen(endings[k]);
        if (len <= el) continue;
        size_t q = apostrophe_before(s, len - el);
        if (q == 0 || len <= el + q) continue;
        bool same = true;
        for (size_t i = 0; i < el; i++) {
            char c = s[len - el + i];
            if ((c | 0x20) != endings[k][i]) same = false;
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
