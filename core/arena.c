/*
** arena.c: a bump allocator, freed all at once with its document.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "entrel_int.h"

#define ARENA_MIN_BLOCK 8192

struct arena_block {
    arena_block *next;
    size_t size, used;
    max_align_t data[];
};

void arena_init(arena *a) {
    a->head = NULL;
    a->total = 0;
}

/*
** Blocks double with the arena's size so that a document with many
** annotations does few mallocs, and a request larger than a block gets a
** block of its own.
*/
void *arena_alloc(arena *a, size_t size) {
    const size_t align = _Alignof(max_align_t);
    size = (size + align - 1) / align * align;
    arena_block *b = a->head;
    if (b == NULL || b->size - b->used < size) {
        size_t want = a->total < ARENA_MIN_BLOCK ? ARENA_MIN_BLOCK : a->total;
        if (want < size) want = size;
        b = er_malloc(sizeof *b + want);
        if (b == NULL) return NULL;
        b->size = want;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        a->total += want;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len) {
    char *p = arena_alloc(a, len + 1);
    if (p == NULL) return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void arena_free(arena *a) {
    arena_block *b = a->head;
    while (b != NULL) {
        arena_block *next = b->next;
        er_free(b);
        b = next;
    }
    arena_init(a);
}
