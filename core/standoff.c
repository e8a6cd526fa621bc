/*
** standoff.c: the two other writers.  brat's standoff .ann (entities as T
** lines, relations as R lines, a list's canonical name and kb id as
** AnnotatorNotes), for brat and the tools that read it; and CoNLL's BIO
** columns (a token and its tag a line, a blank line between sentences),
** for the scorers built on CoNLL.  Offsets in .ann are code points, as
** brat counts them.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <string.h>

#include "entrel_int.h"
#include "jsonw.h"

/* Text on one line: brat's and CoNLL's lines end at a newline, so those inside become spaces. */
static void put_flat(jw *o, const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && s[k] != '\n' && s[k] != '\r' && s[k] != '\t') k++;
        jw_raw(o, s + i, k - i);
        if (k < n) jw_raw(o, " ", 1);
        i = k + 1;
    }
}

/* ------------------------------------------------------------ brat */

/* A relation argument's T number: its entity's, or the extra T line made for a span. */
static size_t arg_number(const entrel_doc *doc, const ann_arg *a, size_t *extra) {
    return a->ref >= 0 ? (size_t)a->ref + 1 : doc->ents.n + ++*extra;
}

static void t_line(jw *o, entrel_doc *doc, size_t n, const char *type, uint32_t s, uint32_t e) {
    char head[160];
    snprintf(head, sizeof head, "T%zu\t%s %zu %zu\t", n, type,
             entrel_doc_offset(doc, s, ENTREL_OFFSET_CODEPOINT),
             entrel_doc_offset(doc, e, ENTREL_OFFSET_CODEPOINT));
    jw_str(o, head);
    put_flat(o, (const char *)doc->clean + s, e - s);
    jw_str(o, "\n");
}

ENTREL_API int entrel_doc_write_brat(entrel_doc *doc, entrel_write_fn write, void *ctx) {
    if (doc == NULL || write == NULL) return ENTREL_E_INVALID_ARG;
    jw o;
    jw_init(&o, write, ctx, true);
    size_t notes = 0, extra = 0;
    char line[640];
    for (size_t i = 0; i < doc->ents.n; i++) {
        const ann_entity *e = &doc->ents.v[i];
        t_line(&o, doc, i + 1, doc_atom_str(doc, e->type), e->start, e->end);
        if (e->canonical || e->kb) {
            snprintf(line, sizeof line, "#%zu\tAnnotatorNotes T%zu\t%s%s%s%s\n", ++notes, i + 1,
                     e->canonical ? "canonical: " : "", e->canonical ? doc_atom_str(doc, e->canonical) : "",
                     e->kb ? (e->canonical ? "; kb: " : "kb: ") : "", e->kb ? doc_atom_str(doc, e->kb) : "");
            jw_str(&o, line);
        }
    }
    /* arguments that are no entity get T lines of their own, typed "Span" */
    for (size_t i = 0; i < doc->rels.n; i++) {
        const ann_relation *r = &doc->rels.v[i];
        if (r->head.ref < 0) t_line(&o, doc, doc->ents.n + ++extra, "Span", r->head.start, r->head.end);
        if (r->tail.ref < 0) t_line(&o, doc, doc->ents.n + ++extra, "Span", r->tail.start, r->tail.end);
    }
    extra = 0;
    for (size_t i = 0; i < doc->rels.n; i++) {
        const ann_relation *r = &doc->rels.v[i];
        size_t h = arg_number(doc, &r->head, &extra), t = arg_number(doc, &r->tail, &extra);
        snprintf(line, sizeof line, "R%zu\t%s Arg1:T%zu Arg2:T%zu\t\n", i + 1,
                 doc_atom_str(doc, r->type), h, t);
        jw_str(&o, line);
    }
    jw_flush(&o);
    return o.rc;
}

/* ------------------------------------------------------------ CoNLL */

/* Each token's entity (index + 1), 0 outside any. */
static void token_entities(const entrel_doc *doc, uint32_t *owner) {
    size_t t = 0;
    for (size_t e = 0; e < doc->ents.n; e++) {
        const ann_entity *a = &doc->ents.v[e];
        while (t < doc->toks.n && doc->toks.v[t].end <= a->start) t++;
        for (size_t k = t; k < doc->toks.n && doc->toks.v[k].start < a->end; k++)
            owner[k] = (uint32_t)e + 1;
    }
}

ENTREL_API int entrel_doc_write_conll(entrel_doc *doc, entrel_write_fn write, void *ctx) {
    if (doc == NULL || write == NULL) return ENTREL_E_INVALID_ARG;
    jw o;
    jw_init(&o, write, ctx, true);
    uint32_t *owner = er_calloc(doc->toks.n + 1, sizeof *owner);
    if (owner == NULL) return ENTREL_E_NOMEM;
    token_entities(doc, owner);
    jw_str(&o, "-DOCSTART-\tO\n\n");
    for (size_t s = 0; s < doc->sents.n; s++) {
        for (size_t k = doc->sents.v[s].first; k < doc->sents.v[s].last; k++) {
            const tok *t = &doc->toks.v[k];
            put_flat(&o, (const char *)doc->clean + t->start, t->end - t->start);
            jw_str(&o, "\t");
            if (owner[k] == 0) {
                jw_str(&o, "O\n");
                continue;
            }
            bool begins = k == 0 || owner[k - 1] != owner[k] || k == doc->sents.v[s].first;
            jw_str(&o, begins ? "B-" : "I-");
            jw_str(&o, doc_atom_str(doc, doc->ents.v[owner[k] - 1].type));
            jw_str(&o, "\n");
        }
        jw_str(&o, "\n");
    }
    er_free(owner);
    jw_flush(&o);
    return o.rc;
}
