/*
** patmemo.c: regex token tests, remembered.  A regex test asks PCRE2
** about one token's text, and the same words come back in every
** sentence and under several rules ("nationale", "internationale"), at
** some hundreds of instructions a call.  The memo keeps the last answer
** per slot of (regex, text), with the text itself, so an answer is never
** taken for another text; a slot taken by a newer pair simply forgets.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "patint.h"

#define MEMO_LOG2 12
#define MEMO_TEXT 22             /* longer texts are asked each time: few words are */

typedef struct memo_slot {
    const pcre2_code *re;
    uint8_t len;
    bool holds;
    char text[MEMO_TEXT];
} memo_slot;

struct pat_memo {
    memo_slot slot[1u << MEMO_LOG2];
};

pat_memo *pat_memo_new(void) { return er_calloc(1, sizeof(pat_memo)); }

void pat_memo_free(pat_memo *m) { er_free(m); }

static size_t slot_of(const pcre2_code *re, const char *s, size_t n) {
    uint64_t h = 0xCBF29CE484222325ULL ^ (uint64_t)(uintptr_t)re;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 0x100000001B3ULL;
    return (size_t)(h >> (64 - MEMO_LOG2));
}

static bool ask(const pcre2_code *re, pcre2_match_data *md, const char *s, size_t n) {
    return pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, NULL) >= 0;
}

bool pat_regex_holds(pat_memo *m, const pcre2_code *re, pcre2_match_data *md, const char *s,
                     size_t n) {
    if (m == NULL || n > MEMO_TEXT) return ask(re, md, s, n);
    memo_slot *x = &m->slot[slot_of(re, s, n)];
    if (x->re == re && x->len == n && memcmp(x->text, s, n) == 0) return x->holds;
    x->re = re;
    x->len = (uint8_t)n;
    memcpy(x->text, s, n);
    x->holds = ask(re, md, s, n);
    return x->holds;
}
