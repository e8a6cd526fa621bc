/*
** plugins.h: the engine's C plugins (plugin.c), as the pipeline uses
** them.  Not API.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_PLUGINS_H
#define ENTREL_PLUGINS_H

#include "entrel_int.h"

typedef struct plugin_set plugin_set;

/*
** Open the plugins 'specs' ("path.so" or "path.so:args") in order.  On
** failure 'err' says which and why; '*out' is set either way and freed
** with plugins_free.
*/
int plugins_load(entrel_engine *e, const char *const *specs, size_t n, plugin_set **out,
                 entrel_error *err);
/* One more plugin, 'path' with 'args' (NULL: none), into '*set' (made when NULL). */
int plugins_add(entrel_engine *e, plugin_set **set, const char *path, const char *args,
                entrel_error *err);
void plugins_free(plugin_set *set);
size_t plugins_count(const plugin_set *set);
/* Plugin i's name, and the types it says it makes (NULL-terminated), or NULL when it says none. */
const char *const *plugins_types(const plugin_set *set, size_t i, const char **name);
/* Each plugin's entity candidates; later, once entities are settled, its relations. */
int plugins_entities(const plugin_set *set, entrel_doc *doc);
int plugins_relations(const plugin_set *set, entrel_doc *doc);

#endif
