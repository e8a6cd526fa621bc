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
#include <unistd.h>

#include "cli.h"

/*
** One fread that a stop request may cut short: a signal that does not
** stop the run is read through, as if it had not come.
*/
static size_t read_some(FILE *f, char *buf, size_t n, bool *failed) {
    for (;;) {
        errno = 0;
        size_t got = fread(buf, 1, n, f);
        if (!ferror(f)) return got;
        if (errno != EINTR) {
            *failed = true;
            return got;
        }
        clearerr(f);
        if (got > 0 || stop_requested()) return got;
    }
}

/*
** Read all of 'f' into a buffer the caller frees.  Stops once more than
** 'limit' bytes have come (then *too_large is set and the rest is left
** unread), so an oversized document never sits whole in memory.  A stop
** request ends the reading with ENTREL_E_IO.
*/
int input_read_all(FILE *f, size_t limit, char **out, size_t *len,
                   bool *too_large) {
    size_t cap = limit < 65536 ? limit + 1 : 65536, n = 0;
    char *buf = malloc(cap);
    bool failed = false;
    *too_large = false;
    if (buf == NULL) return ENTREL_E_NOMEM;
    for (;;) {
        if (n == cap) {             /* never more than one byte past the limit */
            size_t more = cap > limit / 2 ? limit + 1 : cap * 2;
            char *p = realloc(buf, more);
            if (p == NULL) {
                free(buf);
                return ENTREL_E_NOMEM;
            }
            buf = p;
            cap = more;
        }
        size_t got = read_some(f, buf + n, cap - n, &failed);
        n += got;
        if (n > limit) {
            *too_large = true;
            break;
        }
        if (got == 0 || failed || stop_requested()) break;
    }
    if (failed || stop_requested()) {
        free(buf);
        return ENTREL_E_IO;
    }
    *out = buf;
    *len = n;
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ lines */

/*
** JSONL lines, each held only up to a limit: the part of a longer line
** past it is read and dropped, so a huge line costs no more memory than
** the limit, and the line after it is read as usual.
*/
typedef struct line_reader {
    FILE *f;
    int fd;                   /* f's, read straight: fread would wait for a whole block */
    void *(*grow)(void *, size_t);
    size_t limit;
    char *buf;
    size_t cap, len;          /* the line kept so far */
    size_t seen;              /* all its bytes, kept or not, newline left out */
    int status;               /* ENTREL_E_OK, TOO_LARGE (past the limit) or NOMEM */
    bool failed;              /* a read error */
    size_t pos, end;
    char block[1 << 16];
} line_reader;

/*
** The next block of input, as much as has come: a line that came down a
** pipe is read as soon as it is there.  A stream without a file
** descriptor (fmemopen) is read through stdio.
*/
static size_t read_block(line_reader *r) {
    if (r->fd < 0) return read_some(r->f, r->block, sizeof r->block, &r->failed);
    for (;;) {
        ssize_t n = read(r->fd, r->block, sizeof r->block);
        if (n >= 0) return (size_t)n;
        if (errno != EINTR) {
            r->failed = true;
            return 0;
        }
        if (stop_requested()) return 0;
    }
}

/* Room for 'need' bytes, never more than the limit; on failure the line is dropped. */
static bool line_room(line_reader *r, size_t need) {
    if (need <= r->cap) return true;
    size_t cap = r->cap < 4096 ? 4096 : r->cap;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
    if (cap > r->limit) cap = r->limit;
    char *p = r->grow(r->buf, cap);
    if (p == NULL) {
        free(r->buf);          /* what it held is lost anyway: give the memory back */
        r->buf = NULL;
        r->cap = 0;
        return false;
    }
    r->buf = p;
    r->cap = cap;
    return true;
}

static void line_keep(line_reader *r, const char *s, size_t n) {
    if (r->status != ENTREL_E_OK || n == 0) return;
    if (n > r->limit - r->len) r->status = ENTREL_E_TOO_LARGE;
    else if (!line_room(r, r->len + n)) r->status = ENTREL_E_NOMEM;
    else {
        memcpy(r->buf + r->len, s, n);
        r->len += n;
    }
}

/*
** The next line, its newline dropped: true when there is one (look at
** r->status), false at the end, on a read error, or on a stop request.
*/
static bool line_next(line_reader *r) {
    r->len = r->seen = 0;
    r->status = ENTREL_E_OK;
    for (;;) {
        if (stop_requested()) return false;
        if (r->pos == r->end) {
            r->pos = 0;
            r->end = read_block(r);
            if (r->failed || stop_requested()) return false;
            if (r->end == 0) return r->seen > 0;
        }
        const char *from = r->block + r->pos;
        const char *nl = memchr(from, '\n', r->end - r->pos);
        size_t n = nl ? (size_t)(nl - from) : r->end - r->pos;
        line_keep(r, from, n);
        r->seen += n;
        r->pos += n + (nl != NULL);
        if (nl) return true;
    }
}

/* How long a line may be: its text escaped (\u0001 is 6 bytes for 1), and 64K of other fields. */
size_t input_line_limit(size_t max_doc) {
    size_t slack = (size_t)64 << 10;
    return max_doc > (SIZE_MAX - slack) / 6 ? SIZE_MAX : max_doc * 6 + slack;
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

/* Fields other than id and text go to "meta", as a JSON string (or NULL); false out of memory. */
static bool record_meta(json_t *obj, char **out) {
    json_t *meta = json_object();
    const char *key;
    json_t *v;
    bool ok = meta != NULL;
    *out = NULL;
    json_object_foreach(obj, key, v) {
        if (ok && strcmp(key, "id") != 0 && strcmp(key, "text") != 0)
            ok = json_object_set(meta, key, v) == 0;
    }
    if (ok && json_object_size(meta)) ok = (*out = json_dumps(meta, JSON_COMPACT)) != NULL;
    json_decref(meta);
    return ok;
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

/* ------------------------------------------------------------ jansson's memory */

/*
** jansson does not say when memory runs out on a parse: it gives no
** reason, or a wrong one ("invalid token").  With its allocations watched
** the reader tells a line memory ran out on from a bad line.
*/
static _Thread_local bool json_ran_out;
static json_malloc_t json_next_malloc = malloc;

static void *json_watched_malloc(size_t n) {
    void *p = json_next_malloc(n);
    if (p == NULL) json_ran_out = true;
    return p;
}

void input_watch_json_memory(void) {
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    if (m == json_watched_malloc) return;
    json_next_malloc = m;
    json_set_alloc_funcs(json_watched_malloc, f);
}

/* ------------------------------------------------------------ records */

/* A line that memory ran out on: its failure, under the id SOURCE:LINE. */
static int no_memory(input_record *rec, const char *source, size_t lineno, const char *when) {
    free(rec->id);
    rec->id = line_id(source, lineno);
    snprintf(rec->error, sizeof rec->error, "line %zu: out of memory %s; skipped", lineno, when);
    return ENTREL_E_NOMEM;
}

/*
** Turn one JSONL line into a record, or explain in rec->error why not.
** Strings may hold \u0000, as text input may hold NUL bytes: the text
** keeps its length.  Returns ENTREL_E_OK, BAD_JSON, NO_TEXT or NOMEM; the
** record is released with input_record_free either way.
*/
static int parse_record(const char *line, size_t n, const char *source,
                        size_t lineno, input_record *rec) {
    json_error_t jerr;
    json_ran_out = false;
    json_t *obj = json_loadb(line, n, JSON_ALLOW_NUL, &jerr);
    if (obj == NULL && (json_ran_out || jerr.text[0] == '\0'))   /* no reason: it could not start */
        return no_memory(rec, source, lineno, "parsing it");
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
    if ((rec->id = record_id(obj, source, lineno)) == NULL) {
        json_decref(obj);
        return no_memory(rec, source, lineno, "reading its id");
    }
    json_t *text = json_object_get(obj, "text");
    if (!json_is_string(text)) {
        snprintf(rec->error, sizeof rec->error,
                 text ? "line %zu: \"text\" is %s, not a string"
                      : "line %zu: no \"text\" field%s",
                 lineno, text ? type_name(text) : "");
        json_decref(obj);
        return ENTREL_E_NO_TEXT;
    }
    if (!record_meta(obj, &rec->meta)) {
        json_decref(obj);
        return no_memory(rec, source, lineno, "reading its fields");
    }
    rec->json = obj;
    rec->text = json_string_value(text);
    rec->len = json_string_length(text);
    rec->date = json_string_value(json_object_get(obj, "date"));   /* NULL unless a string */
    return ENTREL_E_OK;
}

/* A line the reader could not hold whole: too long, or out of memory. */
static int line_failure(const line_reader *r, const input_options *o, size_t lineno,
                        input_record *rec) {
    rec->id = line_id(o->source, lineno);
    if (r->status == ENTREL_E_TOO_LARGE)
        snprintf(rec->error, sizeof rec->error,
                 "line %zu (%zu bytes) is longer than a line may be with --max-size %zu "
                 "(%zu bytes); skipped", lineno, r->seen, o->max_doc, r->limit);
    else
        snprintf(rec->error, sizeof rec->error,
                 "line %zu: out of memory after reading %zu bytes of it (%zu in all); skipped",
                 lineno, r->len, r->seen);
    return r->status;
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
** 'fn'.  Only one line is in memory at a time, and no more of it than
** input_line_limit(o->max_doc): a longer line, or one memory runs out
** on, is a failure of its own and the next line is read.  A stop request
** ends the reading.  Returns ENTREL_E_IO when reading fails, ENTREL_E_NOMEM
** when memory runs out even for a failure's message, else ENTREL_E_OK.
*/
int input_jsonl(FILE *f, const input_options *o, record_fn fn, void *ctx) {
    line_reader *r = calloc(1, sizeof *r);
    if (r == NULL) return ENTREL_E_NOMEM;
    r->f = f;
    r->fd = fileno(f);
    r->grow = o->grow ? o->grow : realloc;
    r->limit = input_line_limit(o->max_doc);
    size_t lineno = 0;
    int rc = ENTREL_E_OK;
    while (line_next(r)) {
        lineno++;
        if (r->status == ENTREL_E_OK && blank(r->buf, r->len)) continue;
        input_record rec = {.line = lineno};
        rec.status = r->status == ENTREL_E_OK
                         ? parse_record(r->buf, r->len, o->source, lineno, &rec)
                         : line_failure(r, o, lineno, &rec);
        if (rec.id == NULL) {
            input_record_free(&rec);
            rc = ENTREL_E_NOMEM;
            break;
        }
        fn(&rec, ctx);
        input_record_free(&rec);
    }
    if (rc == ENTREL_E_OK && r->failed) rc = ENTREL_E_IO;
    free(r->buf);
    free(r);
    return rc;
}
