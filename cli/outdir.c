/*
** outdir.c: --out DIR, where --format brat writes a .txt and its .ann per
** document, and --format html a page per document and an index.html that
** links them.  Each document's files are named once, in input order
** (names.c), so two documents never share a file, whatever their ids
** and however many workers write at once.
** See LICENSE for copyright and licence.
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct outdir {
    const char *dir;
    int format;               /* FORMAT_BRAT or FORMAT_HTML */
    keyset names;             /* given so far: the reader's alone */
    FILE *index;              /* html: the index page; the writer's alone */
};

int file_sink(const char *buf, size_t len, void *ctx) {
    return fwrite(buf, 1, len, ctx) == len ? 0 : -1;
}

outdir *outdir_open(const char *dir, int format) {
    outdir *d = calloc(1, sizeof *d);
    if (d == NULL) return NULL;
    d->dir = dir;
    d->format = format;
    if (format != FORMAT_HTML) return d;
    char path[4096];
    snprintf(path, sizeof path, "%s/index.html", dir);
    if (!names_reserve(&d->names, "index") || (d->index = fopen(path, "w")) == NULL) {
        int e = errno;
        outdir_close(d);
        errno = e;
        return NULL;
    }
    fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>entrel</title>\n"
          "<style>body{font:16px/1.6 system-ui,sans-serif;max-width:50em;margin:2em auto}</style>\n"
          "</head>\n<body>\n<h1>Documents</h1>\n<ul>\n", d->index);
    return d;
}

char *outdir_name(outdir *d, const char *id) { return names_claim(&d->names, id); }

/* DIR/NAME.EXT, opened for writing; NULL when it cannot be. */
static FILE *open_file(const outdir *d, const char *name, const char *ext) {
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s.%s", d->dir, name, ext);
    if (n < 0 || (size_t)n >= sizeof path) return NULL;
    return fopen(path, "wb");
}

/* brat: the text, then its .ann beside it. */
static int write_brat(const outdir *d, const char *name, entrel_doc *doc) {
    FILE *f = open_file(d, name, "txt");
    size_t len;
    const char *text = entrel_doc_text(doc, &len);
    int rc = f && fwrite(text, 1, len, f) == len ? ENTREL_E_OK : ENTREL_E_IO;
    if (f && fclose(f) != 0) rc = ENTREL_E_IO;
    f = rc == ENTREL_E_OK ? open_file(d, name, "ann") : NULL;
    if (rc == ENTREL_E_OK) rc = f ? entrel_doc_write_brat(doc, file_sink, f) : ENTREL_E_IO;
    if (f && fclose(f) != 0) rc = ENTREL_E_IO;
    return rc;
}

int outdir_write(const outdir *d, const char *name, entrel_doc *doc) {
    if (d->format == FORMAT_BRAT) return write_brat(d, name, doc);
    FILE *f = open_file(d, name, "html");
    int rc = f ? entrel_doc_write_html(doc, file_sink, f) : ENTREL_E_IO;
    if (f && fclose(f) != 0) rc = ENTREL_E_IO;
    return rc;
}

static void put_html(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '&') fputs("&amp;", f);
        else if (*s == '<') fputs("&lt;", f);
        else if (*s == '>') fputs("&gt;", f);
        else if (*s == '"') fputs("&quot;", f);
        else fputc(*s, f);
    }
}

/* A page's name in an href: bytes other than letters, digits and -._~ as %XX. */
static void put_href(FILE *f, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || strchr("-._~", *p))      /* the C locale's: ASCII */
            fputc(*p, f);
        else
            fprintf(f, "%%%02X", *p);
    }
}

/*
** The index line of a document, flushed at once as its page is; 'page'
** is the name of its page, or NULL when none was written (it failed).
*/
void outdir_index(outdir *d, const char *id, const char *page, size_t entities,
                  size_t relations, bool failed) {
    if (d->index == NULL) return;
    fputs("<li>", d->index);
    if (page) {
        fputs("<a href=\"", d->index);
        put_href(d->index, page);
        fputs(".html\">", d->index);
    }
    put_html(d->index, id);
    fprintf(d->index, "%s %zu entities, %zu relations%s</li>\n", page ? "</a>" : "", entities,
            relations, failed ? " (failed)" : "");
    fflush(d->index);
}

int outdir_close(outdir *d) {
    if (d == NULL) return 0;
    int rc = 0;
    if (d->index) {
        fputs("</ul>\n</body>\n</html>\n", d->index);
        rc = fclose(d->index) == 0 ? 0 : -1;
    }
    keyset_free(&d->names);
    free(d);
    return rc;
}
