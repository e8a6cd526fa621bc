/*
** alloc.c: the library's memory, through the embedder's allocator when it
** set one (entrel_set_allocator).  Every block the library makes and frees
** itself goes through here, and so does what it hands the caller to free
** with entrel_free; Lua states and jansson are given it too.  Memory that
** PCRE2, libunistring and Snowball make inside their own calls is theirs.
** See LICENSE for copyright and licence.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"

static void *libc_malloc(size_t size, void *ud) {
    (void)ud;
    return malloc(size);
}

static void *libc_realloc(void *ptr, size_t size, void *ud) {
    (void)ud;
    return realloc(ptr, size);
}

static void libc_free(void *ptr, void *ud) {
    (void)ud;
    free(ptr);
}

static entrel_allocator current = {libc_malloc, libc_realloc, libc_free, NULL};

void *er_malloc(size_t size) { return current.malloc(size ? size : 1, current.ud); }

void *er_realloc(void *ptr, size_t size) {
    return current.realloc(ptr, size ? size : 1, current.ud);
}

void er_free(void *ptr) {
    if (ptr) current.free(ptr, current.ud);
}

void *er_calloc(size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = er_malloc(n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

char *er_strndup(const char *s, size_t n) {
    char *p = er_malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *er_strdup(const char *s) { return er_strndup(s, strlen(s)); }

ENTREL_API void entrel_set_allocator(const entrel_allocator *a) {
    if (a && a->malloc && a->realloc && a->free) current = *a;
    else current = (entrel_allocator){libc_malloc, libc_realloc, libc_free, NULL};
    json_set_alloc_funcs(er_malloc, er_free);
}

ENTREL_API void entrel_free(void *ptr) { er_free(ptr); }
