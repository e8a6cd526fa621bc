/*
** entrel.h: the public API of entrel, named entities and relations in
** French and English text.  Nothing outside this file is API.
** See LICENSE for copyright and licence.
**
** Handles are opaque.  An engine holds what is loaded once and shared
** read-only by threads; a session is one worker (one per thread); a
** document is one text and its annotations.  Every _new has a _free and
** every _free(NULL) does nothing.  Offsets inside the library are bytes;
** entrel_doc_offset() converts them to code points or UTF-16 units.
*/
#ifndef ENTREL_H
#define ENTREL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ENTREL_BUILD) && defined(__GNUC__)
#define ENTREL_API __attribute__((visibility("default")))
#else
#define ENTREL_API
#endif

#define ENTREL_VERSION_MAJOR 0
#define ENTREL_VERSION_MINOR 1
#define ENTREL_VERSION_PATCH 0
#define ENTREL_VERSION_STRING "0.1.0"
#define ENTREL_VERSION_NUM \
    (ENTREL_VERSION_MAJOR * 10000 + ENTREL_VERSION_MINOR * 100 + \
     ENTREL_VERSION_PATCH)

/* The version of the library actually linked, to compare with the macros. */
ENTREL_API int entrel_version_number(void);
ENTREL_API const char *entrel_version_string(void);

/*
** Errors.  One table makes the codes, their names and their messages.
** Codes are 0 (OK) or negative.
*/
#define ENTREL_ERRORS(XX)                                                   \
    XX(OK, 0, "success")                                                    \
    XX(NOMEM, -1, "out of memory")                                          \
    XX(INVALID_ARG, -2, "invalid argument")                                 \
    XX(IO, -3, "input/output error")                                        \
    XX(BAD_UTF8, -4, "text is not valid UTF-8")                             \
    XX(NUL_BYTE, -5, "text contains a NUL byte")                            \
    XX(TOO_LARGE, -6, "document is larger than the size limit")             \
    XX(BAD_JSON, -7, "input line is not a JSON object")                     \
    XX(NO_TEXT, -8, "input object has no \"text\" string")                  \
    XX(BAD_LANG, -9, "unknown language")                                    \
    XX(STEMMER, -10, "no Snowball stemmer for this language")               \
    XX(CONFIG, -11, "invalid configuration")                               \
    XX(CORRUPT, -12, "file is corrupt or from another version")

typedef enum entrel_status {
#define ENTREL_XX_ENUM(name, code, msg) ENTREL_E_##name = code,
    ENTREL_ERRORS(ENTREL_XX_ENUM)
#undef ENTREL_XX_ENUM
    ENTREL_E_LAST = -13
} entrel_status;

/* A static message for a code ("unknown error" for a code not in the table). */
ENTREL_API const char *entrel_strerror(int code);
/* The code's name, such as "BAD_UTF8"; static. */
ENTREL_API const char *entrel_errname(int code);

/*
** Load-time failures (rule files, gazetteers, configuration) fill this
** struct.  'file' is NULL when the error is not about a file.  The strings
** live in the struct itself.
*/
typedef struct entrel_error {
    int code;
    char message[256];
    char file[256];
    int line;   /* 1-based, 0 when unknown */
    int column; /* 1-based, 0 when unknown */
} entrel_error;

/* Free memory that an entrel_* function returned as "caller frees". */
ENTREL_API void entrel_free(void *ptr);

/*
** The allocator the library uses for its own memory, what it returns for
** entrel_free included, and its Lua states' and jansson's.  Set it once,
** before any other entrel call (it is not locked); NULL puts back the C
** library's.  Memory that PCRE2, libunistring and Snowball make inside
** their own calls does not go through it.  'ud' is given back to each call.
*/
typedef struct entrel_allocator {
    void *(*malloc)(size_t size, void *ud);
    void *(*realloc)(void *ptr, size_t size, void *ud);
    void (*free)(void *ptr, void *ud);
    void *ud;
} entrel_allocator;

ENTREL_API void entrel_set_allocator(const entrel_allocator *allocator);

/* Languages.  AUTO decides per document from its function words. */
typedef enum entrel_lang {
    ENTREL_LANG_AUTO = 0,
    ENTREL_LANG_FR,
    ENTREL_LANG_EN
} entrel_lang;

/* "fr", "en" or "auto"; static. */
ENTREL_API const char *entrel_lang_name(entrel_lang lang);
/* Parse "fr", "en", "auto" (any case); returns -1 for anything else. */
ENTREL_API int entrel_lang_parse(const char *name);

/* How the tokenizer cuts: refined (default) or plain UAX #29 segments. */
typedef enum entrel_tokenizer_mode {
    ENTREL_TOKENIZE_REFINED = 0,
    ENTREL_TOKENIZE_UAX29
} entrel_tokenizer_mode;

/* ------------------------------------------------------------------ */
/* Engine and session                                                  */
/* ------------------------------------------------------------------ */

typedef struct entrel_engine entrel_engine;
typedef struct entrel_session entrel_session;
typedef struct entrel_doc entrel_doc;

typedef struct entrel_engine_options {
    entrel_lang lang;            /* AUTO by default */
    entrel_lang fallback_lang;   /* used when AUTO finds no evidence: EN */
    entrel_tokenizer_mode mode;  /* REFINED by default */
    size_t max_doc_bytes;        /* 0: no limit (under 4 GiB in any case) */
    /* Gazetteers to load, TSV or compiled (docs/gazetteers.md). */
    const char *const *gazetteers;
    size_t gazetteer_count;
    int strict;                  /* a bad gazetteer line fails entrel_engine_new */
    /* Rule files, or folders of *.lua files, loaded in this order (docs/rules.md). */
    const char *const *rules;
    size_t rule_count;
    /*
    ** C plugins to load, in this order, as "path.so" or "path.so:args"
    ** (include/entrel_plugin.h); they run after the gazetteers and before
    ** the rules.
    */
    const char *const *plugins;
    size_t plugin_count;
    /* The folder that "data:" paths in rule files start from (the command's data folder). */
    const char *data_dir;
    size_t lua_memory_limit;     /* bytes per Lua state; 0: 64 MiB */
    uint64_t lua_instruction_limit; /* per document and rule action; 0: 10 million */
    /*
    ** What rule files may reach (docs/rules.md, "The sandbox").  A rule
    ** file's plugin { } loads native code: refused unless
    ** allow_rule_plugins.  Its lexicon { } and gazetteer { } read regular
    ** files only, of at most rule_list_max_bytes (0: 256 MiB), inside the
    ** rule file's folder or data_dir, unless allow_rule_paths.
    */
    int allow_rule_plugins;
    int allow_rule_paths;
    size_t rule_list_max_bytes;
    /*
    ** PCRE2's limits for each regex match of a rule (0: the defaults,
    ** 10 million steps, a depth of 10 million, 64 MiB of heap, in KiB),
    ** and the steps all regex matches of one document may take together
    ** (0: 10 million plus 20 per byte of the document).  A match that
    ** hits one counts as no match and is reported on the document as a
    ** rule warning that names the rule.
    */
    uint32_t regex_match_limit;
    uint32_t regex_depth_limit;
    uint32_t regex_heap_limit_kib;
    uint64_t regex_document_steps;
    /* Told of each bad line that is skipped (when not strict); may be NULL. */
    void (*on_warning)(const entrel_error *err, void *ud);
    void *warning_ud;
} entrel_engine_options;

/* Fill 'opts' with the defaults named above. */
ENTREL_API void entrel_engine_options_init(entrel_engine_options *opts);

/*
** Create an engine and load its gazetteers.  'opts' may be NULL for the
** defaults.  On failure (a gazetteer that cannot be read, a bad line when
** strict) returns NULL and fills 'err', with file and line, when it is not
** NULL.  The engine is immutable once made and may be shared by threads.
**
** An engine counts its references: the caller's, one per session made
** from it, one per entrel_engine_retain.  entrel_engine_free drops one,
** and the last one dropped frees the engine, so the caller may free it
** while sessions still finish their documents.
*/
ENTREL_API entrel_engine *entrel_engine_new(const entrel_engine_options *opts,
                                            entrel_error *err);
ENTREL_API void entrel_engine_free(entrel_engine *engine);
/* One more reference to 'engine' (returned), to be dropped with entrel_engine_free. */
ENTREL_API entrel_engine *entrel_engine_retain(entrel_engine *engine);

/*
** Hot reload: a slot holds the current engine for threads that take it
** for each batch of work, while another loads a new one and puts it in.
** entrel_slot_new takes the caller's reference to 'engine'; NULL when out
** of memory (the engine is then freed).  entrel_slot_engine returns the
** current engine with a reference of the caller's own (drop it with
** entrel_engine_free when done, sessions made from it included).
** entrel_slot_put replaces the engine at once for later takers, taking
** the caller's reference to the new one; the old one lives on until the
** last session or reference to it is gone.  entrel_slot_free drops the
** slot's reference.  Every call may come from any thread.
*/
typedef struct entrel_slot entrel_slot;
ENTREL_API entrel_slot *entrel_slot_new(entrel_engine *engine);
ENTREL_API entrel_engine *entrel_slot_engine(entrel_slot *slot);
ENTREL_API void entrel_slot_put(entrel_slot *slot, entrel_engine *engine);
ENTREL_API void entrel_slot_free(entrel_slot *slot);

/*
** Write the names the engine loaded from TSV files as one compiled
** gazetteer at 'path' (replaced whole, never left half-written).  A
** compiled file is mapped, not parsed, when an engine loads it: loading
** checks its tables in one pass (a damaged file is refused by name) and
** builds nothing.  ENTREL_E_INVALID_ARG when the engine loaded no TSV file.
*/
ENTREL_API int entrel_engine_write_gazetteer(const entrel_engine *engine,
                                             const char *path, entrel_error *err);

/* What a loaded rule is, for listing: strings borrowed from the engine. */
typedef struct entrel_rule_info {
    const char *name;
    const char *kind;            /* "entity" or "relation" */
    const char *type;            /* the entity or relation type it makes */
    const char *where;           /* "file:line" of its declaration */
    int priority;
} entrel_rule_info;

ENTREL_API size_t entrel_engine_rule_count(const entrel_engine *engine);
/* Fill '*info' for rule 'i' in load order; ENTREL_E_INVALID_ARG when out of range. */
ENTREL_API int entrel_engine_rule(const entrel_engine *engine, size_t i, entrel_rule_info *info);

/*
** Entity types a rule's pattern tests (entity = "X", not_entity = "X")
** that nothing loaded makes: no entity or regex rule's type, no type
** written as type = "X" in the rule files (what actions may return), no
** gazetteer entry's type, no type a plugin declares (ENTREL_PLUGIN_TYPES
** in entrel_plugin.h).  Most often a misspelt type.  'warn' gets each,
** with the testing rule's "file:line" and, when a plugin declares no
** types, its name in 'unsure' (else NULL); returns how many.
*/
ENTREL_API size_t entrel_engine_unmade_types(const entrel_engine *engine,
                                             void (*warn)(const char *where, const char *type,
                                                          const char *unsure, void *ud),
                                             void *ud);

/*
** Check a compiled gazetteer through and through, the checksum of its
** body included, which loading skips to stay fast.  ENTREL_E_CORRUPT,
** with a message in 'err', when it fails.
*/
ENTREL_API int entrel_gazetteer_verify(const char *path, entrel_error *err);

/*
** A session is one worker: use it from one thread at a time.  Returns
** NULL when out of memory.  Free with entrel_session_free() once every
** document it made is freed.
*/
ENTREL_API entrel_session *entrel_session_new(entrel_engine *engine);
ENTREL_API void entrel_session_free(entrel_session *session);

/*
** How much of the session's work ran in Lua: the rule actions called so
** far and the seconds they took, for profiling rule sets.  Zero without
** rules.
*/
ENTREL_API void entrel_session_lua_time(const entrel_session *session, uint64_t *calls,
                                        double *seconds);

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

/*
** Run the pipeline on 'len' bytes of 'text' (need not be NUL-terminated,
** may hold NUL bytes and invalid UTF-8) and return the annotated document
** in '*out'.  'id' names the document in messages and output (copied).
** The text is copied, so the caller may free it at once.
**
** Returns ENTREL_E_OK, or a negative code with '*out' set to NULL when the
** document could not be made (NOMEM, TOO_LARGE).  Text problems (invalid
** UTF-8, NUL bytes) do not stop processing: the document is made, invalid
** bytes become symbol tokens flagged INVALID, and each problem is listed
** by entrel_doc_warning().  The caller frees the document with
** entrel_doc_free(); it borrows the session, which must outlive it.
*/
ENTREL_API int entrel_session_process(entrel_session *session, const char *id,
                                      const char *text, size_t len,
                                      entrel_doc **out);

/* What is known of a document besides its text. */
typedef struct entrel_doc_options {
    /*
    ** When it was written, "YYYY-MM-DD" (or "YYYY-MM", "YYYY"): dates that
    ** leave out the year ("le 1er janvier") take it from here.  NULL: not
    ** known.  Copied.
    */
    const char *date;
} entrel_doc_options;

/* Whether 'date' is "YYYY", "YYYY-MM" or "YYYY-MM-DD" (month 01-12, day 01-31). */
ENTREL_API int entrel_date_valid(const char *date);

/* entrel_session_process with 'opts' (NULL: none); ENTREL_E_INVALID_ARG for a bad date. */
ENTREL_API int entrel_session_process_with(entrel_session *session, const char *id,
                                           const char *text, size_t len,
                                           const entrel_doc_options *opts, entrel_doc **out);
ENTREL_API void entrel_doc_free(entrel_doc *doc);

/* The id given to entrel_session_process; borrowed until the doc is freed. */
ENTREL_API const char *entrel_doc_id(const entrel_doc *doc);
/* The language used for this document (FR or EN, never AUTO). */
ENTREL_API entrel_lang entrel_doc_lang(const entrel_doc *doc);
/* The document's bytes as given; borrowed until the doc is freed. */
ENTREL_API const char *entrel_doc_text(const entrel_doc *doc, size_t *len);

/* Units for reported offsets.  Code points are the default. */
typedef enum entrel_offset_unit {
    ENTREL_OFFSET_CODEPOINT = 0,
    ENTREL_OFFSET_BYTE,
    ENTREL_OFFSET_UTF16
} entrel_offset_unit;

/* Parse "codepoint" (or "cp", "char"), "byte", "utf16"; -1 otherwise. */
ENTREL_API int entrel_offset_unit_parse(const char *name);

/*
** Convert a byte offset of the document into 'unit'.  Each invalid byte
** counts as one code point and one UTF-16 unit (it is written as U+FFFD).
** Annotations never start or end inside a character; an offset that does
** counts that character as passed (it rounds up to the character's end).
*/
ENTREL_API size_t entrel_doc_offset(entrel_doc *doc, size_t byte_offset,
                                    entrel_offset_unit unit);

/* Problems found in a document's text.  'offset' is in bytes. */
typedef struct entrel_warning {
    int code;            /* ENTREL_E_BAD_UTF8 or ENTREL_E_NUL_BYTE */
    size_t offset;       /* first occurrence */
    size_t count;        /* bytes affected in the whole document */
} entrel_warning;

ENTREL_API size_t entrel_doc_warning_count(const entrel_doc *doc);
/* Copy warning 'i' into '*w'; returns ENTREL_E_INVALID_ARG when out of range. */
ENTREL_API int entrel_doc_warning(const entrel_doc *doc, size_t i,
                                  entrel_warning *w);

/*
** Rules that failed on the document (an error in an action, an action
** over its instruction budget): the match was dropped and the other rules
** went on.  '*rule' gets "file:line" and '*message' the error; both are
** borrowed from the document.  A plugin that failed on it is listed the
** same way, '*rule' being "plugin:NAME".  ENTREL_E_INVALID_ARG when out
** of range.
*/
ENTREL_API size_t entrel_doc_rule_error_count(const entrel_doc *doc);
ENTREL_API int entrel_doc_rule_error(const entrel_doc *doc, size_t i, const char **rule,
                                     const char **message);
/*
** What rules said about the document without failing: a regex that hit
** a limit of entrel_engine_options (the test counted as no match), and
** what an action printed with print().  '*rule' gets the "file:line"
** that said it, '*message' the words; both borrowed from the document.
** ENTREL_E_INVALID_ARG when out of range.
*/
ENTREL_API size_t entrel_doc_rule_warning_count(const entrel_doc *doc);
ENTREL_API int entrel_doc_rule_warning(const entrel_doc *doc, size_t i, const char **rule,
                                       const char **message);

/* ------------------------------------------------------------------ */
/* Tokens and sentences                                                */
/* ------------------------------------------------------------------ */

typedef enum entrel_token_kind {
    ENTREL_TOK_WORD = 0,
    ENTREL_TOK_NUMBER,
    ENTREL_TOK_PUNCT,
    ENTREL_TOK_SYMBOL,
    ENTREL_TOK_URL,
    ENTREL_TOK_EMAIL,
    ENTREL_TOK_SPACE          /* only in the pure UAX #29 mode */
} entrel_token_kind;

/* Token flags, OR-ed together. */
#define ENTREL_TF_TITLE       0x0001u /* first letter upper, others lower */
#define ENTREL_TF_UPPER       0x0002u /* every letter upper case */
#define ENTREL_TF_SENT_START  0x0004u /* first token of a sentence */
#define ENTREL_TF_SPACE       0x0008u /* white space before the token */
#define ENTREL_TF_NEWLINE     0x0010u /* a line break before the token */
#define ENTREL_TF_HYPHEN      0x0020u /* part of a hyphen compound */
#define ENTREL_TF_ELISION     0x0040u /* elided word such as l' or qu' */
#define ENTREL_TF_ABBREV      0x0080u /* abbreviation or initial with its dot */
#define ENTREL_TF_INVALID     0x0100u /* bytes that are not valid UTF-8 */
#define ENTREL_TF_CLITIC      0x0200u /* English 's, n't, 're ... */
#define ENTREL_TF_PARAGRAPH   0x0400u /* a blank line before the token */

/* "word", "number", ...; static. */
ENTREL_API const char *entrel_token_kind_name(entrel_token_kind kind);
/* Name of a single flag bit, such as "title"; NULL when not a flag. */
ENTREL_API const char *entrel_token_flag_name(unsigned flag);

/*
** A token as seen from outside.  Strings are NUL-terminated and borrowed
** until the document is freed; 'text' points into the document's bytes
** and is 'end - start' bytes long (not terminated).
*/
typedef struct entrel_token {
    size_t start, end;       /* bytes */
    entrel_token_kind kind;
    unsigned flags;
    const char *text;
    const char *norm;        /* NFC + case fold */
    const char *fold;        /* norm without accents, ’ read as ' */
    const char *stem;        /* Snowball stem of norm; "" if not a word */
    const char *shape;       /* Xxxxx, dd/dd/dddd ... */
} entrel_token;

ENTREL_API size_t entrel_doc_token_count(const entrel_doc *doc);
/* Fill '*tok' with token 'i'; ENTREL_E_INVALID_ARG when out of range. */
ENTREL_API int entrel_doc_token(const entrel_doc *doc, size_t i,
                                entrel_token *tok);

typedef struct entrel_sentence {
    size_t start, end;             /* bytes */
    size_t first_token, end_token; /* tokens [first_token, end_token) */
} entrel_sentence;

ENTREL_API size_t entrel_doc_sentence_count(const entrel_doc *doc);
ENTREL_API int entrel_doc_sentence(const entrel_doc *doc, size_t i,
                                   entrel_sentence *sent);

/* ------------------------------------------------------------------ */
/* Entities and relations                                              */
/* ------------------------------------------------------------------ */

/*
** An entity as seen from outside, in text order.  Strings are
** NUL-terminated and borrowed until the document is freed, NULL when
** absent; 'text' points into the document's bytes and is 'end - start'
** bytes long (not terminated).
*/
typedef struct entrel_entity {
    size_t start, end;       /* bytes */
    const char *text;
    const char *type;        /* "ORG", "DATE" ... */
    const char *value;       /* a normalized value: a date's ISO 8601 form */
    const char *canonical;   /* the list's canonical name */
    const char *kb;          /* a knowledge-base id, "Q1858" */
    const char *source;      /* "gazetteer:countries", "rule:NAME", "plugin:dates" */
    const char *rule;        /* a rule's "file:line" */
    const char *features;    /* "key=value;key=value" */
    size_t cluster;          /* its cluster, for entrel_doc_cluster */
    size_t from;             /* a later mention (source "propagation"): the entity it
                                came from, plus one; 0 for any other */
} entrel_entity;

ENTREL_API size_t entrel_doc_entity_count(const entrel_doc *doc);
/* Fill '*ent' with entity 'i'; ENTREL_E_INVALID_ARG when out of range. */
ENTREL_API int entrel_doc_entity(const entrel_doc *doc, size_t i, entrel_entity *ent);

/*
** Mentions of one thing: the same canonical name or id, the same words but
** for case and accents, an acronym and its long form, a person's surname
** and full name.  Every entity is in one cluster, numbered in order of
** first mention.  'name' is a list's canonical name, else the longest
** mention; borrowed until the document is freed.
*/
typedef struct entrel_cluster {
    const char *type;
    const char *name;
    size_t first;            /* its first mention (an entity index) */
    size_t size;             /* how many mentions */
} entrel_cluster;

ENTREL_API size_t entrel_doc_cluster_count(const entrel_doc *doc);
/* Fill '*c' with cluster 'i'; ENTREL_E_INVALID_ARG when out of range. */
ENTREL_API int entrel_doc_cluster(const entrel_doc *doc, size_t i, entrel_cluster *c);

/* A relation's argument: an entity, or a span of text that is none ("la discussion"). */
typedef struct entrel_relation_arg {
    long entity;             /* its index for entrel_doc_entity, or -1 */
    size_t start, end;       /* bytes */
    const char *text;        /* into the document's bytes, 'end - start' long */
} entrel_relation_arg;

typedef struct entrel_relation {
    const char *type;        /* "presided_over" ... */
    const char *rule;        /* "file:line", or "plugin:NAME" */
    entrel_relation_arg head, tail;
    size_t evidence_start, evidence_end;   /* bytes: the words that state it */
} entrel_relation;

ENTREL_API size_t entrel_doc_relation_count(const entrel_doc *doc);
/* Fill '*rel' with relation 'i'; ENTREL_E_INVALID_ARG when out of range. */
ENTREL_API int entrel_doc_relation(const entrel_doc *doc, size_t i, entrel_relation *rel);

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

#define ENTREL_JSON_TEXT      0x01u /* include the document text */
#define ENTREL_JSON_TOKENS    0x02u /* include "tokens" */
#define ENTREL_JSON_SENTENCES 0x04u /* include "sentences" */
#define ENTREL_JSON_LINE      0x08u /* one line (JSONL) instead of indented */
#define ENTREL_JSON_EXPLAIN   0x10u /* add "dropped": candidates that lost, and why */

typedef struct entrel_json_options {
    unsigned flags;               /* ENTREL_JSON_*; TEXT by default */
    entrel_offset_unit offsets;   /* code points by default */
    const char *meta_json;        /* a JSON object written as "meta", or NULL */
} entrel_json_options;

ENTREL_API void entrel_json_options_init(entrel_json_options *opts);

/* Receives the output in pieces; returns 0, or non-zero to stop writing. */
typedef int (*entrel_write_fn)(const char *buf, size_t len, void *ctx);

/*
** Write the document as JSON through 'write', ending with a newline.  The
** output is produced piece by piece, so memory does not grow with the
** number of tokens.  Returns ENTREL_E_OK, ENTREL_E_IO when 'write'
** stopped, ENTREL_E_NOMEM, or ENTREL_E_INVALID_ARG (before writing
** anything) when meta_json is not a JSON object.
*/
ENTREL_API int entrel_doc_write_json(entrel_doc *doc,
                                     const entrel_json_options *opts,
                                     entrel_write_fn write, void *ctx);

/*
** The same JSON as one NUL-terminated string, or NULL when out of memory.
** The caller frees it with entrel_free().
*/
ENTREL_API char *entrel_doc_to_json(entrel_doc *doc,
                                    const entrel_json_options *opts);

/* ------------------------------------------------------------------ */
/* Other writers                                                       */
/* ------------------------------------------------------------------ */

/*
** brat's standoff annotations (.ann) of the document: an entity a T line
** (type, code-point offsets, text), a canonical name or kb id an
** AnnotatorNotes line, a relation an R line; an argument that is no
** entity gets a T line of type Span.  The text for the .txt beside it is
** entrel_doc_text's.  Returns ENTREL_E_OK, or ENTREL_E_IO when 'write'
** stopped.
*/
ENTREL_API int entrel_doc_write_brat(entrel_doc *doc, entrel_write_fn write, void *ctx);

/*
** CoNLL columns: "-DOCSTART-", then a token and its BIO tag a line
** (B-ORG, I-ORG, O), a blank line after each sentence.
*/
ENTREL_API int entrel_doc_write_conll(entrel_doc *doc, entrel_write_fn write, void *ctx);

/*
** One self-contained HTML page (no script, no external file): the text a
** paragraph a sentence, each entity highlighted by type with a tooltip
** (type, value, canonical name, kb id, and the rule, list or plugin that
** made it), each sentence's relations listed after it, a legend.
*/
ENTREL_API int entrel_doc_write_html(entrel_doc *doc, entrel_write_fn write, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* ENTREL_H */
