/*
** annotator.h: what the pipeline asks of the annotators that live outside
** core: the rule layer (lua/) now, plugins later.  Core knows them only
** through this table of functions.  Not API.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_ANNOTATOR_H
#define ENTREL_ANNOTATOR_H

#include "entrel_int.h"

typedef struct annotator_class {
    const char *name;
    /* At engine creation, before any session: fills '*state' or 'err'. */
    int (*load)(entrel_engine *e, void **state, entrel_error *err);
    void (*unload)(void *state);
    /* Per session: its own working state (a Lua state, buffers). */
    int (*open)(void *state, entrel_session *s, void **session_state);
    void (*close)(void *session_state);
    /* Per document: entity candidates, then relations once entities are settled. */
    int (*entities)(void *session_state, entrel_doc *doc);
    int (*relations)(void *session_state, entrel_doc *doc);
    /* Calls into the annotator's language (Lua) so far, and the time they took. */
    void (*stats)(const void *session_state, uint64_t *calls, uint64_t *nanoseconds);
} annotator_class;

/* The rule layer (lua/rules.c); core calls it when the options name rule files. */
extern const annotator_class rules_annotator;

/*
** A session for loading, on no base atom table: it only cuts values into
** tokens for their forms, so its ids never meet the engine's.  Free it
** with entrel_session_free.
*/
entrel_session *engine_loader_session(entrel_engine *e);
/* One more gazetteer for the engine (a rule file's), before it is sealed. */
int engine_add_gazetteer(entrel_engine *e, const char *path, entrel_error *err);
/* One more plugin for the engine (a rule file's), after the options' ones. */
int engine_add_plugin(entrel_engine *e, const char *path, const char *args, entrel_error *err);

#endif
