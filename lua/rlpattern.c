/*
** rlpattern.c: a rule's Lua table made into a compiled rule.  A pattern
** is a list of elements, each a token test or a group:
**   "de"                          the token whose lower-case form is "de"
**   {fold = {"de", "des"}}        a test; several values are a choice
**   {shape = "Xxxx", not_lower = "le"}   every test must hold
**   {flags = "title", rep = "+", name = "who"}   repeated, then captured
**   {alt = {{"ministère"}, {"ministry", "of"}}}  a choice of sequences
**   {seq = {...}, rep = "?"}      a group
**   {edge = "end"}                the end of the sentence ("start" too): no token
** rep is "?", "*", "+", a count, or {min, max}.  Groups nest at most
** RL_MAX_NESTING deep.  Every field is read raw and checked: an unknown
** key, a value of the wrong type or out of range is an error.  Errors are
** raised in Lua and name the rule's file and line.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <unictype.h>
#include <unistr.h>

#include "luarules.h"

/*
** What compiling one rule holds, in a userdata so that an error raised
** midway (luaL_error unwinds) still frees it: the builder, and an empty
** document whose session gives values their lower-case and folded forms.
*/
typedef struct rl_held {
    pat_builder *b;
    entrel_doc *forms;
} rl_held;

typedef struct rl_build {
    rl_loader *ld;
    pat_builder *b;
    rl_rule *r;
    rl_held *held;
    char what[300];           /* "rule NAME", for errors */
    int depth;                /* groups open */
} rl_build;

#define RL_MAX_NESTING 32

static int build_error(rl_build *bd, const char *fmt, const char *arg) {
    lua_State *L = bd->ld->L;
    lua_pushfstring(L, fmt, arg ? arg : "");
    /* luaL_error puts the declaration's file:line in front: it is the calling chunk's */
    return luaL_error(L, "rule %s: %s", bd->r->name, lua_tostring(L, -1));
}

/* The lower-case or folded form of a value, as tokens get theirs. */
static const char *value_form(rl_build *bd, const char *s, pat_field f) {
    if (f != PF_NORM && f != PF_FOLD) return s;
    luaL_checkstack(bd->ld->L, 4, "too many values in one test");
    rl_held *h = bd->held;
    uint32_t id;
    if (h->forms == NULL &&
        session_tokenize(bd->ld->forms, "", 0, ENTREL_LANG_FR, &h->forms) != ENTREL_E_OK)
        build_error(bd, "out of memory", NULL);
    if (form_of_text(h->forms, s, strlen(s), f == PF_FOLD, &id) != ENTREL_E_OK)
        build_error(bd, "out of memory", NULL);
    lua_pushstring(bd->ld->L, doc_atom_str(h->forms, id));
    return lua_tostring(bd->ld->L, -1);     /* kept alive on the Lua stack */
}

/* Whether a text value can only be a token that has a norm: not blank, valid UTF-8. */
static bool has_norm(const char *s) {
    const uint8_t *u = (const uint8_t *)s, *end = u + strlen(s);
    if (u == end || u8_check(u, (size_t)(end - u)) != NULL) return false;
    ucs4_t c;
    for (int len; u < end; u += len) {
        len = u8_mbtouc(&c, u, (size_t)(end - u));
        if (uc_is_property_white_space(c) || uc_is_cntrl(c) || c == 0xFFFD ||
            uc_is_property_default_ignorable_code_point(c))
            return false;          /* U+FFFD: what invalid bytes read as, in tokens without a norm */
    }
    return true;
}

/* A text test's values in lower case, so that sentences without them are skipped. */
static void text_norms(rl_build *bd, uint32_t node_id, const char *const *vals, size_t n) {
    const char *norms[64];
    for (size_t i = 0; i < n; i++) {
        if (!has_norm(vals[i])) return;
        norms[i] = value_form(bd, vals[i], PF_NORM);
    }
    if (patb_text_norms(bd->b, node_id, norms, n) != ENTREL_E_OK)
        build_error(bd, "%s", patb_error(bd->b));
}

/*
** French news writes l’, d’, aujourd’hui with the typographic apostrophe
** as often as with the straight one, and a token's lower-case form keeps
** the one written (its fold makes both straight).  So a lower-case value
** with either gets the other too: "l'" also matches "l’".
*/
static size_t add_apostrophes(rl_build *bd, const char **vals, size_t n) {
    lua_State *L = bd->ld->L;
    for (size_t i = 0, given = n; i < given && n < 64; i++) {
        const char *other = NULL;
        luaL_checkstack(L, 2, "too many values in one test");
        if (strchr(vals[i], '\'')) other = luaL_gsub(L, vals[i], "'", "\xE2\x80\x99");
        else if (strstr(vals[i], "\xE2\x80\x99")) other = luaL_gsub(L, vals[i], "\xE2\x80\x99", "'");
        bool known = other == NULL;
        for (size_t k = 0; !known && k < n; k++) known = strcmp(vals[k], other) == 0;
        if (!known) vals[n++] = other;          /* kept alive on the Lua stack */
    }
    return n;
}

/* A list (of values, of elements) holds only items 1 to n: a named field there is a mistake. */
static void check_list(rl_build *bd, int idx, const char *what) {
    lua_State *L = bd->ld->L;
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    luaL_checkstack(L, 4, "pattern too large");
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 && lua_tointeger(L, -1) <= n) continue;
        if (lua_type(L, -1) == LUA_TSTRING)
            lua_pushfstring(L, "%s is a list: its field '%s' has no place there "
                               "(a group is {seq = {...}, %s = ...})", what, lua_tostring(L, -1), lua_tostring(L, -1));
        else
            lua_pushfstring(L, "%s is a list, with a gap or a %s key", what, luaL_typename(L, -1));
        build_error(bd, "%s", lua_tostring(L, -1));
    }
}

/* The entity types a test names, kept for entrel_engine_unmade_types. */
static void note_tested(rl_build *bd, const char *const *vals, size_t n) {
    rl_rule *r = bd->r;
    uint32_t *t = er_realloc(r->tested, (r->ntested + n) * sizeof *t);
    if (t == NULL) build_error(bd, "out of memory", NULL);
    r->tested = t;
    for (size_t i = 0; i < n; i++) {
        if (vals[i][0] == '\0') continue;
        uint32_t a = atoms_intern(&bd->ld->engine->atoms, vals[i], strlen(vals[i]));
        if (a == 0) build_error(bd, "out of memory", NULL);
        t[r->ntested++] = a;
    }
}

/* Strings of a test: one string or a list of them, forms applied. */
static void string_test(rl_build *bd, uint32_t node_id, pat_field f, bool neg, int idx,
                        const char *key) {
    lua_State *L = bd->ld->L;
    const char *vals[64];
    size_t n = 0;
    int top = lua_gettop(L);
    if (lua_type(L, idx) == LUA_TSTRING) {
        vals[n++] = value_form(bd, lua_tostring(L, idx), f);
    } else if (lua_istable(L, idx)) {
        size_t len = lua_rawlen(L, idx);
        if (len > 64) build_error(bd, "%s: at most 64 values", key);
        check_list(bd, idx, key);
        for (lua_Integer i = 1; i <= (lua_Integer)len; i++) {
            luaL_checkstack(L, 4, "too many values in one test");
            if (lua_rawgeti(L, idx, i) != LUA_TSTRING) {
                lua_pushfstring(L, "%s: value %d is a %s, not a string", key, (int)i, luaL_typename(L, -1));
                build_error(bd, "%s", lua_tostring(L, -1));
            }
            vals[n++] = value_form(bd, lua_tostring(L, -1), f);
        }
    }
    if (n == 0) build_error(bd, "%s wants a string or a list of strings", key);
    if (f == PF_NORM) n = add_apostrophes(bd, vals, n);
    if (f == PF_ENTITY) note_tested(bd, vals, n);
    if (patb_test_strings(bd->b, node_id, f, neg, vals, n) != ENTREL_E_OK)
        build_error(bd, "%s", patb_error(bd->b));
    if (f == PF_TEXT && !neg) text_norms(bd, node_id, vals, n);
    lua_settop(L, top);
}

static const char *kind_name(unsigned k) { return entrel_token_kind_name((entrel_token_kind)k); }

/* kind = "word" or flags = "title": the value's number, or the error lists the valid ones. */
static void number_test(rl_build *bd, uint32_t node_id, pat_field f, bool neg, int idx,
                        const char *key) {
    lua_State *L = bd->ld->L;
    if (lua_type(L, idx) != LUA_TSTRING) {
        lua_pushfstring(L, "%s must be a string, not a %s", key, luaL_typename(L, idx));
        build_error(bd, "%s", lua_tostring(L, -1));
    }
    const char *s = lua_tostring(L, idx), *names[24];
    uint32_t values[24];
    size_t n = 0;
    if (f == PF_KIND)
        for (unsigned k = 0; k <= ENTREL_TOK_SPACE; k++) values[n] = k, names[n++] = kind_name(k);
    else
        for (unsigned v = 1; v <= ENTREL_TF_PARAGRAPH; v <<= 1) values[n] = v, names[n++] = entrel_token_flag_name(v);
    names[n] = NULL;
    size_t i = 0;
    while (i < n && strcmp(names[i], s) != 0) i++;
    if (i == n) rl_check_value(L, bd->what, key, s, names);
    if (patb_test_number(bd->b, node_id, f, neg, values[i]) != ENTREL_E_OK)
        build_error(bd, "%s", patb_error(bd->b));
}

static void regex_test(rl_build *bd, uint32_t node_id, bool neg, int idx) {
    lua_State *L = bd->ld->L;
    if (lua_type(L, idx) != LUA_TSTRING) {
        lua_pushfstring(L, "regex must be a string, not a %s", luaL_typename(L, idx));
        build_error(bd, "%s", lua_tostring(L, -1));
    }
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)s, len, PAT_REGEX_OPTIONS, &code, &off, NULL);
    if (re == NULL) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        build_error(bd, "regex: %s", (const char *)msg);
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    if (patb_test_regex(bd->b, node_id, neg, re) != ENTREL_E_OK)
        build_error(bd, "%s", patb_error(bd->b));
}

static uint32_t lexicon_bit(rl_build *bd, const char *name) {
    int k = rl_lexicon_number(bd->ld->set, name);
    if (k < 0) build_error(bd, "no lexicon '%s' is declared before this rule", name);
    return 1u << k;
}

/* lexicon = "titles" or {"titles", "roles"}: the token lies in a match of one of them. */
static void lexicon_test(rl_build *bd, uint32_t node_id, bool neg, int idx) {
    lua_State *L = bd->ld->L;
    uint32_t mask = 0;
    if (lua_istable(L, idx)) {
        check_list(bd, idx, "lexicon");
        for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, idx); i++, lua_pop(L, 1)) {
            if (lua_rawgeti(L, idx, i) != LUA_TSTRING) build_error(bd, "lexicon: every name is a string", NULL);
            mask |= lexicon_bit(bd, lua_tostring(L, -1));
        }
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        mask = lexicon_bit(bd, lua_tostring(L, idx));
    } else {
        build_error(bd, "lexicon wants a name or a list of names", NULL);
    }
    if (mask == 0) build_error(bd, "lexicon wants a name or a list of names", NULL);
    if (patb_test_number(bd->b, node_id, PF_LEXICON, neg, mask) != ENTREL_E_OK)
        build_error(bd, "%s", patb_error(bd->b));
}

static const struct {
    const char *key;
    pat_field field;
} test_keys[] = {
    {"text", PF_TEXT}, {"lower", PF_NORM}, {"fold", PF_FOLD}, {"stem", PF_STEM},
    {"shape", PF_SHAPE}, {"kind", PF_KIND}, {"flags", PF_FLAGS}, {"regex", PF_REGEX},
    {"entity", PF_ENTITY}, {"lexicon", PF_LEXICON},
};

/* The keys a token table may hold: the tests, their not_ forms, and these. */
static const char *const token_keys[] = {
    "text", "lower", "fold", "stem", "shape", "kind", "flags", "regex", "entity", "lexicon",
    "not_text", "not_lower", "not_fold", "not_stem", "not_shape", "not_kind", "not_flags",
    "not_regex", "not_entity", "not_lexicon", "any", "rep", "name", NULL};

/* One key of a token table: a test, its negation (not_x), or a known non-test key. */
static void token_key(rl_build *bd, uint32_t node_id, const char *key, int idx) {
    bool neg = strncmp(key, "not_", 4) == 0;
    const char *k = neg ? key + 4 : key;
    for (size_t i = 0; i < sizeof test_keys / sizeof *test_keys; i++) {
        if (strcmp(k, test_keys[i].key) != 0) continue;
        pat_field f = test_keys[i].field;
        if (f == PF_KIND || f == PF_FLAGS) number_test(bd, node_id, f, neg, idx, key);
        else if (f == PF_REGEX) regex_test(bd, node_id, neg, idx);
        else if (f == PF_LEXICON) lexicon_test(bd, node_id, neg, idx);
        else string_test(bd, node_id, f, neg, idx, key);
        return;
    }
    if (strcmp(key, "any") == 0 && lua_type(bd->ld->L, idx) != LUA_TBOOLEAN)
        build_error(bd, "any must be true or false", NULL);
}

static uint32_t token_node(rl_build *bd, int idx) {
    lua_State *L = bd->ld->L;
    rl_check_fields(L, idx, bd->what, token_keys);
    uint32_t node_id = patb_token(bd->b);
    if (node_id == UINT32_MAX) build_error(bd, "%s", patb_error(bd->b));
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        token_key(bd, node_id, lua_tostring(L, -2), lua_gettop(L));
        lua_pop(L, 1);
    }
    return node_id;
}

static uint32_t seq_node(rl_build *bd, int idx, const char *what);
static uint32_t elem_node(rl_build *bd, int idx);

/* A count of rep: a whole number from 0 to PAT_MAX_REPEAT. */
static unsigned rep_count(rl_build *bd, int idx, const char *which) {
    lua_State *L = bd->ld->L;
    int ok;
    lua_Integer v = lua_tointegerx(L, idx, &ok);
    if (!ok || v < 0 || v > PAT_MAX_REPEAT) {
        lua_pushfstring(L, "rep: %s must be a whole number from 0 to %d, not %s", which,
                        PAT_MAX_REPEAT, luaL_tolstring(L, idx, NULL));
        build_error(bd, "%s", lua_tostring(L, -1));
    }
    return (unsigned)v;
}

/* rep = "?", "*", "+", n, or {min, max} ({min} has no maximum) */
static uint32_t apply_rep(rl_build *bd, uint32_t node, int idx) {
    lua_State *L = bd->ld->L;
    int t = rl_raw_field(L, idx, "rep");
    unsigned lo = 1, hi = 1;
    if (t == LUA_TSTRING) {
        const char *s = lua_tostring(L, -1);
        if (!strcmp(s, "?")) lo = 0;
        else if (!strcmp(s, "*")) lo = 0, hi = PAT_INF;
        else if (!strcmp(s, "+")) hi = PAT_INF;
        else build_error(bd, "rep must be ?, *, +, a count or {min, max}, not '%s'", s);
    } else if (t == LUA_TNUMBER) {
        lo = hi = rep_count(bd, -1, "a count");
    } else if (t == LUA_TTABLE) {
        check_list(bd, lua_gettop(L), "rep");
        if (lua_rawlen(L, -1) < 1 || lua_rawlen(L, -1) > 2) build_error(bd, "rep is {min} or {min, max}", NULL);
        lua_rawgeti(L, -1, 1);
        lo = rep_count(bd, -1, "min");
        hi = lua_rawgeti(L, -2, 2) == LUA_TNIL ? PAT_INF : rep_count(bd, -1, "max");
        lua_pop(L, 2);
    } else if (t != LUA_TNIL) {
        lua_pushfstring(L, "rep must be ?, *, +, a count or {min, max}, not a %s", luaL_typename(L, -1));
        build_error(bd, "%s", lua_tostring(L, -1));
    }
    lua_pop(L, 1);
    if (lo == 1 && hi == 1) return node;
    uint32_t r = patb_repeat(bd->b, node, lo, hi);
    if (r == UINT32_MAX) build_error(bd, "%s", patb_error(bd->b));
    return r;
}

/* name = "who": a capture, numbered in the order names first appear. */
static uint32_t apply_name(rl_build *bd, uint32_t node, int idx) {
    lua_State *L = bd->ld->L;
    const char *name = rl_opt_string(L, idx, "name", bd->what);
    if (name == NULL) return node;
    unsigned k = 0;
    while (k < bd->r->ncaptures && strcmp(bd->r->captures[k], name)) k++;
    if (k == bd->r->ncaptures) {
        if (k == PAT_MAX_CAPTURES) build_error(bd, "at most 16 names", NULL);
        bd->r->captures[bd->r->ncaptures++] = er_strdup(name);
    }
    uint32_t c = patb_capture(bd->b, node, k);
    if (c == UINT32_MAX || bd->r->captures[k] == NULL) build_error(bd, "out of memory", NULL);
    return c;
}

static const char *const edge_keys[] = {"edge", NULL};
static const char *const alt_keys[] = {"alt", "rep", "name", NULL};
static const char *const seq_keys[] = {"seq", "rep", "name", NULL};

static uint32_t alt_node(rl_build *bd, int alts) {
    lua_State *L = bd->ld->L;
    uint32_t kids[32];
    size_t n = 0, len = lua_rawlen(L, alts);
    check_list(bd, alts, "alt");
    if (len == 0) build_error(bd, "alt is empty", NULL);
    if (len > 32) build_error(bd, "at most 32 choices", NULL);
    for (lua_Integer i = 1; i <= (lua_Integer)len; i++) {
        lua_rawgeti(L, alts, i);
        int top = lua_gettop(L);
        kids[n++] = lua_istable(L, top) && lua_rawlen(L, top) > 0 ? seq_node(bd, top, "alt")
                                                                  : elem_node(bd, top);
        lua_settop(L, top - 1);
    }
    return patb_group(bd->b, PN_ALT, kids, n);
}

static uint32_t group_node(rl_build *bd, int idx) {
    lua_State *L = bd->ld->L;
    uint32_t node;
    if (rl_raw_field(L, idx, "edge") != LUA_TNIL) {
        rl_check_fields(L, idx, bd->what, edge_keys);
        static const char *const edges[] = {"start", "end", NULL};
        if (lua_type(L, -1) != LUA_TSTRING) build_error(bd, "edge is \"start\" or \"end\"", NULL);
        rl_check_value(L, bd->what, "edge", lua_tostring(L, -1), edges);
        node = patb_edge(bd->b, strcmp(lua_tostring(L, -1), "end") == 0);
    } else if (lua_pop(L, 1), rl_raw_field(L, idx, "alt") != LUA_TNIL) {
        rl_check_fields(L, idx, bd->what, alt_keys);
        if (!lua_istable(L, -1)) build_error(bd, "alt must be a list of choices", NULL);
        node = alt_node(bd, lua_gettop(L));
    } else if (lua_pop(L, 1), rl_raw_field(L, idx, "seq") != LUA_TNIL) {
        rl_check_fields(L, idx, bd->what, seq_keys);
        if (!lua_istable(L, -1)) build_error(bd, "seq must be a list of pattern elements", NULL);
        node = seq_node(bd, lua_gettop(L), "seq");
    } else {
        node = token_node(bd, idx);
    }
    lua_settop(L, idx);
    return node;
}

static uint32_t elem_node(rl_build *bd, int idx) {
    lua_State *L = bd->ld->L;
    uint32_t node;
    if (++bd->depth > RL_MAX_NESTING) build_error(bd, "patterns nest at most 32 groups deep", NULL);
    luaL_checkstack(L, 16, "pattern nests too deep");
    int top = lua_gettop(L);
    if (lua_type(L, idx) == LUA_TSTRING) {
        node = patb_token(bd->b);
        string_test(bd, node, PF_NORM, false, idx, "a word");
    } else if (!lua_istable(L, idx)) {
        lua_pushfstring(L, "a pattern element is a string or a table, not a %s", luaL_typename(L, idx));
        build_error(bd, "%s", lua_tostring(L, -1));
        return UINT32_MAX;
    } else {
        node = group_node(bd, idx);
        if (node == UINT32_MAX) build_error(bd, "%s", patb_error(bd->b));
        bool edge = rl_raw_field(L, idx, "edge") != LUA_TNIL;
        lua_pop(L, 1);
        if (!edge) node = apply_name(bd, apply_rep(bd, node, idx), idx);
    }
    lua_settop(L, top);
    bd->depth--;
    return node;
}

static uint32_t seq_node(rl_build *bd, int idx, const char *what) {
    lua_State *L = bd->ld->L;
    uint32_t kids[64];
    size_t n = 0, len = lua_rawlen(L, idx);
    check_list(bd, idx, what);
    if (len == 0) build_error(bd, "%s is empty", what);
    if (len > 64) build_error(bd, "%s: at most 64 elements", what);
    for (lua_Integer i = 1; i <= (lua_Integer)len; i++) {
        lua_rawgeti(L, idx, i);
        kids[n++] = elem_node(bd, lua_gettop(L));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    uint32_t node = n == 1 ? kids[0] : patb_group(bd->b, PN_SEQ, kids, n);
    if (node == UINT32_MAX) build_error(bd, "%s", patb_error(bd->b));
    return node;
}

/* An optional pattern field (before, after): its node, or UINT32_MAX. */
static uint32_t field_node(rl_build *bd, int idx, const char *key) {
    lua_State *L = bd->ld->L;
    uint32_t node = UINT32_MAX;
    int t = rl_raw_field(L, idx, key);
    if (t == LUA_TTABLE) {
        node = seq_node(bd, lua_gettop(L), key);
    } else if (t != LUA_TNIL) {
        lua_pushfstring(L, "%s must be a list of pattern elements, not a %s", key, luaL_typename(L, -1));
        build_error(bd, "%s", lua_tostring(L, -1));
    } else {
        lua_pop(L, 1);
    }
    return node;
}

static int capture_number(rl_build *bd, int idx, const char *key, bool required) {
    const char *name = rl_opt_string(bd->ld->L, idx, key, bd->what);
    bool given = name != NULL;
    if (!given) name = key;
    for (unsigned k = 0; k < bd->r->ncaptures; k++)
        if (strcmp(bd->r->captures[k], name) == 0) return (int)k;
    if (required || given) build_error(bd, "no element is named '%s'", name);
    return -1;
}

/* The pattern of the rule table at 'idx', compiled into bd->r. */
static void compile_pattern(rl_build *bd, int idx) {
    lua_State *L = bd->ld->L;
    int t = rl_raw_field(L, idx, "pattern");
    if (t == LUA_TNIL) build_error(bd, "pattern is required: a list of pattern elements", NULL);
    if (t != LUA_TTABLE) {
        lua_pushfstring(L, "pattern must be a list of pattern elements, not a %s", luaL_typename(L, -1));
        build_error(bd, "%s", lua_tostring(L, -1));
    }
    uint32_t core = seq_node(bd, lua_gettop(L), "pattern");
    uint32_t left = field_node(bd, idx, "before"), right = field_node(bd, idx, "after");
    bd->r->prog = pat_compile(bd->b, left, core, right, bd->r->ncaptures);
    if (bd->r->prog == NULL) build_error(bd, "%s", patb_error(bd->b));
    if (bd->r->kind == RL_ENTITY) {
        bd->r->span = capture_number(bd, idx, "span", false);
    } else {
        bd->r->head = capture_number(bd, idx, "head", true);
        bd->r->tail = capture_number(bd, idx, "tail", true);
    }
}

static void release(rl_held *h) {
    patb_free(h->b);
    entrel_doc_free(h->forms);
    *h = (rl_held){NULL, NULL};
}

static int held_gc(lua_State *L) {
    release(luaL_checkudata(L, 1, "entrel.held"));
    return 0;
}

void rl_compile(rl_loader *ld, rl_rule *r) {
    lua_State *L = ld->L;
    int idx = lua_gettop(L);
    rl_held *held = lua_newuserdatauv(L, sizeof *held, 0);
    *held = (rl_held){NULL, NULL};
    if (luaL_newmetatable(L, "entrel.held")) {
        lua_pushcfunction(L, held_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    rl_build bd = {ld, patb_new(&ld->engine->atoms), r, held, "", 0};
    snprintf(bd.what, sizeof bd.what, "rule %.200s", r->name);
    if (bd.b == NULL) luaL_error(L, "out of memory");
    held->b = bd.b;
    compile_pattern(&bd, idx);
    release(held);
    lua_pop(L, 1);
}

void rl_rule_free(rl_rule *r) {
    pat_free(r->prog);
    pcre2_code_free(r->re);
    er_free(r->name);
    er_free(r->tested);
    for (unsigned k = 0; k < r->ncaptures; k++) er_free(r->captures[k]);
}
