/*
** rlregex.c: regex rules.  A PCRE2 pattern, UTF and UCP, JIT-compiled
** where the platform allows, run over each sentence's text or over the
** whole document:
**   regex "year" { type = "DATE", pattern = [[\b(19|20)\d\d\b]] }
** A match whose ends fall inside a token is not an entity: it is kept as
** a loser with the reason "not aligned with tokens" for --explain.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "luarules.h"

static void regex_error(rl_loader *ld, rl_rule *r, const char *msg) {
    luaL_error(ld->L, "rule %s: %s", r->name, msg);
}

void rl_compile_regex(rl_loader *ld, rl_rule *r) {
    lua_State *L = ld->L;
    if (rl_raw_field(L, 1, "pattern") != LUA_TSTRING)
        regex_error(ld, r, lua_isnil(L, -1) ? "pattern is required: a PCRE2 pattern, as a string"
                                            : lua_pushfstring(L, "pattern must be a string, not a %s",
                                                              luaL_typename(L, -1)));
    size_t len;
    const char *src = lua_tolstring(L, -1, &len);
    char what[300];
    snprintf(what, sizeof what, "rule %.200s", r->name);
    uint32_t options = PAT_REGEX_OPTIONS;
    if (rl_opt_boolean(L, 1, "caseless", what)) options |= PCRE2_CASELESS;
    static const char *const overs[] = {"sentence", "document", NULL};
    const char *over = rl_opt_string(L, 1, "over", what);
    if (over) rl_check_value(L, what, "over", over, overs);
    r->whole_document = over && strcmp(over, "document") == 0;
    r->group = (int)rl_opt_integer(L, 1, "group", what, 0, 65535, 0);
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

/* ------------------------------------------------------------ limits */

#define RL_REGEX_MATCH_LIMIT 10000000u
#define RL_REGEX_DEPTH_LIMIT 10000000u
#define RL_REGEX_HEAP_KIB (64u << 10)
#define RL_REGEX_STEPS 10000000u
#define RL_REGEX_STEPS_PER_BYTE 20u

int rl_regex_open(rl_session *rs) {
    const entrel_engine_options *o = &rs->engine->opts;
    rs->regex_warned = er_calloc(rs->rule_words, sizeof *rs->regex_warned);
    bool ok = pat_regex_guard_init(&rs->guard,
                                   o->regex_match_limit ? o->regex_match_limit : RL_REGEX_MATCH_LIMIT,
                                   o->regex_depth_limit ? o->regex_depth_limit : RL_REGEX_DEPTH_LIMIT,
                                   o->regex_heap_limit_kib ? o->regex_heap_limit_kib : RL_REGEX_HEAP_KIB);
    return ok && rs->regex_warned ? ENTREL_E_OK : ENTREL_E_NOMEM;
}

void rl_regex_close(rl_session *rs) {
    pat_regex_guard_free(&rs->guard);
    er_free(rs->regex_warned);
}

void rl_regex_arm(rl_session *rs, const entrel_doc *doc) {
    const entrel_engine_options *o = &rs->engine->opts;
    uint64_t steps = o->regex_document_steps
                         ? o->regex_document_steps
                         : RL_REGEX_STEPS + (uint64_t)RL_REGEX_STEPS_PER_BYTE * doc->len;
    pat_regex_guard_arm(&rs->guard, steps);
    memset(rs->regex_warned, 0, rs->rule_words * sizeof *rs->regex_warned);
}

/* What a limit PCRE2 hit means for the rule's matches. */
static void limit_message(const rl_session *rs, int code, char *buf, size_t size) {
    const entrel_engine_options *o = &rs->engine->opts;
    if (code == PCRE2_ERROR_MATCHLIMIT)
        snprintf(buf, size, "regex match limit of %u steps reached: the test counts as no match",
                 o->regex_match_limit ? o->regex_match_limit : RL_REGEX_MATCH_LIMIT);
    else if (code == PCRE2_ERROR_DEPTHLIMIT)
        snprintf(buf, size, "regex depth limit of %u reached: the test counts as no match",
                 o->regex_depth_limit ? o->regex_depth_limit : RL_REGEX_DEPTH_LIMIT);
    else if (code == PCRE2_ERROR_HEAPLIMIT)
        snprintf(buf, size, "regex heap limit of %u KiB reached: the test counts as no match",
                 o->regex_heap_limit_kib ? o->regex_heap_limit_kib : RL_REGEX_HEAP_KIB);
    else if (code == PCRE2_ERROR_CALLOUT)
        snprintf(buf, size, "the document's %llu regex steps are spent: later regex tests "
                 "count as no match", (unsigned long long)rs->guard.budget);
    else {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(buf, size, "regex failed: %s", (const char *)msg);
    }
}

void rl_regex_report(rl_session *rs, const rl_hit *h) {
    int code = rs->guard.hit;
    if (code == 0) return;
    rs->guard.hit = 0;
    uint64_t bit = 1ULL << (h->number % 64);
    if (rs->regex_warned[h->number / 64] & bit) return;
    rs->regex_warned[h->number / 64] |= bit;
    char msg[200];
    limit_message(rs, code, msg, sizeof msg);
    doc_add_rule_warning(h->doc, h->rule->where, msg);
}
