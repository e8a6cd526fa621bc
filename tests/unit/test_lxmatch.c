/*
** test_lxmatch.c: the sandbox's string.find, match, gmatch and gsub
** (lua/lxmatch.c) against Lua's own, call for call: a table of cases that
** walks the pattern language (classes, sets, quantifiers, anchors,
** captures, back references, %b, %f, replacement forms, init positions,
** errors), then thousands of random patterns over a small alphabet, each
** result and each error message compared.  And what Lua's own cannot do:
** stop within the budget.
** See LICENSE for copyright and licence.
*/
#include <lauxlib.h>
#include <lualib.h>

#include "helpers.h"
#include "../../lua/luarules.h"

/* Each case is Lua code whose values are turned into one string by 'show'. */
static const char show[] =
    "local function show(...)\n"
    "  local n, out = select('#', ...), {}\n"
    "  for i = 1, n do local v = select(i, ...); out[i] = type(v) .. ':' .. tostring(v) end\n"
    "  return table.concat(out, ',')\n"
    "end\n"
    "local function all(f, ...)\n"
    "  local out = {}\n"
    "  for a, b, c in f(...) do out[#out + 1] = show(a, b, c) end\n"
    "  return table.concat(out, ' ')\n"
    "end\n"
    "return function(code)\n"
    "  local chunk = assert(load('local show, all = ...; return show(' .. code .. ')', 'case', 't'))\n"
    "  local ok, r = pcall(chunk, show, all)\n"
    "  return ok and r or ('error: ' .. tostring(r):gsub('^[^:]*:%d+: ', ''))\n"
    "end\n";

/* The runner above, compiled in L and left on its stack. */
static void open_runner(lua_State *L) {
    assert_int_equal(luaL_loadstring(L, show), LUA_OK);
    assert_int_equal(lua_pcall(L, 0, 1, 0), LUA_OK);
}

static const char *run(lua_State *L, const char *code) {
    lua_pushvalue(L, 1);
    lua_pushstring(L, code);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) return lua_tostring(L, -1);
    return lua_tostring(L, -1);
}

typedef struct pair {
    lua_State *lua, *ours;
    lx_limits lim;
} pair;

static void pair_open(pair *p) {
    p->lua = luaL_newstate();
    luaL_openlibs(p->lua);
    memset(&p->lim, 0, sizeof p->lim);
    p->lim.idle_budget = 1000000;
    p->ours = lx_new(&p->lim);
    assert_non_null(p->ours);
    open_runner(p->lua);
    open_runner(p->ours);
}

static void pair_close(pair *p) {
    lua_close(p->lua);
    lx_close(p->ours);
}

static void same(pair *p, const char *code) {
    const char *a = run(p->lua, code), *b = run(p->ours, code);
    if (strcmp(a ? a : "(null)", b ? b : "(null)") != 0)
        fail_msg("%s\n  Lua:  %s\n  ours: %s", code, a, b);
    lua_settop(p->lua, 1);
    lua_settop(p->ours, 1);
}

static const char *const cases[] = {
    /* find: plain, specials, init */
    "('hello world'):find('o w')", "('hello'):find('l', 1, true)", "('a.b'):find('.', 1, true)",
    "('hello'):find('')", "('hello'):find('', 10)", "('hello'):find('', 6)", "('hello'):find('l', -2)",
    "('hello'):find('h', -100)", "('hello'):find('xyz')", "('aaa'):find('a', 0)",
    "(''):find('')", "(''):find('a*')", "('abc'):find('b', 2^53)",
    /* classes */
    "('x = 42;'):find('%d+')", "('Hello World'):match('%u%l+')", "('a1_b2'):match('[%w_]+')",
    "('  trim  '):match('^%s*(.-)%s*$')", "('tab\\there'):find('%c')", "('a,b;c'):gsub('%p', '')",
    "('0x1F'):match('%x+', 3)", "('ABC'):match('%L+')", "('ab12'):match('%A+')", "('éa'):match('%a')",
    "('a%b'):find('%%')", "('a.b'):find('%.')", "('x]y'):find('[]]')", "('x-y'):find('[a-]')",
    "('x^y'):find('[%^]')", "('xyz'):find('[^x]')", "('abc'):find('[a-c]+')", "('a-c'):find('[c-a]')",
    "('x'):find('[%a-z]')", "('a]'):match('[^]]')",
    /* quantifiers */
    "('aaab'):match('a*')", "('aaab'):match('a+b')", "('aaab'):match('a-b')", "('ab'):match('a?b')",
    "('b'):match('a?b')", "('<a><b>'):match('<.->')", "('<a><b>'):match('<.*>')", "('xxx'):match('x-$')",
    "('aaa'):match('^a-$')", "('abc'):match('^(a)(b)(c)$')", "('abc'):match('()b()')",
    "('abab'):match('(ab)%1')", "('abba'):match('(a)(b)%2%1')", "('abc'):match('(a(b)c)')",
    /* anchors */
    "('abc'):find('^b')", "('abc'):find('c$')", "('a$c'):find('$c')", "('a^c'):find('a^')",
    "('abc'):find('^abc$')",
    /* balanced and frontier */
    "('f(a(b)c) d'):match('%b()')", "('((('):match('%b()')", "('THE (quick) fox'):find('%f[%a]%a+')",
    "('hello world'):gsub('%f[%w]%w+', string.upper)", "('x'):find('%f[%z]')", "('ab'):find('%f[%A]')",
    "('a'):find('%f[a]')",
    /* gmatch */
    "all(string.gmatch, 'one two  three', '%a+')", "all(string.gmatch, 'k=v, a=b', '(%w+)=(%w+)')",
    "all(string.gmatch, 'abc', '')", "all(string.gmatch, 'abc', 'x*')", "all(string.gmatch, '^a^a', '^a')",
    "all(string.gmatch, 'abcabc', 'b', 3)", "all(string.gmatch, 'abc', '()')",
    "all(string.gmatch, 'abc', '.', -1)", "all(string.gmatch, 'abc', '.', 10)",
    /* gsub */
    "('hello world'):gsub('o', '0')", "('hello'):gsub('', '-')", "('abc'):gsub('%w', '%0%0')",
    "('abc'):gsub('(%w)', '[%1]')", "('abc'):gsub('b', '%%')", "('hello world'):gsub('(%w+)', '<%1>', 1)",
    "('abc'):gsub('x*', '-')", "('abc'):gsub('^a', 'X')", "('aaa'):gsub('^a', 'X')",
    "('a b'):gsub('%w', {a = 'A'})", "('a b'):gsub('%w', {a = false})", "('a b'):gsub('%w', function(c) if c == 'b' then return 'B' end end)",
    "('abc'):gsub('()', '%1')", "('abc'):gsub('b', 5)", "('abc'):gsub('', '', 0)", "('abc'):gsub('.', '.', -1)",
    "('x=1, y=2'):gsub('(%w+)=(%w+)', '%2=%1')", "('abc'):gsub('%w', '%2')", "('abc'):gsub('%w', '%z')",
    "('abc'):gsub('b', '%')", "('abc'):gsub('b', {b = {}})", "('abc'):gsub('b', true)",
    "('a\\0b'):gsub('%z', 'Z')", "('a\\0b'):find('\\0')", "('a\\0b'):match('.%z?.')",
    /* errors */
    "('a'):find('%')", "('a'):find('[a')", "('a'):find('[')", "('a'):find('(')", "('a'):find(')')",
    "('a'):find('%1')", "('a'):find('(a)%2')", "('a'):find('%b')", "('a'):find('%ba')", "('a'):find('%f')",
    "('a'):find('%fa')", "('a'):match('(()')", "('a'):find('%0')",
    "('a'):find(string.rep('(', 40))", "('x'):rep(300):find(string.rep('x?', 300) .. string.rep('x', 300))",
    "('a'):find(string.rep('a?', 250))", "(string.rep('a', 300)):match(string.rep('a', 300))",
    "string.find('abc', 'b', 1.5)", "string.find(nil, 'a')", "string.gsub('a', 'a', nil)",
    "select('#', string.find(('a'):rep(40), ('(a)'):rep(32)))",
    "select('#', string.find(('a'):rep(40), ('(a)'):rep(33)))",
};

static void test_cases(void **state) {
    (void)state;
    pair p;
    pair_open(&p);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) same(&p, cases[i]);
    pair_close(&p);
}

/* A random pattern of the pieces below, over subjects of a few letters. */
static const char *const pieces[] = {
    "a", "b", ".", "%a", "%d", "[ab]", "[^a]", "[a-c]", "%s", "x", "(", ")", "()", "*", "+", "-",
    "?", "^", "$", "%b()", "%f[%a]", "%1", "%%", "[%a%d]", "%w", "(a)", "(b*)",
};
static const char *const subjects[] = {"", "a", "ab", "aab b", "ba(b)a", "a1 b2", "aaa", "(a(b))", "abcabc"};

static void random_pattern(unsigned *seed, char *out, size_t size) {
    size_t len = 0, n = 1 + (*seed = *seed * 1103515245u + 12345u) % 6;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        *seed = *seed * 1103515245u + 12345u;
        const char *p = pieces[(*seed >> 8) % (sizeof pieces / sizeof *pieces)];
        len += (size_t)snprintf(out + len, size - len, "%s", p);
    }
}

static void test_random_patterns(void **state) {
    (void)state;
    pair p;
    pair_open(&p);
    unsigned seed = 20261204;
    char pat[128], code[512];
    for (int i = 0; i < 4000; i++) {
        random_pattern(&seed, pat, sizeof pat);
        const char *s = subjects[i % (sizeof subjects / sizeof *subjects)];
        static const char *const forms[] = {
            "string.find(%s, %s)", "string.match(%s, %s)", "all(string.gmatch, %s, %s)",
            "string.gsub(%s, %s, '<%%0>')", "string.find(%s, %s, 2)",
        };
        char qs[64], qpat[300];
        snprintf(qs, sizeof qs, "'%s'", s);
        /* quote the pattern as a Lua long string: the pieces hold no ']]' */
        snprintf(qpat, sizeof qpat, "[[%s]]", pat);
        snprintf(code, sizeof code, forms[i % 5], qs, qpat);
        same(&p, code);
    }
    pair_close(&p);
}

/* What Lua's own matcher would run for hours is stopped by the budget. */
static void test_budget(void **state) {
    (void)state;
    lx_limits lim = {.idle_budget = 1000000};
    lua_State *L = lx_new(&lim);
    assert_non_null(L);
    static const char *const slow[] = {
        "return string.rep('a', 3000):find('.-.-.-.-.-.-.-.-b')",
        "return string.rep('a', 3000):match('(.-)(.-)(.-)(.-)(.-)b')",
        "for x in string.rep('a', 3000):gmatch('.-.-.-.-.-.-b') do end",
        "return string.rep('a', 3000):gsub('.-.-.-.-.-.-b', '')",
        "return string.rep('ab', 2^40)",
        "local t = setmetatable({}, {__len = function() return 2^40 end}); table.insert(t, 1, 'x')",
        "local t = setmetatable({}, {__len = function() return 2^40 end}); table.remove(t, 1)",
        "return table.move({}, 1, 2^40, 2)",
        "while true do pcall(function() while true do end end) end",
        "while true do xpcall(function() while true do end end, function() while true do end end) end",
    };
    for (size_t i = 0; i < sizeof slow / sizeof *slow; i++) {
        assert_int_equal(luaL_loadstring(L, slow[i]), LUA_OK);
        lx_arm(&lim, 2000000);
        int rc = lx_pcall(L, 0, 0);
        lx_arm(&lim, 0);
        if (rc == LUA_OK) fail_msg("%s: finished", slow[i]);
        const char *msg = lua_tostring(L, -1);
        if (strstr(msg, "instruction budget exceeded") == NULL) fail_msg("%s: %s", slow[i], msg);
        lua_pop(L, 1);
    }
    /* what takes no work is not charged: nothing to repeat */
    assert_int_equal(luaL_loadstring(L, "return string.rep('', 2^50) .. string.rep('x', 0, '')"), LUA_OK);
    lx_arm(&lim, 2000000);
    assert_int_equal(lx_pcall(L, 0, 1), LUA_OK);
    assert_string_equal(lua_tostring(L, -1), "");
    lx_close(L);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_random_patterns),
        cmocka_unit_test(test_budget),
    };
    return cmocka_run_group_tests_name("lxmatch", tests, NULL, NULL);
}
