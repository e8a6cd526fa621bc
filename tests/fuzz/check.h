/*
** check.h: what the fuzz targets share: the invariant check (a broken
** invariant says which, then aborts, so that libFuzzer keeps the input)
** and the sink that collects the JSON writer's output.
** Define FUZZ_NAME (the target's name, a string) before including it.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_FUZZ_CHECK_H
#define ENTREL_FUZZ_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs(FUZZ_NAME ": invariant violated: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

#define CHECK(cond, ...) \
    do { \
        if (!(cond)) fail(__VA_ARGS__); \
    } while (0)

/* Output collected from the writer, which the test may tell to stop. */
typedef struct sink {
    char *buf;
    size_t len, cap;
    size_t calls, stop_at;    /* stop_at: the call that returns non-zero, or 0 */
} sink;

static int sink_write(const char *buf, size_t len, void *ctx) {
    sink *k = ctx;
    CHECK(k->stop_at == 0 || k->calls < k->stop_at,
          "the writer went on after its sink said stop");
    if (++k->calls == k->stop_at) return 1;
    if (k->len + len > k->cap) {
        k->cap = (k->len + len) * 2;
        k->buf = realloc(k->buf, k->cap);
        CHECK(k->buf != NULL, "out of memory");
    }
    memcpy(k->buf + k->len, buf, len);
    k->len += len;
    return 0;
}

#endif
