/*
** test_sandbox.c: a rule file as hostile input.  Each test is one way a
** short rule file once crashed, hung, escaped or lied, and the behaviour
** that holds now: declarations from an action, deep and cyclic patterns,
** a features table that frees itself, a hook on a huge document, plugins
** and lists outside the fence, print, endless patterns and finalizers,
** load's env, the string metatable, empty types, errors without a line,
** misspelt fields, and regex limits.  Run plain and under ASan+UBSan.
** See LICENSE for copyright and licence.
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

typedef struct sb {
    char dir[64], path[128];
    entrel_engine_options o;
    entrel_engine *engine;
    entrel_session *session;
    entrel_doc *doc;
    entrel_error err;
    char said[4096];              /* what the engine's warnings said, joined */
} sb;

static void on_warning(const entrel_error *e, void *ud) {
    sb *t = ud;
    size_t n = strlen(t->said);
    snprintf(t->said + n, sizeof t->said - n, "%s:%d: %s\n", e->file, e->line, e->message);
}

/* A folder of its own for each test, with the rule file 'rules.lua' in it. */
static void sb_open(sb *t) {
    memset(t, 0, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/entrel-sandbox-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/rules.lua", t->dir);
    entrel_engine_options_init(&t->o);
    t->o.on_warning = on_warning;
    t->o.warning_ud = t;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static entrel_engine *sb_load(sb *t, const char *lua) {
    write_file(t->path, lua);
    const char *paths[] = {t->path};
    t->o.rules = paths;
    t->o.rule_count = 1;
    entrel_doc_free(t->doc);
    entrel_session_free(t->session);
    entrel_engine_free(t->engine);
    t->doc = NULL;
    t->session = NULL;
    t->engine = entrel_engine_new(&t->o, &t->err);
    return t->engine;
}

static void sb_process_n(sb *t, const char *text, size_t len) {
    if (t->session == NULL) t->session = entrel_session_new(t->engine);
    assert_non_null(t->session);
    entrel_doc_free(t->doc);
    assert_int_equal(entrel_session_process(t->session, "d", text, len, &t->doc), ENTREL_E_OK);
}

static void sb_process(sb *t, const char *text) { sb_process_n(t, text, strlen(text)); }

static void sb_close(sb *t) {
    entrel_doc_free(t->doc);
    entrel_session_free(t->session);
    entrel_engine_free(t->engine);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    assert_int_equal(system(cmd), 0);
}

/* The load fails at 'line' of rules.lua with 'msg' in its message. */
static void expect_refused(sb *t, const char *lua, int line, const char *msg) {
    if (sb_load(t, lua)) fail_msg("loaded: %s", lua);
    if (strstr(t->err.file, "rules.lua") == NULL) fail_msg("file '%s' for %s", t->err.file, lua);
    if (t->err.line != line) fail_msg("line %d, not %d: %s", t->err.line, line, t->err.message);
    if (strstr(t->err.message, msg) == NULL) fail_msg("'%s' lacks '%s'", t->err.message, msg);
}

/* The document's rule error i names a line of rules.lua and says 'msg'. */
static void expect_rule_error(sb *t, size_t i, const char *msg) {
    const char *rule, *m;
    if (entrel_doc_rule_error(t->doc, i, &rule, &m) != ENTREL_E_OK) fail_msg("no rule error %zu", i);
    if (strstr(rule, "rules.lua:") == NULL) fail_msg("rule '%s'", rule);
    if (strstr(m, msg) == NULL) fail_msg("'%s' lacks '%s'", m, msg);
}

/* 1. A declaration from an action or a hook is that match's error; nothing breaks. */
static void test_declarations_after_load(void **state) {
    (void)state;
    static const char *const calls[] = {
        "entity \"y\" { type = \"Y\", pattern = {\"b\"} }", "language \"en\"",
        "on_document(function() end)", "gazetteer { file = \"g.tsv\" }",
        "lexicon \"l\" { file = \"g.tsv\" }", "plugin { file = \"p.so\" }", "entity \"z\"",
    };
    sb t;
    sb_open(&t);
    for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
        char lua[600];
        snprintf(lua, sizeof lua,
                 "entity \"x\" { type = \"X\", pattern = { \"a\" },\n"
                 "  action = function(m)\n    %s\n  end }\n"
                 "on_document(function(doc)\n  %s\nend)\n", calls[i], calls[i]);
        assert_non_null(sb_load(&t, lua));
        for (int round = 0; round < 3; round++) {
            sb_process(&t, "a a");
            assert_int_equal(t.doc->ents.n, 0);
            assert_int_equal(entrel_doc_rule_error_count(t.doc), 3);
            expect_rule_error(&t, 0, "line 3: declarations are only allowed when the file loads");
            expect_rule_error(&t, 2, "line 6: declarations are only allowed when the file loads");
        }
    }
    sb_close(&t);
}

/* 2. Deep patterns compile; deeper and cyclic ones are refused with the line. */
static void test_deep_patterns(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    assert_non_null(sb_load(&t, "local p = \"a\"\nfor i = 1, 20 do p = {seq = {p}} end\n"
                                "entity \"deep\" { type = \"X\", pattern = {p} }\n"));
    sb_process(&t, "b a");
    assert_int_equal(t.doc->ents.n, 1);
    expect_refused(&t, "local p = \"a\"\nfor i = 1, 40 do p = {seq = {p}} end\n"
                       "entity \"deep\" { type = \"X\", pattern = {p} }\n",
                   3, "rule deep: patterns nest at most 32 groups deep");
    expect_refused(&t, "local p = {}\np.seq = {p}\n\nentity \"loop\" { type = \"X\", pattern = {p} }\n",
                   4, "nest at most 32");
    expect_refused(&t, "local p = {}\np.alt = {p}\nentity \"loop\" { type = \"X\", pattern = {p} }\n",
                   3, "nest at most 32");
    sb_close(&t);
}

/* 3. A features table whose value frees it as it is read: refused, never read freed. */
static void test_features_tables(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    assert_non_null(sb_load(&t,
        "entity \"x\" { type = \"X\", pattern = { \"a\" }, action = function(m)\n"
        "  local f = {}\n"
        "  for i = 1, 20 do f['k' .. i] = 'v' end\n"
        "  f.z = setmetatable({}, {__tostring = function()\n"
        "    for k in pairs(f) do f[k] = nil end\n"
        "    local junk = {} for i = 1, 1e4 do junk[i] = ('x'):rep(i % 50) .. i end\n"
        "    return 'gone' end})\n"
        "  return { features = f }\n"
        "end }\n"
        "entity \"y\" { type = \"Y\", pattern = { \"b\" }, action = function(m)\n"
        "  return { features = { ['a;b'] = 1 } } end }\n"
        "entity \"w\" { type = \"W\", pattern = { \"c\" }, action = function(m)\n"
        "  return { features = { note = 'x;y' } } end }\n"
        "entity \"v\" { type = \"V\", pattern = { \"d\" }, action = function(m)\n"
        "  return { features = { n = 2, ok = true, s = 'é' } } end }\n"));
    sb_process(&t, "a b c d");
    assert_int_equal(t.doc->ents.n, 1);
    assert_string_equal(doc_atom_str(t.doc, t.doc->ents.v[0].features), "n=2;ok=true;s=é");
    expect_rule_error(&t, 0, "features.z must be a string, a number or a boolean, not a table");
    expect_rule_error(&t, 1, "features: key 'a;b' is empty or holds '=' or ';'");
    expect_rule_error(&t, 2, "features.note: a value may not hold ';'");
    sb_close(&t);
}

/* 4. A hook on a document too big for the state's memory: its rule error, the run goes on. */
static void test_hook_out_of_memory(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    t.o.lua_memory_limit = 4u << 20;
    assert_non_null(sb_load(&t, "entity \"x\" { type = \"X\", pattern = { \"a\" } }\n"
                                "on_document(function(doc) end)\n"));
    size_t n = 6u << 20;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i++) big[i] = i % 2 ? ' ' : 'a';
    sb_process_n(&t, big, n);
    free(big);
    assert_true(t.doc->ents.n > 1000);
    assert_int_equal(entrel_doc_rule_error_count(t.doc), 1);
    expect_rule_error(&t, 0, "memory limit of 4194304 bytes reached");
    sb_process(&t, "a");                /* the state lives on */
    assert_int_equal(entrel_doc_rule_error_count(t.doc), 0);
    sb_close(&t);
}

/* 5. plugin { } from a rule file: refused unless allowed; a bare name never searched for. */
static void test_rule_plugins(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    expect_refused(&t, "\nplugin { file = \"/lib/x86_64-linux-gnu/libm.so.6\" }\n", 2,
                   "a rule file may load a C plugin only when the caller allows it");
    t.o.allow_rule_plugins = 1;
    expect_refused(&t, "plugin { file = \"libm.so.6\" }\n", 1, "/libm.so.6: plugin cannot be opened");
    sb_close(&t);
    /* the same for --plugin: a bare name is a file here */
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    const char *spec = "libm.so.6";
    o.plugins = &spec;
    o.plugin_count = 1;
    entrel_error err;
    assert_null(entrel_engine_new(&o, &err));
    assert_non_null(strstr(err.message, "cannot be opened"));
}

/* 6. Lists from a rule file: regular files, inside the fence, under the cap. */
static void test_list_fence(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    char lua[600], other[128], link[160], sub[160];
    snprintf(sub, sizeof sub, "%s/lists", t.dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/lists/g.tsv", t.dir);
    write_file(sub, "Zorglub City\tLOC\n");
    assert_non_null(sb_load(&t, "gazetteer { file = \"lists/g.tsv\" }\n"
                                "lexicon \"l\" { file = \"lists/g.tsv\" }\n"));
    sb_process(&t, "Il vit à Zorglub City.");
    assert_int_equal(t.doc->ents.n, 1);
    expect_refused(&t, "\ngazetteer { file = \"/etc/passwd\" }\n", 2,
                   "/etc/passwd lies outside the rule file's folder and the data folder");
    expect_refused(&t, "lexicon \"l\" { file = \"/dev/zero\" }\n", 1, "/dev/zero is not a regular file");
    expect_refused(&t, "gazetteer { file = \"/dev/urandom\" }\n", 1, "is not a regular file");
    expect_refused(&t, "gazetteer { file = \"lists\" }\n", 1, "lists is not a regular file");
    snprintf(link, sizeof link, "%s/lists/escape.tsv", t.dir);
    assert_int_equal(symlink("/etc/passwd", link), 0);
    expect_refused(&t, "gazetteer { file = \"lists/escape.tsv\" }\n", 1, "lies outside");
    t.o.rule_list_max_bytes = 8;
    expect_refused(&t, "gazetteer { file = \"lists/g.tsv\" }\n", 1,
                   "is larger than 8 bytes, the cap on lists a rule file loads");
    t.o.rule_list_max_bytes = 0;
    /* the caller may allow other paths, never other kinds of file */
    snprintf(other, sizeof other, "/tmp/entrel-sandbox-other-%d.tsv", (int)getpid());
    write_file(other, "Zorglub City\tLOC\n");
    snprintf(lua, sizeof lua, "gazetteer { file = \"%s\" }\n", other);
    expect_refused(&t, lua, 1, "lies outside");
    t.o.allow_rule_paths = 1;
    assert_non_null(sb_load(&t, lua));
    expect_refused(&t, "gazetteer { file = \"/dev/zero\" }\n", 1, "is not a regular file");
    unlink(other);
    sb_close(&t);
}

/* 7. print is a warning of the document (or of the engine at load), never output. */
static void test_print(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    assert_non_null(sb_load(&t, "print('loading', 1, nil)\n"
                                "entity \"x\" { type = \"X\", pattern = { \"a\" }, action = function(m)\n"
                                "  print('{\"id\":\"forged\"}', m.text)\n"
                                "end }\n"
                                "on_document(function(doc) for i = 1, 200 do print(i) end end)\n"));
    assert_non_null(strstr(t.said, "rules.lua:1: loading\t1\tnil\n"));
    sb_process(&t, "a");
    assert_int_equal(entrel_doc_rule_error_count(t.doc), 0);
    assert_int_equal(entrel_doc_rule_warning_count(t.doc), 100);
    const char *rule, *msg;
    entrel_doc_rule_warning(t.doc, 0, &rule, &msg);
    assert_non_null(strstr(rule, "rules.lua:3"));
    assert_string_equal(msg, "{\"id\":\"forged\"}\ta");
    entrel_doc_rule_warning(t.doc, 99, &rule, &msg);
    assert_string_equal(msg, "99 (and no more print output)");
    char *json = entrel_doc_to_json(t.doc, NULL);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"rule_warnings\""));
    entrel_free(json);
    sb_close(&t);
}

/* 8. Lua's string functions, table shifts and string.rep stop within the budget. */
static void test_library_budget(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    t.o.lua_instruction_limit = 2000000;
    expect_refused(&t, "local s = string.rep('a', 3000)\n\nlocal x = s:find('.-.-.-.-.-.-.-.-b')\n", 3,
                   "instruction budget exceeded");
    expect_refused(&t, "local t = setmetatable({}, {__len = function() return 2^40 end})\n"
                       "table.insert(t, 1, 'x')\n", 2, "instruction budget exceeded");
    expect_refused(&t, "table.move({}, 1, 2^40, 2)\n", 1, "instruction budget exceeded");
    expect_refused(&t, "while true do\n  pcall(function() while true do end end)\nend\n", 2,
                   "instruction budget exceeded");
    assert_non_null(sb_load(&t,
        "entity \"x\" { type = \"X\", pattern = { \"a\" }, action = function(m)\n"
        "  return (m.text:rep(3000)):gsub('.-.-.-.-.-.-b', '') end }\n"
        "entity \"y\" { type = \"Y\", pattern = { \"b\" } }\n"));
    sb_process(&t, "a b");
    assert_int_equal(t.doc->ents.n, 1);
    expect_rule_error(&t, 0, "line 2: instruction budget exceeded");
    sb_close(&t);
}

/* 9. A finalizer that loops is stopped: at load, in a document, and when states close. */
static void test_finalizers(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    t.o.lua_instruction_limit = 1000000;
    assert_non_null(sb_load(&t,
        "for i = 1, 50 do setmetatable({}, {__gc = function() while true do end end}) end\n"
        "keep = setmetatable({}, {__gc = function() while true do end end})\n"
        "entity \"x\" { type = \"X\", pattern = { \"a\" }, action = function(m)\n"
        "  for i = 1, 200 do setmetatable({}, {__gc = function() while true do end end}) end\n"
        "  local junk = {} for i = 1, 20000 do junk[i] = {i} end\n"
        "end }\n"));
    assert_non_null(strstr(t.said, ":1: instruction budget exceeded"));
    for (int i = 0; i < 4; i++) {       /* garbage met in a document does not charge it */
        sb_process(&t, "a a a a a a a a");
        assert_int_equal(t.doc->ents.n, 8);
        assert_int_equal(entrel_doc_rule_error_count(t.doc), 0);
    }
    /* finalizers that end do run, with what they hold */
    assert_non_null(sb_load(&t,
        "local ran = 0\n"
        "local mt = {__gc = function(o) ran = ran + o.n end}\n"
        "entity \"x\" { type = \"X\", pattern = { \"a\" }, action = function(m)\n"
        "  for i = 1, 2000 do setmetatable({n = 1}, mt) end\n"
        "  local junk = {} for i = 1, 20000 do junk[i] = {i} end\n"
        "end }\n"
        "on_document(function(doc) if ran == 0 then error('no finalizer ran') end end)\n"));
    sb_process(&t, "a a a a a a a a");
    assert_int_equal(entrel_doc_rule_error_count(t.doc), 0);
    sb_close(&t);                       /* the states close in bounded time too */
}

/* 10. load honours env and mode; the string metatable is not handed out. */
static void test_load_and_strings(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    assert_non_null(sb_load(&t,
        "local f = load('return x', 'chunk', 't', {x = 5})\n"
        "assert(f() == 5, 'env')\n"
        "assert(load('return x', 'c', 't', {})() == nil)\n"
        "local pieces = {'return ', '1 + ', '2'}\n"
        "local i = 0\n"
        "assert(load(function() i = i + 1 return pieces[i] end)() == 3, 'reader')\n"
        "local g, e = load('return 1', 'c', 'b')\n"
        "assert(g == nil and e:find('mode is'), 'mode')\n"
        "assert(getmetatable('') == false, 'metatable')\n"
        "assert(('x'):upper() == 'X')\n"));
    expect_refused(&t, "\ngetmetatable('').__index = function() return 1 end\n", 2,
                   "attempt to index a boolean value");
    expect_refused(&t, "setmetatable('', {})\n", 1, "bad argument #1 to 'setmetatable'");
    sb_close(&t);
}

/* 23. {type = ""} from an action: that match's rule error, the others go on. */
static void test_empty_type(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    assert_non_null(sb_load(&t, "entity \"x\" { type = \"X\", pattern = { \"a\" },\n"
                                "  action = function(m) return {type = ''} end }\n"
                                "entity \"y\" { type = \"Y\", pattern = { \"b\" },\n"
                                "  action = function(m) return {typ = 'Z'} end }\n"
                                "entity \"z\" { type = \"Z\", pattern = { \"c\" } }\n"));
    for (int i = 0; i < 2; i++) {
        sb_process(&t, "a b c");
        assert_int_equal(t.doc->ents.n, 1);
        expect_rule_error(&t, 0, "the action's table: type must not be empty");
        expect_rule_error(&t, 1, "unknown field 'typ' (did you mean 'type'?)");
    }
    sb_close(&t);
}

/* 24. Load-time errors name the line that ran, whatever was raised. */
static void test_errors_have_lines(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    expect_refused(&t, "local x = 1\n\nerror({})\n", 3, "error object is a table value");
    expect_refused(&t, "local x = 1\nerror('x', 0)\n", 2, "x");
    expect_refused(&t, "\n\n\nerror()\n", 4, "error object is a nil value");
    expect_refused(&t, "error(setmetatable({}, {__tostring = function() return 'told' end}))\n", 1,
                   "told");
    t.o.lua_memory_limit = 2u << 20;
    expect_refused(&t, "local t = {}\nlocal s = 'x'\nwhile true do\n  t[#t + 1] = s:rep(1000) .. #t\nend\n",
                   4, "memory limit of 2097152 bytes reached");
    sb_close(&t);
}

/* 25. Misspelt fields, wrong types, values out of range: each named. */
static void test_field_checks(void **state) {
    (void)state;
    static const struct { const char *fields, *msg; } bad[] = {
        {"befor = { \"a\" }, pattern = { \"a\" }", "unknown field 'befor' (did you mean 'before'?)"},
        {"patern = { \"a\" }", "unknown field 'patern' (did you mean 'pattern'?)"},
        {"label = 'x', pattern = { \"a\" }", "unknown field 'label' (known: type, pattern, before"},
        {"pattern = \"$ NUMBER\"", "pattern must be a list of pattern elements, not a string"},
        {"pattern = { \"a\" }, type = 5", "type must be a string, not a number"},
        {"pattern = { \"a\" }, priority = \"high\"", "priority must be a whole number, not a string"},
        {"pattern = { \"a\" }, priority = 2^40", "priority = 1099511627776 is out of range"},
        {"pattern = { \"a\" }, priority = 1.5", "priority must be a whole number, not 1.5"},
        {"pattern = { \"a\" }, type = ''", "type must not be empty"},
        {"pattern = { {lower = \"a\", rep = 4294967297} }", "rep: a count must be a whole number from 0 to 64"},
        {"pattern = { {lower = \"a\", rep = {1, 100}} }", "rep: max must be a whole number from 0 to 64"},
        {"pattern = { {lower = \"a\", rep = true} }", "rep must be ?, *, +, a count or {min, max}, not a boolean"},
        {"pattern = { {flags = \"loud\"} }", "unknown value 'loud' for flags (valid: title, upper"},
        {"pattern = { {kind = \"noun\"} }", "unknown value 'noun' for kind (valid: word, number"},
        {"pattern = { {lowr = \"a\"} }", "unknown field 'lowr' (did you mean 'lower'?)"},
        {"pattern = { {lower = {\"a\", 5}} }", "lower: value 2 is a number, not a string"},
        {"pattern = { {seq = {\"a\", rep = \"?\"}} }", "seq is a list: its field 'rep' has no place there"},
        {"pattern = { {edge = \"end\", rep = \"?\"}, \"a\" }", "unknown field 'rep' (known: edge)"},
        {"pattern = { \"a\" }, action = 'f'", "action must be a function, not a string"},
        {"pattern = { \"a\" }, span = 3", "span must be a string, not a number"},
        {"pattern = { {name = \"n\", lower = \"a\"} }, span = \"m\"", "no element is named 'm'"},
    };
    sb t;
    sb_open(&t);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char lua[600];
        bool typed = strstr(bad[i].fields, "type =") != NULL;
        snprintf(lua, sizeof lua, "-- %zu\nentity \"e\" { %s%s }\n", i, typed ? "" : "type = \"X\", ",
                 bad[i].fields);
        expect_refused(&t, lua, 2, bad[i].msg);
    }
    expect_refused(&t, "regex \"r\" { type = \"X\", pattern = \"a\", over = \"page\" }", 1,
                   "unknown value 'page' for over (valid: sentence, document)");
    expect_refused(&t, "regex \"r\" { type = \"X\", pattern = \"a\", caseless = 1 }", 1,
                   "caseless must be true or false, not a number");
    expect_refused(&t, "gazetteer { fil = \"x.tsv\" }", 1, "unknown field 'fil' (did you mean 'file'?)");
    expect_refused(&t, "entity \"\" { type = \"X\", pattern = { \"a\" } }", 1, "a rule needs a name");
    sb_close(&t);
}

/* 27. An action's error is said once: no "x.lua:3: x.lua:3:" */
static void test_error_said_once(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    assert_non_null(sb_load(&t, "entity \"x\" { type = \"X\", pattern = { \"a\" }, action = function(m) return m.no.field end }\n"));
    sb_process(&t, "a");
    const char *rule, *msg;
    entrel_doc_rule_error(t.doc, 0, &rule, &msg);
    assert_non_null(strstr(rule, "rules.lua:1"));
    if (strncmp(msg, "attempt to index a nil value", 28) != 0) fail_msg("message '%s'", msg);
    sb_close(&t);
}

/* 11. Regex limits: a hit is a rule warning naming the rule, never silence. */
static void test_regex_limits(void **state) {
    (void)state;
    sb t;
    sb_open(&t);
    t.o.regex_document_steps = 100000000000ULL;   /* the match limit comes first */
    assert_non_null(sb_load(&t, "regex \"bt\" { type = \"X\", pattern = [[(?:(a+)+c|a+)]] }\n"
                                "entity \"tok\" { type = \"Y\", pattern = { {regex = [[^(?:(a+)+c|a+b)$]]} } }\n"));
    sb_process(&t, "aaaaaaaaaaaaaaaaaaaa");           /* 20 a's: within the limits */
    assert_int_equal(entrel_doc_rule_warning_count(t.doc), 0);
    assert_int_equal(t.doc->ents.n, 1);
    sb_process(&t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");  /* 30: over the match limit */
    assert_int_equal(entrel_doc_rule_warning_count(t.doc), 2);
    const char *rule, *msg;
    entrel_doc_rule_warning(t.doc, 0, &rule, &msg);
    assert_non_null(strstr(rule, "rules.lua:1"));
    assert_non_null(strstr(msg, "regex match limit of 10000000 steps reached"));
    entrel_doc_rule_warning(t.doc, 1, &rule, &msg);
    assert_non_null(strstr(rule, "rules.lua:2"));
    assert_non_null(strstr(msg, "regex match limit of 10000000 steps reached"));
    sb_close(&t);
    /* a long line of near misses: the document's steps run out, and it says so */
    sb_open(&t);
    t.o.regex_document_steps = 5000000;
    assert_non_null(sb_load(&t, "regex \"words\" { type = \"X\", pattern = [[\\b(?:(a+)+c|a{20})\\b]] }\n"));
    size_t n = 42000;
    char *line = malloc(n + 1);
    for (size_t i = 0; i < n; i++) line[i] = i % 20 == 19 ? ' ' : 'a';
    line[n] = '\0';
    sb_process(&t, line);
    free(line);
    assert_int_equal(entrel_doc_rule_warning_count(t.doc), 1);
    entrel_doc_rule_warning(t.doc, 0, &rule, &msg);
    assert_non_null(strstr(msg, "the document's 5000000 regex steps are spent"));
    sb_close(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declarations_after_load),
        cmocka_unit_test(test_deep_patterns),
        cmocka_unit_test(test_features_tables),
        cmocka_unit_test(test_hook_out_of_memory),
        cmocka_unit_test(test_rule_plugins),
        cmocka_unit_test(test_list_fence),
        cmocka_unit_test(test_print),
        cmocka_unit_test(test_library_budget),
        cmocka_unit_test(test_finalizers),
        cmocka_unit_test(test_load_and_strings),
        cmocka_unit_test(test_empty_type),
        cmocka_unit_test(test_errors_have_lines),
        cmocka_unit_test(test_field_checks),
        cmocka_unit_test(test_error_said_once),
        cmocka_unit_test(test_regex_limits),
    };
    return cmocka_run_group_tests_name("sandbox", tests, NULL, NULL);
}
