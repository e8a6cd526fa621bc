/*
** lentrel.c: the entrel Lua module, for plain lua5.4 programs:
**
**   local entrel = require "entrel"
**   local engine = entrel.engine { rules = {"rules/fr"}, data_dir = "rules" }
**   local doc = engine:extract("Le ministre Jean Dupont ...", {id = "a", date = "2025-03-28"})
**   for _, e in ipairs(doc.entities) do print(e.type, e.text, e.source) end
**
** An engine is a userdata freed by the garbage collector; it keeps one
** session for its extractions.  A document comes back as plain tables:
** id, lang, entities, relations and clusters (and tokens when asked),
** offsets in bytes from 1 as Lua counts, inclusive of the last byte.
** It uses only the public API (entrel.h).
** See LICENSE for copyright and licence.
*/
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "entrel.h"

#define ENGINE "entrel.engine"
#define MAX_PATHS 64

typedef struct lengine {
    entrel_engine *engine;
    entrel_session *session;
} lengine;

/* ------------------------------------------------------------ options */

/* The strings of list field 'key' of the table at 1 into 'out'; how many. */
static size_t string_list(lua_State *L, const char *key, const char **out) {
    size_t n = 0;
    if (lua_getfield(L, 1, key) == LUA_TTABLE) {
        for (lua_Integer i = 1; lua_rawgeti(L, -1, i) == LUA_TSTRING; i++) {
            if (n == MAX_PATHS) luaL_error(L, "%s: at most %d paths", key, MAX_PATHS);
            out[n++] = lua_tostring(L, -1);     /* kept alive by the options table */
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    } else if (!lua_isnil(L, -1)) {
        luaL_error(L, "%s must be a list of paths", key);
    }
    lua_pop(L, 1);
    return n;
}

static const char *string_field(lua_State *L, const char *key) {
    lua_getfield(L, 1, key);
    const char *s = lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1);
    lua_pop(L, 1);
    return s;
}

/* entrel.engine {rules, gazetteers, plugins, data_dir, lang}: an engine, or nil and the error. */
static int new_engine(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    const char *rules[MAX_PATHS], *gazetteers[MAX_PATHS], *plugins[MAX_PATHS];
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.rules = rules;
    o.rule_count = string_list(L, "rules", rules);
    o.gazetteers = gazetteers;
    o.gazetteer_count = string_list(L, "gazetteers", gazetteers);
    o.plugins = plugins;
    o.plugin_count = string_list(L, "plugins", plugins);
    o.data_dir = string_field(L, "data_dir");
    const char *lang = string_field(L, "lang");
    if (lang && entrel_lang_parse(lang) < 0) return luaL_error(L, "lang must be fr, en or auto");
    if (lang) o.lang = (entrel_lang)entrel_lang_parse(lang);
    lengine *e = lua_newuserdatauv(L, sizeof *e, 0);
    *e = (lengine){0};
    luaL_setmetatable(L, ENGINE);
    entrel_error err = {0};
    e->engine = entrel_engine_new(&o, &err);
    e->session = e->engine ? entrel_session_new(e->engine) : NULL;
    if (e->session == NULL) {
        lua_pushnil(L);
        if (err.file[0] && err.line) lua_pushfstring(L, "%s:%d: %s", err.file, err.line, err.message);
        else if (err.file[0]) lua_pushfstring(L, "%s: %s", err.file, err.message);
        else lua_pushstring(L, e->engine ? "cannot start a session" : err.message);
        return 2;
    }
    return 1;
}

static int engine_gc(lua_State *L) {
    lengine *e = luaL_checkudata(L, 1, ENGINE);
    entrel_session_free(e->session);
    entrel_engine_free(e->engine);
    *e = (lengine){0};
    return 0;
}

/* ------------------------------------------------------------ results */

static void set_string(lua_State *L, const char *key, const char *s, size_t n) {
    if (s == NULL) return;
    lua_pushlstring(L, s, n);
    lua_setfield(L, -2, key);
}

static void set_cstring(lua_State *L, const char *key, const char *s) {
    if (s) set_string(L, key, s, strlen(s));
}

static void set_integer(lua_State *L, const char *key, lua_Integer v) {
    lua_pushinteger(L, v);
    lua_setfield(L, -2, key);
}

/* Byte offsets as Lua's string functions take them: first byte 1, last included. */
static void set_span(lua_State *L, size_t start, size_t end) {
    set_integer(L, "first", (lua_Integer)start + 1);
    set_integer(L, "last", (lua_Integer)end);
}

static void push_entities(lua_State *L, const entrel_doc *doc) {
    size_t n = entrel_doc_entity_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        entrel_entity e;
        entrel_doc_entity(doc, i, &e);
        lua_createtable(L, 0, 10);
        set_string(L, "text", e.text, e.end - e.start);
        set_span(L, e.start, e.end);
        set_cstring(L, "type", e.type);
        set_cstring(L, "value", e.value);
        set_cstring(L, "canonical", e.canonical);
        set_cstring(L, "kb", e.kb);
        set_cstring(L, "source", e.source);
        set_cstring(L, "rule", e.rule);
        set_cstring(L, "features", e.features);
        set_integer(L, "cluster", (lua_Integer)e.cluster + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_arg(lua_State *L, const char *key, const entrel_relation_arg *a) {
    lua_createtable(L, 0, 4);
    set_string(L, "text", a->text, a->end - a->start);
    set_span(L, a->start, a->end);
    if (a->entity >= 0) set_integer(L, "entity", a->entity + 1);
    lua_setfield(L, -2, key);
}

static void push_relations(lua_State *L, const entrel_doc *doc) {
    size_t n = entrel_doc_relation_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        entrel_relation r;
        entrel_doc_relation(doc, i, &r);
        lua_createtable(L, 0, 4);
        set_cstring(L, "type", r.type);
        set_cstring(L, "rule", r.rule);
        push_arg(L, "head", &r.head);
        push_arg(L, "tail", &r.tail);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_clusters(lua_State *L, const entrel_doc *doc) {
    size_t n = entrel_doc_cluster_count(doc), ne = entrel_doc_entity_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        entrel_cluster c;
        entrel_doc_cluster(doc, i, &c);
        lua_createtable(L, 0, 3);
        set_cstring(L, "type", c.type);
        set_cstring(L, "name", c.name);
        lua_createtable(L, (int)c.size, 0);
        for (size_t e = c.first, k = 0; k < c.size && e < ne; e++) {
            entrel_entity x;
            entrel_doc_entity(doc, e, &x);
            if (x.cluster != i) continue;
            lua_pushinteger(L, (lua_Integer)e + 1);
            lua_rawseti(L, -2, (lua_Integer)++k);
        }
        lua_setfield(L, -2, "mentions");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_tokens(lua_State *L, const entrel_doc *doc) {
    size_t n = entrel_doc_token_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        entrel_token t;
        entrel_doc_token(doc, i, &t);
        lua_createtable(L, 0, 7);
        set_string(L, "text", t.text, t.end - t.start);
        set_span(L, t.start, t.end);
        set_cstring(L, "kind", entrel_token_kind_name(t.kind));
        set_cstring(L, "norm", t.norm);
        set_cstring(L, "fold", t.fold);
        set_cstring(L, "shape", t.shape);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* engine:extract(text [, {id, date, tokens}]): the document as tables, or nil and the error. */
static int extract(lua_State *L) {
    lengine *e = luaL_checkudata(L, 1, ENGINE);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    const char *id = "lua";
    entrel_doc_options o = {0};
    int tokens = 0;
    if (lua_istable(L, 3)) {
        if (lua_getfield(L, 3, "id") == LUA_TSTRING) id = lua_tostring(L, -1);
        if (lua_getfield(L, 3, "date") == LUA_TSTRING) o.date = lua_tostring(L, -1);
        tokens = lua_getfield(L, 3, "tokens") != LUA_TNIL && lua_toboolean(L, -1);
    }
    if (e->session == NULL) return luaL_error(L, "the engine is closed");
    entrel_doc *doc;
    int rc = entrel_session_process_with(e->session, id, text, len, &o, &doc);
    if (rc != ENTREL_E_OK) {
        lua_pushnil(L);
        lua_pushstring(L, entrel_strerror(rc));
        return 2;
    }
    lua_createtable(L, 0, 6);
    set_cstring(L, "id", id);
    set_cstring(L, "lang", entrel_lang_name(entrel_doc_lang(doc)));
    push_entities(L, doc);
    lua_setfield(L, -2, "entities");
    push_relations(L, doc);
    lua_setfield(L, -2, "relations");
    push_clusters(L, doc);
    lua_setfield(L, -2, "clusters");
    if (tokens) {
        push_tokens(L, doc);
        lua_setfield(L, -2, "tokens");
    }
    entrel_doc_free(doc);
    return 1;
}

/* ------------------------------------------------------------ module */

int luaopen_entrel(lua_State *L);
int luaopen_entrel(lua_State *L) {
    static const luaL_Reg engine_methods[] = {{"extract", extract}, {"close", engine_gc}, {NULL, NULL}};
    static const luaL_Reg module[] = {{"engine", new_engine}, {NULL, NULL}};
    luaL_newmetatable(L, ENGINE);
    luaL_newlib(L, engine_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, engine_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newlib(L, module);
    lua_pushstring(L, entrel_version_string());
    lua_setfield(L, -2, "version");
    return 1;
}
