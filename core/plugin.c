/*
** plugin.c: C plugins (include/entrel_plugin.h).  Each is opened with
** dlopen, asked for its descriptor through its one entry function, and
** refused with a message that says which of three things went wrong: the
** file would not open, it has no entry function, or it was built for
** another ABI version.  The plugins then see documents through the host
** table below, made of the public API and two functions that add
** annotations on the plugin's behalf.
** See LICENSE for copyright and licence.
*/
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entrel_plugin.h"
#include "plugins.h"

typedef struct plugin {
    void *handle;
    const entrel_plugin *desc;
    void *state;
    uint32_t source;          /* engine atom "plugin:NAME" */
    const char *const *types; /* what it says it makes (ENTREL_PLUGIN_TYPES), or NULL */
} plugin;

struct plugin_set {
    plugin *v;
    size_t n;
};

/* ------------------------------------------------------------ host */

static const char *host_text(const entrel_doc *doc, size_t *len) {
    if (len) *len = doc->len;
    return (const char *)doc->clean;
}

static const char *host_date(const entrel_doc *doc) { return doc->date; }

/* In the entities phase the candidates so far, overlaps not yet weighed; then the entities. */
static size_t host_entity_count(const entrel_doc *doc) {
    return doc->plugin_relations ? doc->ents.n : doc->cands.n;
}

static int host_entity(const entrel_doc *doc, size_t i, entrel_plugin_entity_view *out) {
    if (out == NULL || i >= host_entity_count(doc)) return ENTREL_E_INVALID_ARG;
    const ann_entity *e = doc->plugin_relations ? &doc->ents.v[i] : &doc->cands.v[i];
    *out = (entrel_plugin_entity_view){
        .start = e->start, .end = e->end, .type = doc_atom_str(doc, e->type),
        .canonical = e->canonical ? doc_atom_str(doc, e->canonical) : NULL,
        .source = doc_atom_str(doc, e->source)};
    return ENTREL_E_OK;
}

/* Whether a token starts (or, with 'at_end', ends) at byte 'pos'. */
static bool on_token_edge(const entrel_doc *doc, size_t pos, bool at_end) {
    size_t lo = 0, hi = doc->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t edge = at_end ? doc->toks.v[mid].end : doc->toks.v[mid].start;
        if (edge == pos) return true;
        if (edge < pos) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

static bool span_ok(const entrel_doc *doc, size_t start, size_t end) {
    return start < end && end <= doc->len && on_token_edge(doc, start, false) &&
           on_token_edge(doc, end, true);
}

static uint32_t atom_or_zero(entrel_doc *doc, const char *s) { return s ? doc_atom(doc, s) : 0; }

static int host_add_entity(entrel_doc *doc, const entrel_plugin_entity *e) {
    if (e == NULL || e->type == NULL || e->type[0] == '\0' || !span_ok(doc, e->start, e->end))
        return ENTREL_E_INVALID_ARG;
    ann_entity a = {.start = (uint32_t)e->start, .end = (uint32_t)e->end,
                    .type = doc_atom(doc, e->type), .value = atom_or_zero(doc, e->value),
                    .canonical = atom_or_zero(doc, e->canonical),
                    .features = atom_or_zero(doc, e->features), .source = doc->plugin_source,
                    .priority = e->priority};
    return doc_add_candidate(doc, &a);
}

/* A relation argument: the entity that spans it exactly, or the span alone. */
static ann_arg arg_of(const entrel_doc *doc, size_t start, size_t end) {
    for (size_t i = 0; i < doc->ents.n; i++)
        if (doc->ents.v[i].start == start && doc->ents.v[i].end == end)
            return (ann_arg){(int32_t)i, (uint32_t)start, (uint32_t)end};
    return (ann_arg){-1, (uint32_t)start, (uint32_t)end};
}

static int host_add_relation(entrel_doc *doc, const entrel_plugin_relation *r) {
    if (r == NULL || r->type == NULL || r->type[0] == '\0' || !doc->plugin_relations ||
        !span_ok(doc, r->head_start, r->head_end) || !span_ok(doc, r->tail_start, r->tail_end))
        return ENTREL_E_INVALID_ARG;
    size_t ev_start = r->head_start < r->tail_start ? r->head_start : r->tail_start;
    size_t ev_end = r->head_end > r->tail_end ? r->head_end : r->tail_end;
    ann_relation a = {.type = doc_atom(doc, r->type), .rule = doc->plugin_source,
                      .head = arg_of(doc, r->head_start, r->head_end),
                      .tail = arg_of(doc, r->tail_start, r->tail_end),
                      .ev_start = (uint32_t)ev_start, .ev_end = (uint32_t)ev_end};
    return doc_add_relation(doc, &a);
}

static const entrel_plugin_host host = {
    .abi_version = ENTREL_PLUGIN_ABI_VERSION,
    .text = host_text,
    .lang = entrel_doc_lang,
    .date = host_date,
    .token_count = entrel_doc_token_count,
    .token = entrel_doc_token,
    .sentence_count = entrel_doc_sentence_count,
    .sentence = entrel_doc_sentence,
    .entity_count = host_entity_count,
    .entity = host_entity,
    .add_entity = host_add_entity,
    .add_relation = host_add_relation,
};

/* ------------------------------------------------------------ loading */

static int refuse(entrel_error *err, const char *path, const char *what, const char *detail) {
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = ENTREL_E_CONFIG;
        snprintf(err->file, sizeof err->file, "%.*s", (int)sizeof err->file - 1, path);
        snprintf(err->message, sizeof err->message, "plugin %s%s%s", what, detail ? ": " : "",
                 detail ? detail : "");
    }
    return ENTREL_E_CONFIG;
}

/* "dates.so:lang=fr": the path, and the arguments after the first ':' past the last '/'. */
static char *split_spec(const char *spec, const char **args) {
    char *path = er_strdup(spec);
    if (path == NULL) return NULL;
    char *slash = strrchr(path, '/'), *colon = strchr(slash ? slash : path, ':');
    *args = "";
    if (colon) {
        *colon = '\0';
        *args = spec + (colon - path) + 1;
    }
    return path;
}

/* Open one plugin and check what it says it is; 'p' is filled only on success. */
static int open_plugin(entrel_engine *e, const char *path, const char *args, plugin *p,
                       entrel_error *err) {
    /* a name without a slash would go through the system's library search path */
    char here[4096];
    if (strchr(path, '/') == NULL && snprintf(here, sizeof here, "./%s", path) < (int)sizeof here)
        path = here;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) return refuse(err, path, "cannot be opened", dlerror());
    entrel_plugin_entry_fn entry;
    *(void **)&entry = dlsym(h, ENTREL_PLUGIN_ENTRY);
    const entrel_plugin *d = entry ? entry() : NULL;
    char detail[128] = "";
    int rc = ENTREL_E_OK;
    if (entry == NULL) rc = refuse(err, path, "has no entry function " ENTREL_PLUGIN_ENTRY, NULL);
    else if (d == NULL || d->name == NULL) rc = refuse(err, path, "gave no descriptor", NULL);
    else if (d->abi_version != ENTREL_PLUGIN_ABI_VERSION) {
        snprintf(detail, sizeof detail, "built for ABI version %d, this entrel has %d",
                 d->abi_version, ENTREL_PLUGIN_ABI_VERSION);
        rc = refuse(err, path, "has the wrong ABI version", detail);
    }
    void *state = NULL;
    if (rc == ENTREL_E_OK && d->create &&
        d->create(&host, args, &state, detail, sizeof detail) != ENTREL_E_OK)
        rc = refuse(err, path, "failed to start", detail[0] ? detail : NULL);
    char source[160];
    snprintf(source, sizeof source, "plugin:%s", rc == ENTREL_E_OK ? d->name : "");
    uint32_t atom = 0;
    if (rc == ENTREL_E_OK && (atom = atoms_intern(&e->atoms, source, strlen(source))) == 0) {
        if (d->destroy) d->destroy(state);
        rc = ENTREL_E_NOMEM;
    }
    if (rc != ENTREL_E_OK) {
        dlclose(h);
        return rc;
    }
    *p = (plugin){h, d, state, atom, dlsym(h, ENTREL_PLUGIN_TYPES)};
    return ENTREL_E_OK;
}

int plugins_add(entrel_engine *e, plugin_set **set, const char *path, const char *args,
                entrel_error *err) {
    if (*set == NULL && (*set = er_calloc(1, sizeof **set)) == NULL) return ENTREL_E_NOMEM;
    plugin_set *s = *set;
    plugin *v = er_realloc(s->v, (s->n + 1) * sizeof *v);
    if (v == NULL) return ENTREL_E_NOMEM;
    s->v = v;
    int rc = open_plugin(e, path, args ? args : "", &s->v[s->n], err);
    if (rc == ENTREL_E_OK) s->n++;
    return rc;
}

int plugins_load(entrel_engine *e, const char *const *specs, size_t n, plugin_set **out,
                 entrel_error *err) {
    int rc = ENTREL_E_OK;
    for (size_t i = 0; rc == ENTREL_E_OK && i < n; i++) {
        const char *args;
        char *path = split_spec(specs[i], &args);
        rc = path ? plugins_add(e, out, path, args, err) : ENTREL_E_NOMEM;
        er_free(path);
    }
    return rc;
}

void plugins_free(plugin_set *set) {
    if (set == NULL) return;
    for (size_t i = 0; i < set->n; i++) {
        if (set->v[i].desc->destroy) set->v[i].desc->destroy(set->v[i].state);
        dlclose(set->v[i].handle);
    }
    er_free(set->v);
    er_free(set);
}

/* ------------------------------------------------------------ running */

/*
** One phase of every plugin.  A plugin that fails is noted on the document
** as a failed rule is, and the others go on; only running out of memory
** fails the document.
*/
static int run_phase(const plugin_set *set, entrel_doc *doc, bool relations) {
    int rc = ENTREL_E_OK;
    doc->plugin_relations = relations;
    for (size_t i = 0; rc == ENTREL_E_OK && set && i < set->n; i++) {
        const plugin *p = &set->v[i];
        int (*fn)(void *, entrel_doc *) = relations ? p->desc->relations : p->desc->entities;
        doc->plugin_source = p->source;
        int failed = fn ? fn(p->state, doc) : ENTREL_E_OK;
        if (failed == ENTREL_E_NOMEM) rc = failed;
        else if (failed != ENTREL_E_OK) {
            char msg[160];
            snprintf(msg, sizeof msg, "the plugin failed on the document: %s", entrel_strerror(failed));
            rc = doc_add_rule_error(doc, p->source, msg);
        }
    }
    doc->plugin_relations = false;
    doc->plugin_source = 0;
    return rc;
}

int plugins_entities(const plugin_set *set, entrel_doc *doc) { return run_phase(set, doc, false); }

int plugins_relations(const plugin_set *set, entrel_doc *doc) { return run_phase(set, doc, true); }

size_t plugins_count(const plugin_set *set) { return set ? set->n : 0; }

const char *const *plugins_types(const plugin_set *set, size_t i, const char **name) {
    *name = set->v[i].desc->name;
    return set->v[i].types;
}
