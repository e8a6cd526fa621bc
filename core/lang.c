/*
** lang.c: guess whether a document is French or English by counting
** function words.  Function words are frequent, short and language-
** specific, so a few sentences decide: counting stops once one language
** has a clear lead, and never reads past the first 64 KiB.
** See LICENSE for copyright and licence.
*/
#include "entrel_int.h"
#include "lexicon.h"

#define LANG_SAMPLE_BYTES 65536
#define LANG_DECISIVE_HITS 24   /* hits for the leader ... */
#define LANG_DECISIVE_RATIO 3   /* ... and this many times the other's */

static bool is_ascii_letter(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes of a Latin letter with diacritics (U+00C0..U+017F): é, à, ç ... */
static size_t latin_letter_length(const uint8_t *s, size_t n) {
    if (n >= 2 && s[0] >= 0xC3 && s[0] <= 0xC5 && (s[1] & 0xC0) == 0x80)
        return 2;
    return 0;
}

/*
** Words are runs of ASCII and accented Latin letters; anything else ends
** them, so "l’ONUDC" yields "l" and "onudc".  Words are lowered in ASCII
** only, which is enough for the lists.
*/
entrel_lang lang_detect(const char *text, size_t n, entrel_lang fallback) {
    const uint8_t *s = (const uint8_t *)text;
    if (n > LANG_SAMPLE_BYTES) n = LANG_SAMPLE_BYTES;
    long fr = 0, en = 0;
    size_t i = 0;
    while (i < n) {
        char word[16];
        size_t len = 0;
        bool fits = true;
        for (;;) {
            size_t k = i < n && is_ascii_letter(s[i]) ? 1
                                                      : latin_letter_length(s + i, n - i);
            if (i >= n || k == 0) break;
            if (len + k <= sizeof word) {
                for (size_t j = 0; j < k; j++) {
                    uint8_t c = s[i + j];
                    word[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                }
            } else {
                fits = false;
            }
            i += k;
        }
        if (len == 0) {
            i++;
            continue;
        }
        if (!fits || len > LEX_MAX_FUNCTION_WORD) continue;
        fr += lex_is_function_word(ENTREL_LANG_FR, word, len);
        en += lex_is_function_word(ENTREL_LANG_EN, word, len);
        if ((fr >= LANG_DECISIVE_HITS && fr >= LANG_DECISIVE_RATIO * en) ||
            (en >= LANG_DECISIVE_HITS && en >= LANG_DECISIVE_RATIO * fr))
            break;
    }
    if (fr == en) return fallback;
    return fr > en ? ENTREL_LANG_FR : ENTREL_LANG_EN;
}
