/*
** lexicon.h: word lists of lexicon.c, for its users and its unit test.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_LEXICON_H
#define ENTREL_LEXICON_H

#include <stddef.h>

#define LEX_ABBREV 1 /* may end a sentence: etc. Inc. */
#define LEX_TITLE 2  /* precedes a name or number: M. Dr. p. */

/* No function word is longer, in bytes: the language guesser skips longer words. */
#define LEX_MAX_FUNCTION_WORD 6

typedef struct lex_word {
    const char *s;
    size_t len;
} lex_word;

typedef struct lex_list {
    const char *name;
    const lex_word *words;
    size_t count;
} lex_list;

extern const lex_list lex_all_lists[];

#endif
