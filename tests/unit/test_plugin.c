/*
** test_plugin.c: the plugin loader (plugin.c) with the fixture plugins of
** tests/plugins: one that works, and one for each way loading fails (no
** file, not a shared object, no entry function, another ABI version, a
** start that fails); then a document failed by its plugin, and the
** document options a plugin reads.
** See LICENSE for copyright and licence.
*/
#include <fcntl.h>
#include <libgen.h>
#include <unistd.h>

#include "helpers.h"

static char fixtures[512];

static const char *fixture_path(const char *name) {
    static char path[600];
    snprintf(path, sizeof path, "%s/%s", fixtures, name);
    return path;
}

static entrel_engine *engine_with(const char *spec, entrel_error *err) {
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.plugins = &spec;
    o.plugin_count = 1;
    memset(err, 0, sizeof *err);
    return entrel_engine_new(&o, err);
}

static void expect_refused(const char *spec, const char *what) {
    entrel_error err;
    assert_null(engine_with(spec, &err));
    assert_int_equal(err.code, ENTREL_E_CONFIG);
    if (strstr(err.message, what) == NULL) fail_msg("\"%s\" does not say \"%s\"", err.message, what);
    assert_non_null(strstr(spec, err.file));
}

static void test_refusals(void **state) {
    (void)state;
    expect_refused(fixture_path("missing.so"), "plugin cannot be opened");
    expect_refused(fixture_path("noentry.so"), "has no entry function entrel_plugin_entry");
    expect_refused(fixture_path("badabi.so"), "has the wrong ABI version: built for ABI version 99");
    expect_refused(fixture_path("failing.so"), "failed to start: wants the argument ok, got \"\"");
    expect_refused(fixture_path("failing.so:nope"), "got \"nope\"");
    char text[] = "/tmp/entrel-plugin-XXXXXX";
    int fd = mkstemp(text);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "not a plugin\n", 13), 13);
    close(fd);
    expect_refused(text, "plugin cannot be opened");
    unlink(text);
}

/* Entities and relations as "TYPE:text=value[features]@source", joined by " | ". */
static const char *annotations(entrel_doc *doc) {
    static char buf[1024];
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < doc->ents.n; i++) {
        const ann_entity *e = &doc->ents.v[i];
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s:%.*s=%s[%s]@%s", len ? " | " : "",
                                doc_atom_str(doc, e->type), (int)(e->end - e->start),
                                (const char *)doc->text + e->start,
                                e->value ? doc_atom_str(doc, e->value) : "",
                                e->features ? doc_atom_str(doc, e->features) : "",
                                doc_atom_str(doc, e->source));
    }
    for (size_t i = 0; i < doc->rels.n; i++) {
        const ann_relation *r = &doc->rels.v[i];
        len += (size_t)snprintf(buf + len, sizeof buf - len, " | %s(T%d, T%d)@%s",
                                doc_atom_str(doc, r->type), r->head.ref + 1, r->tail.ref + 1,
                                doc_atom_str(doc, r->rule));
    }
    return buf;
}

static void test_a_working_plugin(void **state) {
    (void)state;
    entrel_error err;
    entrel_engine *e = engine_with(fixture_path("good.so:v1"), &err);
    if (e == NULL) fail_msg("%s: %s", err.file, err.message);
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc;
    const char *text = "Un Bidule, puis Bidule et Bidule ici.";
    assert_int_equal(entrel_session_process(s, "d", text, strlen(text), &doc), ENTREL_E_OK);
    assert_string_equal(annotations(doc),
                        "THING:Bidule=v1[half=refused]@plugin:good | "
                        "THING:Bidule=v1[half=refused]@plugin:good | "
                        "THING:Bidule=v1[half=refused]@plugin:good | "
                        "next_to(T1, T2)@plugin:good | next_to(T2, T3)@plugin:good");
    /* the same through the API */
    assert_int_equal(entrel_doc_entity_count(doc), 3);
    entrel_entity ent;
    assert_int_equal(entrel_doc_entity(doc, 1, &ent), ENTREL_E_OK);
    assert_int_equal(ent.start, 16);
    assert_memory_equal(ent.text, "Bidule", 6);
    assert_string_equal(ent.type, "THING");
    assert_string_equal(ent.value, "v1");
    assert_string_equal(ent.source, "plugin:good");
    assert_string_equal(ent.features, "half=refused");
    assert_null(ent.canonical);
    assert_null(ent.kb);
    assert_null(ent.rule);
    assert_int_equal(entrel_doc_entity(doc, 3, &ent), ENTREL_E_INVALID_ARG);
    assert_int_equal(entrel_doc_relation_count(doc), 2);
    entrel_relation rel;
    assert_int_equal(entrel_doc_relation(doc, 1, &rel), ENTREL_E_OK);
    assert_string_equal(rel.type, "next_to");
    assert_string_equal(rel.rule, "plugin:good");
    assert_int_equal(rel.head.entity, 1);
    assert_int_equal(rel.tail.entity, 2);
    assert_int_equal(rel.evidence_start, 16);
    assert_int_equal(rel.evidence_end, rel.tail.end);
    assert_memory_equal(rel.tail.text, "Bidule", 6);
    assert_int_equal(entrel_doc_relation(doc, 2, &rel), ENTREL_E_INVALID_ARG);
    char *json = entrel_doc_to_json(doc, NULL);
    assert_non_null(strstr(json, "\"text\": \"Bidule\", \"value\": \"v1\", \"source\": \"plugin:good\""));
    entrel_free(json);
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
}

/* A plugin that fails on a document is listed with its rule errors, and the document goes on. */
static void test_a_failing_document(void **state) {
    (void)state;
    entrel_error err;
    entrel_engine *e = engine_with(fixture_path("failing.so:ok"), &err);
    assert_non_null(e);
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "d", "Bonjour.", 8, &doc), ENTREL_E_OK);
    assert_int_equal(entrel_doc_rule_error_count(doc), 1);
    const char *rule, *msg;
    assert_int_equal(entrel_doc_rule_error(doc, 0, &rule, &msg), ENTREL_E_OK);
    assert_string_equal(rule, "plugin:failing");
    assert_string_equal(msg, "the plugin failed on the document: input/output error");
    assert_int_equal(entrel_doc_token_count(doc), 2);
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
}

/* A rule file may load a plugin: plugin { file = ..., args = ... }; a bad one is its file:line. */
static void test_from_a_rule_file(void **state) {
    (void)state;
    char path[] = "/tmp/entrel-plugin-rules-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    char lua[1400], good[600];
    snprintf(good, sizeof good, "%s", fixture_path("good.so"));   /* fixture_path's buffer is one */
    int n = snprintf(lua, sizeof lua, "-- a rule file\nplugin { file = \"%s\", args = \"r1\" }\n"
                                      "plugin { file = \"%s\" }\n",
                     good, fixture_path("missing.so"));
    assert_int_equal(write(fd, lua, (size_t)n), n);
    close(fd);
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    const char *rules[] = {path};
    o.rules = rules;
    o.rule_count = 1;
    entrel_error err;
    /* native code from a rule file only when the caller allows it */
    assert_null(entrel_engine_new(&o, &err));
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "a rule file may load a C plugin only when the caller allows it"));
    o.allow_rule_plugins = 1;
    assert_null(entrel_engine_new(&o, &err));
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "missing.so: plugin cannot be opened"));
    fd = open(path, O_WRONLY | O_TRUNC);
    n = snprintf(lua, sizeof lua, "plugin { file = \"%s\", args = \"r1\" }\n", fixture_path("good.so"));
    assert_int_equal(write(fd, lua, (size_t)n), n);
    close(fd);
    entrel_engine *e = entrel_engine_new(&o, &err);
    if (e == NULL) fail_msg("%s:%d: %s", err.file, err.line, err.message);
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "d", "Un Bidule.", 10, &doc), ENTREL_E_OK);
    assert_string_equal(annotations(doc), "THING:Bidule=r1[half=refused]@plugin:good");
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
    unlink(path);
}

static void test_document_date(void **state) {
    (void)state;
    entrel_engine *e = entrel_engine_new(NULL, NULL);
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc;
    static const char *good[] = {"2025", "2025-03", "2025-03-26"};
    static const char *bad[] = {"25", "2025-3-26", "2025-13", "2025-03-32", "2025/03/26", ""};
    for (size_t i = 0; i < 3; i++) {
        entrel_doc_options o = {.date = good[i]};
        assert_int_equal(entrel_session_process_with(s, "d", "Hier.", 5, &o, &doc), ENTREL_E_OK);
        assert_string_equal(doc->date, good[i]);
        entrel_doc_free(doc);
    }
    for (size_t i = 0; i < 6; i++) {
        entrel_doc_options o = {.date = bad[i]};
        assert_int_equal(entrel_session_process_with(s, "d", "Hier.", 5, &o, &doc),
                         ENTREL_E_INVALID_ARG);
        assert_null(doc);
    }
    assert_int_equal(entrel_session_process_with(s, "d", "Hier.", 5, NULL, &doc), ENTREL_E_OK);
    assert_null(doc->date);
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
}

int main(int argc, char **argv) {
    (void)argc;
    char self[512];
    snprintf(self, sizeof self, "%s", argv[0]);
    /* build/tests/test_plugin and build/san-tests/test_plugin both find build/tests/plugins */
    const char *dir = dirname(self);
    char cwd[256] = "";                 /* absolute: a rule file names it from its own folder */
    if (dir[0] != '/' && getcwd(cwd, sizeof cwd) == NULL) return 1;
    snprintf(fixtures, sizeof fixtures, "%s%s%s/../tests/plugins", cwd, cwd[0] ? "/" : "", dir);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_a_working_plugin),
        cmocka_unit_test(test_a_failing_document),
        cmocka_unit_test(test_from_a_rule_file),
        cmocka_unit_test(test_document_date),
    };
    return cmocka_run_group_tests_name("plugin", tests, NULL, NULL);
}
