/*
** text.c: UTF-8 checks on raw input.  Input may be anything; the rest of
** the library sees a copy that is valid UTF-8 of the same length, so that
** byte offsets never shift.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "entrel_int.h"

/*
** Length of the valid character at s[0..n), or 0 when the bytes there do
** not start one.  u8_mbtoucr rejects overlong forms, surrogates, 5- and
** 6-byte forms and sequences cut short.
*/
static int valid_length(const uint8_t *s, size_t n) {
    ucs4_t uc;
    int r = u8_mbtoucr(&uc, s, n);
    return r > 0 ? r : 0;
}

/* Whether none of eight bytes is NUL or has its high bit set. */
static bool plain_ascii8(const uint8_t *s) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t w;
    memcpy(&w, s, 8);
    return ((w | ((w - ones) & ~w)) & highs) == 0;
}

void text_check(const uint8_t *s, size_t n, text_report *rep) {
    memset(rep, 0, sizeof *rep);
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n && plain_ascii8(s + i)) {
            i += 8;
            continue;
        }
        if (s[i] >= 1 && s[i] < 0x80) {
            i++;
            continue;
        }
        if (s[i] == 0) {
            if (rep->nul_count++ == 0) rep->nul_first = i;
            i++;
            continue;
        }
        int len = valid_length(s + i, n - i);
        if (len == 0) {
            if (rep->bad_count++ == 0) rep->bad_first = i;
            len = 1;
        }
        i += (size_t)len;
    }
}

/*
** Copy 's' into 'out' with each byte of an invalid sequence replaced by
** 'rep' ('rep_len' bytes; 'out' has room for n * rep_len + 1) and a NUL
** after; returns the copy's length.
*/
static size_t replace_invalid(const uint8_t *s, size_t n, const char *rep,
                              size_t rep_len, uint8_t *out) {
    size_t len = 0, i = 0;
    while (i < n) {
        int k = s[i] < 0x80 ? 1 : valid_length(s + i, n - i);
        if (k == 0) {
            memcpy(out + len, rep, rep_len);
            len += rep_len;
            i++;
            continue;
        }
        memcpy(out + len, s + i, (size_t)k);
        len += (size_t)k;
        i += (size_t)k;
    }
    out[len] = '\0';
    return len;
}

uint8_t *text_sanitize(const uint8_t *s, size_t n) {
    static const char bad[1] = {TEXT_BAD_BYTE};
    uint8_t *copy = er_malloc(n + 1);
    if (copy) replace_invalid(s, n, bad, 1, copy);
    return copy;
}

char *text_lossy(const uint8_t *s, size_t n, size_t *out_len) {
    uint8_t *out = er_malloc(n * 3 + 1);
    if (out) *out_len = replace_invalid(s, n, "\xEF\xBF\xBD", 3, out);
    return (char *)out;
}

int text_decode_multibyte(const uint8_t *s, size_t n, uint32_t *uc) {
    ucs4_t c;
    int r = u8_mbtoucr(&c, s, n);
    if (r <= 0) {
        *uc = 0xFFFD;
        return 1;
    }
    *uc = c;
    return r;
}

/*
** White space that separates tokens: Unicode's White_Space characters,
** including the no-break spaces that French puts before ; : ! ? and
** inside numbers.
*/
bool text_is_space(uint32_t uc) {
    switch (uc) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20:
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return uc >= 0x2000 && uc <= 0x200A;
    }
}
