/*
** check.h: the invariant check the fuzz targets share.  A broken
** invariant says which, then aborts, so that libFuzzer keeps the input.
** Define FUZZ_NAME (the target's name, a string) before including it.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_FUZZ_CHECK_H
#define ENTREL_FUZZ_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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

#endif
