/*
** read_file.h: the one helper the benchmark programs share: a whole file
** read into memory.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_BENCH_READ_FILE_H
#define ENTREL_BENCH_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* The bytes of 'path' in a buffer the caller frees, or NULL. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        char *p = realloc(buf, cap *= 2);
        if (p == NULL) free(buf);
        buf = p;
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

#endif
