/*
** rlaction.c: rule actions.  An action is called with the match as a
** table: text, first and last (token numbers, from 1), rule, lang, and a
** field per named element, each {text, first, last}.  It returns nothing
** to keep the match, false to veto it, or a table to change what the
** match makes:
**   return {type = "ORG", canonical = "UNODC", features = {acronym = "yes"}}
** What it may call besides is in rlemit.c.  Everything an action does,
** the tables of its match included, happens inside one protected call,
** so that an error or running out of memory anywhere fails that match
** alone.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "luarules.h"

static void push_span(lua_State *L, const entrel_doc *doc, uint32_t a, uint32_t b) {
    lua_createtable(L, 0, 3);
    uint32_t s = a < b ? doc->toks.v[a].start : 0, e = a < b ? doc->toks.v[b - 1].end : 0;
    lua_pushlstring(L, (const char *)doc->clean + s, e - s);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, a + 1);
    lua_setfield(L, -2, "first");
    lua_pushinteger(L, b);
    lua_setfield(L, -2, "last");
}

/* The rule's action (or hook) function, from the session's table of them. */
static void push_action(const rl_hit *h) {
    lua_State *L = h->rs->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->rs->actions);
    lua_rawgeti(L, -1, (lua_Integer)h->number + 1);
    lua_remove(L, -2);
}

static void push_match(const rl_hit *h, const pat_match *m) {
    lua_State *L = h->rs->L;
    push_span(L, h->doc, m->start, m->end);
    lua_pushstring(L, h->rule->name);
    lua_setfield(L, -2, "rule");
    lua_pushstring(L, entrel_lang_name(h->doc->lang));
    lua_setfield(L, -2, "lang");
    for (unsigned k = 0; k < h->rule->ncaptures; k++) {
        if (m->cap[k][1] <= m->cap[k][0]) continue;
        push_span(L, h->doc, m->cap[k][0], m->cap[k][1]);
        lua_setfield(L, -2, h->rule->captures[k]);
    }
}

/*
** A document atom for the string field 'key' of the table at 'idx', or
** 'fallback'; an empty string is refused, as no type or name is empty.
*/
uint32_t rl_atom_field(lua_State *L, entrel_doc *doc, int idx, const char *key, uint32_t fallback,
                       const char *what) {
    const char *s = rl_opt_string(L, idx, key, what);
    if (s == NULL) return fallback;
    uint32_t a = doc_atom(doc, s);
    if (a == 0) luaL_error(L, "out of memory");
    return a;
}

static int by_key(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

#define RL_MAX_FEATURES 32

/* One value of features: a string, a number or a boolean, never split on ';'. */
static const char *feature_value(lua_State *L, const char *key) {
    int t = lua_type(L, -1);
    const char *v = t == LUA_TBOOLEAN ? (lua_toboolean(L, -1) ? "true" : "false")
                  : t == LUA_TSTRING || t == LUA_TNUMBER ? lua_tostring(L, -1) : NULL;
    if (v == NULL)
        luaL_error(L, "features.%s must be a string, a number or a boolean, not a %s", key,
                   luaL_typename(L, -1));
    if (strchr(v, ';')) luaL_error(L, "features.%s: a value may not hold ';'", key);
    return v;
}

/*
** features = {k = v, ...} as the atom "k=v;k=v", keys sorted; 0 without.
** The keys are copied onto the stack before anything else is read, and
** values are read raw: nothing the table does can free what is in use.
*/
uint32_t rl_features_field(lua_State *L, entrel_doc *doc, int idx) {
    idx = lua_absindex(L, idx);
    if (rl_raw_field(L, idx, "features") == LUA_TNIL) return lua_pop(L, 1), 0;
    if (!lua_istable(L, -1)) luaL_error(L, "features must be a table, not a %s", luaL_typename(L, -1));
    int t = lua_gettop(L);
    const char *keys[RL_MAX_FEATURES];
    size_t n = 0;
    luaL_checkstack(L, RL_MAX_FEATURES + 8, "too many features");
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "features: a key must be a string");
        if (n == RL_MAX_FEATURES) luaL_error(L, "features: at most %d", RL_MAX_FEATURES);
        const char *k = lua_tostring(L, -1);
        if (*k == '\0' || strpbrk(k, "=;")) luaL_error(L, "features: key '%s' is empty or holds '=' or ';'", k);
        lua_pushvalue(L, -1);            /* a copy stays on the stack: the key lives */
        lua_insert(L, -2);
        keys[n++] = k;
    }
    qsort(keys, n, sizeof *keys, by_key);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, keys[i]);
        lua_rawget(L, t);
        const char *v = feature_value(L, keys[i]);
        lua_pushfstring(L, "%s%s=%s", i ? ";" : "", keys[i], v);
        lua_remove(L, -2);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    size_t len;
    const char *all = lua_tolstring(L, -1, &len);
    if (len > 1024) luaL_error(L, "features are longer than 1024 bytes");
    uint32_t atom = n ? doc_atom(doc, all) : 0;
    if (n && atom == 0) luaL_error(L, "out of memory");
    lua_settop(L, t - 1);
    return atom;
}

static const char *const verdict_fields[] = {"type", "canonical", "features", NULL};

/* What the action returned, the table at 'idx': what the match makes. */
static void read_verdict(lua_State *L, const rl_hit *h, int idx, rl_verdict *v) {
    rl_check_fields(L, idx, "the action's table", verdict_fields);
    v->type = rl_atom_field(L, h->doc, idx, "type", v->type, "the action's table");
    v->canonical = rl_atom_field(L, h->doc, idx, "canonical", 0, "the action's table");
    v->features = rl_features_field(L, h->doc, idx);
}

/*
** "x.lua:4: msg" as the rule error of the rule at "x.lua:2": the message
** without a position that says no more than the rule's, "line 4: msg"
** within the same file, and whole otherwise.
*/
static void rule_failed(const rl_hit *h, const char *msg) {
    const char *where = doc_atom_str(h->doc, h->rule->where), *colon = strrchr(where, ':');
    size_t file_len = colon ? (size_t)(colon - where) : strlen(where);
    char buf[1200];
    if (strncmp(msg, where, strlen(where)) == 0 && strncmp(msg + strlen(where), ": ", 2) == 0) {
        msg += strlen(where) + 2;
    } else if (colon && strncmp(msg, where, file_len + 1) == 0 && msg[file_len + 1] >= '0' &&
               msg[file_len + 1] <= '9') {
        snprintf(buf, sizeof buf, "line %s", msg + file_len + 1);
        msg = buf;
    }
    doc_add_rule_error(h->doc, h->rule->where, msg);
}

static bool failed(const rl_hit *h, int rc) {
    if (rc == LUA_OK) return false;
    entrel_error e;
    rl_lua_error(h->rs->L, rc, &h->rs->lim, "", &e);
    rule_failed(h, e.message);
    return true;
}

typedef struct rl_call {
    const rl_hit *h;
    const pat_match *m;
    rl_verdict *v;
} rl_call;

/*
** Inside the protected call, so that running out of memory while the
** match is made into tables is the rule's error too: the action, its
** match, and what it returned; true on the stack to keep the match.
*/
static int call_action(lua_State *L) {
    const rl_call *c = lua_touserdata(L, 1);
    push_action(c->h);
    push_match(c->h, c->m);
    lua_call(L, 1, 1);
    if (lua_istable(L, -1)) read_verdict(L, c->h, lua_gettop(L), c->v);
    lua_pushboolean(L, !(lua_isboolean(L, -1) && !lua_toboolean(L, -1)));
    return 1;
}

/* Run 'f' with the light userdata 'ud', protected; the Lua status. */
static int protected_call(const rl_hit *h, lua_CFunction f, void *ud) {
    lua_State *L = h->rs->L;
    if (!lua_checkstack(L, 8)) return LUA_ERRMEM;
    lua_pushcfunction(L, f);
    lua_pushlightuserdata(L, ud);
    h->rs->hit = h;
    int rc = lx_pcall(L, 1, 1);
    h->rs->hit = NULL;
    return rc;
}

bool rl_act(const rl_hit *h, const pat_match *m, rl_verdict *v) {
    *v = (rl_verdict){h->rule->type, 0, 0};
    if (!h->rule->has_action) return true;
    lua_State *L = h->rs->L;
    int top = lua_gettop(L);
    rl_call c = {h, m, v};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = protected_call(h, call_action, &c);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    h->rs->lua_calls++;
    h->rs->lua_nanos += (uint64_t)((t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
    bool keep = !failed(h, rc) && lua_toboolean(L, -1);
    lua_settop(L, top);
    return keep;
}

void rl_stats(const void *session_state, uint64_t *calls, uint64_t *nanoseconds) {
    const rl_session *rs = session_state;
    *calls = rs->lua_calls;
    *nanoseconds = rs->lua_nanos;
}

/* The document as a hook sees it: id, lang, text, sentences and entities. */
static void push_document(lua_State *L, const rl_hit *h) {
    const entrel_doc *doc = h->doc;
    lua_createtable(L, 0, 6);
    lua_pushstring(L, doc->id);
    lua_setfield(L, -2, "id");
    lua_pushstring(L, entrel_lang_name(doc->lang));
    lua_setfield(L, -2, "lang");
    lua_pushlstring(L, (const char *)doc->clean, doc->len);
    lua_setfield(L, -2, "text");
    lua_createtable(L, (int)doc->sents.n, 0);
    for (size_t i = 0; i < doc->sents.n; i++) {
        push_span(L, doc, doc->sents.v[i].first, doc->sents.v[i].last);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "sentences");
    lua_createtable(L, (int)doc->ents.n, 0);
    for (size_t i = 0, t = 0; i < doc->ents.n; i++) {
        const ann_entity *e = &doc->ents.v[i];
        while (t < doc->toks.n && doc->toks.v[t].end <= e->start) t++;
        size_t u = t;
        while (u < doc->toks.n && doc->toks.v[u].start < e->end) u++;
        push_span(L, doc, (uint32_t)t, (uint32_t)u);
        lua_pushstring(L, doc_atom_str(doc, e->type));
        lua_setfield(L, -2, "type");
        if (e->canonical) {
            lua_pushstring(L, doc_atom_str(doc, e->canonical));
            lua_setfield(L, -2, "canonical");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "entities");
}

static int call_hook(lua_State *L) {
    const rl_hit *h = lua_touserdata(L, 1);
    push_action(h);
    push_document(L, h);
    lua_call(L, 1, 0);
    return 0;
}

int rl_hook(const rl_hit *h) {
    lua_State *L = h->rs->L;
    int top = lua_gettop(L);
    failed(h, protected_call(h, call_hook, (void *)h));
    lua_settop(L, top);
    return ENTREL_E_OK;
}
