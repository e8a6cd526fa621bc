/*
** luarules.h: the rule layer (lua/), shared by its files.  Not API.
** Prefixes: lx_ (sandboxed states, sandbox.c), rl_ (rule files, their
** patterns and their runs: rules.c, rlpattern.c, rlrun.c).
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_LUARULES_H
#define ENTREL_LUARULES_H

#include <lua.h>

#include "annotator.h"
#include "gazetteer.h"
#include "pattern.h"

/*
** Limits of one Lua state; the allocator, the hook and the charged
** library functions read them.  'budget' is armed around each piece of
** work; the state's finalizers share 'idle_budget', whenever they run.
** 'say' is told what a finalizer's failure or print has to say.
*/
typedef struct lx_limits {
    size_t used, max_bytes;   /* max_bytes 0: no cap */
    uint64_t spent, budget;   /* instructions; budget 0: none armed */
    uint64_t idle_spent, idle_budget;
    int line;                 /* the line that ran last, while lines are tracked */
    int printed;              /* print lines since the document or the load began */
    void (*say)(void *ud, const char *what, const char *msg);
    void *say_ud;
} lx_limits;

/* A sandboxed state (sandbox.c); NULL when out of memory.  Close it with lx_close. */
lua_State *lx_new(lx_limits *lim);
/* lua_close, with what finalizers remain on the idle budget. */
void lx_close(lua_State *L);
/* Allow 'budget' instructions from now on (0: none armed). */
void lx_arm(lx_limits *lim, uint64_t budget);
/* Whether the armed budget is spent. */
bool lx_exhausted(const lx_limits *lim);
/* Charge 'cost' instructions of work done in C; raises the budget's error when spent. */
void lx_charge(lua_State *L, uint64_t cost);
/* Note each line that runs in lim->line (at load time), or stop. */
void lx_track_lines(lua_State *L, bool on);
/* lua_pcall with a handler that makes any error value a string with file:line. */
int lx_pcall(lua_State *L, int nargs, int nresults);
/* The charged library functions (lxlib.c) and patterns (lxmatch.c), in place of Lua's. */
void lx_open_lib(lua_State *L);
void lx_open_patterns(lua_State *L);

enum { RL_ENTITY, RL_RELATION, RL_REGEX, RL_HOOK };

/* One compiled rule. */
typedef struct rl_rule {
    int kind;
    char *name;
    uint32_t where;           /* engine atom "file:line" */
    uint32_t source;          /* engine atom "rule:name" */
    uint32_t type;            /* engine atom of the entity or relation type */
    int32_t priority;
    int lang;                 /* ENTREL_LANG_FR or _EN, or -1 for both */
    pat_program *prog;
    int span, head, tail;     /* capture numbers; -1: the whole match */
    bool has_action;
    bool keyed;               /* runs only where a sentence holds one of its key words (rlindex.c) */
    pcre2_code *re;           /* RL_REGEX */
    bool whole_document;      /* RL_REGEX: over the document, not each sentence */
    int group;                /* RL_REGEX: the group that is the entity, 0 the whole */
    char *captures[PAT_MAX_CAPTURES];
    unsigned ncaptures;
    uint32_t *tested;         /* engine atoms of the entity types its pattern tests */
    size_t ntested;
} rl_rule;

#define RL_MAX_LEXICONS 32

typedef struct rl_index rl_index;

/* What the engine keeps: the rules, and the files to run again per session. */
typedef struct rl_set {
    rl_rule *rules;
    size_t nrules;
    gazetteer *lexicons;      /* every lexicon's names, tagged with its number */
    char *lexicon_names[RL_MAX_LEXICONS];
    char *lexicon_files[RL_MAX_LEXICONS];
    size_t nlexicons;
    char **files;             /* in load order */
    char **sources;           /* their text, read once: sessions run the same */
    size_t *lengths;
    size_t nfiles;
    size_t max_bytes;
    uint64_t budget;
    rl_index *index;          /* the keyed rules by their key words */
    uint64_t plane_sig, plane_words;  /* the bits that get planes: what the rules begin with */
} rl_set;

/*
** The index of the rules' key words (pat_key_words), made once the rules
** are compiled; rl_index_mark sets bit r of 'bits' for each keyed rule r
** one of whose key words a token of [first, last) has.
*/
int rl_index_build(rl_set *set);
void rl_index_free(rl_index *x);
void rl_index_mark(const rl_index *x, const entrel_doc *doc, size_t first, size_t last,
                   uint64_t *bits);
/* The key words, sorted, for the engine: tokens learn which are keys with their forms. */
const uint32_t *rl_index_keys(const rl_index *x, size_t *n);
/*
** The same for the rules keyed by a lexicon or entity type, from the
** sentence's summary; entity-keyed rules are marked again (entities
** change between phases), or only they when 'entities_only'.
*/
void rl_index_mark_summary(const rl_index *x, const pat_summary *s, bool entities_only,
                           uint64_t *bits);

/* While a file is run: what its declarations go to. */
typedef struct rl_loader {
    entrel_engine *engine;
    rl_set *set;
    bool compile;             /* engine: compile rules; session: gather actions */
    lua_State *L;
    const char *file;
    int lang;                 /* the file's `language`, -1 until it says */
    size_t declared;          /* rules declared so far, over all files */
    int actions;              /* session: registry ref of the actions by rule number */
    entrel_session *forms;    /* session whose tokenizer gives the forms of values */
    bool loading;             /* while the files run: declarations are allowed */
} rl_loader;

/* Declare the DSL's globals in L, bound to 'ld' (which must outlive L). */
void rl_open_dsl(rl_loader *ld);
/* The global 'name' as 'f' bound to 'ld'; lexicon, gazetteer and plugin (rldata.c). */
void rl_set_dsl(rl_loader *ld, const char *name, lua_CFunction f);
void rl_open_data(rl_loader *ld);
/* A DSL function's loader; raises an error once the files have loaded. */
rl_loader *rl_loader_of(lua_State *L);

/*
** A declaration's fields, read raw and checked (rlcheck.c): 'what' names
** the declaration in errors ("rule x").  rl_raw_field pushes t[key] and
** returns its type; rl_check_fields refuses a field not in 'known'
** (NULL-terminated), with the nearest known name; rl_check_value refuses
** a value not in 'valid', listing them; the rl_opt_ readers give the
** field or 'fallback' when it is nil, and refuse a value of another type
** or out of [lo, hi].  rl_opt_string's result lives as long as the table.
*/
int rl_raw_field(lua_State *L, int idx, const char *key);
void rl_check_fields(lua_State *L, int idx, const char *what, const char *const *known);
void rl_check_value(lua_State *L, const char *what, const char *key, const char *given,
                    const char *const *valid);
const char *rl_opt_string(lua_State *L, int idx, const char *key, const char *what);
lua_Integer rl_opt_integer(lua_State *L, int idx, const char *key, const char *what,
                           lua_Integer lo, lua_Integer hi, lua_Integer fallback);
bool rl_opt_boolean(lua_State *L, int idx, const char *key, const char *what);
/* Run the set's files in ld->L; the first error fills 'err' as file:line: message. */
int rl_run_files(rl_loader *ld, lx_limits *lim, entrel_error *err);
/* Fill 'err' (when not NULL) and return 'code'. */
int rl_fail(entrel_error *err, int code, const char *file, int line, const char *msg);
/* A Lua error (rc from lua_pcall) as an entrel error: file and line read off "file:line: msg". */
int rl_lua_error(lua_State *L, int rc, const lx_limits *lim, const char *file, entrel_error *err);

/* Bits of a sentence's summary (pat_summarize), in words. */
#define RL_SENTENCE_WORDS 64

typedef struct rl_session {
    const rl_set *set;
    const entrel_engine *engine;
    lx_limits lim;
    lua_State *L;
    rl_loader ld;             /* what the DSL functions of L are bound to */
    int actions;              /* registry ref of the actions by rule number */
    pcre2_match_data *md;
    pat_memo *memo;           /* regex token tests answered so far */
    pat_regex_guard guard;    /* PCRE2's limits and the document's regex steps */
    uint64_t *regex_warned;   /* per rule: a limit hit is reported for this document */
    void *scratch;            /* the pattern VM's */
    uint32_t *ent_type;       /* per token: type of its entity, or 0 */
    uint32_t *ent_index;      /* per token: its entity + 1, or 0 */
    uint32_t *lex_bits;       /* per token: bit k when lexicon k covers it */
    uint64_t *sig;            /* per token: pat_signature, for the VM's quick checks */
    uint64_t *words;          /* per token: pat_word_bits */
    uint64_t *planes;         /* the signatures' and word bits' planes (pat_sign) */
    size_t ent_cap;
    pat_summary *sums;        /* per sentence: what it holds, to skip rules (pat_may_match) */
    uint64_t *sum_words;      /* their bits, RL_SENTENCE_WORDS each */
    pat_summary doc_sum;      /* the same for the whole document, but its words */
    const entrel_doc *summed; /* the document whose words these summarize */
    size_t sent_cap;
    uint64_t *keyed;          /* per sentence: the keyed rules its words name, rule_words each */
    size_t rule_words;
    const struct rl_hit *hit;  /* the rule whose action runs, for add_entity */
    uint64_t lua_calls, lua_nanos;
} rl_session;

/* One rule at work on one document. */
typedef struct rl_hit {
    rl_session *rs;
    const rl_rule *rule;
    size_t number;
    entrel_doc *doc;
} rl_hit;

/* What an action decided: keep the match or not, and the fields it set. */
typedef struct rl_verdict {
    uint32_t type, canonical, features;   /* atoms */
} rl_verdict;

/*
** Call the rule's action, if any, on match 'm': false when it vetoes the
** match or fails (the failure is noted on the document).  '*v' gets the
** rule's type, or what a returned table says (rlaction.c).
*/
bool rl_act(const rl_hit *h, const pat_match *m, rl_verdict *v);
/* Run an on_document hook over the settled document; its errors go on the document. */
int rl_hook(const rl_hit *h);
/*
** add_entity, add_relation, token, is_acronym and print in L, working for
** session 'rs' (NULL: the state of engine 'e', which loads the files).
*/
void rl_open_emit(lua_State *L, rl_session *rs, entrel_engine *e);
/* A non-empty string field as a document atom, or 'fallback' (rlaction.c). */
uint32_t rl_atom_field(lua_State *L, entrel_doc *doc, int idx, const char *key, uint32_t fallback,
                       const char *what);
/* features = {k = v} as the atom "k=v;k=v", keys sorted; 0 without. */
uint32_t rl_features_field(lua_State *L, entrel_doc *doc, int idx);
/* A relation argument over tokens [a, b): the entity holding it, or the span. */
ann_arg rl_arg_of(const rl_session *rs, const entrel_doc *doc, uint32_t a, uint32_t b);

/* Sessions and documents (rlrun.c). */
int rl_session_open(void *state, entrel_session *s, void **session_state);
void rl_session_close(void *session_state);
int rl_entities(void *session_state, entrel_doc *doc);
int rl_relations(void *session_state, entrel_doc *doc);
void rl_stats(const void *session_state, uint64_t *calls, uint64_t *nanoseconds);
/* Compile the rule table at the top of the stack into 'r'; errors are raised in Lua. */
void rl_compile(rl_loader *ld, rl_rule *r);
void rl_rule_free(rl_rule *r);
/* Compile the regex rule table at the top of the stack into 'r' (rlregex.c). */
void rl_compile_regex(rl_loader *ld, rl_rule *r);
/*
** A session's regex limits (rlregex.c): open and close with the session,
** arm for each document; rl_regex_report turns a limit the rule's last
** run hit into one rule warning of the document per rule.
*/
int rl_regex_open(rl_session *rs);
void rl_regex_close(rl_session *rs);
void rl_regex_arm(rl_session *rs, const entrel_doc *doc);
void rl_regex_report(rl_session *rs, const rl_hit *h);
/* A regex match as tokens [*first, *last); false when it does not fall on token edges. */
bool rl_snap(const entrel_doc *doc, size_t from, size_t to, uint32_t *first, uint32_t *last);
/* The number of the lexicon called 'name', or -1. */
int rl_lexicon_number(const rl_set *set, const char *name);

#endif
