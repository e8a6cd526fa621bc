/*
** input.c: reading documents for the entrel command: whole files, and
** JSONL streams one line at a time.
** See LICENSE for copyright and licence.
*/
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
** Read all of 'f' into a buffer the caller frees.  Stops once more than
** 'limit' bytes have come (then *too_large is set and the rest is left
** unread), so an oversized document never sits whole in memory.
*/
int input_read_all(FILE *f, size_t limit, char **out, size_t *len,
                   bool *too_large) {
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    *too_large = false;
    if (buf == NULL) return ENTREL_E_NOMEM;
    for (;;) {
        if (n == cap) {
            char *p = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (p == NULL) {
                free(buf);
                return ENTREL_E_NOMEM;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > limit) {
            *too_large = true;
            break;
        }
        if (got == 0) break;
    }
    if (ferror(f)) {
        free(buf);
        return ENTREL_E_IO;
    }
    *out = buf;
    *len = n;
    return ENTREL_E_OK;
}

static bool blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return false;
    return true;
}

/* "SOURCE:LINE", the id of a line that gives none; caller frees. */
static char *line_id(const char *source, size_t line) {
    size_t n = strlen(source) + 24;
    char *id = malloc(n);
    if (id) snprintf(id, n, "%s:%zu", source, line);
    return id;
}

/*
** The id of a JSONL document, whole: its "id" string (up to a NUL it may
** hold), its "id" integer, or SOURCE:LINE without either.  Caller frees.
*/
static char *record_id(json_t *obj, const char *source, size_t line) {
    json_t *v = json_object_get(obj, "id");
    if (json_is_string(v)) return strdup(json_string_value(v));
    if (json_is_integer(v)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return strdup(buf);
    }
    return line_id(source, line);
}

/* Fields other than id and text go to "meta", as a JSON string. */
static char *record_meta(json_t *obj) {
    json_t *meta = json_object();
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (strcmp(key, "id") != 0 && strcmp(key, "text") != 0)
            json_object_set(meta, key, v);
    }
    char *s = json_object_size(meta) ? json_dumps(meta, JSON_COMPACT) : NULL;
    json_decref(meta);
    return s;
}

static const char *type_name(json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: case JSON_REAL: return "a number";
    case JSON_TRUE: case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/*
** Turn one JSONL line into a record, or explain in rec->error why not.
** Returns ENTREL_E_OK, BAD_JSON or NO_TEXT; the record is released with
** input_record_free either way.
*/
static int parse_record(const char *line, size_t n, const char *source,
                        size_t lineno, input_record *rec) {
    json_error_t jerr;
    json_t *obj = json_loadb(line, n, 0, &jerr);
    if (obj == NULL || !json_is_object(obj)) {
        rec->id = line_id(source, lineno);
        if (obj == NULL)
            snprintf(rec->error, sizeof rec->error, "line %zu is not JSON: %s at column %d",
                     lineno, jerr.text, jerr.column);
        else
            snprintf(rec->error, sizeof rec->error,
                     "line %zu is %s, not a JSON object", lineno, type_name(obj));
        json_decref(obj);
        return ENTREL_E_BAD_JSON;
    }
    rec->id = record_id(obj, source, lineno);
    json_t *text = json_object_get(obj, "text");
    if (!json_is_string(text)) {
        snprintf(rec->error, sizeof rec->error,
                 text ? "line %zu: \"text\" is %s, not a string"
                      : "line %zu: no \"text\" field%s",
                 lineno, text ? type_name(text) : "");
        json_decref(obj);
        return ENTREL_E_NO_TEXT;
    }
    rec->json = obj;
    rec->text = json_string_value(text);
    rec->len = json_string_length(text);
    rec->meta = record_meta(obj);
    rec->date = json_string_value(json_object_get(obj, "date"));   /* NULL unless a string */
    return ENTREL_E_OK;
}

void input_record_free(input_record *rec) {
    json_decref(rec->json);
    free(rec->meta);
    free(rec->id);
    rec->json = NULL;
    rec->meta = NULL;
    rec->id = NULL;
    rec->date = NULL;
}

/*
** Read 'f' line by line and hand each record (or each line's failure) to
** 'fn'.  Only one line is in memory at a time.  Returns ENTREL_E_IO when
** reading fails, ENTREL_E_NOMEM when memory runs out, else ENTREL_E_OK.
*/
int input_jsonl(FILE *f, const char *source, record_fn fn, void *ctx) {
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    int rc = ENTREL_E_OK;
    errno = 0;
    while ((got = getline(&line, &cap, f)) != -1) {
        lineno++;
        if (blank(line, (size_t)got)) continue;
        input_record rec = {0};
        rec.status = parse_record(line, (size_t)got, source, lineno, &rec);
        rec.line = lineno;
        if (rec.id == NULL) {
            input_record_free(&rec);
            rc = ENTREL_E_NOMEM;
            break;
        }
        fn(&rec, ctx);
        input_record_free(&rec);
    }
    if (rc == ENTREL_E_OK && ferror(f)) rc = ENTREL_E_IO;
    free(line);
    return rc;
}
