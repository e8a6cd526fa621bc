/*
** rlregex.c: regex rules.  A PCRE2 pattern, UTF and UCP, JIT-compiled
** where the platform allows, run over each sentence's text or over the
** whole document:
**   regex "year" { type = "DATE", pattern = [[\b(19|20)\d\d\b]] }
** A match whose ends fall inside a token is not an entity: it is kept as
** a loser with the reason "not aligned with tokens" for --explain.
** See LICENSE for copyright and licence.
*/
#include <string.h>

#include <lauxlib.h>

#include "luarules.h"

static void regex_error(rl_loader *ld, rl_rule *r, const char *msg) {
    luaL_error(ld->L, "rule %s: %s", r->name, msg);
}

void rl_compile_regex(rl_loader *ld, rl_rule *r) {
    lua_State *L = ld->L;
    if (lua_getfield(L, 1, "pattern") != LUA_TSTRING) regex_error(ld, r, "pattern must be a string");
    size_t len;
    const char *src = lua_tolstring(L, -1, &len);
    uint32_t options = PCRE2_UTF | PCRE2_UCP;
    if (lua_getfield(L, 1, "caseless") == LUA_TBOOLEAN && lua_toboolean(L, -1))
        options |= PCRE2_CASELESS;
    int t = lua_getfield(L, 1, "over");
    r->whole_document = t == LUA_TSTRING && strcmp(lua_tostring(L, -1), "document") == 0;
    if (t != LUA_TNIL && !r->whole_document && strcmp(luaL_optstring(L, -1, ""), "sentence") != 0)
        regex_error(ld, r, "over must be \"sentence\" or \"document\"");
    lua_getfield(L, 1, "group");
    r->group = (int)luaL_optinteger(L, -1, 0);
    int code;
    PCRE2_SIZE off;
    r->re = pcre2_compile((PCRE2_SPTR)src, len, options, &code, &off, NULL);
    if (r->re == NULL) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        luaL_error(L, "rule %s: regex at offset %d: %s", r->name, (int)off, (const char *)msg);
    }
    uint32_t groups;
    pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &groups);
    if (r->group < 0 || (uint32_t)r->group > groups) regex_error(ld, r, "no such group");
    pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
    lua_settop(L, 1);
}

/* The token starting at byte 'at', by binary search; doc->toks.n when none. */
static size_t token_starting(const entrel_doc *doc, size_t at) {
    size_t lo = 0, hi = doc->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->toks.v[mid].start < at) lo = mid + 1;
        else hi = mid;
    }
    return lo < doc->toks.n && doc->toks.v[lo].start == at ? lo : doc->toks.n;
}

bool rl_snap(const entrel_doc *doc, size_t from, size_t to, uint32_t *first, uint32_t *last) {
    size_t a = token_starting(doc, from);
    if (a == doc->toks.n || to <= from) return false;
    size_t b = a;
    while (b < doc->toks.n && doc->toks.v[b].end < to) b++;
    if (b == doc->toks.n || doc->toks.v[b].end != to) return false;
    *first = (uint32_t)a;
    *last = (uint32_t)b + 1;
    return true;
}
