/*
** patint.h: what the pattern compiler (patcomp.c) and VM (patvm.c) share.
** Not API.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_PATINT_H
#define ENTREL_PATINT_H

#include "pattern.h"

/* One test of a token; a token node is a chain of them, all to hold. */
typedef struct pat_test {
    uint8_t field, negate;
    uint32_t first, count;    /* slice of the program's values */
    uint32_t next;            /* next test of the same token, + 1 */
    pcre2_code *re;           /* PF_REGEX */
} pat_test;

enum { OP_TOKEN, OP_SPLIT, OP_JMP, OP_SAVE, OP_MATCH, OP_EDGE };

typedef struct pat_inst {
    uint8_t op;
    uint32_t x, y;            /* TOKEN: first test + 1; SPLIT: both; JMP: x; SAVE: slot;
                                 EDGE: 0 start of the run, 1 its end */
} pat_inst;

/* Capture slots: the whole match with its contexts, the match, then captures. */
#define SLOT_WHOLE 0
#define SLOT_CORE 2
#define SLOT_CAPS 4

struct pat_program {
    pat_inst *code;
    uint32_t ninst;
    pat_test *tests;
    uint32_t ntests;
    uint32_t *values;         /* atoms, numbers, or offsets into 'text' */
    char *text;
    unsigned nslots;
    unsigned left_max;        /* tokens a left context may reach back */
    uint32_t *first;          /* the TOKEN instructions a match can begin with */
    uint32_t nfirst;
    uint64_t entity_needs;    /* pat_entity_needs */
};

#endif
