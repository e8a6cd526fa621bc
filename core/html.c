/*
** html.c: a document as one self-contained HTML page: its text a
** paragraph a sentence at a time, each entity highlighted by type with a
** tooltip (type, canonical name, kb id, and the rule, list or plugin that
** made it), each sentence's relations listed beside it as "head —type→
** tail", and a legend of the types.  No script, no external file: the page
** opens anywhere.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <string.h>

#include "entrel_int.h"
#include "jsonw.h"

/* Text as HTML: the five characters that mean something escaped, the rest as it is. */
static void put_escaped(jw *o, const char *s, size_t n) {
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;"
                        : s[i] == '"' ? "&quot;" : s[i] == '\'' ? "&#39;" : NULL;
        if (rep == NULL) continue;
        jw_raw(o, s + from, i - from);
        jw_str(o, rep);
        from = i + 1;
    }
    jw_raw(o, s + from, n - from);
}

static void put_escaped_str(jw *o, const char *s) { put_escaped(o, s, strlen(s)); }

/* A colour per type: the usual ones fixed, any other from its name. */
static unsigned hue_of(const char *type) {
    static const struct { const char *type; unsigned hue; } known[] = {
        {"ORG", 210}, {"PER", 120}, {"LOC", 30}, {"LAW", 280}, {"DATE", 340}};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(known[i].type, type) == 0) return known[i].hue;
    unsigned h = 0;
    for (const char *c = type; *c; c++) h = h * 31 + (unsigned char)*c;
    return h % 360;
}

/* The types met, in order of first mention: the legend, and each type's class. */
typedef struct legend {
    uint32_t type[64];
    size_t n;
} legend;

static void legend_of(const entrel_doc *doc, legend *l) {
    l->n = 0;
    for (size_t i = 0; i < doc->ents.n && l->n < 64; i++) {
        size_t k = 0;
        while (k < l->n && l->type[k] != doc->ents.v[i].type) k++;
        if (k == l->n) l->type[l->n++] = doc->ents.v[i].type;
    }
}

/* The class of a type: its place in the legend (past the 64th type, one shared class). */
static size_t class_of(const legend *l, uint32_t type) {
    size_t k = 0;
    while (k < l->n && l->type[k] != type) k++;
    return k;
}

static void style_and_legend(jw *o, entrel_doc *doc, const legend *l) {
    jw_str(o, "<style>body{font:16px/1.7 system-ui,sans-serif;max-width:60em;margin:2em auto;"
             "padding:0 1em;color:#222}mark{border-radius:3px;padding:0 2px}mark sub{font-size:"
             "60%;margin-left:2px;opacity:.7}.s{margin:.2em 0}.rels{margin:.1em 0 1em 2em;font-size:"
             "90%;color:#444;list-style:none;padding:0}.rel b{font-weight:600}.legend span{"
             "margin-right:1em;padding:0 4px;border-radius:3px}");
    char rule[160];
    for (size_t k = 0; k < l->n; k++) {
        const char *type = doc_atom_str(doc, l->type[k]);
        snprintf(rule, sizeof rule, ".t%zu{background:hsl(%u,70%%,85%%)}", k, hue_of(type));
        jw_str(o, rule);
    }
    jw_str(o, "</style>\n</head>\n<body>\n<h1>");
    put_escaped_str(o, doc->id);
    jw_str(o, "</h1>\n<p class=\"legend\">");
    for (size_t k = 0; k < l->n; k++) {
        snprintf(rule, sizeof rule, "<span class=\"t%zu\">", k);
        jw_str(o, rule);
        put_escaped_str(o, doc_atom_str(doc, l->type[k]));
        jw_str(o, "</span>");
    }
    jw_str(o, "</p>\n");
}

/* An entity: highlighted, its type after it, what made it in its tooltip. */
static void entity_html(jw *o, entrel_doc *doc, const legend *l, size_t i) {
    const ann_entity *e = &doc->ents.v[i];
    char head[96];
    snprintf(head, sizeof head, "<mark class=\"e t%zu\" id=\"T%zu\" title=\"", class_of(l, e->type), i + 1);
    jw_str(o, head);
    put_escaped_str(o, doc_atom_str(doc, e->type));
    const uint32_t parts[] = {e->value, e->canonical, e->kb, e->source, e->rule};
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++) {
        if (parts[k] == 0) continue;
        jw_str(o, " · ");
        put_escaped_str(o, doc_atom_str(doc, parts[k]));
    }
    jw_str(o, "\">");
    put_escaped(o, (const char *)doc->clean + e->start, e->end - e->start);
    jw_str(o, "<sub>");
    put_escaped_str(o, doc_atom_str(doc, e->type));
    jw_str(o, "</sub></mark>");
}

static void argument_html(jw *o, const entrel_doc *doc, const ann_arg *a) {
    jw_str(o, "<b>");
    put_escaped(o, (const char *)doc->clean + a->start, a->end - a->start);
    jw_str(o, "</b>");
}

/* The relations whose evidence starts in the sentence, as a list after it. */
static void relations_html(jw *o, const entrel_doc *doc, const sent *s) {
    bool any = false;
    for (size_t i = 0; i < doc->rels.n; i++) {
        const ann_relation *r = &doc->rels.v[i];
        if (r->ev_start < s->start || r->ev_start >= s->end) continue;
        jw_str(o, any ? "" : "<ul class=\"rels\">");
        any = true;
        jw_str(o, "<li class=\"rel\" title=\"");
        put_escaped_str(o, doc_atom_str(doc, r->rule));
        jw_str(o, "\">");
        argument_html(o, doc, &r->head);
        jw_str(o, " —<span class=\"label\">");
        put_escaped_str(o, doc_atom_str(doc, r->type));
        jw_str(o, "</span>→ ");
        argument_html(o, doc, &r->tail);
        jw_str(o, "</li>");
    }
    if (any) jw_str(o, "</ul>\n");
}

ENTREL_API int entrel_doc_write_html(entrel_doc *doc, entrel_write_fn write, void *ctx) {
    if (doc == NULL || write == NULL) return ENTREL_E_INVALID_ARG;
    jw o;
    jw_init(&o, write, ctx, true);
    jw_str(&o, "<!DOCTYPE html>\n<html lang=\"");
    jw_str(&o, entrel_lang_name(doc->lang));
    jw_str(&o, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    put_escaped_str(&o, doc->id);
    jw_str(&o, "</title>\n");
    legend l;
    legend_of(doc, &l);
    style_and_legend(&o, doc, &l);
    size_t e = 0;
    uint32_t written = 0;                      /* an entity across two sentences is shown once */
    for (size_t i = 0; i < doc->sents.n; i++) {
        const sent *s = &doc->sents.v[i];
        uint32_t at = s->start > written ? s->start : written;
        jw_str(&o, "<p class=\"s\">");
        for (; e < doc->ents.n && doc->ents.v[e].start < s->end; e++) {
            const ann_entity *x = &doc->ents.v[e];
            if (x->start < at) continue;
            put_escaped(&o, (const char *)doc->clean + at, x->start - at);
            entity_html(&o, doc, &l, e);
            at = x->end;
        }
        if (at < s->end) put_escaped(&o, (const char *)doc->clean + at, s->end - at);
        written = at > s->end ? at : s->end;
        jw_str(&o, "</p>\n");
        relations_html(&o, doc, s);
    }
    jw_str(&o, "</body>\n</html>\n");
    jw_flush(&o);
    return o.rc;
}
