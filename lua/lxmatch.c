/*
** lxmatch.c: string.find, match, gmatch and gsub for rule files, with
** Lua's pattern language as the manual describes it (§6.4.1), matched
** under the state's instruction budget.  Lua's own matcher backtracks in
** C, where the count hook never looks: ("a"):rep(3000):find(".-.-.-b")
** would run for hours.  Here every step of the matcher is counted and
** charged to the budget, so such a pattern fails with file:line like any
** endless loop.  Results are Lua's, position for position.
** See LICENSE for copyright and licence.
*/
#define _GNU_SOURCE                 /* memmem: a linear plain find */
#include <ctype.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "luarules.h"

#define LXM_DEPTH 200               /* nested matches, as Lua allows */
#define LXM_CAPTURES 32             /* as Lua allows */
#define LXM_CHARGE_EVERY 4096       /* steps between two charges to the budget */
#define CAP_OPEN (-1)
#define CAP_POSITION (-2)

typedef struct lxm {
    lua_State *L;
    const char *s0, *s_end;         /* the subject */
    const char *p_end;              /* the pattern's end */
    int depth;                      /* nested matches left */
    int steps;                      /* not yet charged */
    int ncap;
    struct { const char *at; ptrdiff_t len; } cap[LXM_CAPTURES];
} lxm;

static void step(lxm *m) {
    if (++m->steps < LXM_CHARGE_EVERY) return;
    m->steps = 0;
    lx_charge(m->L, LXM_CHARGE_EVERY);
}

/* ------------------------------------------------------------ classes */

static bool in_class(int c, int cl) {
    bool r;
    switch (tolower(cl)) {
    case 'a': r = isalpha(c); break;
    case 'c': r = iscntrl(c); break;
    case 'd': r = isdigit(c); break;
    case 'g': r = isgraph(c); break;
    case 'l': r = islower(c); break;
    case 'p': r = ispunct(c); break;
    case 's': r = isspace(c); break;
    case 'u': r = isupper(c); break;
    case 'w': r = isalnum(c); break;
    case 'x': r = isxdigit(c); break;
    case 'z': r = c == 0; break;     /* kept by Lua 5.4, though deprecated */
    default: return cl == c;        /* %. and the like: the character itself */
    }
    return isupper(cl) ? !r : r;
}

/* Past the one-character class at p: "x", "%x" or "[...]". */
static const char *class_end(lxm *m, const char *p) {
    char c = *p++;
    if (c == '%') {
        if (p >= m->p_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c != '[') return p;
    if (p < m->p_end && *p == '^') p++;
    do {                            /* the first character is in the set, even ']' */
        if (p >= m->p_end) luaL_error(m->L, "malformed pattern (missing ']')");
        if (*p++ == '%' && p < m->p_end) p++;
    } while (p >= m->p_end || *p != ']');
    return p + 1;
}

/* Whether c is in the set [p, close], p at '[' and close at its ']'. */
static bool in_set(int c, const char *p, const char *close) {
    bool want = true;
    if (p[1] == '^') want = false, p++;
    while (++p < close) {
        if (*p == '%') {
            if (in_class(c, (unsigned char)*++p)) return want;
        } else if (p[1] == '-' && p + 2 < close) {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return want;
            p += 2;
        } else if ((unsigned char)*p == c) {
            return want;
        }
    }
    return !want;
}

/* Whether the subject's character at s is in the class [p, ep). */
static bool one_holds(const lxm *m, const char *s, const char *p, const char *ep) {
    if (s >= m->s_end) return false;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return true;
    case '%': return in_class(c, (unsigned char)p[1]);
    case '[': return in_set(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

/* ------------------------------------------------------------ matching */

static const char *match(lxm *m, const char *s, const char *p);

static const char *balanced(lxm *m, const char *s, const char *p) {
    if (p + 1 >= m->p_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->s_end || *s != p[0]) return NULL;
    for (int open = 1; ++s < m->s_end; step(m)) {
        if (*s == p[1]) {
            if (--open == 0) return s + 1;
        } else if (*s == p[0]) {
            open++;
        }
    }
    return NULL;
}

/* %f[set] at s: the end of the set in the pattern when it holds, else NULL. */
static const char *frontier(lxm *m, const char *s, const char *p) {
    if (p >= m->p_end || *p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
    const char *ep = class_end(m, p);
    int before = s == m->s0 ? 0 : (unsigned char)s[-1];
    int here = s < m->s_end ? (unsigned char)*s : 0;
    return !in_set(before, p, ep - 1) && in_set(here, p, ep - 1) ? ep : NULL;
}

static const char *back_reference(lxm *m, const char *s, const char *p) {
    int k = *p - '1';
    if (k < 0 || k >= m->ncap || m->cap[k].len == CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", k + 1);
    if (m->cap[k].len == CAP_POSITION) return NULL;   /* a position matches no text */
    size_t len = (size_t)m->cap[k].len;
    if ((size_t)(m->s_end - s) < len || memcmp(m->cap[k].at, s, len) != 0) return NULL;
    return s + len;
}

static const char *open_capture(lxm *m, const char *s, const char *p, ptrdiff_t what) {
    if (m->ncap >= LXM_CAPTURES) luaL_error(m->L, "too many captures");
    m->cap[m->ncap].at = s;
    m->cap[m->ncap].len = what;
    m->ncap++;
    const char *r = match(m, s, p);
    if (r == NULL) m->ncap--;
    return r;
}

static const char *close_capture(lxm *m, const char *s, const char *p) {
    int k = m->ncap - 1;
    while (k >= 0 && m->cap[k].len != CAP_OPEN) k--;
    if (k < 0) luaL_error(m->L, "invalid pattern capture");
    m->cap[k].len = s - m->cap[k].at;
    const char *r = match(m, s, p);
    if (r == NULL) m->cap[k].len = CAP_OPEN;
    return r;
}

/* Greedy: as many as hold, then give back one at a time. */
static const char *most(lxm *m, const char *s, const char *p, const char *ep) {
    ptrdiff_t n = 0;
    while (one_holds(m, s + n, p, ep)) n++, step(m);
    for (; n >= 0; n--) {
        const char *r = match(m, s + n, ep + 1);
        if (r) return r;
    }
    return NULL;
}

/* Lazy: the rest first, then one more at a time. */
static const char *fewest(lxm *m, const char *s, const char *p, const char *ep) {
    for (;; s++) {
        const char *r = match(m, s, ep + 1);
        if (r) return r;
        if (!one_holds(m, s, p, ep)) return NULL;
        step(m);
    }
}

/*
** A class and what follows it, at *pp: true to go on with the rest of the
** pattern from the new *sp and *pp, as Lua's own loop does, so that a
** plain run of items does not count as nesting; false when *sp is the
** match's end, or NULL.
*/
static bool class_item(lxm *m, const char **sp, const char **pp) {
    const char *s = *sp, *p = *pp, *ep = class_end(m, p), *r;
    char q = ep < m->p_end ? *ep : '\0';
    if (!one_holds(m, s, p, ep)) {
        if (q != '*' && q != '?' && q != '-') return *sp = NULL, false;
        return *pp = ep + 1, true;          /* none is enough */
    }
    switch (q) {
    case '?':
        if ((r = match(m, s + 1, ep + 1)) != NULL) return *sp = r, false;
        return *pp = ep + 1, true;
    case '+': return *sp = most(m, s + 1, p, ep), false;
    case '*': return *sp = most(m, s, p, ep), false;
    case '-': return *sp = fewest(m, s, p, ep), false;
    default: return *sp = s + 1, *pp = ep, true;
    }
}

/* One item of the pattern, as class_item says. */
static bool item(lxm *m, const char **sp, const char **pp) {
    const char *s = *sp, *p = *pp;
    bool more = p + 1 < m->p_end;
    if (*p == '(') {
        *sp = more && p[1] == ')' ? open_capture(m, s, p + 2, CAP_POSITION)
                                  : open_capture(m, s, p + 1, CAP_OPEN);
        return false;
    }
    if (*p == ')') return *sp = close_capture(m, s, p + 1), false;
    if (*p == '$' && !more) return *sp = s == m->s_end ? s : NULL, false;
    if (*p == '%' && more && p[1] == 'b') {
        *sp = balanced(m, s, p + 2);
        return *sp ? (*pp = p + 4, true) : false;
    }
    if (*p == '%' && more && p[1] == 'f') {
        const char *ep = frontier(m, s, p + 2);
        return ep ? (*pp = ep, true) : (*sp = NULL, false);
    }
    if (*p == '%' && more && isdigit((unsigned char)p[1])) {
        *sp = back_reference(m, s, p + 1);
        return *sp ? (*pp = p + 2, true) : false;
    }
    return class_item(m, sp, pp);
}

/* Where a match of p at s ends, or NULL. */
static const char *match(lxm *m, const char *s, const char *p) {
    if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
    step(m);
    while (p < m->p_end && item(m, &s, &p)) step(m);
    m->depth++;
    return s;
}

/* ------------------------------------------------------------ results */

static void start(lxm *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    *m = (lxm){.L = L, .s0 = s, .s_end = s + ls, .p_end = p + lp};
}

static const char *try_at(lxm *m, const char *s, const char *p) {
    m->ncap = 0;
    m->depth = LXM_DEPTH;
    return match(m, s, p);
}

/* Capture k (0 is the whole match [s, e) when there is no capture) pushed. */
static void push_capture(lxm *m, int k, const char *s, const char *e) {
    if (k >= m->ncap) {
        if (k != 0) luaL_error(m->L, "invalid capture index %%%d", k + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));
    } else if (m->cap[k].len == CAP_OPEN) {
        luaL_error(m->L, "unfinished capture");
    } else if (m->cap[k].len == CAP_POSITION) {
        lua_pushinteger(m->L, m->cap[k].at - m->s0 + 1);
    } else {
        lua_pushlstring(m->L, m->cap[k].at, (size_t)m->cap[k].len);
    }
}

/* The captures, or the whole match when there are none and s is given. */
static int push_captures(lxm *m, const char *s, const char *e) {
    int n = m->ncap == 0 && s ? 1 : m->ncap;
    luaL_checkstack(m->L, n, "too many captures");
    for (int k = 0; k < n; k++) push_capture(m, k, s, e);
    return n;
}

/* A position argument as the manual reads it: negative counts from the end. */
static size_t start_of(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0 || pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static bool plain_pattern(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++)
        if (strchr("^$*+?.([%-", p[i]) && p[i] != '\0') return false;
    return true;
}

static int find_or_match(lua_State *L, bool find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls), *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_of(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) return luaL_pushfail(L), 1;
    if (find && (lua_toboolean(L, 4) || plain_pattern(p, lp))) {
        lx_charge(L, (ls - init) / 16 + 1);
        const char *at = memmem(s + init, ls - init, p, lp);
        if (at == NULL) return luaL_pushfail(L), 1;
        lua_pushinteger(L, at - s + 1);
        lua_pushinteger(L, (lua_Integer)(at - s + lp));
        return 2;
    }
    lxm m;
    start(&m, L, s, ls, p, lp);
    bool anchored = lp > 0 && *p == '^';
    if (anchored) p++;
    for (const char *at = s + init;; at++) {
        const char *e = try_at(&m, at, p);
        if (e && find) {
            lua_pushinteger(L, at - s + 1);
            lua_pushinteger(L, e - s);
            return push_captures(&m, NULL, NULL) + 2;
        }
        if (e) return push_captures(&m, at, e);
        if (anchored || at >= m.s_end) break;
    }
    return luaL_pushfail(L), 1;
}

static int lx_find(lua_State *L) { return find_or_match(L, true); }
static int lx_match(lua_State *L) { return find_or_match(L, false); }

/* gmatch's state, in a userdata: the subject and pattern stay in upvalues. */
typedef struct gmatch_state {
    lxm m;
    const char *at, *last, *p;
} gmatch_state;

static int gmatch_next(lua_State *L) {
    gmatch_state *g = lua_touserdata(L, lua_upvalueindex(3));
    g->m.L = L;
    for (; g->at <= g->m.s_end; g->at++) {
        const char *e = try_at(&g->m, g->at, g->p);
        if (e && e != g->last) {
            const char *from = g->at;
            g->at = g->last = e;
            return push_captures(&g->m, from, e);
        }
    }
    return 0;
}

static int lx_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls), *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_of(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) init = ls + 1;
    lua_settop(L, 2);
    gmatch_state *g = lua_newuserdatauv(L, sizeof *g, 0);
    start(&g->m, L, s, ls, p, lp);
    g->at = s + init;
    g->last = NULL;
    g->p = p;
    lua_pushcclosure(L, gmatch_next, 3);   /* subject, pattern and state, alive together */
    return 1;
}

/* ------------------------------------------------------------ gsub */

/* A replacement string: %0 to %9 are captures, %% is %. */
static void add_string(lxm *m, luaL_Buffer *b, const char *s, const char *e) {
    size_t l;
    const char *r = lua_tolstring(m->L, 3, &l), *end = r + l;
    for (; r < end; r++) {
        step(m);
        if (*r != '%') {
            luaL_addchar(b, *r);
        } else if (++r < end && *r == '%') {
            luaL_addchar(b, '%');
        } else if (r < end && isdigit((unsigned char)*r)) {
            if (*r == '0') lua_pushlstring(m->L, s, (size_t)(e - s));
            else push_capture(m, *r - '1', s, e);
            luaL_tolstring(m->L, -1, NULL);
            lua_remove(m->L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(m->L, "invalid use of '%%' in replacement string");
        }
    }
}

/* One match [s, e) replaced; false when the replacement keeps it as it was. */
static bool add_value(lxm *m, luaL_Buffer *b, const char *s, const char *e, int how) {
    lua_State *L = m->L;
    if (how == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        lua_call(L, push_captures(m, s, e), 1);
    } else if (how == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_string(m, b, s, e);
        return true;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return false;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return true;
}

static int lx_gsub(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls), *p = luaL_checklstring(L, 2, &lp);
    int how = lua_type(L, 3);
    lua_Integer most_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1), n = 0;
    luaL_argexpected(L, how == LUA_TNUMBER || how == LUA_TSTRING || how == LUA_TFUNCTION ||
                     how == LUA_TTABLE, 3, "string/function/table");
    lxm m;
    bool anchored = lp > 0 && *p == '^', changed = false;
    if (anchored) p++, lp--;
    start(&m, L, s, ls, p, lp);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    const char *last = NULL;
    while (n < most_n) {
        const char *e = try_at(&m, s, p);
        if (e && e != last) {
            n++;
            changed = add_value(&m, &b, s, e, how) || changed;
            s = last = e;
        } else if (s < m.s_end) {
            luaL_addchar(&b, *s++);
        } else {
            break;
        }
        if (anchored) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, s, (size_t)(m.s_end - s));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

void lx_open_patterns(lua_State *L) {
    static const luaL_Reg fns[] = {
        {"find", lx_find}, {"match", lx_match}, {"gmatch", lx_gmatch}, {"gsub", lx_gsub},
        {NULL, NULL},
    };
    lua_getglobal(L, LUA_STRLIBNAME);
    luaL_setfuncs(L, fns, 0);
    lua_pop(L, 1);
}
