/*
** fuzz_jsonl.c: libFuzzer target for the command's JSONL reader and the
** JSON writer behind it: any byte stream is read as JSONL, and each
** document it yields is processed and written as one JSONL line.
** See LICENSE for copyright and licence.
**
** The stream's lines are also cut here, independently of the reader, to
** check that each non-blank line gives exactly one record, in order.
*/
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "entrel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SOURCE "fuzz.jsonl"

#define FUZZ_NAME "fuzz_jsonl"
#include "check.h"

/* ------------------------------------------------------------ lines */

static bool blank_line(const uint8_t *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return false;
    return true;
}

/* The 1-based numbers of the lines that are not blank: the records to expect. */
static size_t *expected_lines(const uint8_t *data, size_t size, size_t *count) {
    size_t *lines = malloc((size + 1) * sizeof *lines), n = 0, lineno = 0;
    CHECK(lines != NULL, "out of memory");
    for (size_t a = 0; a < size;) {
        const uint8_t *nl = memchr(data + a, '\n', size - a);
        size_t b = nl ? (size_t)(nl - data) + 1 : size;
        lineno++;
        if (!blank_line(data + a, b - a)) lines[n++] = lineno;
        a = b;
    }
    *count = n;
    return lines;
}

/* ------------------------------------------------------------ output */

static const char *member_string(json_t *obj, const char *key, size_t *len) {
    json_t *v = json_object_get(obj, key);
    CHECK(json_is_string(v), "output: \"%s\" is not a string", key);
    if (len) *len = json_string_length(v);
    return json_string_value(v);
}

/*
** One output line: a JSON object that names the document and its
** language, carries the record's text unchanged and its other fields as
** "meta".
*/
static void check_output(const sink *k, const input_record *rec, entrel_doc *doc) {
    CHECK(k->len > 0 && memchr(k->buf, '\n', k->len) == k->buf + k->len - 1,
          "line %zu: output is not one line", rec->line);
    json_error_t err;
    json_t *out = json_loadb(k->buf, k->len, JSON_ALLOW_NUL, &err);
    CHECK(out != NULL, "line %zu: output does not parse: %s", rec->line, err.text);
    CHECK(json_is_object(out), "line %zu: output is not an object", rec->line);
    CHECK(strcmp(member_string(out, "id", NULL), entrel_doc_id(doc)) == 0,
          "line %zu: output id", rec->line);
    CHECK(strcmp(member_string(out, "lang", NULL),
                 entrel_lang_name(entrel_doc_lang(doc))) == 0,
          "line %zu: output lang", rec->line);
    size_t len;
    const char *text = member_string(out, "text", &len);
    CHECK(len == rec->len && memcmp(text, rec->text, len) == 0,
          "line %zu: output text differs from the input's", rec->line);
    json_t *meta = rec->meta ? json_loads(rec->meta, JSON_ALLOW_NUL, &err) : NULL;
    CHECK(rec->meta == NULL || json_is_object(meta), "line %zu: meta is not an object",
          rec->line);
    CHECK(meta ? json_equal(meta, json_object_get(out, "meta"))
               : json_object_get(out, "meta") == NULL,
          "line %zu: output meta differs from the record's", rec->line);
    CHECK(json_is_array(json_object_get(out, "tokens")) &&
              json_array_size(json_object_get(out, "tokens")) ==
                  entrel_doc_token_count(doc),
          "line %zu: output tokens", rec->line);
    json_decref(meta);
    json_decref(out);
}

/* ------------------------------------------------------------ records */

typedef struct state {
    entrel_session *session;
    const size_t *lines;      /* expected record line numbers */
    size_t nlines, seen;
} state;

/*
** Records come one per line that is not blank, in order; a failed one
** says why and holds nothing.
*/
static void check_record(const input_record *rec, state *st) {
    CHECK(st->seen < st->nlines && rec->line == st->lines[st->seen],
          "record %zu comes from line %zu, expected line %zu", st->seen + 1,
          rec->line, st->seen < st->nlines ? st->lines[st->seen] : 0);
    st->seen++;
    CHECK(rec->id != NULL, "line %zu: no id", rec->line);
    if (rec->status == ENTREL_E_OK) {
        CHECK(rec->text != NULL && rec->json != NULL, "line %zu: record without text", rec->line);
        return;
    }
    CHECK(rec->status == ENTREL_E_BAD_JSON || rec->status == ENTREL_E_NO_TEXT ||
              rec->status == ENTREL_E_TOO_LARGE || rec->status == ENTREL_E_NOMEM,
          "line %zu: status %d", rec->line, rec->status);
    CHECK(rec->text == NULL && rec->json == NULL && rec->meta == NULL &&
              rec->error[0] != '\0',
          "line %zu: failed record holds data or no reason", rec->line);
}

/*
** A document's id is its whole "id" string (up to a NUL it may hold), its
** "id" integer in decimal, or SOURCE:LINE without either.
*/
static void check_id(const input_record *rec) {
    json_t *v = json_object_get(rec->json, "id");
    char buf[64];
    const char *want = buf;
    if (json_is_string(v))
        want = json_string_value(v);
    else if (json_is_integer(v))
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else
        snprintf(buf, sizeof buf, "%s:%zu", SOURCE, rec->line);
    CHECK(strcmp(rec->id, want) == 0, "line %zu: id \"%s\", expected \"%s\"",
          rec->line, rec->id, want);
}

static void on_record(const input_record *rec, void *ctx) {
    state *st = ctx;
    check_record(rec, st);
    if (rec->status != ENTREL_E_OK) return;
    check_id(rec);
    entrel_doc *doc;
    int rc = entrel_session_process(st->session, rec->id, rec->text, rec->len, &doc);
    CHECK(rc == ENTREL_E_OK, "line %zu: process: %s", rec->line, entrel_errname(rc));
    CHECK(strcmp(entrel_doc_id(doc), rec->id) == 0, "line %zu: document id", rec->line);
    entrel_json_options opts;
    entrel_json_options_init(&opts);
    opts.flags = ENTREL_JSON_LINE | ENTREL_JSON_TEXT | ENTREL_JSON_TOKENS |
                 ENTREL_JSON_SENTENCES;
    opts.meta_json = rec->meta;
    sink k = {0};
    rc = entrel_doc_write_json(doc, &opts, sink_write, &k);
    CHECK(rc == ENTREL_E_OK, "line %zu: entrel_doc_write_json: %s", rec->line,
          entrel_errname(rc));
    check_output(&k, rec, doc);
    free(k.buf);
    entrel_doc_free(doc);
}

/* ------------------------------------------------------------ driver */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0; /* fmemopen wants at least one byte */
    entrel_engine *engine = entrel_engine_new(NULL, NULL);
    state st = {.session = entrel_session_new(engine)};
    CHECK(engine != NULL && st.session != NULL, "cannot make an engine");
    size_t *lines = expected_lines(data, size, &st.nlines);
    st.lines = lines;
    FILE *f = fmemopen((void *)data, size, "r");
    CHECK(f != NULL, "fmemopen failed");
    input_options o = {.source = SOURCE, .max_doc = CLI_NO_SIZE_LIMIT};
    int rc = input_jsonl(f, &o, on_record, &st);
    CHECK(rc == ENTREL_E_OK, "input_jsonl: %s", entrel_errname(rc));
    CHECK(st.seen == st.nlines, "%zu records from %zu lines that are not blank",
          st.seen, st.nlines);
    fclose(f);
    free(lines);
    entrel_session_free(st.session);
    entrel_engine_free(engine);
    return 0;
}

#ifdef STANDALONE
#include "replay.h"

int main(int argc, char **argv) {
    return replay_main("fuzz_jsonl", argc, argv);
}
#endif
