/*
** tokenize.h: shared by the tokenizer's files (tokenize.c, special.c,
** refine.c).  Not API.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_TOKENIZE_H
#define ENTREL_TOKENIZE_H

#include "entrel_int.h"

typedef struct tokenizer {
    entrel_doc *doc;
    const uint8_t *s;         /* the clean text */
    size_t n;
    entrel_lang lang;
    bool refine;              /* false in the pure UAX #29 mode */
    unsigned pending;         /* space flags for the next token */
    int newlines;             /* line breaks since the last token */
} tokenizer;

/*
** End of the UAX #29 segment starting at s[i], for ASCII text without
** white space up to 'end': the fast path, tested against u8_wordbreaks.
*/
size_t tok_ascii_segment_end(const uint8_t *s, size_t i, size_t end);

int tz_push(tokenizer *tz, size_t start, size_t end, int kind, unsigned flags);
int tz_scan(tokenizer *tz);

/* A URL or an e-mail address found inside a run of non-space text. */
typedef struct special {
    size_t start, end;
    int kind;                 /* ENTREL_TOK_URL or ENTREL_TOK_EMAIL */
} special;

/* The first URL or e-mail address in s[a..b); false when there is none. */
bool find_special(const uint8_t *s, size_t a, size_t b, special *out);

/* Merge what UAX #29 cut too finely: dates, grouped numbers, abbreviations. */
int tok_refine(entrel_doc *doc);

/* ASCII characters whose general category is P (not S: $+<=>^`|~). */
static inline bool ispunct_ascii(uint32_t c) {
    return (c >= '!' && c <= '/' && c != '$' && c != '+') ||
           c == ':' || c == ';' || c == '?' || c == '@' ||
           (c >= '[' && c <= ']') || c == '_' || c == '{' || c == '}';
}

#endif
