/*
** entrel_int.h: types and functions shared by the core modules.  Not API.
** See LICENSE for copyright and licence.
**
** Module prefixes: arena_ (per-document memory), atoms_ (string
** interning), text_ (UTF-8 checks and offsets), lex_ (word lists),
** lang_ (language guess), tok_ (tokenizer), form_ (token forms),
** sent_ (sentences), doc_ (document model), json_ (writer), acr_
** (acronyms).
*/
#ifndef ENTREL_INT_H
#define ENTREL_INT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entrel.h"

/*
** Bumped whenever a change to the tokenizer or the token forms would cut
** or fold a name differently: compiled gazetteers record it.
*/
#define ENTREL_TOKENIZER_VERSION 1

/* Offsets are kept as 32-bit byte offsets: documents stay under 4 GiB. */
#define ENTREL_MAX_DOC_BYTES ((size_t)UINT32_MAX - 1)

/* ---------------------------------------------------------------- arena */

typedef struct arena_block arena_block;

/*
** A bump allocator: everything a document allocates besides its big
** arrays goes here and is freed at once with the document.
*/
typedef struct arena {
    arena_block *head;
    size_t total;
} arena;

void arena_init(arena *a);
void *arena_alloc(arena *a, size_t size);
char *arena_strndup(arena *a, const char *s, size_t len);
void arena_free(arena *a);

/* ---------------------------------------------------------------- atoms */

/*
** Interned strings.  Id 0 is the empty string.  A table may sit on a
** frozen base table (the engine's): look-ups try the base first, and new
** strings get ids after the base's, so ids from both never clash.
*/
typedef struct atom_table {
    const struct atom_table *base;
    uint32_t first_id;     /* base->count, or 1 without a base */
    uint32_t count;        /* ids handed out, base included */
    char **strs;           /* own strings, by id - first_id */
    uint32_t *lens;
    uint32_t cap;          /* slots in strs/lens */
    uint32_t *slots;       /* open addressing: own id + 1, 0 = empty */
    uint64_t *hashes;      /* hash of each own atom */
    uint32_t mask;
    arena mem;
} atom_table;

int atoms_init(atom_table *t, const atom_table *base);
/* The id of 's', interning it when new; 0 only for "" or out of memory. */
uint32_t atoms_intern(atom_table *t, const char *s, size_t len);
/* The id of 's' when interned, else 0. */
uint32_t atoms_find(const atom_table *t, const char *s, size_t len);
const char *atoms_str(const atom_table *t, uint32_t id);
uint32_t atoms_len(const atom_table *t, uint32_t id);
/* Forget the table's own strings and free their memory, keeping the base. */
void atoms_clear(atom_table *t);
/* The bytes the table's own strings and their index hold. */
size_t atoms_bytes(const atom_table *t);
void atoms_free(atom_table *t);
uint64_t atoms_hash(const char *s, size_t len);
/* The hash of atom 'id', as atoms_hash gave it when interned. */
uint64_t atoms_hash_of(const atom_table *t, uint32_t id);

/* ---------------------------------------------------------------- text */

/* Scan for invalid UTF-8 and NUL bytes; fills counts and first offsets. */
typedef struct text_report {
    size_t bad_count, bad_first;
    size_t nul_count, nul_first;
} text_report;

void text_check(const uint8_t *s, size_t n, text_report *rep);
/*
** Copy 's' with each byte of an invalid sequence replaced by TEXT_BAD_BYTE,
** so that the copy is valid UTF-8 of the very same length.
*/
#define TEXT_BAD_BYTE 0x1A
uint8_t *text_sanitize(const uint8_t *s, size_t n);
/*
** A copy of 's' that is valid UTF-8: each byte of an invalid sequence
** becomes U+FFFD, so each still counts as one code point.  NUL-terminated,
** its length in '*out_len'; the caller frees it.  NULL when out of memory.
*/
char *text_lossy(const uint8_t *s, size_t n, size_t *out_len);

/*
** Decode one character at s[0..n) (n > 0); returns its length.  Bytes
** that do not start a valid character decode as U+FFFD, length 1.
** Inline, with the common two- and three-byte forms decoded here, because
** the tokenizer calls it for nearly every character.
*/
int text_decode_multibyte(const uint8_t *s, size_t n, uint32_t *uc);
static inline int text_decode(const uint8_t *s, size_t n, uint32_t *uc) {
    uint8_t c = s[0];
    if (c < 0x80) {
        *uc = c;
        return 1;
    }
    if (c >= 0xC2 && c < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *uc = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    return text_decode_multibyte(s, n, uc);
}
bool text_is_space(uint32_t uc);

/* ---------------------------------------------------------------- memory */

/*
** The library's allocations (alloc.c), through entrel_set_allocator's
** functions.  Memory a third party made (libunistring's results,
** getline's line, realpath's) is freed with free(), not these.
*/
void *er_malloc(size_t size);
void *er_calloc(size_t n, size_t size);
void *er_realloc(void *ptr, size_t size);
void er_free(void *ptr);
char *er_strdup(const char *s);
char *er_strndup(const char *s, size_t n);

/* ---------------------------------------------------------------- acronym */

/* Whether acr's letters are initials of full's words, in order, the first the first's. */
bool acr_fits(const char *acr, size_t acr_len, const char *full, size_t full_len);

/* ---------------------------------------------------------------- lexicon */

bool lex_is_elision(entrel_lang lang, const char *s, size_t len);
/* Length of an English clitic ('s, n't ...) ending s[0..len), or 0. */
size_t lex_clitic_suffix(entrel_lang lang, const char *s, size_t len);
/* 1: abbreviation that may end a sentence; 2: one that never does. */
int lex_abbrev(entrel_lang lang, const char *s, size_t len);
bool lex_is_function_word(entrel_lang lang, const char *s, size_t len);

/* ---------------------------------------------------------------- lang */

entrel_lang lang_detect(const char *s, size_t n, entrel_lang fallback);

/* ---------------------------------------------------------------- tokens */

typedef struct tok {
    uint32_t start, end;      /* bytes */
    uint32_t norm, fold, stem, shape;  /* atoms */
    uint16_t flags;
    uint8_t kind;
    uint8_t gz_starts;        /* bit k: a name of the engine's gazetteer k starts here */
    uint32_t cover;           /* bit k: the token alone is a name tagged k of the engine's cover */
} tok;

/*
** In tok.flags, beside the public ENTREL_TF_ ones: a longer name of the
** engine's cover gazetteer may start at the token.
*/
#define TOK_COVER_MORE 0x8000u
/* And: its norm, fold or stem is one of the engine's keys. */
#define TOK_KEY 0x4000u
#define TOK_INTERNAL_FLAGS (TOK_COVER_MORE | TOK_KEY)

/* Gazetteers past this many are not in tok.gz_starts and are always walked. */
#define GZ_START_BITS 8

typedef struct sent {
    uint32_t start, end;      /* bytes */
    uint32_t first, last;     /* tokens [first, last) */
} sent;

/* ---------------------------------------------------------------- model */

/* An entity: a typed span, with where it came from. */
typedef struct ann_entity {
    uint32_t start, end;      /* bytes */
    uint32_t type;            /* atoms; 0 = absent */
    uint32_t value;           /* a normalized value: a date's ISO 8601 form */
    uint32_t canonical, kb, source, rule;
    uint32_t features;        /* atom of "key=value;key=value", or 0 */
    int32_t priority;
    uint32_t flags;           /* ENT_ */
    uint32_t cluster;         /* index in doc->clusters, once clustered */
    uint32_t from;            /* a later mention: the start byte of the one it came from, + 1 */
} ann_entity;

/* Written in the text exactly as its list writes it: "Hanoï" for "Hanoï". */
#define ENT_SAME_FORM 1u

/* Why a candidate is not an entity, for --explain. */
enum {
    DROP_OVERLAP,             /* lost to an overlapping entity */
    DROP_GLUED,               /* glued to a capitalized word: a longer name */
    DROP_UNBACKED,            /* its capital explained by position, never backed */
    DROP_UNALIGNED            /* a regex match whose ends fall inside tokens */
};

typedef struct ann_dropped {
    ann_entity cand;
    uint32_t winner;          /* OVERLAP: the kept entity; GLUED: the word's token */
    uint32_t why;
} ann_dropped;

/* A relation argument: an entity (ref >= 0) or a bare span (ref = -1). */
typedef struct ann_arg {
    int32_t ref;
    uint32_t start, end;
} ann_arg;

typedef struct ann_relation {
    uint32_t type, rule;      /* atoms */
    ann_arg head, tail;
    uint32_t ev_start, ev_end; /* evidence span, bytes */
} ann_relation;

/* Mentions of one thing (cluster.c). */
typedef struct ann_cluster {
    uint32_t type, name;      /* atoms: the type of its first mention, its name */
    uint32_t first, longest;  /* entities: its first mention, its longest */
    uint32_t size;            /* how many mentions */
} ann_cluster;

/* A free span on a named layer (quotes, paragraphs ...). */
typedef struct ann_span {
    uint32_t layer, label;    /* atoms */
    uint32_t start, end;
} ann_span;

#define DOC_MAX_WARNINGS 2

/* Growable arrays of the document. */
#define VEC(T) struct { T *v; size_t n, cap; }

typedef struct gazetteer gazetteer;

/* A rule that failed on the document: its file:line and the message. */
typedef struct doc_rule_error {
    uint32_t rule;            /* atom */
    char *message;            /* in the document's arena */
} doc_rule_error;

struct entrel_engine {
    atomic_int refs;           /* the caller's, and one per session and entrel_engine_retain */
    entrel_engine_options opts;
    atom_table atoms;          /* frozen once the engine is made */
    gazetteer *gz_built;       /* from TSV files, NULL without any */
    gazetteer **gz;            /* all, built and compiled, in load order */
    size_t ngz;
    void *rules;               /* the rule layer's state, NULL without rules */
    struct plugin_set *plugins; /* NULL without any */
    /*
    ** The rule layer's lexicons, set once they are loaded: each token
    ** learns with its forms which of their one-word names it is (tok.cover),
    ** so that gz_cover need not look its text up again.
    */
    const gazetteer *cover;
    /*
    ** Atoms the rule layer finds its rules by (its key words), sorted: a
    ** token learns with its forms whether one of them is a key (TOK_KEY),
    ** so that the rule layer looks up only those tokens.
    */
    const uint32_t *keys;
    size_t nkeys;
};

struct form_cache;
struct sb_stemmer;

/*
** Atoms of gazetteer strings (types, canonical names, ids) by gazetteer and
** pool offset: a list names the same few thousand strings over and over,
** and interning each again for every match costs more than the match.
*/
#define GZ_ATOM_CACHE 4096
typedef struct gz_atom_slot {
    uint64_t key;              /* gazetteer << 32 | offset; 0 = empty */
    uint32_t atom;
} gz_atom_slot;

/*
** What a session's interned words and cached forms may hold before they
** are dropped, between two documents: about 100,000 distinct words.
*/
#define SESSION_CACHE_BYTES ((size_t)16 << 20)

struct entrel_session {
    entrel_engine *engine;
    atom_table atoms;          /* on top of the engine's */
    struct form_cache *forms;
    size_t cache_limit;        /* SESSION_CACHE_BYTES; smaller in tests */
    gz_atom_slot *gz_atoms;    /* GZ_ATOM_CACHE slots, cleared with 'atoms' */
    void *rules;               /* the rule layer's per-session state */
    struct sb_stemmer *stemmers[3];
    char *scratch;             /* u8_wordbreaks output and case folding */
    size_t scratch_cap;
    int live_docs;
};

struct entrel_doc {
    entrel_session *session;
    char *id;
    uint8_t *text;             /* the bytes given, NUL-terminated copy */
    const uint8_t *clean;      /* text, or a sanitized copy */
    size_t len;
    entrel_lang lang;
    entrel_warning warnings[DOC_MAX_WARNINGS];
    size_t nwarnings;
    VEC(tok) toks;
    VEC(sent) sents;
    VEC(ann_entity) ents;
    VEC(ann_entity) cands;     /* candidates, before overlaps are resolved */
    size_t cands_ranked;       /* how many of them, from the first, are in rank order */
    VEC(ann_dropped) dropped;
    VEC(ann_relation) rels;
    VEC(ann_cluster) clusters;
    VEC(ann_span) spans;
    VEC(doc_rule_error) rule_errors;
    VEC(doc_rule_error) rule_warnings;  /* what rules said that did not fail them */
    uint32_t *index[3];        /* offset checkpoints per unit, lazily */
    const char *date;          /* "YYYY-MM-DD" or shorter, when given; in 'mem' */
    uint32_t plugin_source;    /* the plugin at work, while one is */
    bool plugin_relations;     /* and whether it is in its relations phase */
    arena mem;
};

/* Grow a VEC to hold one more item; returns false when out of memory. */
bool vec_grow(void **v, size_t *cap, size_t need, size_t item);
#define VEC_PUSH_SLOT(vec)                                                  \
    ((vec).n < (vec).cap ||                                                 \
             vec_grow((void **)&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v) \
         ? &(vec).v[(vec).n++] : NULL)

/* ---------------------------------------------------------------- passes */

/* Cut the document into tokens (doc->toks), forms and flags included. */
int tok_document(entrel_doc *doc);
/* The UAX #29 segments of s[0..n) as tokens, for conformance and tests. */
int tok_uax29(entrel_doc *doc);
/* Sentence spans over doc->toks; sets ENTREL_TF_SENT_START. */
int sent_split(entrel_doc *doc);

/* Token forms, cached per session. */
struct form_cache *form_cache_new(void);
void form_cache_free(struct form_cache *c);
/* Forget every entry, the table back to its first size. */
void form_cache_clear(struct form_cache *c);
size_t form_cache_count(const struct form_cache *c);
/* The bytes the cache holds. */
size_t form_cache_bytes(const struct form_cache *c);
/* Fill norm, fold, stem, shape and case flags of 't'. */
int form_fill(entrel_doc *doc, tok *t);
/* The norm form of any text (with 'fold', its fold form), interned in the doc's session. */
int form_of_text(entrel_doc *doc, const char *s, size_t n, bool fold, uint32_t *id);

/* Document model: annotations are appended, never removed. */
int doc_add_entity(entrel_doc *doc, const ann_entity *e);
/* A candidate entity: every one is kept until resolve_entities picks. */
int doc_add_candidate(entrel_doc *doc, const ann_entity *e);
/* A candidate an annotator turned down, with why and 'detail' (ann_dropped.winner). */
int doc_add_dropped(entrel_doc *doc, const ann_entity *e, uint32_t why, uint32_t detail);
/*
** Keep the best non-overlapping candidates as entities: higher priority
** first, then longer, then earlier; the others go to doc->dropped.
*/
int resolve_entities(entrel_doc *doc);
/*
** Later mentions of the settled persons (propagate.c): candidates of
** source "propagation"; '*added' says whether there are any, so that the
** caller weighs the candidates again.
*/
int propagate_names(entrel_doc *doc, bool *added);
/* The settled entity that starts at byte 'start', or -1. */
long doc_entity_starting(const entrel_doc *doc, uint32_t start);
/* Group the settled entities into clusters of mentions of one thing (cluster.c). */
int cluster_mentions(entrel_doc *doc);
/* The bytes of a session's atoms and form cache, which session_trim bounds. */
size_t session_cache_bytes(const entrel_session *s);
/* Tokenize text in a given language only, for loaders (engine.c). */
int session_tokenize(entrel_session *s, const char *text, size_t len,
                     entrel_lang lang, entrel_doc **out);
int doc_add_relation(entrel_doc *doc, const ann_relation *r);
/* Note that a rule failed on the document; the others go on. */
int doc_add_rule_error(entrel_doc *doc, uint32_t rule, const char *message);
int doc_add_rule_warning(entrel_doc *doc, uint32_t rule, const char *message);
int doc_add_span(entrel_doc *doc, const ann_span *s);
uint32_t doc_atom(entrel_doc *doc, const char *s);
const char *doc_atom_str(const entrel_doc *doc, uint32_t id);
/* Scratch memory of the session, at least 'size' bytes; NULL on failure. */
char *doc_scratch(entrel_doc *doc, size_t size);

#endif /* ENTREL_INT_H */
