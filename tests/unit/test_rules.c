/*
** test_rules.c: rule files through the public API: entity and relation
** rules with their file:line, actions and vetoes, and every way a rule
** file or an action can go wrong: a syntax error, a bad pattern, a reach
** for io or os, a binary chunk, an endless loop, a memory bomb, an error
** in an action; each is named with its file and line, and the other
** rules and documents go on.
** See LICENSE for copyright and licence.
*/
#include <unistd.h>

#include "helpers.h"

typedef struct rt {
    char path[64];
    entrel_engine *engine;
    entrel_session *session;
    entrel_doc *doc;
    entrel_error err;
} rt;

static entrel_engine *load(rt *t, const char *lua, size_t memory, uint64_t budget) {
    snprintf(t->path, sizeof t->path, "/tmp/entrel-rules-XXXXXX");
    int fd = mkstemp(t->path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, lua, strlen(lua)), (ssize_t)strlen(lua));
    close(fd);
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    const char *paths[] = {t->path};
    o.rules = paths;
    o.rule_count = 1;
    o.lua_memory_limit = memory;
    o.lua_instruction_limit = budget;
    t->engine = entrel_engine_new(&o, &t->err);
    unlink(t->path);
    return t->engine;
}

/* Entities then relations as "TYPE:text@rule-line", joined by " | ". */
static const char *process(rt *t, const char *text) {
    static char buf[2048];
    if (t->session == NULL) t->session = entrel_session_new(t->engine);
    assert_non_null(t->session);
    entrel_doc_free(t->doc);
    assert_int_equal(entrel_session_process(t->session, "d", text, strlen(text), &t->doc),
                     ENTREL_E_OK);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < t->doc->ents.n; i++) {
        const ann_entity *e = &t->doc->ents.v[i];
        const char *where = strrchr(doc_atom_str(t->doc, e->rule), ':');
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s:%.*s@%s", len ? " | " : "",
                                doc_atom_str(t->doc, e->type), (int)(e->end - e->start),
                                (const char *)t->doc->text + e->start, where ? where + 1 : "");
    }
    for (size_t i = 0; i < t->doc->rels.n; i++) {
        const ann_relation *r = &t->doc->rels.v[i];
        len += (size_t)snprintf(buf + len, sizeof buf - len, " | %s(%.*s, %.*s)",
                                doc_atom_str(t->doc, r->type),
                                (int)(r->head.end - r->head.start),
                                (const char *)t->doc->text + r->head.start,
                                (int)(r->tail.end - r->tail.start),
                                (const char *)t->doc->text + r->tail.start);
    }
    return buf;
}

static void rt_free(rt *t) {
    entrel_doc_free(t->doc);
    entrel_session_free(t->session);
    entrel_engine_free(t->engine);
    memset(t, 0, sizeof *t);
}

static const char rules[] =
    "-- people after a title, and what they chaired\n"
    "entity \"person\" {\n"
    "  type = \"PER\",\n"
    "  before = { {lower = {\"ministre\", \"m.\"}} },\n"
    "  pattern = { {flags = \"title\", rep = {2, 4}} },\n"
    "}\n"
    "relation \"presided\" {\n"
    "  type = \"presided_over\",\n"
    "  pattern = { {entity = \"PER\", rep = \"+\", name = \"head\"}, \"a\", \"présidé\",\n"
    "              {kind = \"word\", rep = {1, 4}, name = \"tail\"} },\n"
    "  action = function(m) return m.tail.text ~= \"la pause\" end,\n"
    "}\n";

static void test_entities_and_relations(void **state) {
    (void)state;
    rt t = {0};
    assert_non_null(load(&t, rules, 0, 0));
    assert_string_equal(process(&t, "Le vice-ministre Vu Le Thai Hoang a présidé la séance."),
                        "PER:Vu Le Thai Hoang@2 | presided_over(Vu Le Thai Hoang, la séance)");
    /* the action vetoes this one */
    assert_string_equal(process(&t, "Le ministre Jean Dupont a présidé la pause."),
                        "PER:Jean Dupont@2");
    rt_free(&t);
}

/*
** Tokens learn with their forms whether they hold a key word of the rules
** (TOK_KEY), the same in a second document (from the session's form
** cache); the API's token flags do not show it.
*/
static void test_key_tokens(void **state) {
    (void)state;
    rt t = {0};
    assert_non_null(load(&t, rules, 0, 0));
    for (int round = 0; round < 2; round++) {
        process(&t, "Le ministre Jean Dupont a présidé la séance.");
        size_t keys = 0;
        for (size_t i = 0; i < t.doc->toks.n; i++) {
            const tok *k = &t.doc->toks.v[i];
            const char *norm = doc_atom_str(t.doc, k->norm);   /* the two rules' key words */
            bool key = strcmp(norm, "présidé") == 0 || strcmp(norm, "ministre") == 0;
            assert_int_equal((k->flags & TOK_KEY) != 0, key);
            keys += key;
            entrel_token api;
            assert_int_equal(entrel_doc_token(t.doc, i, &api), ENTREL_E_OK);
            assert_int_equal(api.flags & TOK_INTERNAL_FLAGS, 0);
        }
        assert_int_equal(keys, 2);
    }
    rt_free(&t);
}

/* A lower-case word with one apostrophe matches it written with the other. */
static void test_apostrophes(void **state) {
    (void)state;
    rt t = {0};
    assert_non_null(load(&t, "entity \"after l'\" { type = \"ORG\",\n"
                             "  before = { \"l'\" }, pattern = { {flags = \"upper\"} } }\n"
                             "entity \"aujourd\" { type = \"DAY\",\n"
                             "  pattern = { {lower = {\"aujourd\xE2\x80\x99hui\", \"hier\"}} } }\n",
                        0, 0));
    assert_string_equal(process(&t, "Selon l\xE2\x80\x99ONU et l'OMS, aujourd'hui."),
                        "ORG:ONU@1 | ORG:OMS@1 | DAY:aujourd'hui@3");
    rt_free(&t);
}

/* Load 'lua' and expect failure at 'line' with 'msg' in the message. */
static void expect_load_error(const char *lua, int line, const char *msg, size_t memory,
                              uint64_t budget) {
    rt t = {0};
    assert_null(load(&t, lua, memory, budget));
    assert_int_equal(t.err.code, ENTREL_E_CONFIG);
    assert_string_equal(t.err.file, t.path);
    assert_int_equal(t.err.line, line);
    if (strstr(t.err.message, msg) == NULL) fail_msg("'%s' lacks '%s'", t.err.message, msg);
}

/* token(n) lets an action look around its match: here, turn down a name after "rue". */
static void test_token_context(void **state) {
    (void)state;
    rt t = {0};
    assert_non_null(load(&t, "entity \"name\" { type = \"PER\",\n"
                             "  pattern = { {flags = \"title\", rep = {2, 3}} },\n"
                             "  action = function(m)\n"
                             "    local before, past = token(m.first - 1), token(#m.text + 1000)\n"
                             "    assert(token(0) == nil and past == nil)\n"
                             "    return not (before and before.lower == 'rue' and before.kind == 'word')\n"
                             "  end }\n", 0, 0));
    assert_string_equal(process(&t, "Il habite rue Victor Hugo avec Marie Curie."),
                        "PER:Marie Curie@1");
    rt_free(&t);
    /* outside an action it says so, with the rule file's line */
    expect_load_error("local x = token(1)\n", 1, "token works only inside a rule's action", 0, 0);
    expect_load_error("language \"fr\"\nplugin { args = \"x\" }\n", 2,
                      "plugin: file = \"path.so\" is required", 0, 0);
}

static void test_load_errors(void **state) {
    (void)state;
    expect_load_error("entity \"x\" {\n type = \"ORG\",\n pattern = { \"a\" \n", 4,
                      "'}' expected", 0, 0);
    expect_load_error("\n\nentity \"x\" { type = \"ORG\", pattern = { {colour = \"red\"} } }\n",
                      3, "rule x: unknown field 'colour'", 0, 0);
    expect_load_error("entity \"x\" { pattern = { \"a\" } }\n", 1, "rule x: type is required", 0, 0);
    expect_load_error("entity \"x\" { type = \"ORG\", pattern = { {lower = \"a\", rep = \"?\"} } }",
                      1, "can match no token", 0, 0);
    expect_load_error("relation \"r\" { type = \"t\", pattern = { \"a\" } }", 1,
                      "no element is named 'head'", 0, 0);
    expect_load_error("entity \"x\" { type = \"ORG\", pattern = { {regex = \"(\"} } }", 1,
                      "regex: missing closing parenthesis", 0, 0);
}

static void test_sandbox(void **state) {
    (void)state;
    expect_load_error("local f = io.open('/etc/passwd')\n", 1, "global 'io'", 0, 0);
    expect_load_error("\nos.execute('true')\n", 2, "global 'os'", 0, 0);
    expect_load_error("require('os')\n", 1, "global 'require'", 0, 0);
    expect_load_error("dofile('/etc/passwd')\n", 1, "global 'dofile'", 0, 0);
    expect_load_error("assert(load('\\27Lua\\84\\0'))\n", 1,
                      "attempt to load a binary chunk", 0, 0);
    expect_load_error("while true do end\n", 1, "instruction budget exceeded", 0, 100000);
    expect_load_error("local t = {}\nfor i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end\n", 2,
                      "memory limit of 4194304 bytes reached", 4u << 20, 0);
}

static void test_action_errors(void **state) {
    (void)state;
    rt t = {0};
    const char *lua =
        "entity \"boom\" { type = \"X\", pattern = { \"un\" },\n"
        "  action = function(m) error('no ' .. m.text) end }\n"
        "entity \"loop\" { type = \"Y\", pattern = { \"deux\" },\n"
        "  action = function(m) while true do end end }\n"
        "entity \"fine\" { type = \"Z\", pattern = { \"trois\" } }\n";
    assert_non_null(load(&t, lua, 0, 200000));
    assert_string_equal(process(&t, "un deux trois"), "Z:trois@5");
    assert_int_equal(entrel_doc_rule_error_count(t.doc), 2);
    const char *rule, *msg;
    assert_int_equal(entrel_doc_rule_error(t.doc, 0, &rule, &msg), ENTREL_E_OK);
    assert_non_null(strstr(rule, ":1"));
    assert_non_null(strstr(msg, "no un"));
    assert_int_equal(entrel_doc_rule_error(t.doc, 1, &rule, &msg), ENTREL_E_OK);
    assert_non_null(strstr(rule, ":3"));
    assert_non_null(strstr(msg, "line 4: instruction budget exceeded"));
    rt_free(&t);
    /* is_acronym given no string: that match fails, named by its rule's line */
    assert_non_null(load(&t, "entity \"acr\" { type = \"X\", pattern = { \"un\" },\n"
                             "  action = function(m) return is_acronym(m.text, nil) end }\n", 0, 0));
    assert_string_equal(process(&t, "un"), "");
    assert_int_equal(entrel_doc_rule_error(t.doc, 0, &rule, &msg), ENTREL_E_OK);
    assert_non_null(strstr(rule, ":1"));
    assert_non_null(strstr(msg, "line 2: bad argument #2 to 'is_acronym'"));
    rt_free(&t);
    /* a memory bomb in an action fails that match only */
    const char *bomb =
        "entity \"bomb\" { type = \"X\", pattern = { \"un\" },\n"
        "  action = function(m) local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end end }\n"
        "entity \"fine\" { type = \"Z\", pattern = { \"trois\" } }\n";
    assert_non_null(load(&t, bomb, 8u << 20, 0));
    assert_string_equal(process(&t, "un deux trois"), "Z:trois@3");
    entrel_doc_rule_error(t.doc, 0, &rule, &msg);
    assert_string_equal(msg, "memory limit of 8388608 bytes reached");
    assert_string_equal(process(&t, "un trois"), "Z:trois@3");
    rt_free(&t);
    assert_non_null(load(&t, lua, 0, 200000));
    process(&t, "un deux trois");
    /* the next document gets a fresh budget and goes on */
    assert_string_equal(process(&t, "trois"), "Z:trois@5");
    assert_int_equal(entrel_doc_rule_error_count(t.doc), 0);
    rt_free(&t);
}

/* lexicon, gazetteer and language declarations, paths relative to the rule file */
static void test_declarations(void **state) {
    (void)state;
    char dir[] = "/tmp/entrel-rdir-XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/titles.tsv", dir);
    FILE *f = fopen(path, "w");
    fputs("ministre\tTITLE\nsecrétaire général\tTITLE\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/places.tsv", dir);
    f = fopen(path, "w");
    fputs("Gia Lai\tLOC\n", f);
    fclose(f);
    rt t = {0};
    char lua[600];
    snprintf(lua, sizeof lua,
             "lexicon \"titles\" { file = \"%s/titles.tsv\" }\n"
             "gazetteer { file = \"%s/places.tsv\" }\n"
             "language \"fr\"\n"
             "entity \"after title\" { type = \"PER\", before = { {lexicon = \"titles\"} },\n"
             "  pattern = { {flags = \"title\", not_lexicon = \"titles\", rep = {1, 3}} } }\n",
             dir, dir);
    assert_non_null(load(&t, lua, 0, 0));
    assert_string_equal(process(&t, "Le secrétaire général Ana Li est à Gia Lai."),
                        "PER:Ana Li@4 | LOC:Gia Lai@");
    /* English documents do not see French rules */
    entrel_doc_free(t.doc);
    const char *en = "The minister said the secrétaire général Ana Li is in Gia Lai.";
    assert_int_equal(entrel_session_process(t.session, "e", en, strlen(en), &t.doc), ENTREL_E_OK);
    assert_int_equal(t.doc->ents.n, 1);
    rt_free(&t);
    expect_load_error("entity \"x\" { type = \"P\", pattern = { {lexicon = \"nope\"} } }", 1,
                      "no lexicon 'nope' is declared before this rule", 0, 0);
    expect_load_error("\nlexicon \"l\" { file = \"/nonexistent.tsv\" }", 2,
                      "lexicon: /nonexistent.tsv: No such file or directory", 0, 0);
    expect_load_error("language \"de\"", 1, "language must be", 0, 0);
    snprintf(lua, sizeof lua,
             "lexicon \"t\" { file = \"%s/titles.tsv\" }\n"
             "lexicon \"t\" { file = \"%s/places.tsv\" }\n", dir, dir);
    expect_load_error(lua, 2, "lexicon t: declared before with another file", 0, 0);
    expect_load_error("gazetteer { }", 1, "gazetteer: file = \"path.tsv\" is required", 0, 0);
    expect_load_error("lexicon \"d\" { file = \"data:x.tsv\" }", 1,
                      "lexicon: no data folder is set for \"data:x.tsv\"", 0, 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/titles.tsv", dir);
    unlink(path);
    rmdir(dir);
}

static void test_regex_rules(void **state) {
    (void)state;
    rt t = {0};
    const char *lua =
        "regex \"year\" { type = \"DATE\", pattern = [[\\b(19|20)\\d\\d\\b]] }\n"
        "regex \"inside\" { type = \"X\", pattern = [[ver]] }\n"
        "regex \"month\" { type = \"DATE\", caseless = true, over = \"document\",\n"
        "  pattern = [[(\\d{1,2} (mars|décembre)) \\d{4}]], group = 1 }\n";
    assert_non_null(load(&t, lua, 0, 0));
    assert_string_equal(process(&t, "En 2001, le 26 MARS 2025, vers 1850."),
                        "DATE:2001@1 | DATE:26 MARS@3 | DATE:2025@1");
    /* "ver" inside "vers" is kept for --explain, not made an entity */
    bool unaligned = false;
    for (size_t i = 0; i < t.doc->dropped.n; i++)
        unaligned |= t.doc->dropped.v[i].why == DROP_UNALIGNED;
    assert_true(unaligned);
    rt_free(&t);
    expect_load_error("regex \"r\" { type = \"X\", pattern = [[(a]] }", 1,
                      "rule r: regex at offset 2: missing closing parenthesis", 0, 0);
    expect_load_error("regex \"r\" { type = \"X\", pattern = [[a]], group = 2 }", 1,
                      "rule r: no such group", 0, 0);
    expect_load_error("regex \"r\" { type = \"X\", pattern = [[a]], over = \"page\" }", 1,
                      "rule r: unknown value 'page' for over (valid: sentence, document)", 0, 0);
}

static void test_action_results(void **state) {
    (void)state;
    rt t = {0};
    const char *lua =
        "entity \"acronym\" { type = \"ORG\", span = \"long\",\n"
        "  pattern = { {flags = \"title\", rep = \"+\", name = \"long\"}, \"(\",\n"
        "              {flags = \"upper\", name = \"short\"}, \")\" },\n"
        "  action = function(m)\n"
        "    add_entity { type = \"ORG\", span = m.short, features = {acronym = true} }\n"
        "    return { type = \"BODY\", canonical = m.long.text, features = {b = 2, a = 1} }\n"
        "  end }\n"
        "relation \"alias\" { type = \"alias_of\",\n"
        "  pattern = { {entity = \"BODY\", rep = \"+\", name = \"head\"}, \"(\",\n"
        "              {entity = \"ORG\", name = \"tail\"}, \")\" },\n"
        "  action = function(m) add_relation { type = \"named\", head = m.tail, tail = m.head } end }\n";
    assert_non_null(load(&t, lua, 0, 0));
    assert_string_equal(process(&t, "selon Global Watch (GW) hier"),
                        "BODY:Global Watch@1 | ORG:GW@1 | named(GW, Global Watch) | "
                        "alias_of(Global Watch, GW)");
    const ann_entity *e = &t.doc->ents.v[0];
    assert_string_equal(doc_atom_str(t.doc, e->canonical), "Global Watch");
    assert_string_equal(doc_atom_str(t.doc, e->features), "a=1;b=2");
    assert_string_equal(doc_atom_str(t.doc, t.doc->ents.v[1].features), "acronym=true");
    rt_free(&t);
    expect_load_error("\nadd_entity { type = \"X\" }", 2,
                      "add_entity works only inside a rule's action", 0, 0);
}

static void test_document_hook(void **state) {
    (void)state;
    rt t = {0};
    const char *lua =
        "entity \"w\" { type = \"W\", pattern = { {flags = \"title\"} } }\n"
        "on_document(function(doc)\n"
        "  local e = doc.entities\n"
        "  if #e >= 2 then add_relation { type = \"pair\", head = e[1], tail = e[#e] } end\n"
        "  if doc.id ~= \"d\" or #doc.sentences ~= 2 then error('bad doc table') end\n"
        "end)\n"
        "on_document(function(doc) add_entity { type = \"X\", span = doc.entities[1] } end)\n";
    assert_non_null(load(&t, lua, 0, 0));
    assert_string_equal(process(&t, "voici Alpha et Beta. Puis Gamma."),
                        "W:Alpha@1 | W:Beta@1 | W:Puis@1 | W:Gamma@1 | pair(Alpha, Gamma)");
    const char *rule, *msg;
    assert_int_equal(entrel_doc_rule_error_count(t.doc), 1);
    entrel_doc_rule_error(t.doc, 0, &rule, &msg);
    assert_non_null(strstr(rule, ":7"));
    assert_non_null(strstr(msg, "add_entity works in entity and regex rules"));
    rt_free(&t);
}

/* A veto lets the search go on inside the match; long value lists load. */
static void test_veto_and_lists(void **state) {
    (void)state;
    rt t = {0};
    char lua[2048];
    size_t len = (size_t)snprintf(lua, sizeof lua, "entity \"w\" { type = \"W\", pattern = {"
                                  " {lower = {");
    for (int i = 0; i < 60; i++) len += (size_t)snprintf(lua + len, sizeof lua - len, "\"w%d\", ", i);
    snprintf(lua + len, sizeof lua - len,
             "\"zeta\"}} } }\n"
             "entity \"caps\" { type = \"C\", pattern = { {flags = \"title\", rep = \"+\"} },\n"
             "  action = function(m) return m.first > 1 or m.last == m.first end }\n");
    assert_non_null(load(&t, lua, 0, 0));
    /* "Alpha Beta" starting the text is vetoed; the search goes on at "Beta" */
    assert_string_equal(process(&t, "Alpha Beta et w7 zeta"), "C:Beta@2 | W:w7@1 | W:zeta@1");
    rt_free(&t);
    len = (size_t)snprintf(lua, sizeof lua, "entity \"w\" { type = \"W\", pattern = { {lower = {");
    for (int i = 0; i < 70; i++) len += (size_t)snprintf(lua + len, sizeof lua - len, "\"w%d\", ", i);
    snprintf(lua + len, sizeof lua - len, "}} } }\n");
    expect_load_error(lua, 1, "lower: at most 64 values", 0, 0);
}

/* Edges of the sentence as context: "X" at the very start, a word just before the final stop. */
static void test_edges(void **state) {
    (void)state;
    rt t = {0};
    const char *lua =
        "entity \"first\" { type = \"A\", before = { {edge = \"start\"} },\n"
        "  pattern = { {flags = \"title\"} } }\n"
        "entity \"last\" { type = \"B\", after = { \".\", {edge = \"end\"} },\n"
        "  pattern = { {kind = \"word\"} } }\n";
    assert_non_null(load(&t, lua, 0, 0));
    assert_string_equal(process(&t, "Alpha et Beta vont loin. Gamma reste ici."),
                        "A:Alpha@1 | B:loin@3 | A:Gamma@1 | B:ici@3");
    rt_free(&t);
    expect_load_error("entity \"x\" { type = \"X\", pattern = { {edge = \"end\"} } }", 1,
                      "can match no token", 0, 0);
    expect_load_error("entity \"x\" { type = \"X\", pattern = { {edge = \"middle\"} } }", 1,
                      "unknown value 'middle' for edge (valid: start, end)", 0, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities_and_relations),
        cmocka_unit_test(test_key_tokens),
        cmocka_unit_test(test_apostrophes),
        cmocka_unit_test(test_token_context),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_sandbox),
        cmocka_unit_test(test_action_errors),
        cmocka_unit_test(test_declarations),
        cmocka_unit_test(test_regex_rules),
        cmocka_unit_test(test_action_results),
        cmocka_unit_test(test_document_hook),
        cmocka_unit_test(test_veto_and_lists),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
