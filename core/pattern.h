/*
** pattern.h: token patterns, compiled (patcomp.c) and run (patvm.c).  Not
** API.  A pattern is built as a tree of nodes by the rule layer, then
** compiled to a small program that a Pike VM runs over the tokens of a
** sentence: every thread advances one token at a time, so the time is
** linear in tokens x program size whatever the pattern, with no
** backtracking.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_PATTERN_H
#define ENTREL_PATTERN_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "entrel_int.h"

/* What a token test looks at. */
typedef enum pat_field {
    PF_ANY = 0,   /* every token */
    PF_TEXT,      /* the text as written: values are strings */
    PF_NORM,      /* lower case (NFC, case-folded): values are atoms */
    PF_FOLD,      /* lower case, no accents: atoms */
    PF_STEM,      /* Snowball stem: atoms */
    PF_SHAPE,     /* Xxxx, dd/dd: atoms */
    PF_KIND,      /* entrel_token_kind: numbers */
    PF_FLAGS,     /* every ENTREL_TF_ bit of the value set */
    PF_REGEX,     /* PCRE2 over the token's text */
    PF_LEXICON,   /* covered by a match of a lexicon whose bit is in the value */
    PF_ENTITY     /* inside an entity whose type atom is a value (0: any type) */
} pat_field;

#define PAT_INF 0xFFFFu        /* no upper bound of a repeat */
#define PAT_MAX_REPEAT 64      /* bounds above this must be PAT_INF */
#define PAT_MAX_CONTEXT 16     /* longest left or right context, in tokens */
#define PAT_MAX_CAPTURES 16
#define PAT_MAX_INSTS 4096
#define PAT_MAX_SUMMARY_WORDS 512  /* a summary's word bits, in 64-bit words, at most */

typedef enum pat_op { PN_TOKEN, PN_SEQ, PN_ALT, PN_REPEAT, PN_CAPTURE, PN_EDGE } pat_op;

typedef struct pat_builder pat_builder;
typedef struct pat_program pat_program;

/*
** The builder interns text values in 'atoms' (the engine's table, before
** any session is made from it), so that a test compares ids, not strings:
** a token's forms get the engine's id for any string the engine knows.
** One builder serves one program: pat_compile takes its tables.
*/
pat_builder *patb_new(atom_table *atoms);
void patb_free(pat_builder *b);

/*
** A token node is the AND of the tests added to it.  Each returns a node
** id, or UINT32_MAX when out of memory or when its arguments are wrong
** (patb_error says why).
*/
uint32_t patb_token(pat_builder *b);
/* Values are strings for TEXT..SHAPE, numbers for KIND, FLAGS, LEXICON; type names for ENTITY. */
int patb_test_strings(pat_builder *b, uint32_t token, pat_field f, bool negate,
                      const char *const *values, size_t n);
int patb_test_number(pat_builder *b, uint32_t token, pat_field f, bool negate, uint32_t value);
/*
** The norm (lower case) forms of the values of the token's last TEXT test,
** in the same order: a token written as a value has that value's norm, so
** a sentence that lacks all of them need not be searched (pat_may_match),
** and a token whose norm is none of them fails the test at once.
** Only for values that are neither blank nor invalid UTF-8 nor U+FFFD:
** tokens of those have no norm.
*/
int patb_text_norms(pat_builder *b, uint32_t token, const char *const *norms, size_t n);
/* 'code' is owned by the builder from here on, and by the program once compiled. */
int patb_test_regex(pat_builder *b, uint32_t token, bool negate, pcre2_code *code);
uint32_t patb_group(pat_builder *b, pat_op op, const uint32_t *kids, size_t n);
uint32_t patb_repeat(pat_builder *b, uint32_t kid, unsigned min, unsigned max);
/*
** An edge of the run (the sentence): it reads no token and holds only at
** the start ('end' false) or at the end ('end' true), for contexts such as
** "at the end of the sentence".
*/
uint32_t patb_edge(pat_builder *b, bool end);
/* Capture 'kid' as capture number 'index' (0 .. PAT_MAX_CAPTURES - 1). */
uint32_t patb_capture(pat_builder *b, uint32_t kid, unsigned index);
const char *patb_error(const pat_builder *b);

/*
** Compile 'core' with optional contexts (UINT32_MAX for none) that must
** hold around it but are not part of the match; contexts must be at most
** PAT_MAX_CONTEXT tokens long.  NULL with patb_error set on failure.  The
** program owns what the builder held for it; free it with pat_free.
*/
pat_program *pat_compile(pat_builder *b, uint32_t left, uint32_t core, uint32_t right,
                         unsigned ncaptures);
void pat_free(pat_program *p);
size_t pat_size(const pat_program *p);

/*
** A session's memo of regex token tests (patmemo.c): the answer for a
** (regex, token text) pair is kept, so that a word met again is not
** asked again.  pat_memo_new returns NULL when out of memory; the caller
** owns the memo and frees it with pat_memo_free.  A NULL memo asks each time.
*/
typedef struct pat_memo pat_memo;
pat_memo *pat_memo_new(void);
void pat_memo_free(pat_memo *m);

/*
** What bounds regex matching: PCRE2's own limits, in the match context,
** and a budget of steps for the whole document, counted by a callout at
** each item of every pattern (compiled with PCRE2_AUTO_CALLOUT), since
** PCRE2's match limit holds for each start position alone and a long
** line has thousands.  A match that hits either counts as no match, and
** 'hit' keeps the PCRE2 error code, so that the rule's runner can name
** the rule.  pat_regex_guard_init returns false when out of memory.
*/
typedef struct pat_regex_guard {
    pcre2_match_context *mc;
    uint64_t steps, budget;
    int hit;                      /* PCRE2's code of the last limit hit, or 0 */
} pat_regex_guard;

bool pat_regex_guard_init(pat_regex_guard *g, uint32_t match_limit, uint32_t depth_limit,
                          uint32_t heap_kib);
void pat_regex_guard_free(pat_regex_guard *g);
/* A new document: 'budget' steps from now on. */
void pat_regex_guard_arm(pat_regex_guard *g, uint64_t budget);
/* pcre2_match under the guard (NULL: none); a limit hit is noted in g->hit. */
int pat_regex_match(pat_regex_guard *g, const pcre2_code *re, const uint8_t *s, size_t len,
                    size_t start, pcre2_match_data *md);
/* The options every regex of a rule is compiled with, so that the guard can count. */
#define PAT_REGEX_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_AUTO_CALLOUT)

/*
** Whether 're' matches the token text [s, s + n), valid UTF-8; answers
** that a limit cut short are not remembered.
*/
bool pat_regex_holds(pat_memo *m, const pcre2_code *re, pcre2_match_data *md,
                     pat_regex_guard *g, const char *s, size_t n);

/* What a run needs besides the tokens. */
typedef struct pat_input {
    const entrel_doc *doc;
    const uint32_t *entity_type;  /* per token: type atom of its entity, or 0 */
    const uint32_t *lexicons;     /* per token: bit k when lexicon k covers it; or NULL */
    pcre2_match_data *md;         /* for regex tests; NULL without any */
    pat_memo *memo;               /* their answers so far, or NULL */
    pat_regex_guard *guard;       /* their limits, or NULL */
    const uint64_t *sig;          /* per token: pat_signature(), or NULL */
    const uint64_t *words;        /* per token: pat_word_bits(), or NULL; with 'sig' only */
    const uint64_t *planes;       /* pat_sign's bit planes, or NULL; with 'sig' and 'words' */
    size_t plane_words;           /* words of one plane: (tokens + 63) / 64 */
} pat_input;

/*
** A token's kind, flags, lexicons and whether an entity holds it, in one
** word: bit 'kind', the flags from bit 8, the lexicon bits from bit 24,
** bit 56 for an entity.  Each token instruction knows which of these bits
** its tests want set or clear, so with the signatures at hand the VM turns
** most tokens down with one load and two masks before any test runs.
*/
#define PAT_SIG_FLAGS 8
#define PAT_SIG_LEXICONS 24
#define PAT_SIG_ENTITY 56

static inline uint64_t pat_signature(const pat_input *in, size_t i) {
    const tok *t = &in->doc->toks.v[i];
    uint64_t s = (1ULL << (t->kind & 7)) | (uint64_t)t->flags << PAT_SIG_FLAGS;
    if (in->lexicons) s |= (uint64_t)in->lexicons[i] << PAT_SIG_LEXICONS;
    if (in->entity_type && in->entity_type[i]) s |= 1ULL << PAT_SIG_ENTITY;
    return s;
}

/*
** A token's words in one word of bits: its norm, fold and stem atoms,
** one bit each (pat_bloom_bit), so that a test of "one of these words"
** turns down most tokens that have none of them with one AND.
*/
uint64_t pat_word_bits(const tok *t);

/*
** Every token's signature into sig[0 .. n), and the same bits turned on
** their side: plane b (plane_words words from planes[b * plane_words])
** holds bit i % 64 of word i / 64 for each token i whose signature has
** bit b.  pat_sign_words does the same for the word bits, in words[0 ..
** n) and planes 64 to 127; they do not change when entities do.  With
** the planes the VM finds where a match may begin 64 tokens at a time,
** a few ANDs per token instruction it may begin with.
** Only the bits of 'used' get planes (pat_plane_bits: those the programs
** begin with), and only those planes may be asked.
*/
void pat_sign(const pat_input *in, size_t n, uint64_t *sig, uint64_t *planes, uint64_t used);
/* Only the entity bit again, in the signatures and its plane: entities change between phases. */
void pat_sign_entities(const pat_input *in, size_t n, uint64_t *sig, uint64_t *planes);
void pat_sign_words(const pat_input *in, size_t n, uint64_t *words, uint64_t *planes,
                    uint64_t used);
/* Add to *sig and *words the plane bits that p's first token instructions look up. */
void pat_plane_bits(const pat_program *p, uint64_t *sig, uint64_t *words);

/*
** What a run of tokens holds, in bits: its norm, fold and stem atoms
** hashed into the bits of 'words' (the caller's: a power of two of them,
** at most PAT_MAX_SUMMARY_WORDS; 64 suit a sentence, 512 a document),
** and the lexicons, entity types (1 << type atom % 64) and token kinds
** met.  A program whose needs (what every match reads: "one of these
** words, then an entity") the summary lacks cannot match there, so the
** caller need not run it: most rules name a word or an entity type that
** most sentences lack.
*/
typedef struct pat_summary {
    uint64_t *words;          /* NULL: the words are not known, and any word need is met */
    uint32_t shift;           /* a word position's bit: position >> shift */
    uint32_t lexicons;
    uint64_t entities, kinds;
} pat_summary;

void pat_summarize(const pat_input *in, size_t first, size_t last, uint64_t *words,
                   size_t nwords, pat_summary *s);
/*
** The same, and the run's lexicons, entity types and kinds added to
** 'outer' as well (its words are left as they are): a document's summary
** is its sentences' together, without words, for a caller whose
** sentences' words say enough.
*/
void pat_summarize_within(const pat_input *in, size_t first, size_t last, uint64_t *words,
                          size_t nwords, pat_summary *s, pat_summary *outer);
/*
** Only the entity types again, the rest kept: entities change between the
** entity and the relation phase, the tokens and lexicons do not.
*/
void pat_summarize_entities(const pat_input *in, size_t first, size_t last, pat_summary *s);
/* False only when no match can lie in the tokens 's' summarizes. */
bool pat_may_match(const pat_program *p, const pat_summary *s);
/*
** Words of which every match holds one, as a norm, fold or stem (the
** need of the formula's top level least likely met), for a caller that
** finds a sentence's rules through its words; 0 when there is no such
** need.  The atoms are the program's, '*atoms' points at them.
*/
size_t pat_key_words(const pat_program *p, const uint32_t **atoms);
/*
** For a program without key words: a lexicon or an entity need of the
** formula's top level, as the summary's bits of which every match needs
** one (*mask: lexicon bits, or entity bits as pat_summary has them).
*/
enum { PAT_KEY_NONE, PAT_KEY_LEXICON, PAT_KEY_ENTITY };
int pat_key_mask(const pat_program *p, uint64_t *mask);

/* One match: token spans [start, end), end == start when a capture is unset. */
typedef struct pat_match {
    uint32_t start, end;
    uint32_t cap[PAT_MAX_CAPTURES][2];
} pat_match;

/*
** Called for each match.  PAT_RETRY turns the match down: the search goes
** on from the token after its start, so a shorter or later match inside
** it may still be found.  Any other non-zero return stops the run.
*/
#define PAT_RETRY 1
typedef int (*pat_match_fn)(const pat_match *m, void *ud);

/*
** Every leftmost-longest match in tokens [first, last), none overlapping
** another of the same pattern.  'scratch' is working memory that the
** caller keeps between runs (NULL at first; free it with free()).
*/
int pat_run(const pat_program *p, const pat_input *in, size_t first, size_t last,
            void **scratch, pat_match_fn fn, void *ud);

#endif
