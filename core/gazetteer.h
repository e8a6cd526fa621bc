/*
** gazetteer.h: the gazetteer matcher (gazetteer.c), its TSV loader
** (gzload.c) and its compiled file (gzfile.c).  Not API.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_GAZETTEER_H
#define ENTREL_GAZETTEER_H

#include "entrel_int.h"

#define GZ_MAX_WORDS 64

/* Match policies. */
enum {
    GZ_FOLD = 0,  /* case- and accent-insensitive */
    GZ_NORM,      /* case-insensitive, accent-sensitive */
    GZ_EXACT,     /* as written: OLA, EU, ONU */
    GZ_TITLE,     /* fold, but capitalized where the name is: Nice, Orange */
    GZ_PROPER     /* title, and a capital that position explains needs backing */
};

/* A string that need not end in NUL. */
typedef struct gz_str {
    const char *s;
    size_t n;
} gz_str;

/* What an entry says besides its name. */
typedef struct gz_info {
    gz_str type, canonical, kb, source, features;
    int32_t priority;
    int policy;
} gz_info;

/* One word of a name's path, as the tokenizer cut it. */
typedef struct gz_form {
    gz_str fold, norm, exact;
} gz_form;

/*
** The tables matching reads.  They are the same whether built in memory
** from TSV files or mapped from a compiled file, so that a compiled file
** is used as it lies on disk.  Strings are offsets into 'pool', where
** offset 0 is the empty string.  Trie edges are keyed by a hash of the
** word's fold form, not by an atom id, because atom ids belong to one
** process; each entry keeps its words' strings, so a hash collision can
** never produce a false match.
*/
typedef struct gz_edge {
    uint32_t node, hash, child;   /* child 0: empty slot */
} gz_edge;

typedef struct gz_entry {
    uint32_t type, canonical, kb, source, features;   /* pool offsets */
    uint32_t words, nwords;   /* slice of the word table */
    uint32_t next;            /* next entry ending at the same node, + 1 */
    int32_t priority;
    uint32_t policy;          /* GZ_FOLD ... in the low byte, GZ_CAPITAL above */
} gz_entry;

/* In gz_entry.policy: the name's first word starts with a capital (Nice, not d'Ivoire). */
#define GZ_CAPITAL 0x100u
#define GZ_POLICY(e) ((e)->policy & 0xFFu)

typedef struct gz_word {
    uint32_t fold, norm, exact;   /* pool offsets */
} gz_word;

typedef struct gz_view {
    const gz_edge *edges;
    const uint32_t *nodes;        /* first entry ending at each node, + 1 */
    const gz_entry *entries;
    const gz_word *words;
    /*
    ** Two bit sets of first-word hashes, one after the other: of every
    ** name, then of the names whose first word may be in lower case.
    */
    const uint64_t *roots;
    const uint64_t *parents;      /* a bit per node that has children; NULL: not known */
    const char *pool;
    uint32_t edge_mask, root_mask;
    uint32_t nnodes, nentries, nwords, pool_len;
} gz_view;

/* The hash of a fold form as trie edges use it. */
uint32_t gz_word_hash(const char *s, size_t n);


gazetteer *gz_new(void);
void gz_free(gazetteer *g);
size_t gz_entry_count(const gazetteer *g);
/* Add one path of words for an entry; ENTREL_E_INVALID_ARG past 64 words. */
int gz_add_path(gazetteer *g, const gz_info *info, const gz_form *forms, size_t n);
/* Seal a built gazetteer for matching; adding after this is an error. */
int gz_finish(gazetteer *g);
/* Add every match in the document as a candidate entity; 'g' is the engine's gazetteer k. */
int gz_match(const gazetteer *g, unsigned k, entrel_doc *doc);
/*
** For every name of 'g' that the document holds, set bit 'priority' (0 to
** 31) in bits[t] for each token t it covers, with no candidates made: all
** the lexicons of a rule set in one scan, each tagged with its number.
** When 'g' is the engine's cover the tokens already know their one-word
** names, and only longer ones are walked.
*/
int gz_cover(const gazetteer *g, entrel_doc *doc, uint32_t *bits);
/*
** The bits (tag k as bit k) of g's one-word names that token t is, and
** whether a longer name may start at it: what forms.c keeps with a
** token's forms when g is the engine's cover.
*/
void gz_first_word(const gazetteer *g, const entrel_doc *doc, const tok *t, uint32_t *bits,
                   bool *more);

/*
** Bit k set when a name of the engine's gazetteer k may start with the
** word whose fold form is 'fold', written with a capital or not.  Worked out once per word for the session's
** form cache, so that matching passes over every other token at the cost
** of a bit test.
*/
uint8_t gz_start_mask(const entrel_engine *e, const char *fold, bool capitalized);
const gz_view *gz_tables(const gazetteer *g);

/* Parse a policy name; -1 when unknown. */
int gz_policy_parse(const char *s, size_t n);

/*
** Load a TSV gazetteer into 'g'.  A line that cannot be read is reported
** through the engine's warning hook as file:line and the others still
** load; with 'strict' the first one fails the load.  Fills 'err' and
** returns a negative code when the file cannot be read.
*/
int gz_load_tsv(entrel_engine *engine, entrel_session *loader, gazetteer *g,
                const char *path, entrel_error *err);
/* The same with every entry's priority set to 'tag' (lexicons: their number). */
int gz_load_tsv_tagged(entrel_engine *engine, entrel_session *loader, gazetteer *g,
                       const char *path, int tag, entrel_error *err);

/* What loading says of a folder given as a gazetteer. */
#define GZ_FOLDER "is a folder, not a gazetteer file: give the .tsv or .egz files in it"

/* Compiled files (gzfile.c). */
/* Whether 'path' is a compiled gazetteer: named *.egz, or starting with the magic. */
bool gz_file_is_compiled(const char *path);
/* Write a finished gazetteer. */
int gz_file_write(const gazetteer *g, const char *path, entrel_error *err);
/*
** Map a compiled file.  The checks are O(1) in its size for the header,
** version, sizes and bounds, then one pass over the entries and words
** (gz_body_problem); the body's checksum is left to gz_file_verify.
*/
int gz_file_map(const char *path, gazetteer **out, entrel_error *err);
/* Check the whole file, body checksum included. */
int gz_file_verify(const char *path, entrel_error *err);
/*
** What is wrong with the tables of a mapped file, as a message, or NULL
** when matching can use them (gzcheck.c).
*/
const char *gz_body_problem(const gz_view *v);
/* Attach a mapping to a new gazetteer (gazetteer.c, for gzfile.c). */
gazetteer *gz_new_mapped(void *map, size_t len, const gz_view *view);

#endif
