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

/* Word_Break classes of the fast path; FC_COMPLEX means "not handled". */
enum { FC_OTHER, FC_LETTER, FC_DIGIT, FC_UNDER, FC_MIDLETTER, FC_MIDNUMLET,
       FC_MIDNUM, FC_COMPLEX };

/* The fast path's class of a character (segment.c). */
int seg_class(uint32_t uc);

/* One segment found by the fast path, and what it holds. */
typedef struct seg_scan {
    size_t end;
    bool letter, digit;
    bool apostrophe;          /* ' or ’ inside (elision, clitic) */
    bool hump;                /* a camel hump: dânBáo, YouTube */
    bool maybe_hump;          /* letters whose case the scan did not check */
    bool ascii;               /* every byte ASCII */
    bool complex;             /* met a class the fast path does not handle */
} seg_scan;

typedef struct hump_state {
    int lower_run;            /* lower-case letters just read */
    bool upper_after_lower;   /* last letter a capital after two of them */
} hump_state;

/*
** The UAX #29 segment starting at s[i], up to 'end' at most.  Valid when
** sc->complex comes back false: then no character it read had a class
** outside the fast path's (seg_class != FC_COMPLEX), and white space ends
** it as it ends any word.
*/
void seg_fast(const uint8_t *s, size_t i, size_t end, seg_scan *sc);

int tz_push(tokenizer *tz, size_t start, size_t end, int kind, unsigned flags);
int tz_scan(tokenizer *tz);

/* A URL or an e-mail address found inside a run of non-space text. */
typedef struct special {
    size_t start, end;
    int kind;                 /* ENTREL_TOK_URL or ENTREL_TOK_EMAIL */
} special;

/* The first URL or e-mail address in s[a..b); false when there is none. */
bool find_special(const uint8_t *s, size_t a, size_t b, special *out);

/*
** Merge what UAX #29 cut too finely (dates, grouped numbers,
** abbreviations), mark hyphen compounds, and fill every token's forms.
*/
int tok_refine(entrel_doc *doc);

/* ASCII characters whose general category is P (not S: $+<=>^`|~). */
static inline bool ispunct_ascii(uint32_t c) {
    return (c >= '!' && c <= '/' && c != '$' && c != '+') ||
           c == ':' || c == ';' || c == '?' || c == '@' ||
           (c >= '[' && c <= ']') || c == '_' || c == '{' || c == '}';
}

#endif
