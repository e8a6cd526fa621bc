/*
** special.c: find URLs and e-mail addresses inside a run of non-space
** text, so the tokenizer keeps each one as a single token.
** See LICENSE for copyright and licence.
*/
#include <string.h>

#include "tokenize.h"

static bool is_alnum(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static bool is_alpha(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters of a URL scheme after its first letter (RFC 3986). */
static bool is_scheme_char(uint8_t c) {
    return is_alnum(c) || c == '+' || c == '-' || c == '.';
}

static bool is_local_char(uint8_t c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
           c == '-';
}

static bool is_domain_char(uint8_t c) {
    return is_alnum(c) || c == '.' || c == '-';
}

/* Bytes of a closing quote or guillemet ending at s[end]: ” ’ », else 0. */
static size_t closing_quote(const uint8_t *s, size_t start, size_t end) {
    if (end - start >= 3 && s[end - 3] == 0xE2 && s[end - 2] == 0x80 &&
        (s[end - 1] == 0x9D || s[end - 1] == 0x99))
        return 3;
    if (end - start >= 2 && s[end - 2] == 0xC2 && s[end - 1] == 0xBB) return 2;
    return 0;
}

/*
** Trailing characters that usually close the sentence around a URL, not
** the URL itself.  A ')' stays when the URL opened one (Wikipedia links):
** the brackets are counted once, and each ')' dropped closes one less.
*/
static size_t trim_url_end(const uint8_t *s, size_t start, size_t end) {
    long depth = 0;
    for (size_t i = start; i < end; i++) depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
    while (end > start) {
        uint8_t c = s[end - 1];
        size_t q;
        if (c == ')' && depth < 0) {
            depth++;
            end--;
        } else if (c != ')' && strchr(".,;:!?'\"]}>", c) != NULL) {
            end--;
        } else if ((q = closing_quote(s, start, end)) != 0) {
            end -= q;
        } else {
            break;
        }
    }
    return end;
}

/*
** URL end: everything up to the run's end, less trailing punctuation.
** Control characters end it too, and so do invalid bytes, which the
** clean copy holds as one (TEXT_BAD_BYTE).
*/
static size_t url_end(const uint8_t *s, size_t from, size_t start, size_t b) {
    size_t e = from;
    while (e < b && s[e] >= 0x20 && s[e] != 0x7F && s[e] != '<' && s[e] != '>' &&
           s[e] != '"')
        e++;
    return trim_url_end(s, start, e);
}

/* A URL with its scheme "://" at s[p]; start is the scheme's first letter. */
static bool url_at_scheme(const uint8_t *s, size_t a, size_t b, size_t p,
                          special *out) {
    size_t start = p;
    while (start > a && is_scheme_char(s[start - 1])) start--;
    while (start < p && !is_alpha(s[start])) start++;
    if (p - start < 2) return false;
    size_t end = url_end(s, p + 3, start, b);
    if (end <= p + 3) return false;
    *out = (special){start, end, ENTREL_TOK_URL};
    return true;
}

/* "www." at s[p], not inside a longer word. */
static bool url_at_www(const uint8_t *s, size_t a, size_t b, size_t p,
                       special *out) {
    if (p > a && is_alnum(s[p - 1])) return false;
    size_t end = url_end(s, p + 4, p, b);
    if (end <= p + 5) return false;
    *out = (special){p, end, ENTREL_TOK_URL};
    return true;
}

/* local@domain.tld around the '@' at s[p]. */
static bool email_at(const uint8_t *s, size_t a, size_t b, size_t p,
                     special *out) {
    size_t start = p;
    while (start > a && is_local_char(s[start - 1])) start--;
    while (start < p && s[start] == '.') start++;
    if (start == p) return false;
    size_t end = p + 1;
    while (end < b && is_domain_char(s[end])) end++;
    while (end > p + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) end--;
    size_t dot = end;
    while (dot > p + 1 && s[dot - 1] != '.') dot--;
    if (dot <= p + 2 || end - dot < 2) return false;
    for (size_t i = dot; i < end; i++)
        if (!is_alpha(s[i])) return false;
    *out = (special){start, end, ENTREL_TOK_EMAIL};
    return true;
}

bool find_special(const uint8_t *s, size_t a, size_t b, special *out) {
    for (size_t p = a; p < b; p++) {
        uint8_t c = s[p];
        if (c == ':' && p + 3 < b && s[p + 1] == '/' && s[p + 2] == '/' &&
            url_at_scheme(s, a, b, p, out))
            return true;
        if ((c == 'w' || c == 'W') && p + 4 < b &&
            (s[p + 1] | 0x20) == 'w' && (s[p + 2] | 0x20) == 'w' &&
            s[p + 3] == '.' && url_at_www(s, a, b, p, out))
            return true;
        if (c == '@' && email_at(s, a, b, p, out)) return true;
    }
    return false;
}
