/*
** rlcheck.c: the fields of a declaration's table, read raw and checked.
** A rule file is untrusted input: a misspelt field ("befor") must not be
** ignored, a field of the wrong type must say which field and which type,
** and a number out of range must not wrap.  Fields are read with raw
** access, so that no metamethod runs in the middle of compiling a rule.
** Errors are raised in Lua; the declaration's file:line comes first.
** See LICENSE for copyright and licence.
*/
#include <string.h>

#include <lauxlib.h>

#include "luarules.h"

int rl_raw_field(lua_State *L, int idx, const char *key) {
    idx = lua_absindex(L, idx);
    lua_pushstring(L, key);
    return lua_rawget(L, idx);
}

/* Edits (insert, delete, replace, swap two) between a and b, up to 9. */
static int distance(const char *a, const char *b) {
    size_t n = strlen(a), m = strlen(b);
    if (n > 30 || m > 30) return 9;
    int d[32][32];
    for (size_t i = 0; i <= n; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

/* "(did you mean 'before'?)" or "(known: a, b, c)", pushed. */
static const char *push_hint(lua_State *L, const char *given, const char *const *known) {
    const char *best = NULL;
    int best_d = 3;
    for (size_t i = 0; known[i]; i++) {
        int d = distance(given, known[i]);
        if (d < best_d && (size_t)d < strlen(known[i])) best = known[i], best_d = d;
    }
    if (best) return lua_pushfstring(L, "(did you mean '%s'?)", best);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "(known: ");
    for (size_t i = 0; known[i]; i++) {
        if (i) luaL_addstring(&b, ", ");
        luaL_addstring(&b, known[i]);
    }
    luaL_addchar(&b, ')');
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

void rl_check_fields(lua_State *L, int idx, const char *what, const char *const *known) {
    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 6, "rule too large");
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            luaL_error(L, "%s: a field has a name, not a %s key", what, luaL_typename(L, -1));
        }
        const char *key = lua_tostring(L, -1);
        size_t i = 0;
        while (known[i] && strcmp(known[i], key) != 0) i++;
        if (known[i] == NULL)
            luaL_error(L, "%s: unknown field '%s' %s", what, key, push_hint(L, key, known));
    }
}

void rl_check_value(lua_State *L, const char *what, const char *key, const char *given,
                    const char *const *valid) {
    size_t i = 0;
    while (valid[i] && strcmp(valid[i], given) != 0) i++;
    if (valid[i]) return;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (i = 0; valid[i]; i++) {
        if (i) luaL_addstring(&b, ", ");
        luaL_addstring(&b, valid[i]);
    }
    luaL_pushresult(&b);
    luaL_error(L, "%s: unknown value '%s' for %s (valid: %s)", what, given, key, lua_tostring(L, -1));
}

static void wrong_type(lua_State *L, const char *what, const char *key, const char *want) {
    luaL_error(L, "%s: %s must be %s, not a %s", what, key, want, luaL_typename(L, -1));
}

const char *rl_opt_string(lua_State *L, int idx, const char *key, const char *what) {
    int t = rl_raw_field(L, idx, key);
    const char *s = NULL;
    if (t == LUA_TSTRING) {
        s = lua_tostring(L, -1);
        if (*s == '\0') luaL_error(L, "%s: %s must not be empty", what, key);
    } else if (t != LUA_TNIL) {
        wrong_type(L, what, key, "a string");
    }
    lua_pop(L, 1);
    return s;                           /* the table holds it */
}

lua_Integer rl_opt_integer(lua_State *L, int idx, const char *key, const char *what,
                           lua_Integer lo, lua_Integer hi, lua_Integer fallback) {
    int t = rl_raw_field(L, idx, key);
    lua_Integer v = fallback;
    if (t == LUA_TNUMBER) {
        int ok;
        v = lua_tointegerx(L, -1, &ok);
        if (!ok) luaL_error(L, "%s: %s must be a whole number, not %s", what, key, lua_tostring(L, -1));
        if (v < lo || v > hi)
            luaL_error(L, "%s: %s = %I is out of range (%I to %I)", what, key, v, lo, hi);
    } else if (t != LUA_TNIL) {
        wrong_type(L, what, key, "a whole number");
    }
    lua_pop(L, 1);
    return v;
}

bool rl_opt_boolean(lua_State *L, int idx, const char *key, const char *what) {
    int t = rl_raw_field(L, idx, key);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN) wrong_type(L, what, key, "true or false");
    bool v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

