/*
** count.h: entities and relations of one document, read back from its
** JSON, for the benchmarks to show that matching did happen (the API has
** no entity accessor yet).
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_BENCH_COUNT_H
#define ENTREL_BENCH_COUNT_H

#include <jansson.h>

#include "entrel.h"

static inline int count_annotations(entrel_engine *e, const char *text, size_t len,
                                    size_t *ents, size_t *rels) {
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc = NULL;
    int rc = s ? entrel_session_process(s, "bench", text, len, &doc) : ENTREL_E_NOMEM;
    entrel_json_options jo;
    entrel_json_options_init(&jo);
    jo.flags = ENTREL_JSON_LINE;
    char *json = rc == ENTREL_E_OK ? entrel_doc_to_json(doc, &jo) : NULL;
    json_t *root = json ? json_loads(json, 0, NULL) : NULL;
    if (rc == ENTREL_E_OK && root == NULL) rc = ENTREL_E_NOMEM;
    *ents = json_array_size(json_object_get(root, "entities"));
    if (rels) *rels = json_array_size(json_object_get(root, "relations"));
    json_decref(root);
    entrel_free(json);
    entrel_doc_free(doc);
    entrel_session_free(s);
    return rc;
}

#endif
