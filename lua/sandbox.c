/*
** sandbox.c: the Lua states that run rule files.  A rule file gets the
** base library without dofile, loadfile and binary chunks, and string,
** table, math and utf8: no io, os, debug or package.  Its memory is
** capped by the allocator, and its instructions by a count hook that the
** caller arms around each piece of work, so a runaway rule fails alone.
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

static void lx_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lx_limits *lim;
    lua_getallocf(L, (void **)&lim);
    if (lim->budget == 0) return;
    if (lim->spent >= lim->budget) {
        /* a hook runs in the frame it interrupted: level 0 is the rule's code */
        luaL_where(L, 0);
        lua_pushstring(L, "instruction budget exceeded");
        lua_concat(L, 2);
        lua_error(L);
    }
    lim->spent += LX_HOOK_EVERY;
}

/* load() for text chunks only: a binary chunk could break the VM. */
static int lx_load(lua_State *L) {
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    return 1;
}

static void open_lib(lua_State *L, const char *name, lua_CFunction open) {
    luaL_requiref(L, name, open, 1);
    lua_pop(L, 1);
}

static void drop_global(lua_State *L, const char *name) {
    lua_pushnil(L);
    lua_setglobal(L, name);
}

lua_State *lx_new(lx_limits *lim) {
    lua_State *L = lua_newstate(lx_alloc, lim);
    if (L == NULL) return NULL;
    open_lib(L, LUA_GNAME, luaopen_base);
    open_lib(L, LUA_STRLIBNAME, luaopen_string);
    open_lib(L, LUA_TABLIBNAME, luaopen_table);
    open_lib(L, LUA_MATHLIBNAME, luaopen_math);
    open_lib(L, LUA_UTF8LIBNAME, luaopen_utf8);
    drop_global(L, "dofile");
    drop_global(L, "loadfile");
    drop_global(L, "collectgarbage");
    lua_pushcfunction(L, lx_load);
    lua_setglobal(L, "load");
    lua_sethook(L, lx_hook, LUA_MASKCOUNT, LX_HOOK_EVERY);
    return L;
}

void lx_arm(lx_limits *lim, uint64_t budget) {
    lim->budget = budget;
    lim->spent = 0;
}

/* A message handler for lua_pcall: the error as a string, never a table. */
static int lx_message(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) msg = luaL_typename(L, 1);
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
