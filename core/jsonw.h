/*
** jsonw.h: a streaming JSON writer (jsonw.c).  Not API.  jansson builds
** a tree of values before it writes one; a document's entities, tokens
** and relations are written here straight into a buffer instead, field
** by field, and jansson still encodes every string that needs escaping.
** The output is byte for byte what jansson's dump gives for the same
** values, compact (JSONL) or with ", " and ": " between items.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_JSONW_H
#define ENTREL_JSONW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "entrel.h"

typedef struct jw {
    entrel_write_fn write;
    void *ctx;
    int rc;                   /* the first error; nothing is written after it */
    bool line;                /* compact separators */
    bool first_field;         /* the open object has no field yet */
    size_t len;
    char buf[8192];
} jw;

void jw_init(jw *w, entrel_write_fn write, void *ctx, bool line);
void jw_flush(jw *w);
void jw_raw_slow(jw *w, const char *s, size_t n);

/* Bytes as they are: most fit the buffer, copied inline (a constant length inlines the copy too). */
static inline void jw_raw(jw *w, const char *s, size_t n) {
    if (w->rc == ENTREL_E_OK && n <= sizeof w->buf - w->len) {
        memcpy(w->buf + w->len, s, n);
        w->len += n;
    } else {
        jw_raw_slow(w, s, n);
    }
}
void jw_str(jw *w, const char *s);
/* Encode 'v' (any JSON value) with jansson and release it; NULL is out of memory. */
void jw_value(jw *w, json_t *v);

/* An unsigned number; a string of valid UTF-8, escaped as jansson would. */
void jw_uint(jw *w, uint64_t v);
void jw_string(jw *w, const char *s, size_t n);
/* Whether jansson would take s[0..n) as a string: valid UTF-8. */
bool jw_valid(const char *s, size_t n);

/* Objects and arrays inside a value: "{", "key": ..., "}"; "[", item, ..., "]". */
void jw_open(jw *w);
void jw_close(jw *w);
void jw_field(jw *w, const char *key);
void jw_field_string(jw *w, const char *key, const char *s, size_t n);
void jw_array_open(jw *w);
void jw_array_next(jw *w, size_t i);
void jw_array_close(jw *w);

#endif
