/*
** fuzz_rules.c: libFuzzer target for rule files, the untrusted input the
** sandbox guards: any bytes are a rule file, loaded into an engine under
** small limits; when it loads, one document goes through its rules and
** out as JSON.  Invariants: a file that does not load says which file and
** why; one that loads processes the document (its rule errors are the
** document's, never the process's) and writes JSON that parses, twice
** (the second time through the state the first one left).
** See LICENSE for copyright and licence.
*/
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entrel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz_rules"
#include "check.h"

static const char document[] =
    "Le ministre Jean Dupont a présidé la séance à Hanoï, capitale du Vietnam, le 3 mars 2025. "
    "L'Office des Nations Unies contre la drogue et le crime (ONUDC) l'a co-organisée avec "
    "INTERPOL. aaaaaaaaaaaaaaaaaaaaaaaaa (ABC) 42 € ; \"citation\" – fin.";

/* The rule file, written where the engine reads it: once per input. */
static const char *write_rules(const uint8_t *data, size_t size) {
    static char path[64];
    if (path[0] == '\0') snprintf(path, sizeof path, "/tmp/entrel-fuzz-rules-%d.lua", (int)getpid());
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL, "cannot write %s", path);
    CHECK(fwrite(data, 1, size, f) == size && fclose(f) == 0, "cannot write %s", path);
    return path;
}

static char *to_json(entrel_doc *doc) {
    sink k = {0};
    entrel_json_options j;
    entrel_json_options_init(&j);
    CHECK(entrel_doc_write_json(doc, &j, sink_write, &k) == ENTREL_E_OK, "the JSON writer failed");
    CHECK(sink_write("", 1, &k) == 0, "out of memory");
    json_error_t e;
    json_t *v = json_loads(k.buf, 0, &e);
    CHECK(v != NULL && json_is_object(v), "the output is not a JSON object: %s", e.text);
    json_decref(v);
    return k.buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = write_rules(data, size);
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.rules = &path;
    o.rule_count = 1;
    o.data_dir = "rules";             /* the default lexicons, as data:... */
    o.lua_memory_limit = 16u << 20;
    o.lua_instruction_limit = 2000000;
    o.regex_document_steps = 2000000;
    entrel_error err;
    entrel_engine *e = entrel_engine_new(&o, &err);
    if (e == NULL) {
        CHECK(err.code != ENTREL_E_OK && err.message[0], "a refused file says nothing");
        CHECK(err.code != ENTREL_E_CONFIG || err.file[0], "a refused file is not named: %s",
              err.message);
        return 0;
    }
    entrel_session *s = entrel_session_new(e);
    if (s == NULL) {                  /* a session runs the file again: it may run out */
        entrel_engine_free(e);
        return 0;
    }
    entrel_doc *doc = NULL, *again = NULL;
    CHECK(entrel_session_process(s, "d", document, strlen(document), &doc) == ENTREL_E_OK,
          "the document failed as a whole");
    char *first = to_json(doc);
    CHECK(entrel_session_process(s, "d", document, strlen(document), &again) == ENTREL_E_OK,
          "the document failed the second time");
    char *second = to_json(again);
    free(first);
    free(second);
    entrel_doc_free(doc);
    entrel_doc_free(again);
    entrel_session_free(s);
    entrel_engine_free(e);
    return 0;
}

#ifdef STANDALONE
#include "replay.h"

int main(int argc, char **argv) {
    return replay_main("fuzz_rules", argc, argv);
}
#endif
