/*
** badabi.c: a fixture plugin built for an ABI version that does not exist.
** See LICENSE for copyright and licence.
*/
#include "entrel_plugin.h"

static const entrel_plugin descriptor = {ENTREL_PLUGIN_ABI_VERSION + 98, "badabi", "1.0",
                                         NULL, NULL, NULL, NULL};

const entrel_plugin *entrel_plugin_entry(void);
const entrel_plugin *entrel_plugin_entry(void) { return &descriptor; }
