/*
** acronym.c: whether a short form is made of the initials of a long
** form's words.  Rule actions ask it for every "Long Form (ACR)" match,
** so it is in C: the same check written in Lua cost more than the rest
** of the rule's match.
** See LICENSE for copyright and licence.
*/
#include <unictype.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "entrel_int.h"

/* Lower case without accents: "É" and "e" are one initial. */
static ucs4_t bare(ucs4_t uc) {
    ucs4_t parts[UC_DECOMPOSITION_MAX_LENGTH];
    if (uc_canonical_decomposition(uc, parts) > 0) uc = parts[0];
    return uc_tolower(uc);
}

/* Characters that end a word of the long form: spaces, hyphens, apostrophes. */
static bool splits_words(ucs4_t uc) {
    return uc_is_property_white_space(uc) || uc_is_property_dash(uc) || uc == '\'' || uc == 0x2019;
}

/* The next character of s[*at, n) as a code point; U+FFFD for a bad byte. */
static ucs4_t next_char(const char *s, size_t n, size_t *at) {
    ucs4_t uc;
    int len = u8_mbtouc(&uc, (const uint8_t *)s + *at, n - *at);
    *at += len > 0 ? (size_t)len : 1;
    return uc;
}

/* The next letter of the short form, bare, or 0 at its end; other characters do not count. */
static ucs4_t next_letter(const char *s, size_t n, size_t *at) {
    while (*at < n) {
        ucs4_t uc = next_char(s, n, at);
        if (uc_is_alpha(uc)) return bare(uc);
    }
    return 0;
}

/* The first character of the next word of the long form, bare, or 0 at its end. */
static ucs4_t next_initial(const char *s, size_t n, size_t *at) {
    ucs4_t uc = 0;
    while (*at < n && splits_words(uc = next_char(s, n, at))) uc = 0;
    if (uc == 0) return 0;
    size_t after = *at;
    while (after < n && !splits_words(next_char(s, n, &after))) *at = after;
    return bare(uc);
}

/*
** Whether the letters of 'acr' are, in order, initials of words of 'full'
** (words split at spaces, hyphens and apostrophes), the first letter the
** first word's: "ONUDC" fits "Office des Nations Unies contre la drogue
** et le crime", skipping the function words' initials, and "ANSSI" fits
** "Agence nationale de la sécurité des systèmes d'information".  Case and
** accents do not count.  Both need two or more: one letter fits too much.
*/
bool acr_fits(const char *acr, size_t acr_len, const char *full, size_t full_len) {
    size_t a = 0, f = 0;
    ucs4_t want = next_letter(acr, acr_len, &a);
    ucs4_t got = next_initial(full, full_len, &f);
    if (want == 0 || got != want) return false;
    size_t letters = 1, words = 1;
    want = next_letter(acr, acr_len, &a);
    while ((got = next_initial(full, full_len, &f)) != 0) {
        words++;
        if (want != 0 && got == want) {
            letters++;
            want = next_letter(acr, acr_len, &a);
        }
    }
    return want == 0 && letters >= 2 && words >= 2;
}
