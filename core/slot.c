/*
** slot.c: hot reload.  A slot holds the current engine; taking it and
** putting a new one are done under one lock, so a taker always gets an
** engine whose reference it holds before any putter could drop the last
** other one.  Engines count their references, so the old engine lives on
** in the sessions that still use it.
** See LICENSE for copyright and licence.
*/
#include <pthread.h>
#include <stdlib.h>

#include "entrel_int.h"

struct entrel_slot {
    pthread_mutex_t lock;
    entrel_engine *engine;
};

ENTREL_API entrel_slot *entrel_slot_new(entrel_engine *engine) {
    entrel_slot *s = er_calloc(1, sizeof *s);
    if (s == NULL || pthread_mutex_init(&s->lock, NULL) != 0) {
        er_free(s);
        entrel_engine_free(engine);
        return NULL;
    }
    s->engine = engine;
    return s;
}

ENTREL_API entrel_engine *entrel_slot_engine(entrel_slot *s) {
    if (s == NULL) return NULL;
    pthread_mutex_lock(&s->lock);
    entrel_engine *e = entrel_engine_retain(s->engine);
    pthread_mutex_unlock(&s->lock);
    return e;
}

ENTREL_API void entrel_slot_put(entrel_slot *s, entrel_engine *engine) {
    if (s == NULL) {
        entrel_engine_free(engine);
        return;
    }
    pthread_mutex_lock(&s->lock);
    entrel_engine *old = s->engine;
    s->engine = engine;
    pthread_mutex_unlock(&s->lock);
    entrel_engine_free(old);            /* outside the lock: freeing an engine takes time */
}

ENTREL_API void entrel_slot_free(entrel_slot *s) {
    if (s == NULL) return;
    entrel_engine_free(s->engine);
    pthread_mutex_destroy(&s->lock);
    er_free(s);
}
