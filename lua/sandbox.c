/*
** sandbox.c: the Lua states that run rule files.  A rule file gets the
** base library without dofile, loadfile, collectgarbage and binary
** chunks, and string, table, math and utf8: no io, os, debug, package or
** coroutine.  Its memory is capped by the allocator, and its work by a
** budget of instructions that the caller arms around each piece of work:
** the count hook charges the VM's instructions, and the library functions
** whose work a few instructions can make endless (patterns, table moves,
** string.rep: lxlib.c) charge theirs.  A spent budget cannot be caught by
** pcall, and finalizers run under it too, so a runaway rule fails alone.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "luarules.h"

/* Instructions between two looks at the budget. */
#define LX_HOOK_EVERY 1000

static void *lx_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    lx_limits *lim = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        er_free(ptr);
        lim->used -= old;
        return NULL;
    }
    if (nsize > old && lim->max_bytes && lim->used - old + nsize > lim->max_bytes) return NULL;
    void *p = er_realloc(ptr, nsize);
    if (p) lim->used = lim->used - old + nsize;
    return p;
}

static lx_limits *limits_of(lua_State *L) {
    void *lim;
    lua_getallocf(L, &lim);
    return lim;
}

bool lx_exhausted(const lx_limits *lim) { return lim->budget && lim->spent >= lim->budget; }

/* "instruction budget exceeded", at the position 'level' names. */
static int budget_error(lua_State *L, int level) {
    luaL_where(L, level);
    lua_pushstring(L, "instruction budget exceeded");
    lua_concat(L, 2);
    return lua_error(L);
}

void lx_charge(lua_State *L, uint64_t cost) {
    lx_limits *lim = limits_of(L);
    if (lim->budget == 0) return;
    lim->spent = cost > UINT64_MAX - lim->spent ? UINT64_MAX : lim->spent + cost;
    if (lim->spent >= lim->budget) budget_error(L, 1);
}

/*
** The count hook charges the VM's instructions; while a file loads, the
** line hook also notes the line that runs, for the errors that come
** without one (a memory error calls no message handler).
*/
static void lx_hook(lua_State *L, lua_Debug *ar) {
    lx_limits *lim = limits_of(L);
    if (ar->event == LUA_HOOKLINE) {
        lim->line = ar->currentline;
        return;
    }
    if (lim->budget == 0) return;
    if (lim->spent >= lim->budget) budget_error(L, 0);   /* level 0: the interrupted code */
    lim->spent += LX_HOOK_EVERY;
}

void lx_track_lines(lua_State *L, bool on) {
    limits_of(L)->line = 0;
    lua_sethook(L, lx_hook, LUA_MASKCOUNT | (on ? LUA_MASKLINE : 0), LX_HOOK_EVERY);
}

/* ------------------------------------------------------------ load */

/* load's reader for a function source: each piece it returns, kept alive in slot 5. */
static const char *read_piece(lua_State *L, void *ud, size_t *size) {
    (void)ud;
    luaL_checkstack(L, 2, "too many nested functions");
    lua_pushvalue(L, 1);
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        *size = 0;
        return NULL;
    }
    if (!lua_isstring(L, -1)) luaL_error(L, "reader function must return a string");
    lua_replace(L, 5);
    return lua_tolstring(L, 5, size);
}

/*
** load(chunk [, name [, mode [, env]]]) as the manual has it, for text
** chunks only: a binary chunk could break the VM.
*/
static int lx_load(lua_State *L) {
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    const char *mode = luaL_optstring(L, 3, "bt");
    bool has_env = !lua_isnone(L, 4);
    int rc;
    if (strchr(mode, 't') == NULL) {
        luaL_pushfail(L);
        lua_pushfstring(L, "attempt to load a text chunk (mode is '%s')", mode);
        return 2;
    }
    if (s != NULL) {
        rc = luaL_loadbufferx(L, s, len, luaL_optstring(L, 2, s), "t");
    } else {
        luaL_checktype(L, 1, LUA_TFUNCTION);
        lua_settop(L, 5);               /* slot 5 keeps the reader's last piece */
        rc = lua_load(L, read_piece, NULL, luaL_optstring(L, 2, "=(load)"), "t");
    }
    if (rc != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
        if (lua_setupvalue(L, -2, 1) == NULL) lua_pop(L, 1);
    }
    return 1;
}

/* ------------------------------------------------------------ pcall */

/* pcall and xpcall catch errors, but not a spent budget: it goes on up. */
static int finish_pcall(lua_State *L, int status, int base) {
    if (status != LUA_OK && lx_exhausted(limits_of(L))) return lua_error(L);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, base);
    return lua_gettop(L) - base + 1;
}

static int lx_pcall_lua(lua_State *L) {
    luaL_checkany(L, 1);
    return finish_pcall(L, lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0), 1);
}

/*
** xpcall(f, handler, ...): the handler runs once the stack has unwound,
** not at the point of the error as Lua's own does: after an error raised
** by the count hook, Lua turns hooks off until the protected call ends,
** and a handler that looped there would never meet the budget.
*/
static int lx_xpcall_lua(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);                /* f, then its arguments, above the handler */
    lua_rotate(L, 3, 1);
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 0);
    if (status == LUA_OK || status == LUA_ERRMEM || lx_exhausted(limits_of(L)))
        return finish_pcall(L, status, 3);
    lua_pushvalue(L, 2);
    lua_insert(L, -2);
    status = lua_pcall(L, 1, 1, 0);
    if (status != LUA_OK && lx_exhausted(limits_of(L))) return lua_error(L);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

/* ------------------------------------------------------------ finalizers */

#define LX_FINALIZER "entrel.finalizer"
#define LX_ANCHORS "entrel.anchors"

/*
** Lua runs finalizers with hooks off, so a __gc that loops would never
** meet the budget.  So a table set a metatable with __gc is not marked
** for Lua's own finalization (the field is hidden while it is set, and
** put back): a sentinel that lives as long as the table is, and the
** sentinel's finalizer runs the table's __gc in a coroutine of its own,
** where hooks are on.  All finalizers of a state share a budget of their
** own, the size of a document's: when the collector runs is chance, and
** a document's results must not depend on what garbage it met.
*/
static int run_finalizer(lua_State *L) {
    lx_limits *lim = limits_of(L);
    lua_rawgeti(L, 1, 1);
    if (!lua_getmetatable(L, -1)) return 0;
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, -2) == LUA_TNIL || lim->idle_spent >= lim->idle_budget) return 0;
    uint64_t spent = lim->spent, budget = lim->budget;
    lim->spent = lim->idle_spent;
    lim->budget = lim->idle_budget;
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, -2);
    lua_pushvalue(L, 2);
    lua_xmove(L, co, 2);
    int nres, rc = lua_resume(co, L, 1, &nres);
    lim->idle_spent = lim->spent;
    lim->spent = spent;
    lim->budget = budget;
    if (rc != LUA_OK && lim->say) lim->say(lim->say_ud, "__gc", lua_tostring(co, -1));
    lua_resetthread(co);
    return 0;
}

static int lx_setmetatable(lua_State *L) {
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_pushliteral(L, "__gc");
    if (t == LUA_TNIL || lua_rawget(L, 2) == LUA_TNIL) {
        lua_settop(L, 2);
        lua_setmetatable(L, 1);
        return 1;
    }
    lua_pushliteral(L, "__gc");         /* 3: the finalizer, hidden while the metatable is set */
    lua_pushnil(L);
    lua_rawset(L, 2);
    lua_pushvalue(L, 2);
    lua_setmetatable(L, 1);
    lua_pushliteral(L, "__gc");
    lua_pushvalue(L, 3);
    lua_rawset(L, 2);
    lua_getfield(L, LUA_REGISTRYINDEX, LX_ANCHORS);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, -2) == LUA_TNIL) {  /* one sentinel per table */
        lua_createtable(L, 1, 0);
        lua_pushvalue(L, 1);
        lua_rawseti(L, -2, 1);
        luaL_setmetatable(L, LX_FINALIZER);
        lua_pushvalue(L, 1);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_settop(L, 1);
    return 1;
}

static void open_finalizers(lua_State *L) {
    luaL_newmetatable(L, LX_FINALIZER);
    lua_pushcfunction(L, run_finalizer);
    lua_setfield(L, -2, "__gc");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    lua_newtable(L);                    /* table -> sentinel, weak keys: an ephemeron */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, LX_ANCHORS);
    lua_pushcfunction(L, lx_setmetatable);
    lua_setglobal(L, "setmetatable");
}

/* ------------------------------------------------------------ states */

static void open_lib(lua_State *L, const char *name, lua_CFunction open) {
    luaL_requiref(L, name, open, 1);
    lua_pop(L, 1);
}

static void set_global(lua_State *L, const char *name, lua_CFunction f) {
    if (f) lua_pushcfunction(L, f);
    else lua_pushnil(L);
    lua_setglobal(L, name);
}

/* The string metatable is shared by every string: getmetatable("") must not hand it out. */
static void protect_strings(lua_State *L) {
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
}

static int open_all(lua_State *L) {
    open_lib(L, LUA_GNAME, luaopen_base);
    open_lib(L, LUA_STRLIBNAME, luaopen_string);
    open_lib(L, LUA_TABLIBNAME, luaopen_table);
    open_lib(L, LUA_MATHLIBNAME, luaopen_math);
    open_lib(L, LUA_UTF8LIBNAME, luaopen_utf8);
    set_global(L, "dofile", NULL);
    set_global(L, "loadfile", NULL);
    set_global(L, "collectgarbage", NULL);
    set_global(L, "load", lx_load);
    set_global(L, "pcall", lx_pcall_lua);
    set_global(L, "xpcall", lx_xpcall_lua);
    open_finalizers(L);
    protect_strings(L);
    lx_open_lib(L);
    return 0;
}

lua_State *lx_new(lx_limits *lim) {
    lua_State *L = lua_newstate(lx_alloc, lim);
    if (L == NULL) return NULL;
    lua_pushcfunction(L, open_all);       /* protected: opening may run out of memory */
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        lua_close(L);
        return NULL;
    }
    lua_sethook(L, lx_hook, LUA_MASKCOUNT, LX_HOOK_EVERY);
    return L;
}

void lx_close(lua_State *L) {
    if (L == NULL) return;
    lx_arm(limits_of(L), 0);            /* what finalizers remain run on their own budget */
    lua_close(L);
}

void lx_arm(lx_limits *lim, uint64_t budget) {
    lim->budget = budget;
    lim->spent = 0;
}

/* ------------------------------------------------------------ errors */

/* Whether 'msg' starts with "src:line:" of a Lua function on the stack. */
static bool has_position(lua_State *L, const char *msg) {
    lua_Debug ar;
    for (int level = 1; level < 40 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
        size_t n = strlen(ar.short_src);
        if (strncmp(msg, ar.short_src, n) != 0 || msg[n] != ':') continue;
        const char *d = msg + n + 1;
        while (*d >= '0' && *d <= '9') d++;
        if (d > msg + n + 1 && *d == ':') return true;
    }
    return false;
}

/*
** A message handler for lua_pcall: the error as a string that names the
** file and line where it happened, whatever was raised: error({}),
** error("x", 0) and error() come without one.
*/
static int lx_message(lua_State *L) {
    const char *msg;
    if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER)
        msg = lua_tostring(L, 1);
    else if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL && (lua_pop(L, 1), 1))
        msg = luaL_tolstring(L, 1, NULL);
    else
        msg = lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1));
    if (has_position(L, msg)) return lua_pushstring(L, msg), 1;
    lua_Debug ar;
    for (int level = 1; level < 40 && lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
            return 1;
        }
    }
    lua_pushstring(L, msg);
    return 1;
}

int lx_pcall(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, lx_message);
    lua_insert(L, base);
    int rc = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return rc;
}
