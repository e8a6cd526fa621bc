/*
** lxlib.c: the library functions of the sandbox whose work in C a few
** instructions can make endless, charged to the budget before they work.
** table.insert and table.remove shift as many elements as the table's
** length says, and a __len may say 2^40; table.move, concat and sort go
** as far as their arguments; string.rep("", 2^50) loops without ever
** allocating.  The count hook never sees C, so each of these is charged
** first what it is about to do, and a rule that asks too much fails with
** its file:line.  string.dump goes: binary chunks cannot be loaded anyway.
** See LICENSE for copyright and licence.
*/
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "luarules.h"

/* Elements a call will touch, from two positions; 0 when the range is empty. */
static uint64_t span(lua_Integer from, lua_Integer to) {
    return to < from ? 0 : (uint64_t)to - (uint64_t)from + 1;
}

/* table.insert(t, [pos,] v), shifting what it must, charged first. */
static int lx_insert(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer e = luaL_len(L, 1);
    if (e == LUA_MAXINTEGER) return luaL_error(L, "table is too large to insert into");
    e++;                                 /* the first empty slot */
    lua_Integer pos = e;
    if (lua_gettop(L) == 3) {
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        lx_charge(L, span(pos, e));
        for (lua_Integer i = e; i > pos; i--) {
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
    } else if (lua_gettop(L) != 2) {
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

/* table.remove(t [, pos]), the same way. */
static int lx_remove(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer size = luaL_len(L, 1);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lx_charge(L, span(pos, size));
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

/* The library's own function, kept as upvalue 1, called with the same arguments. */
static int call_original(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static int lx_move(lua_State *L) {
    lx_charge(L, span(luaL_checkinteger(L, 2), luaL_checkinteger(L, 3)));
    return call_original(L);
}

static int lx_concat(lua_State *L) {
    lua_Integer i = luaL_optinteger(L, 3, 1);
    if (!lua_istable(L, 1)) return call_original(L);     /* for its own message */
    lua_Integer j = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
    lx_charge(L, span(i, j));
    return call_original(L);
}

/* n log n comparisons, for the length the table has now. */
static int lx_sort(lua_State *L) {
    if (!lua_istable(L, 1)) return call_original(L);
    lua_Integer n = luaL_len(L, 1);
    uint64_t cost = n > 1 ? (uint64_t)n : 1;
    for (lua_Integer k = n; k > 1; k >>= 1) cost += (uint64_t)n;
    lx_charge(L, cost);
    return call_original(L);
}

static int lx_rep(lua_State *L) {
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    lx_charge(L, (uint64_t)n / 16 + 1);
    return call_original(L);
}

/* Replace t[name] with 'f', the old value as its upvalue. */
static void wrap(lua_State *L, const char *name, lua_CFunction f) {
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, -2, name);
}

void lx_open_lib(lua_State *L) {
    lua_getglobal(L, LUA_TABLIBNAME);
    lua_pushcfunction(L, lx_insert);
    lua_setfield(L, -2, "insert");
    lua_pushcfunction(L, lx_remove);
    lua_setfield(L, -2, "remove");
    wrap(L, "move", lx_move);
    wrap(L, "concat", lx_concat);
    wrap(L, "sort", lx_sort);
    lua_pop(L, 1);
    lua_getglobal(L, LUA_STRLIBNAME);
    wrap(L, "rep", lx_rep);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    lx_open_patterns(L);
}
