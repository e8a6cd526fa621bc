/*
** patmemo.c: regex token tests, remembered.  A regex test asks PCRE2
** about one token's text, and the same words come back in every
** sentence and under several rules ("nationale", "internationale"), at
** some hundreds of instructions a call.  The memo keeps the last answer
** per slot of (regex, text), with the text itself, so an answer is never
** taken for another text; a slot taken by a newer pair simply forgets.
** The guard that bounds regex work lives here too: the memo is where
** every token test asks PCRE2.
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

/* PCRE2 calls this before each item of a pattern: one step of the document's budget. */
static int count_step(pcre2_callout_block *block, void *ud) {
    (void)block;
    pat_regex_guard *g = ud;
    return ++g->steps > g->budget ? PCRE2_ERROR_CALLOUT : 0;
}

bool pat_regex_guard_init(pat_regex_guard *g, uint32_t match_limit, uint32_t depth_limit,
                          uint32_t heap_kib) {
    *g = (pat_regex_guard){.mc = pcre2_match_context_create(NULL), .budget = UINT64_MAX};
    if (g->mc == NULL) return false;
    pcre2_set_match_limit(g->mc, match_limit);
    pcre2_set_depth_limit(g->mc, depth_limit);
    pcre2_set_heap_limit(g->mc, heap_kib);
    pcre2_set_callout(g->mc, count_step, g);
    return true;
}

void pat_regex_guard_free(pat_regex_guard *g) {
    pcre2_match_context_free(g->mc);
    g->mc = NULL;
}

void pat_regex_guard_arm(pat_regex_guard *g, uint64_t budget) {
    g->steps = 0;
    g->budget = budget;
    g->hit = 0;
}

int pat_regex_match(pat_regex_guard *g, const pcre2_code *re, const uint8_t *s, size_t len,
                    size_t start, pcre2_match_data *md) {
    int rc = pcre2_match(re, s, len, start, PCRE2_NO_UTF_CHECK, md, g ? g->mc : NULL);
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH && g) g->hit = rc;
    return rc;
}

bool pat_regex_holds(pat_memo *m, const pcre2_code *re, pcre2_match_data *md,
                     pat_regex_guard *g, const char *s, size_t n) {
    const uint8_t *u = (const uint8_t *)s;
    if (m == NULL || n > MEMO_TEXT) return pat_regex_match(g, re, u, n, 0, md) >= 0;
    memo_slot *x = &m->slot[slot_of(re, s, n)];
    if (x->re == re && x->len == n && memcmp(x->text, s, n) == 0) return x->holds;
    int rc = pat_regex_match(g, re, u, n, 0, md);
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) return false;
    x->re = re;
    x->len = (uint8_t)n;
    memcpy(x->text, s, n);
    x->holds = rc >= 0;
    return x->holds;
}
