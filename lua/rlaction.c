/*
** rlaction.c: rule actions.  An action is called with the match as a
** table: text, first and last (token numbers, from 1), rule, lang, and a
** field per named element, each {text, first, last}.  It returns nothing
** to keep the match, false to veto it, or a table to change what the
** match makes:
**   return {type = "ORG", canonical = "UNODC", features = {acronym = "yes"}}
** It may also add annotations of its own, over token numbers of the match:
**   add_entity {type = "ORG", span = m.acronym}
**   add_relation {type = "alias_of", head = m.short, tail = m.long}
** and look around the match with token(n), any token of the document,
** and ask is_acronym(short, long).
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

/* A document atom for the string field 'key' of the table at 'idx', or 'fallback'. */
static uint32_t atom_field(lua_State *L, entrel_doc *doc, int idx, const char *key,
                           uint32_t fallback) {
    uint32_t a = fallback;
    if (lua_getfield(L, idx, key) == LUA_TSTRING) a = doc_atom(doc, lua_tostring(L, -1));
    else if (!lua_isnil(L, -1)) luaL_error(L, "%s must be a string", key);
    lua_pop(L, 1);
    return a;
}

static int by_key(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* features = {k = v, ...} as the atom "k=v;k=v", keys sorted; 0 without. */
static uint32_t features_field(lua_State *L, entrel_doc *doc, int idx) {
    uint32_t atom = 0;
    if (lua_getfield(L, idx, "features") == LUA_TTABLE) {
        int t = lua_gettop(L);
        const char *keys[32];
        size_t n = 0, len = 0;
        lua_pushnil(L);
        while (n < 32 && lua_next(L, t)) {
            if (lua_type(L, -2) == LUA_TSTRING) keys[n++] = lua_tostring(L, -2);
            lua_pop(L, 1);
        }
        if (n == 32) lua_pop(L, 1);            /* the key lua_next left */
        qsort(keys, n, sizeof *keys, by_key);
        char buf[1024];
        buf[0] = '\0';
        for (size_t i = 0; i < n && len < sizeof buf; i++) {
            lua_getfield(L, t, keys[i]);
            const char *v = luaL_tolstring(L, -1, NULL);
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s=%s", i ? ";" : "", keys[i], v);
            lua_pop(L, 2);
        }
        if (len >= sizeof buf) luaL_error(L, "features are longer than 1024 bytes");
        atom = n ? doc_atom(doc, buf) : 0;
    }
    lua_pop(L, 1);
    return atom;
}

/* Read the action's verdict at the top of the stack (inside a protected call). */
static int read_verdict(lua_State *L) {
    rl_session *rs = lua_touserdata(L, 1);
    rl_verdict *v = lua_touserdata(L, 2);
    entrel_doc *doc = rs->hit->doc;
    v->type = atom_field(L, doc, 3, "type", v->type);
    v->canonical = atom_field(L, doc, 3, "canonical", 0);
    v->features = features_field(L, doc, 3);
    return 0;
}

static bool failed(const rl_hit *h, int rc) {
    if (rc == LUA_OK) return false;
    entrel_error e;
    rl_lua_error(h->rs->L, rc, &h->rs->lim, "", &e);
    doc_add_rule_error(h->doc, h->rule->where, e.message);
    return true;
}

bool rl_act(const rl_hit *h, const pat_match *m, rl_verdict *v) {
    *v = (rl_verdict){h->rule->type, 0, 0};
    if (!h->rule->has_action) return true;
    lua_State *L = h->rs->L;
    int top = lua_gettop(L);
    push_action(h);
    push_match(h, m);
    h->rs->hit = h;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = lx_pcall(L, 1, 1);
    if (rc == LUA_OK && lua_istable(L, -1)) {
        lua_pushcfunction(L, read_verdict);
        lua_pushlightuserdata(L, h->rs);
        lua_pushlightuserdata(L, v);
        lua_pushvalue(L, -4);
        rc = lx_pcall(L, 3, 0);
    }
    h->rs->hit = NULL;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    h->rs->lua_calls++;
    h->rs->lua_nanos += (uint64_t)((t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
    bool keep = !failed(h, rc) && !(lua_isboolean(L, -1) && !lua_toboolean(L, -1));
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

int rl_hook(const rl_hit *h) {
    lua_State *L = h->rs->L;
    int top = lua_gettop(L);
    push_action(h);
    push_document(L, h);
    h->rs->hit = h;
    int rc = lx_pcall(L, 1, 0);
    h->rs->hit = NULL;
    failed(h, rc);
    lua_settop(L, top);
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ emitting */

static const rl_hit *current(lua_State *L, const char *what) {
    rl_session *rs = lua_touserdata(L, lua_upvalueindex(1));
    if (rs == NULL || rs->hit == NULL) luaL_error(L, "%s works only inside a rule's action", what);
    return rs->hit;
}

/* The span table in field 'key' as tokens [*a, *b) of the document. */
static void span_field(lua_State *L, const rl_hit *h, const char *key, uint32_t *a, uint32_t *b) {
    if (lua_getfield(L, 1, key) != LUA_TTABLE) luaL_error(L, "%s must be a span such as m.name", key);
    lua_getfield(L, -1, "first");
    lua_getfield(L, -2, "last");
    lua_Integer first = luaL_checkinteger(L, -2), last = luaL_checkinteger(L, -1);
    if (first < 1 || last < first || (size_t)last > h->doc->toks.n)
        luaL_error(L, "%s: tokens %d to %d are not in the document", key, (int)first, (int)last);
    *a = (uint32_t)first - 1;
    *b = (uint32_t)last;
    lua_pop(L, 3);
}

static int emit_entity(lua_State *L) {
    const rl_hit *h = current(L, "add_entity");
    luaL_checktype(L, 1, LUA_TTABLE);
    if (h->rule->kind == RL_RELATION || h->rule->kind == RL_HOOK)
        return luaL_error(L, "add_entity works in entity and regex rules, before entities are settled");
    uint32_t a, b;
    span_field(L, h, "span", &a, &b);
    const tok *t = h->doc->toks.v;
    ann_entity e = {.start = t[a].start, .end = t[b - 1].end,
                    .type = atom_field(L, h->doc, 1, "type", 0),
                    .canonical = atom_field(L, h->doc, 1, "canonical", 0),
                    .features = features_field(L, h->doc, 1), .source = h->rule->source,
                    .rule = h->rule->where, .priority = h->rule->priority};
    if (e.type == 0) return luaL_error(L, "add_entity wants a type");
    if (doc_add_candidate(h->doc, &e) != ENTREL_E_OK) return luaL_error(L, "out of memory");
    return 0;
}

static int emit_relation(lua_State *L) {
    const rl_hit *h = current(L, "add_relation");
    luaL_checktype(L, 1, LUA_TTABLE);
    if (h->rule->kind != RL_RELATION && h->rule->kind != RL_HOOK)
        return luaL_error(L, "add_relation works in relation rules and on_document, once entities are settled");
    uint32_t ha, hb, ta, tb;
    span_field(L, h, "head", &ha, &hb);
    span_field(L, h, "tail", &ta, &tb);
    const tok *t = h->doc->toks.v;
    ann_relation r = {.type = atom_field(L, h->doc, 1, "type", 0), .rule = h->rule->where,
                      .head = rl_arg_of(h->rs, h->doc, ha, hb),
                      .tail = rl_arg_of(h->rs, h->doc, ta, tb),
                      .ev_start = t[ha < ta ? ha : ta].start,
                      .ev_end = t[(hb > tb ? hb : tb) - 1].end};
    if (r.type == 0) return luaL_error(L, "add_relation wants a type");
    if (doc_add_relation(h->doc, &r) != ENTREL_E_OK) return luaL_error(L, "out of memory");
    return 0;
}

/*
** token(n): token n of the document (from 1), for an action that looks
** around its match, as {text, lower, fold, stem, shape, kind, entity}
** (entity: the type of the entity that holds it, as this phase has them);
** nil past either end.
*/
static int token_at(lua_State *L) {
    const rl_hit *h = current(L, "token");
    lua_Integer n = luaL_checkinteger(L, 1);
    const entrel_doc *doc = h->doc;
    if (n < 1 || (size_t)n > doc->toks.n) return lua_pushnil(L), 1;
    const tok *t = &doc->toks.v[n - 1];
    lua_createtable(L, 0, 7);
    lua_pushlstring(L, (const char *)doc->clean + t->start, t->end - t->start);
    lua_setfield(L, -2, "text");
    static const char *const forms[] = {"lower", "fold", "stem", "shape"};
    const uint32_t atoms[] = {t->norm, t->fold, t->stem, t->shape};
    for (int k = 0; k < 4; k++) {
        lua_pushstring(L, doc_atom_str(doc, atoms[k]));
        lua_setfield(L, -2, forms[k]);
    }
    lua_pushstring(L, entrel_token_kind_name((entrel_token_kind)t->kind));
    lua_setfield(L, -2, "kind");
    uint32_t type = h->rs->ent_type ? h->rs->ent_type[n - 1] : 0;
    if (type) {
        lua_pushstring(L, doc_atom_str(doc, type));
        lua_setfield(L, -2, "entity");
    }
    return 1;
}

/*
** is_acronym(short, long): whether the letters of 'short' are, in order,
** initials of the words of 'long', the first letter the first word's;
** case and accents do not count.  A pure function, so it works anywhere.
*/
static int is_acronym(lua_State *L) {
    size_t an, fn;
    const char *acr = luaL_checklstring(L, 1, &an), *full = luaL_checklstring(L, 2, &fn);
    lua_pushboolean(L, acr_fits(acr, an, full, fn));
    return 1;
}

/* In the engine's state, where no action runs, 'rs' is NULL and they only complain. */
void rl_open_emit(lua_State *L, rl_session *rs) {
    lua_pushlightuserdata(L, rs);
    lua_pushcclosure(L, emit_entity, 1);
    lua_setglobal(L, "add_entity");
    lua_pushlightuserdata(L, rs);
    lua_pushcclosure(L, emit_relation, 1);
    lua_setglobal(L, "add_relation");
    lua_pushlightuserdata(L, rs);
    lua_pushcclosure(L, token_at, 1);
    lua_setglobal(L, "token");
    lua_pushcfunction(L, is_acronym);
    lua_setglobal(L, "is_acronym");
}
