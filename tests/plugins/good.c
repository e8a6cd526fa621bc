/*
** good.c: a fixture plugin that does a little of everything: each token
** "Bidule" is a THING whose value is the plugin's arguments, and two
** THINGs in a row are "next_to" each other.  A span off token edges is
** refused, which the plugin reports as a feature of the next entity.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entrel_plugin.h"

typedef struct state {
    const entrel_plugin_host *host;
    char args[64];
} state;

static int create(const entrel_plugin_host *host, const char *args, void **out, char *error,
                  size_t error_size) {
    (void)error;
    (void)error_size;
    state *s = calloc(1, sizeof *s);
    if (s == NULL) return ENTREL_E_NOMEM;
    s->host = host;
    snprintf(s->args, sizeof s->args, "%s", args);
    *out = s;
    return ENTREL_E_OK;
}

static int entities(void *st, entrel_doc *doc) {
    state *s = st;
    size_t n = s->host->token_count(doc);
    for (size_t i = 0; i < n; i++) {
        entrel_token t;
        if (s->host->token(doc, i, &t) != ENTREL_E_OK) return ENTREL_E_INVALID_ARG;
        if (t.end - t.start != 6 || memcmp(t.text, "Bidule", 6) != 0) continue;
        entrel_plugin_entity half = {.start = t.start, .end = t.start + 3, .type = "THING"};
        int refused = s->host->add_entity(doc, &half);
        entrel_plugin_entity e = {.start = t.start, .end = t.end, .type = "THING",
                                  .value = s->args[0] ? s->args : NULL,
                                  .features = refused == ENTREL_E_INVALID_ARG ? "half=refused" : NULL,
                                  .priority = 2};
        int rc = s->host->add_entity(doc, &e);
        if (rc != ENTREL_E_OK) return rc;
    }
    return ENTREL_E_OK;
}

static int relations(void *st, entrel_doc *doc) {
    state *s = st;
    size_t n = s->host->entity_count(doc);
    entrel_plugin_entity_view a, b;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s->host->entity(doc, i, &a) || s->host->entity(doc, i + 1, &b)) return ENTREL_E_INVALID_ARG;
        if (strcmp(a.type, "THING") || strcmp(b.type, "THING") || strcmp(a.source, "plugin:good"))
            continue;
        entrel_plugin_relation r = {"next_to", a.start, a.end, b.start, b.end};
        int rc = s->host->add_relation(doc, &r);
        if (rc != ENTREL_E_OK) return rc;
    }
    return ENTREL_E_OK;
}

static void destroy(void *st) { free(st); }

static const entrel_plugin descriptor = {ENTREL_PLUGIN_ABI_VERSION, "good", "1.0", create,
                                         entities, relations, destroy};

const entrel_plugin *entrel_plugin_entry(void);
const entrel_plugin *entrel_plugin_entry(void) { return &descriptor; }
