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

typedef struct out {
    entrel_write_fn write;
    void *ctx;
    int rc;
} out;

static void put(out *o, const char *s, size_t n) {
    if (o->rc == ENTREL_E_OK && n && o->write(s, n, o->ctx) != 0) o->rc = ENTREL_E_IO;
}

static void puts_(out *o, const char *s) { put(o, s, strlen(s)); }

/* Text as HTML: the five characters that mean something escaped, the rest as it is. */
static void put_escaped(out *o, const char *s, size_t n) {
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;"
                        : s[i] == '"' ? "&quot;" : s[i] == '\'' ? "&#39;" : NULL;
        if (rep == NULL) continue;
        put(o, s + from, i - from);
        puts_(o, rep);
        from = i + 1;
    }
    put(o, s + from, n - from);
}

static void put_escaped_str(out *o, const char *s) { put_escaped(o, s, strlen(s)); }

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

static void style_and_legend(out *o, entrel_doc *doc) {
    puts_(o, "<style>body{font:16px/1.7 system-ui,sans-serif;max-width:60em;margin:2em auto;"
             "padding:0 1em;color:#222}mark{border-radius:3px;padding:0 2px}mark sub{font-size:"
             "60%;margin-left:2px;opacity:.7}.s{margin:.2em 0}.rels{margin:.1em 0 1em 2em;font-size:"
             "90%;color:#444;list-style:none;padding:0}.rel b{font-weight:600}.legend span{"
             "margin-right:1em;padding:0 4px;border-radius:3px}");
    /* one rule per type met, and the legend from the same list */
    uint32_t seen[64];
    size_t n = 0;
    for (size_t i = 0; i < doc->ents.n && n < 64; i++) {
        uint32_t t = doc->ents.v[i].type;
        size_t k = 0;
        while (k < n && seen[k] != t) k++;
        if (k == n) seen[n++] = t;
    }
    char rule[160];
    for (size_t k = 0; k < n; k++) {
        const char *type = doc_atom_str(doc, seen[k]);
        snprintf(rule, sizeof rule, ".t%zu{background:hsl(%u,70%%,85%%)}", k, hue_of(type));
        puts_(o, rule);
    }
    puts_(o, "</style>\n</head>\n<body>\n<h1>");
    put_escaped_str(o, doc->id);
    puts_(o, "</h1>\n<p class=\"legend\">");
    for (size_t k = 0; k < n; k++) {
        snprintf(rule, sizeof rule, "<span class=\"t%zu\">", k);
        puts_(o, rule);
        put_escaped_str(o, doc_atom_str(doc, seen[k]));
        puts_(o, "</span>");
    }
    puts_(o, "</p>\n");
}

/* The class of a type: its place in the legend. */
static size_t class_of(const entrel_doc *doc, uint32_t type) {
    uint32_t seen[64];
    size_t n = 0;
    for (size_t i = 0; i < doc->ents.n && n < 64; i++) {
        uint32_t t = doc->ents.v[i].type;
        if (t == type) return n;
        size_t k = 0;
        while (k < n && seen[k] != t) k++;
        if (k == n) seen[n++] = t;
    }
    return n;
}

/* An entity: highlighted, its type after it, what made it in its tooltip. */
static void entity_html(out *o, entrel_doc *doc, size_t i) {
    const ann_entity *e = &doc->ents.v[i];
    char head[96];
    snprintf(head, sizeof head, "<mark class=\"e t%zu\" id=\"T%zu\" title=\"", class_of(doc, e->type), i + 1);
    puts_(o, head);
    put_escaped_str(o, doc_atom_str(doc, e->type));
    const uint32_t parts[] = {e->value, e->canonical, e->kb, e->source, e->rule};
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++) {
        if (parts[k] == 0) continue;
        puts_(o, " · ");
        put_escaped_str(o, doc_atom_str(doc, parts[k]));
    }
    puts_(o, "\">");
    put_escaped(o, (const char *)doc->clean + e->start, e->end - e->start);
    puts_(o, "<sub>");
    put_escaped_str(o, doc_atom_str(doc, e->type));
    puts_(o, "</sub></mark>");
}

static void argument_html(out *o, const entrel_doc *doc, const ann_arg *a) {
    puts_(o, "<b>");
    put_escaped(o, (const char *)doc->clean + a->start, a->end - a->start);
    puts_(o, "</b>");
}

/* The relations whose evidence starts in the sentence, as a list after it. */
static void relations_html(out *o, const entrel_doc *doc, const sent *s) {
    bool any = false;
    for (size_t i = 0; i < doc->rels.n; i++) {
        const ann_relation *r = &doc->rels.v[i];
        if (r->ev_start < s->start || r->ev_start >= s->end) continue;
        puts_(o, any ? "" : "<ul class=\"rels\">");
        any = true;
        puts_(o, "<li class=\"rel\" title=\"");
        put_escaped_str(o, doc_atom_str(doc, r->rule));
        puts_(o, "\">");
        argument_html(o, doc, &r->head);
        puts_(o, " —<span class=\"label\">");
        put_escaped_str(o, doc_atom_str(doc, r->type));
        puts_(o, "</span>→ ");
        argument_html(o, doc, &r->tail);
        puts_(o, "</li>");
    }
    if (any) puts_(o, "</ul>\n");
}

ENTREL_API int entrel_doc_write_html(entrel_doc *doc, entrel_write_fn write, void *ctx) {
    if (doc == NULL || write == NULL) return ENTREL_E_INVALID_ARG;
    out o = {write, ctx, ENTREL_E_OK};
    puts_(&o, "<!DOCTYPE html>\n<html lang=\"");
    puts_(&o, entrel_lang_name(doc->lang));
    puts_(&o, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    put_escaped_str(&o, doc->id);
    puts_(&o, "</title>\n");
    style_and_legend(&o, doc);
    size_t e = 0;
    uint32_t written = 0;                      /* an entity across two sentences is shown once */
    for (size_t i = 0; i < doc->sents.n; i++) {
        const sent *s = &doc->sents.v[i];
        uint32_t at = s->start > written ? s->start : written;
        puts_(&o, "<p class=\"s\">");
        for (; e < doc->ents.n && doc->ents.v[e].start < s->end; e++) {
            const ann_entity *x = &doc->ents.v[e];
            if (x->start < at) continue;
            put_escaped(&o, (const char *)doc->clean + at, x->start - at);
            entity_html(&o, doc, e);
            at = x->end;
        }
        if (at < s->end) put_escaped(&o, (const char *)doc->clean + at, s->end - at);
        written = at > s->end ? at : s->end;
        puts_(&o, "</p>\n");
        relations_html(&o, doc, s);
    }
    puts_(&o, "</body>\n</html>\n");
    return o.rc;
}
