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
    uint32_t hints;           /* PF_TEXT: slice of values holding the norm atoms, + 1 */
    uint64_t bloom;           /* atom and ENTITY tests, TEXT with hints: bit pat_bloom_bit(v) per value */
    pcre2_code *re;           /* PF_REGEX */
} pat_test;

enum { OP_TOKEN, OP_SPLIT, OP_JMP, OP_SAVE, OP_MATCH, OP_EDGE };

typedef struct pat_inst {
    uint8_t op;
    uint32_t x, y;            /* TOKEN: first test + 1; SPLIT: both; JMP: x; SAVE: slot;
                                 EDGE: 0 start of the run, 1 its end */
} pat_inst;

/* The builder's tree, which patneed.c reads as well. */
typedef struct pb_node {
    uint8_t op;
    uint16_t min, max;        /* PN_REPEAT */
    uint32_t arg;             /* PN_TOKEN: first test + 1; PN_CAPTURE: index; PN_REPEAT: kid */
    uint32_t kids, nkids;     /* PN_SEQ, PN_ALT: slice of 'kids' */
} pb_node;

struct pat_builder {
    atom_table *atoms;
    VEC(pb_node) nodes;
    VEC(uint32_t) kids;
    VEC(pat_test) tests;
    VEC(uint32_t) values;
    VEC(char) text;
    char error[160];
};

/*
** What a program needs of a sentence (patneed.c): a formula in prefix
** order, each operator followed by its operands, over needs.  A need is
** met when the summary holds one of the need's words (WORDS: npos pairs
** of bit positions in the program's need_pos, from 'first'), or one bit
** of 'mask' in its lexicons, entity types or token kinds.
*/
enum { NEED_WORDS, NEED_LEXICON, NEED_ENTITY, NEED_KIND };
enum { NF_LEAF, NF_AND, NF_OR };
#define PAT_MAX_FORMULA 128

typedef struct pat_need {
    uint8_t channel;
    uint16_t npos;            /* NEED_WORDS: how many words */
    uint16_t common;          /* NEED_WORDS: how many of them short (de, la, the): met often */
    uint32_t first;           /* NEED_WORDS: their first position in need_pos */
    uint64_t mask;
} pat_need;

typedef struct pat_nf {
    uint8_t op;
    uint8_t n;                /* AND, OR: how many operands */
    uint16_t end;             /* the index past this operator's operands */
    uint32_t leaf;            /* LEAF: index in the program's needs */
} pat_nf;

/* A token instruction's signature bits (pat_signature): those to be set, those to be clear. */
typedef struct pat_sig {
    uint64_t set, clear;
    uint64_t words;           /* pat_word_bits of which one is needed; 0: none */
    uint64_t plane_words;     /* 'words' when few enough to look up in the planes, else 0 */
} pat_sig;

/* An atom's bit in a test's bloom: a value list longer than a few is looked through only on a hit. */
static inline unsigned pat_bloom_bit(uint32_t atom) {
    return (unsigned)(((uint64_t)atom * 0x9E3779B97F4A7C15ULL) >> 58);
}

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
    pat_sig *sig;             /* per instruction; for TOKEN ones only */
    uint32_t *first;          /* the TOKEN instructions a match can begin with */
    uint32_t nfirst;
    pat_nf *formula;          /* pat_may_match; none: may match anywhere */
    uint32_t nformula;
    pat_need *needs;          /* the formula's leaves, in order */
    uint16_t *need_pos;
    uint32_t *need_atoms;     /* each word's atom: word k of a need at need_atoms[first / 2 + k] */
};

/* Fill p's formula from the builder's tree; false when out of memory. */
bool pat_find_needs(pat_program *p, const pat_builder *b, uint32_t left, uint32_t core,
                    uint32_t right);

#endif
