/*
** fuzz_gazetteer.c: libFuzzer target for compiled gazetteers.  The input
** is a compiled file whose header the harness makes sound (magic,
** versions, size and both checksums), so that what is exercised is the
** section table, the checks of the tables at load (gzcheck.c), and
** matching over whatever the tables hold: an engine with the file alone
** reads three short documents.
** See LICENSE for copyright and licence.
**
** Invariants: a file the loader refuses is refused with its name and a
** reason, and check-gazetteer refuses it too; a file the loader takes
** check-gazetteer takes as well, and every document then processes
** (a damaged list gives wrong matches at worst, never a failed
** document), with entities in text order, on the text, whose JSON parses.
*/
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entrel.h"
#include "entrel_int.h"
#include "gzformat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz_gazetteer"
#include "check.h"

/* Names the seeds hold, in the many ways the policies take them or not. */
static const char *const docs[] = {
    "De HANOI à Ho Chi Minh Ville, l'ONUDC et l'onudc ; il fait nice à Nice.",
    "Nice weather today. We live in Nice, near Paris Hilton and New York Times.",
    "LA CÔTE D'IVOIRE ET LE CONSEIL D'ETAT. La Cour de cassation, la CJUE.",
};

/* The input as a file with a sound header: at least a header long, zeros after the input. */
static uint8_t *make_file(const uint8_t *data, size_t size, size_t *len) {
    *len = size > sizeof(gz_header) ? size : sizeof(gz_header);
    uint8_t *buf = calloc(1, *len);
    CHECK(buf != NULL, "out of memory");
    memcpy(buf, data, size);
    gz_header h;
    memcpy(&h, buf, sizeof h);
    memcpy(h.magic, GZ_FILE_MAGIC, 8);
    h.version = GZ_FILE_VERSION;
    h.byte_order = GZ_BYTE_ORDER;
    h.tokenizer = ENTREL_TOKENIZER_VERSION;
    h.size = *len;
    h.body_sum = gz_body_sum(buf, *len);
    h.head_sum = gz_head_sum(&h);
    memcpy(buf, &h, sizeof h);
    return buf;
}

static void write_file(const char *path, const uint8_t *buf, size_t len) {
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL, "cannot write %s", path);
    CHECK(fwrite(buf, 1, len, f) == len && fclose(f) == 0, "cannot write %s", path);
}

/* Entities lie on the text, in order, with a type; their JSON parses. */
static void check_doc(entrel_doc *doc, const char *text, size_t len) {
    size_t n = entrel_doc_entity_count(doc), last = 0;
    for (size_t i = 0; i < n; i++) {
        entrel_entity e;
        CHECK(entrel_doc_entity(doc, i, &e) == ENTREL_E_OK, "entity %zu", i);
        CHECK(e.start < e.end && e.end <= len && e.start >= last &&
                  memcmp(e.text, text + e.start, e.end - e.start) == 0,
              "entity %zu at [%zu,%zu) of %zu bytes", i, e.start, e.end, len);
        CHECK(e.type != NULL && e.type[0] != '\0', "entity %zu has no type", i);
        last = e.end;
    }
    entrel_json_options opts;
    entrel_json_options_init(&opts);
    opts.flags = ENTREL_JSON_LINE | ENTREL_JSON_EXPLAIN;
    sink k = {0};
    CHECK(entrel_doc_write_json(doc, &opts, sink_write, &k) == ENTREL_E_OK, "write_json");
    json_error_t jerr;
    json_t *root = json_loadb(k.buf, k.len, 0, &jerr);
    CHECK(root != NULL, "JSON output does not parse: %s", jerr.text);
    CHECK(json_array_size(json_object_get(root, "entities")) == n, "JSON entities");
    json_decref(root);
    free(k.buf);
}

static void run_docs(entrel_engine *engine) {
    entrel_session *s = entrel_session_new(engine);
    CHECK(s != NULL, "cannot make a session");
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        entrel_doc *doc;
        size_t len = strlen(docs[i]);
        int rc = entrel_session_process(s, "fuzz", docs[i], len, &doc);
        CHECK(rc == ENTREL_E_OK, "document %zu fails: %s", i, entrel_errname(rc));
        check_doc(doc, docs[i], len);
        entrel_doc_free(doc);
    }
    entrel_session_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[64];
    if (path[0] == '\0')
        snprintf(path, sizeof path, "/tmp/fuzz_gazetteer-%ld.egz", (long)getpid());
    size_t len;
    uint8_t *buf = make_file(data, size, &len);
    write_file(path, buf, len);
    free(buf);
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    const char *list[] = {path};
    o.gazetteers = list;
    o.gazetteer_count = 1;
    entrel_error err, verr;
    entrel_engine *engine = entrel_engine_new(&o, &err);
    int verified = entrel_gazetteer_verify(path, &verr);
    if (engine == NULL) {
        CHECK(err.code == ENTREL_E_CORRUPT && strcmp(err.file, path) == 0 && err.message[0],
              "a refused file without its name or a reason: %s: %s (%s)", err.file,
              err.message, entrel_errname(err.code));
        CHECK(verified == ENTREL_E_CORRUPT, "check-gazetteer takes a file load refuses (%s)",
              err.message);
    } else {
        CHECK(verified == ENTREL_E_OK, "check-gazetteer refuses a file load takes: %s",
              verr.message);
        run_docs(engine);
        entrel_engine_free(engine);
    }
    unlink(path);
    return 0;
}

#ifdef STANDALONE
#include "replay.h"

int main(int argc, char **argv) {
    return replay_main("fuzz_gazetteer", argc, argv);
}
#endif
