/*
** entrel_plugin.h: the plugin ABI.  A plugin is a shared object that
** exports one function, ENTREL_PLUGIN_ENTRY, returning a descriptor: the
** ABI version it was built for, its name and version, and what it does
** per document.  It sees the document only through the host's table of
** functions, so it links against nothing of entrel and keeps working with
** any library of the same ABI version.
**
** A plugin runs after the gazetteers and before the rule files: its
** entities are candidates like theirs (overlaps are weighed together), and
** the rules can use them.  Its relations are asked for once the entities
** are settled.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_PLUGIN_H
#define ENTREL_PLUGIN_H

#include <stdio.h>

#include "entrel.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the descriptor or the host table changes incompatibly. */
#define ENTREL_PLUGIN_ABI_VERSION 1
/* The name of the function every plugin exports. */
#define ENTREL_PLUGIN_ENTRY "entrel_plugin_entry"

/* An entity a plugin proposes; strings are copied. */
typedef struct entrel_plugin_entity {
    size_t start, end;        /* bytes of the document's text, on token edges */
    const char *type;         /* "DATE" */
    const char *value;        /* a normalized value ("2025-03-26"), or NULL */
    const char *canonical;    /* or NULL */
    const char *features;     /* "key=value;key=value", or NULL */
    int priority;             /* as a rule's: higher wins an overlap */
} entrel_plugin_entity;

/* A relation between two spans (bytes); an entity that holds a span exactly is its argument. */
typedef struct entrel_plugin_relation {
    const char *type;
    size_t head_start, head_end;
    size_t tail_start, tail_end;
} entrel_plugin_relation;

/* An entity of the document as the plugin sees it; strings borrowed from the document. */
typedef struct entrel_plugin_entity_view {
    size_t start, end;        /* bytes */
    const char *type;
    const char *canonical;    /* or NULL */
    const char *source;       /* "gazetteer:countries", "plugin:dates", "rule:..." */
} entrel_plugin_entity_view;

/*
** What the host offers a plugin.  Every function takes the document the
** plugin was given; none may be called after the plugin returns.
*/
typedef struct entrel_plugin_host {
    int abi_version;
    /* The text, valid UTF-8 (each invalid byte reads as 0x1A), and its length in bytes. */
    const char *(*text)(const entrel_doc *doc, size_t *len);
    entrel_lang (*lang)(const entrel_doc *doc);
    /* The document's date, "YYYY-MM-DD", or NULL when none was given. */
    const char *(*date)(const entrel_doc *doc);
    size_t (*token_count)(const entrel_doc *doc);
    int (*token)(const entrel_doc *doc, size_t i, entrel_token *out);
    size_t (*sentence_count)(const entrel_doc *doc);
    int (*sentence)(const entrel_doc *doc, size_t i, entrel_sentence *out);
    /*
    ** The entities so far: in 'entities', the candidates of the gazetteers
    ** and earlier plugins, overlaps not yet weighed; in 'relations', the
    ** document's settled entities.
    */
    size_t (*entity_count)(const entrel_doc *doc);
    int (*entity)(const entrel_doc *doc, size_t i, entrel_plugin_entity_view *out);
    /* ENTREL_E_INVALID_ARG for a span off token edges or a missing type. */
    int (*add_entity)(entrel_doc *doc, const entrel_plugin_entity *e);
    /* Only from 'relations'. */
    int (*add_relation)(entrel_doc *doc, const entrel_plugin_relation *r);
} entrel_plugin_host;

/*
** The descriptor.  'create' runs once per engine with the text after the
** path's ':' (--plugin dates.so:lang=fr), or "" without one; on failure
** it returns an ENTREL_E_ code and may write a message into 'error'.
** 'entities' and 'relations' run per document, from any thread at once:
** their state must be read-only or locked.  Either may be NULL.  One that
** returns an error is listed with the document's rule errors
** (entrel_doc_rule_error, as "plugin:NAME"), and the document goes on
** without the rest of that plugin's work; ENTREL_E_NOMEM fails it.
*/
typedef struct entrel_plugin {
    int abi_version;          /* ENTREL_PLUGIN_ABI_VERSION */
    const char *name;         /* its annotations' source is "plugin:NAME" */
    const char *version;
    int (*create)(const entrel_plugin_host *host, const char *args, void **state,
                  char *error, size_t error_size);
    int (*entities)(void *state, entrel_doc *doc);
    int (*relations)(void *state, entrel_doc *doc);
    void (*destroy)(void *state);
} entrel_plugin;

typedef const entrel_plugin *(*entrel_plugin_entry_fn)(void);

/*
** Optional: the entity types a plugin makes, a NULL-terminated array
** exported under this name, so that `entrel check-rules` knows them when
** it warns about a rule that tests a type nothing makes:
**   ENTREL_PLUGIN_EXPORT const char *const entrel_plugin_types[] = {"DATE", NULL};
*/
#define ENTREL_PLUGIN_TYPES "entrel_plugin_types"

/*
** A 'create' for the plugins that need nothing but the host and take no
** arguments: the host itself is their state (it outlives them), and no
** 'destroy' is needed.
*/
static inline int entrel_plugin_keep_host(const entrel_plugin_host *host, const char *args,
                                          void **state, char *error, size_t error_size) {
    if (args[0] != '\0') {
        snprintf(error, error_size, "takes no arguments, got \"%s\"", args);
        return ENTREL_E_CONFIG;
    }
    *state = (void *)host;
    return ENTREL_E_OK;
}

/* Mark the entry function so: visible even when the rest is built hidden. */
#if defined(__GNUC__)
#define ENTREL_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define ENTREL_PLUGIN_EXPORT
#endif

#ifdef __cplusplus
}
#endif

#endif /* ENTREL_PLUGIN_H */
