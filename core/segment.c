/*
** segment.c: the fast path of UAX #29 word segmentation.  Most text is
** made of characters whose Word_Break class is one of seven simple ones
** (letters, digits, '_', the three "mid" classes and Other), and for those
** the rules reduce to a short loop.  A run holding any other class
** (Extend, Format, ZWJ, Katakana, Hebrew, regional indicators ...) goes
** to libunistring's u8_wordbreaks instead.  The classes themselves come
** from libunistring (uc_wordbreak_property); a unit test checks this loop
** against u8_wordbreaks on random text.
** See LICENSE for copyright and licence.
*/
#include <string.h>
#include <uniwbrk.h>

#include "tokenize.h"

/*
** UAX #29 classes of ASCII: letters, digits, '_' (ExtendNumLet), ':'
** (MidLetter), '.' and ' (MidNumLet; ' is Single_Quote, which acts the
** same here), ',' and ';' (MidNum); all else Other.
*/
enum { O = FC_OTHER, L = FC_LETTER, D = FC_DIGIT, U = FC_UNDER,
       ML = FC_MIDLETTER, MN = FC_MIDNUMLET, MU = FC_MIDNUM };
static const uint8_t ascii_classes[128] = {
    /* 00 */ O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    /* 10 */ O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    /* 20 */ O, O, O, O, O, O, O, MN, O, O, O, O, MU, O, MN, O,
    /* 30 */ D, D, D, D, D, D, D, D, D, D, ML, MU, O, O, O, O,
    /* 40 */ O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    /* 50 */ L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, U,
    /* 60 */ O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    /* 70 */ L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O,
};

static inline int ascii_class(uint8_t c) { return ascii_classes[c]; }

int seg_class(uint32_t uc) {
    if (uc < 0x80) return ascii_class((uint8_t)uc);
    switch (uc_wordbreak_property(uc)) {
    case WBP_ALETTER: return FC_LETTER;
    case WBP_NUMERIC: return FC_DIGIT;
    case WBP_EXTENDNUMLET: return FC_UNDER;
    case WBP_MIDLETTER: return FC_MIDLETTER;
    case WBP_MIDNUMLET: case WBP_SQ: return FC_MIDNUMLET;
    case WBP_MIDNUM: return FC_MIDNUM;
    case WBP_OTHER: case WBP_DQ: return FC_OTHER;
    default: return FC_COMPLEX;
    }
}

/*
** Class, code point and length of the character at s[i].  White space,
** which ends runs, acts as Other: so do U+0085, U+2028 and U+2029, which
** UAX #29 calls Newline.
*/
static inline int class_at(const uint8_t *s, size_t i, size_t end, uint32_t *uc,
                           size_t *len) {
    if (s[i] < 0x80) {
        *uc = s[i];
        *len = 1;
        return ascii_class(s[i]);
    }
    *len = (size_t)text_decode(s + i, end - i, uc);
    return text_is_space(*uc) ? FC_OTHER : seg_class(*uc);
}

static inline bool is_wordish(int k) {
    return k == FC_LETTER || k == FC_DIGIT || k == FC_UNDER;
}

/* Case of a letter: 'U', 'L', or '?' past Latin-1, where it takes a look-up. */
static inline int quick_case(uint32_t uc) {
    if (uc < 0x80) return uc - 'A' < 26 ? 'U' : uc - 'a' < 26 ? 'L' : 0;
    if (uc >= 0x100) return '?';
    if (uc >= 0xC0 && uc <= 0xDE && uc != 0xD7) return 'U';
    return (uc >= 0xDF && uc != 0xF7) || uc == 0xB5 ? 'L' : 0;
}

/*
** Follow one character of a word: what it holds, and whether the word has
** a camel hump (two lower-case letters, a capital, a lower-case letter),
** which the word splitter will cut.
*/
static inline void note_char(seg_scan *sc, uint32_t uc, int k, hump_state *h) {
    sc->letter |= k == FC_LETTER;
    sc->digit |= k == FC_DIGIT;
    if (uc >= 0x80) sc->ascii = false;
    switch (k == FC_LETTER ? quick_case(uc) : 0) {
    case 'L':
        sc->hump |= h->upper_after_lower;
        h->upper_after_lower = false;
        h->lower_run++;
        return;
    case 'U':
        h->upper_after_lower = h->lower_run >= 2;
        h->lower_run = 0;
        return;
    case '?':
        sc->maybe_hump = true;
        /* fall through */
    default:
        h->upper_after_lower = false;
        h->lower_run = 0;
    }
}

/*
** Length of the run of lower-case ASCII letters at s[k..end), eight bytes
** a step where the machine allows: a word then ends in one step whatever
** its length, instead of a mispredicted loop exit.  The test marks the
** bytes strictly between 0x60 and 0x7B with their high bit (the
** "has between" trick of Sean Anderson's Bit Twiddling Hacks).
*/
static inline size_t lower_run_length(const uint8_t *s, size_t k, size_t end) {
    size_t start = k;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, low7 = ones * 0x7F, high = ones * 0x80;
    while (k + 8 <= end) {
        uint64_t x, t;
        memcpy(&x, s + k, 8);
        t = x & low7;
        uint64_t lower = (ones * (0x7F + 0x7B) - t) & ~x & (t + ones * (0x7F - 0x60)) & high;
        uint64_t other = ~lower & high;
        if (other) return k - start + (size_t)(__builtin_ctzll(other) >> 3);
        k += 8;
    }
#endif
    while (k < end && s[k] >= 'a' && s[k] <= 'z') k++;
    return k - start;
}

/*
** The segment starting at s[i], in a run of simple classes ending at
** 'end'.  Letters, digits and '_' join (WB5, WB8-WB10, WB13a/b); one
** MidLetter or MidNumLet between two letters joins (WB6/7); one MidNum or
** MidNumLet between two digits joins (WB11/12); anything else is a
** segment of one character (WB999).
*/
void seg_fast(const uint8_t *s, size_t i, size_t end, seg_scan *sc) {
    size_t len;
    uint32_t uc;
    int prev = class_at(s, i, end, &uc, &len);
    hump_state h = {0, false};
    *sc = (seg_scan){.end = i + len, .ascii = s[i] < 0x80, .complex = prev == FC_COMPLEX};
    if (!is_wordish(prev)) return;
    note_char(sc, uc, prev, &h);
    size_t j = i + len;
    while (j < end) {
        if (s[j] >= 'a' && s[j] <= 'z') {
            /* The common case, lower-case ASCII letters, in a tight loop. */
            size_t k = j + 1 + lower_run_length(s, j + 1, end);
            sc->hump |= h.upper_after_lower;
            h.upper_after_lower = false;
            h.lower_run += (int)(k - j);
            sc->letter = true;
            prev = FC_LETTER;
            j = k;
            continue;
        }
        int k = class_at(s, j, end, &uc, &len);
        if (k == FC_COMPLEX) {
            sc->complex = true;
            return;
        }
        if (is_wordish(k)) {
            note_char(sc, uc, k, &h);
            prev = k;
            j += len;
            continue;
        }
        if (j + len >= end) break;
        size_t nlen;
        uint32_t next_uc;
        int next = class_at(s, j + len, end, &next_uc, &nlen);
        if (next == FC_COMPLEX) {
            sc->complex = true;
            return;
        }
        bool letters = prev == FC_LETTER && next == FC_LETTER &&
                       (k == FC_MIDLETTER || k == FC_MIDNUMLET);
        bool digits = prev == FC_DIGIT && next == FC_DIGIT &&
                      (k == FC_MIDNUM || k == FC_MIDNUMLET);
        if (!letters && !digits) break;
        sc->apostrophe |= s[j] == '\'' || (len == 3 && s[j] == 0xE2 &&
                                           s[j + 1] == 0x80 && s[j + 2] == 0x99);
        if (s[j] >= 0x80) sc->ascii = false;
        h = (hump_state){0, false};
        j += len;
    }
    sc->end = j;
}
