/*
** failing.c: a fixture plugin whose start fails, with a message, unless
** its arguments are "ok"; its documents then fail too.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <string.h>

#include "entrel_plugin.h"

static int create(const entrel_plugin_host *host, const char *args, void **state, char *error,
                  size_t error_size) {
    (void)host;
    *state = NULL;
    if (strcmp(args, "ok") == 0) return ENTREL_E_OK;
    snprintf(error, error_size, "wants the argument ok, got \"%s\"", args);
    return ENTREL_E_CONFIG;
}

static int entities(void *state, entrel_doc *doc) {
    (void)state;
    (void)doc;
    return ENTREL_E_IO;
}

static const entrel_plugin descriptor = {ENTREL_PLUGIN_ABI_VERSION, "failing", "1.0", create,
                                         entities, NULL, NULL};

const entrel_plugin *entrel_plugin_entry(void);
const entrel_plugin *entrel_plugin_entry(void) { return &descriptor; }
