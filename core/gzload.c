/*
** gzload.c: gazetteer source files.  One entry a line, tab-separated:
** name, type, canonical, id, policy, features (key=value;...), trailing
** columns optional; '#' starts a comment; "#@policy P" and "#@priority N"
** set defaults for the lines after them.  A bad line is reported as
** file:line and skipped; the others load.
** See LICENSE for copyright and licence.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"

#define GZ_COLUMNS 6

int gz_policy_parse(const char *s, size_t n) {
    static const char *const names[] = {"fold", "norm", "exact", "title"};
    for (int i = 0; i < 4; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) return i;
    return -1;
}

/* State of one file being read. */
typedef struct gz_file {
    entrel_engine *engine;
    entrel_session *loader;
    const char *path;
    size_t line;
    uint32_t source;          /* "gazetteer:<name>" */
    int policy;               /* defaults from #@ lines */
    int32_t priority;
} gz_file;

/* Report a bad line; returns ENTREL_E_CONFIG when that must stop the load. */
static int bad_line(const gz_file *f, entrel_error *err, const char *msg) {
    entrel_error e = {.code = ENTREL_E_CONFIG, .line = (int)f->line};
    snprintf(e.message, sizeof e.message, "%s", msg);
    snprintf(e.file, sizeof e.file, "%s", f->path);
    if (f->engine->opts.strict) {
        if (err) *err = e;
        return ENTREL_E_CONFIG;
    }
    if (f->engine->opts.on_warning) f->engine->opts.on_warning(&e, f->engine->opts.warning_ud);
    return ENTREL_E_OK;
}

static uint32_t intern(gz_file *f, const char *s, size_t n) {
    return atoms_intern(&f->engine->atoms, s, n);
}

/* "gazetteer:" and the file name without folders and extension. */
static uint32_t source_atom(gz_file *f) {
    const char *base = strrchr(f->path, '/');
    base = base ? base + 1 : f->path;
    const char *dot = strchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char buf[300];
    int len = snprintf(buf, sizeof buf, "gazetteer:%.*s", (int)n, base);
    return intern(f, buf, len < 0 ? 0 : (size_t)len);
}

/* Features must read key=value;key=value, keys not empty. */
static bool features_ok(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        const char *semi = memchr(s + i, ';', n - i);
        size_t end = semi ? (size_t)(semi - s) : n;
        const char *eq = memchr(s + i, '=', end - i);
        if (end > i && (eq == NULL || eq == s + i)) return false;
        i = end + 1;
    }
    return true;
}

/* The forms of a name's tokens, hyphens inside compounds left out. */
static int name_forms(gz_file *f, const char *name, size_t n, entrel_lang lang,
                      gz_form *forms, size_t *count) {
    entrel_doc *doc;
    int rc = session_tokenize(f->loader, name, n, lang, &doc);
    if (rc) return rc;
    *count = 0;
    for (size_t i = 0; i < entrel_doc_token_count(doc) && rc == ENTREL_E_OK; i++) {
        entrel_token t;
        entrel_doc_token(doc, i, &t);
        if (t.kind == ENTREL_TOK_PUNCT && (t.flags & ENTREL_TF_HYPHEN)) continue;
        if (*count == 64) {
            rc = ENTREL_E_INVALID_ARG;
            break;
        }
        gz_form *g = &forms[(*count)++];
        g->fold = intern(f, t.fold, strlen(t.fold));
        g->norm = intern(f, t.norm, strlen(t.norm));
        g->exact = intern(f, t.text, t.end - t.start);
        if ((t.fold[0] && !g->fold) || !g->exact) rc = ENTREL_E_NOMEM;
    }
    entrel_doc_free(doc);
    return rc;
}

/*
** Add a name under both languages' tokenizations: French splits "d'"
** off "Côte d'Ivoire" and English does not, and a document of either
** language must find it.
*/
static int add_name(gz_file *f, const gz_info *info, const char *name, size_t n,
                    entrel_error *err) {
    gz_form fr[64], en[64];
    size_t nfr, nen;
    int rc = name_forms(f, name, n, ENTREL_LANG_FR, fr, &nfr);
    if (rc == ENTREL_E_OK) rc = name_forms(f, name, n, ENTREL_LANG_EN, en, &nen);
    if (rc == ENTREL_E_INVALID_ARG) return bad_line(f, err, "name is longer than 64 tokens");
    if (rc) return rc;
    if (nfr == 0) return bad_line(f, err, "name has no words");
    rc = gz_add_path(f->engine->gz, info, fr, nfr);
    if (rc == ENTREL_E_OK && (nen != nfr || memcmp(fr, en, nfr * sizeof *fr) != 0))
        rc = gz_add_path(f->engine->gz, info, en, nen);
    return rc;
}

/* "#@policy title", "#@priority 5": defaults for the following lines. */
static int directive(gz_file *f, const char *s, entrel_error *err) {
    char key[16], value[32];
    if (sscanf(s, "#@%15s %31s", key, value) != 2)
        return bad_line(f, err, "directive wants a key and a value: #@policy title");
    if (strcmp(key, "policy") == 0) {
        int p = gz_policy_parse(value, strlen(value));
        if (p < 0) return bad_line(f, err, "policy must be fold, norm, exact or title");
        f->policy = p;
    } else if (strcmp(key, "priority") == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        if (*end || v < -1000000 || v > 1000000)
            return bad_line(f, err, "priority must be a whole number");
        f->priority = (int32_t)v;
    } else {
        return bad_line(f, err, "unknown directive (policy, priority)");
    }
    return ENTREL_E_OK;
}

/* Fields of one line, split at tabs. */
typedef struct gz_fields {
    const char *s[GZ_COLUMNS];
    size_t n[GZ_COLUMNS];
    int count;
} gz_fields;

static bool split_line(char *line, gz_fields *fl) {
    memset(fl, 0, sizeof *fl);
    char *p = line;
    for (;;) {
        if (fl->count == GZ_COLUMNS) return false;
        char *tab = strchr(p, '\t');
        fl->s[fl->count] = p;
        fl->n[fl->count] = tab ? (size_t)(tab - p) : strlen(p);
        fl->count++;
        if (tab == NULL) return true;
        p = tab + 1;
    }
}

static int load_line(gz_file *f, char *line, entrel_error *err) {
    gz_fields fl;
    if (!split_line(line, &fl)) return bad_line(f, err, "more than 6 columns");
    if (fl.n[0] == 0) return bad_line(f, err, "empty name");
    if (fl.count < 2 || fl.n[1] == 0) return bad_line(f, err, "no type (second column)");
    gz_info info = {.source = f->source, .policy = f->policy, .priority = f->priority};
    if (fl.count > 4 && fl.n[4] > 0 && (info.policy = gz_policy_parse(fl.s[4], fl.n[4])) < 0)
        return bad_line(f, err, "policy must be fold, norm, exact or title");
    if (fl.count > 5 && !features_ok(fl.s[5], fl.n[5]))
        return bad_line(f, err, "features must read key=value;key=value");
    info.type = intern(f, fl.s[1], fl.n[1]);
    info.canonical = fl.count > 2 && fl.n[2] ? intern(f, fl.s[2], fl.n[2])
                                             : intern(f, fl.s[0], fl.n[0]);
    info.kb = fl.count > 3 ? intern(f, fl.s[3], fl.n[3]) : 0;
    info.features = fl.count > 5 ? intern(f, fl.s[5], fl.n[5]) : 0;
    if (!info.type || !info.canonical) return ENTREL_E_NOMEM;
    return add_name(f, &info, fl.s[0], fl.n[0], err);
}

int gz_load_tsv(entrel_engine *engine, entrel_session *loader, const char *path,
                entrel_error *err) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        if (err) {
            *err = (entrel_error){.code = ENTREL_E_IO};
            snprintf(err->message, sizeof err->message, "cannot open: %s", strerror(errno));
            snprintf(err->file, sizeof err->file, "%s", path);
        }
        return ENTREL_E_IO;
    }
    gz_file f = {.engine = engine, .loader = loader, .path = path};
    f.source = source_atom(&f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = f.source ? ENTREL_E_OK : ENTREL_E_NOMEM;
    while (rc == ENTREL_E_OK && (got = getline(&line, &cap, fp)) != -1) {
        f.line++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = 0;
        if (got == 0) continue;
        if ((size_t)got != strlen(line)) rc = bad_line(&f, err, "NUL byte in line");
        else if (strncmp(line, "#@", 2) == 0) rc = directive(&f, line, err);
        else if (line[0] != '#') rc = load_line(&f, line, err);
    }
    free(line);
    fclose(fp);
    if (rc == ENTREL_E_NOMEM && err) {
        *err = (entrel_error){.code = rc, .line = (int)f.line};
        snprintf(err->message, sizeof err->message, "%s", entrel_strerror(rc));
        snprintf(err->file, sizeof err->file, "%s", path);
    }
    return rc;
}
