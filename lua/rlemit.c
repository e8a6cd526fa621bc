/*
** rlemit.c: what actions and hooks may call.  They may add annotations
** of their own, over token numbers of the match:
**   add_entity {type = "ORG", span = m.acronym}
**   add_relation {type = "alias_of", head = m.short, tail = m.long}
** look around the match with token(n), any token of the document, ask
** is_acronym(short, long), and print: what a rule prints is a rule
** warning of the document at work (never the output stream), and at load
** time a warning of the engine.
** See LICENSE for copyright and licence.
*/
#include <string.h>

#include <lauxlib.h>

#include "luarules.h"

#define RL_PRINT_LINES 100          /* per document, and per load */
#define RL_PRINT_BYTES 1000         /* per line */

static const rl_hit *current(lua_State *L, const char *what) {
    rl_session *rs = lua_touserdata(L, lua_upvalueindex(1));
    if (rs == NULL || rs->hit == NULL) luaL_error(L, "%s works only inside a rule's action", what);
    return rs->hit;
}

/* The span table in field 'key' as tokens [*a, *b) of the document. */
static void span_field(lua_State *L, const rl_hit *h, const char *key, uint32_t *a, uint32_t *b) {
    if (rl_raw_field(L, 1, key) != LUA_TTABLE) luaL_error(L, "%s must be a span such as m.name", key);
    int t = lua_gettop(L);
    lua_Integer first = rl_opt_integer(L, t, "first", key, 1, UINT32_MAX, 0);
    lua_Integer last = rl_opt_integer(L, t, "last", key, 1, UINT32_MAX, 0);
    if (first < 1 || last < first || (size_t)last > h->doc->toks.n)
        luaL_error(L, "%s: tokens %d to %d are not in the document", key, (int)first, (int)last);
    *a = (uint32_t)first - 1;
    *b = (uint32_t)last;
    lua_pop(L, 1);
}

static const char *const entity_fields[] = {"type", "span", "canonical", "features", NULL};
static const char *const relation_fields[] = {"type", "head", "tail", NULL};

static int emit_entity(lua_State *L) {
    const rl_hit *h = current(L, "add_entity");
    luaL_checktype(L, 1, LUA_TTABLE);
    if (h->rule->kind == RL_RELATION || h->rule->kind == RL_HOOK)
        return luaL_error(L, "add_entity works in entity and regex rules, before entities are settled");
    rl_check_fields(L, 1, "add_entity", entity_fields);
    uint32_t a, b;
    span_field(L, h, "span", &a, &b);
    const tok *t = h->doc->toks.v;
    ann_entity e = {.start = t[a].start, .end = t[b - 1].end,
                    .type = rl_atom_field(L, h->doc, 1, "type", 0, "add_entity"),
                    .canonical = rl_atom_field(L, h->doc, 1, "canonical", 0, "add_entity"),
                    .features = rl_features_field(L, h->doc, 1), .source = h->rule->source,
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
    rl_check_fields(L, 1, "add_relation", relation_fields);
    uint32_t ha, hb, ta, tb;
    span_field(L, h, "head", &ha, &hb);
    span_field(L, h, "tail", &ta, &tb);
    const tok *t = h->doc->toks.v;
    ann_relation r = {.type = rl_atom_field(L, h->doc, 1, "type", 0, "add_relation"),
                      .rule = h->rule->where,
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

/* A note for whoever listens: the document at work, or the engine at load. */
static void tell(rl_session *rs, entrel_engine *e, const char *file, int line, const char *msg) {
    if (rs && rs->hit) {
        char where[600];
        snprintf(where, sizeof where, "%s:%d", file, line);
        uint32_t a = doc_atom(rs->hit->doc, where);
        if (a) doc_add_rule_warning(rs->hit->doc, a, msg);
    } else if (rs == NULL && e && e->opts.on_warning) {
        entrel_error err = {.code = ENTREL_E_OK, .line = line};
        snprintf(err.file, sizeof err.file, "%.*s", (int)sizeof err.file - 1, file);
        snprintf(err.message, sizeof err.message, "%.*s", (int)sizeof err.message - 1, msg);
        e->opts.on_warning(&err, e->opts.warning_ud);
    }
    /* a session's state, between documents or loading its files again: said at load already */
}

/* print(...): its words, tab-separated as Lua's print has them, told where they belong. */
static int rl_print(lua_State *L) {
    rl_session *rs = lua_touserdata(L, lua_upvalueindex(1));
    entrel_engine *e = lua_touserdata(L, lua_upvalueindex(2));
    lx_limits *lim;
    lua_getallocf(L, (void **)&lim);
    if (lim->printed++ >= RL_PRINT_LINES) return 0;
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    if (len > RL_PRINT_BYTES) text = lua_pushfstring(L, "%s...", lua_pushlstring(L, text, RL_PRINT_BYTES));
    if (lim->printed == RL_PRINT_LINES) text = lua_pushfstring(L, "%s (and no more print output)", text);
    lua_Debug ar;
    bool known = lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar);
    tell(rs, e, known ? ar.short_src : "?", known ? ar.currentline : 0, text);
    return 0;
}

/* What a finalizer that failed has to say, where Lua would only warn. */
static void session_say(void *ud, const char *what, const char *msg) {
    rl_session *rs = ud;
    if (rs->hit == NULL) return;
    char buf[1100];
    snprintf(buf, sizeof buf, "%s: %s", what, msg ? msg : "failed");
    doc_add_rule_warning(rs->hit->doc, rs->hit->rule->where, buf);
}

static void engine_say(void *ud, const char *what, const char *msg) {
    char buf[1100];
    snprintf(buf, sizeof buf, "%s: %s", what, msg ? msg : "failed");
    tell(NULL, ud, "", 0, buf);
}

/* In the engine's state, where no action runs, 'rs' is NULL and they only complain. */
void rl_open_emit(lua_State *L, rl_session *rs, entrel_engine *e) {
    static const struct { const char *name; lua_CFunction f; } fns[] = {
        {"add_entity", emit_entity}, {"add_relation", emit_relation}, {"token", token_at},
    };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
        lua_pushlightuserdata(L, rs);
        lua_pushcclosure(L, fns[i].f, 1);
        lua_setglobal(L, fns[i].name);
    }
    lua_pushcfunction(L, is_acronym);
    lua_setglobal(L, "is_acronym");
    lua_pushlightuserdata(L, rs);
    lua_pushlightuserdata(L, e);
    lua_pushcclosure(L, rl_print, 2);
    lua_setglobal(L, "print");
    lx_limits *lim;
    lua_getallocf(L, (void **)&lim);
    lim->say = rs ? session_say : engine_say;
    lim->say_ud = rs ? (void *)rs : (void *)e;
}
