/*
** jsonw.c: the streaming JSON writer of jsonw.h.  Most strings an
** annotation holds (types, names, rule positions, words) need no escape,
** so they are copied between quotes; any other goes through jansson.
** See LICENSE for copyright and licence.
*/
#include <string.h>
#include <unistr.h>

#include "jsonw.h"

void jw_init(jw *w, entrel_write_fn write, void *ctx, bool line) {
    w->write = write;
    w->ctx = ctx;
    w->rc = ENTREL_E_OK;
    w->line = line;
    w->first_field = true;
    w->len = 0;
}

void jw_flush(jw *w) {
    if (w->len && w->rc == ENTREL_E_OK && w->write(w->buf, w->len, w->ctx) != 0)
        w->rc = ENTREL_E_IO;
    w->len = 0;
}

void jw_raw_slow(jw *w, const char *s, size_t n) {
    if (w->rc != ENTREL_E_OK) return;
    if (n > sizeof w->buf - w->len) {
        jw_flush(w);
        if (n > sizeof w->buf) {
            if (w->rc == ENTREL_E_OK && w->write(s, n, w->ctx) != 0) w->rc = ENTREL_E_IO;
            return;
        }
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

void jw_str(jw *w, const char *s) { jw_raw(w, s, strlen(s)); }

static int dump_piece(const char *buffer, size_t size, void *data) {
    jw_raw(data, buffer, size);
    return ((jw *)data)->rc == ENTREL_E_OK ? 0 : -1;
}

void jw_value(jw *w, json_t *v) {
    if (v == NULL) {
        if (w->rc == ENTREL_E_OK) w->rc = ENTREL_E_NOMEM;
        return;
    }
    size_t flags = JSON_ENCODE_ANY | (w->line ? JSON_COMPACT : 0);
    /* Most values fit the buffer: encoded there in one call, not piece by piece. */
    if (w->rc == ENTREL_E_OK && sizeof w->buf - w->len < 1024) jw_flush(w);
    size_t room = sizeof w->buf - w->len;
    size_t n = w->rc == ENTREL_E_OK ? json_dumpb(v, w->buf + w->len, room, flags) : 0;
    if (n > 0 && n <= room)
        w->len += n;
    else if (w->rc == ENTREL_E_OK && json_dump_callback(v, dump_piece, w, flags) != 0 &&
             w->rc == ENTREL_E_OK)
        w->rc = ENTREL_E_NOMEM;
    json_decref(v);
}

void jw_uint(jw *w, uint64_t v) {
    char digits[24];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    jw_raw(w, digits + n, sizeof digits - n);
}

/* The bytes JSON does not take as they are: quote, backslash, controls. */
static bool needs_escape(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') return true;
    }
    return false;
}

void jw_string(jw *w, const char *s, size_t n) {
    if (needs_escape(s, n)) {
        jw_value(w, json_stringn_nocheck(s, n));
        return;
    }
    jw_raw(w, "\"", 1);
    jw_raw(w, s, n);
    jw_raw(w, "\"", 1);
}

bool jw_valid(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return u8_check((const uint8_t *)s + i, n - i) == NULL;
    return true;
}

/* ------------------------------------------------------------ structure */

void jw_open(jw *w) {
    jw_raw(w, "{", 1);
    w->first_field = true;
}

/* An object closes as the value of a field or an item: what holds it is no longer empty. */
void jw_close(jw *w) {
    jw_raw(w, "}", 1);
    w->first_field = false;
}

static void separate(jw *w) {
    if (!w->first_field) jw_raw(w, w->line ? "," : ", ", w->line ? 1 : 2);
    w->first_field = false;
}

void jw_field(jw *w, const char *key) {
    separate(w);
    jw_raw(w, "\"", 1);
    jw_str(w, key);
    jw_raw(w, w->line ? "\":" : "\": ", w->line ? 2 : 3);
}

void jw_field_string(jw *w, const char *key, const char *s, size_t n) {
    separate(w);
    jw_string(w, key, strlen(key));
    jw_raw(w, w->line ? ":" : ": ", w->line ? 1 : 2);
    jw_string(w, s, n);
}

void jw_array_open(jw *w) { jw_raw(w, "[", 1); }

void jw_array_next(jw *w, size_t i) {
    if (i) jw_raw(w, w->line ? "," : ", ", w->line ? 1 : 2);
}

void jw_array_close(jw *w) {
    jw_raw(w, "]", 1);
    w->first_field = false;
}
