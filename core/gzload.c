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
#include <sys/stat.h>

#include "gazetteer.h"

#define GZ_COLUMNS 6

int gz_policy_parse(const char *s, size_t n) {
    static const char *const names[] = {"fold", "norm", "exact", "title", "proper"};
    for (int i = 0; i < 5; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) return i;
    return -1;
}

/* State of one file being read. */
typedef struct gz_file {
    entrel_engine *engine;
    entrel_session *loader;
    gazetteer *gz;
    const char *path;
    size_t line;
    char source[300];         /* "gazetteer:<name>" */
    int policy;               /* defaults from #@ lines */
    int32_t priority;
    int tag;                  /* >= 0: the priority of every entry, whatever the file says */
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

/* "gazetteer:" and the file name without folders and extension. */
static void set_source(gz_file *f) {
    const char *base = strrchr(f->path, '/');
    base = base ? base + 1 : f->path;
    const char *dot = strchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    snprintf(f->source, sizeof f->source, "gazetteer:%.*s", (int)n, base);
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

static gz_str str_of(const char *s) { return (gz_str){s, strlen(s)}; }

/*
** The forms of a name's tokens, hyphens inside compounds left out.  The
** strings belong to 'doc', which the caller frees after using them.
*/
static int name_forms(const entrel_doc *doc, gz_form *forms, size_t *count) {
    *count = 0;
    for (size_t i = 0; i < entrel_doc_token_count(doc); i++) {
        entrel_token t;
        entrel_doc_token(doc, i, &t);
        if (t.kind == ENTREL_TOK_PUNCT && (t.flags & ENTREL_TF_HYPHEN)) continue;
        if (*count == GZ_MAX_WORDS) return ENTREL_E_INVALID_ARG;
        forms[(*count)++] = (gz_form){str_of(t.fold), str_of(t.norm),
                                      {t.text, t.end - t.start}};
    }
    return ENTREL_E_OK;
}

static bool same_str(gz_str a, gz_str b) {
    return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

static bool same_path(const gz_form *a, size_t na, const gz_form *b, size_t nb) {
    if (na != nb) return false;
    for (size_t i = 0; i < na; i++)
        if (!same_str(a[i].fold, b[i].fold) || !same_str(a[i].norm, b[i].norm) ||
            !same_str(a[i].exact, b[i].exact))
            return false;
    return true;
}

/*
** A word of letters only, ASCII or Latin (U+00C0 to U+024F, not × or
** ÷): both languages cut it alike, into itself, so one tokenization is
** enough.  Most lines of the big name lists are such words.
*/
static bool latin_word(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
        if (c < 0xC3 || c > 0xC9 || i + 1 == n || (u[i + 1] & 0xC0) != 0x80) return false;
        if (c == 0xC3 && (u[i + 1] == 0x97 || u[i + 1] == 0xB7)) return false;
        i++;
    }
    return n > 0;
}

/*
** Add a name under both languages' tokenizations: French splits "d'"
** off "Côte d'Ivoire" and English does not, and a document of either
** language must find it.
*/
static int add_name(gz_file *f, const gz_info *info, const char *name, size_t n,
                    entrel_error *err) {
    gz_form fr[GZ_MAX_WORDS], en[GZ_MAX_WORDS];
    size_t nfr = 0, nen = 0;
    entrel_doc *dfr = NULL, *den = NULL;
    bool one_way = latin_word(name, n);
    int rc = session_tokenize(f->loader, name, n, ENTREL_LANG_FR, &dfr);
    if (rc == ENTREL_E_OK && !one_way) rc = session_tokenize(f->loader, name, n, ENTREL_LANG_EN, &den);
    if (rc == ENTREL_E_OK) rc = name_forms(dfr, fr, &nfr);
    if (rc == ENTREL_E_OK && !one_way) rc = name_forms(den, en, &nen);
    if (rc == ENTREL_E_INVALID_ARG) rc = bad_line(f, err, "name is longer than 64 tokens");
    else if (rc == ENTREL_E_OK && nfr == 0) rc = bad_line(f, err, "name has no words");
    else if (rc == ENTREL_E_OK) {
        rc = gz_add_path(f->gz, info, fr, nfr);
        if (rc == ENTREL_E_OK && !one_way && !same_path(fr, nfr, en, nen))
            rc = gz_add_path(f->gz, info, en, nen);
    }
    entrel_doc_free(dfr);
    entrel_doc_free(den);
    return rc;
}

/* "#@policy title", "#@priority 5": defaults for the following lines. */
static int directive(gz_file *f, const char *s, entrel_error *err) {
    char key[16], value[32];
    if (sscanf(s, "#@%15s %31s", key, value) != 2)
        return bad_line(f, err, "directive wants a key and a value: #@policy title");
    if (strcmp(key, "policy") == 0) {
        int p = gz_policy_parse(value, strlen(value));
        if (p < 0) return bad_line(f, err, "policy must be fold, norm, exact, title or proper");
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
    gz_info info = {.source = str_of(f->source), .policy = f->policy,
                    .priority = f->tag >= 0 ? f->tag : f->priority};
    if (fl.count > 4 && fl.n[4] > 0 && (info.policy = gz_policy_parse(fl.s[4], fl.n[4])) < 0)
        return bad_line(f, err, "policy must be fold, norm, exact, title or proper");
    if (fl.count > 5 && !features_ok(fl.s[5], fl.n[5]))
        return bad_line(f, err, "features must read key=value;key=value");
    info.type = (gz_str){fl.s[1], fl.n[1]};
    info.canonical = fl.count > 2 && fl.n[2] ? (gz_str){fl.s[2], fl.n[2]}
                                             : (gz_str){fl.s[0], fl.n[0]};
    if (fl.count > 3) info.kb = (gz_str){fl.s[3], fl.n[3]};
    if (fl.count > 5) info.features = (gz_str){fl.s[5], fl.n[5]};
    return add_name(f, &info, fl.s[0], fl.n[0], err);
}

int gz_load_tsv(entrel_engine *engine, entrel_session *loader, gazetteer *g,
                const char *path, entrel_error *err) {
    return gz_load_tsv_tagged(engine, loader, g, path, -1, err);
}

/* Why a line cannot be read as text, or NULL: a NUL byte, bytes that are not UTF-8. */
static const char *not_text(const char *line, size_t n, char *buf, size_t cap) {
    if (n != strlen(line)) return "NUL byte in line";
    text_report rep;
    text_check((const uint8_t *)line, n, &rep);
    if (rep.bad_count == 0) return NULL;
    snprintf(buf, cap, "invalid UTF-8 at byte %zu of the line", rep.bad_first + 1);
    return buf;
}

/*
** Every line of the file.  A byte order mark before the first one is
** not part of its name: kept, it would make that name unmatchable.
*/
static int read_lines(gz_file *f, FILE *fp, entrel_error *err) {
    char *line = NULL, why[64];
    size_t cap = 0;
    ssize_t got;
    int rc = ENTREL_E_OK;
    while (rc == ENTREL_E_OK && (got = getline(&line, &cap, fp)) != -1) {
        char *s = line;
        if (++f->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, got -= 3;   /* a BOM */
        while (got > 0 && (s[got - 1] == '\n' || s[got - 1] == '\r')) s[--got] = 0;
        if (got == 0) continue;
        const char *bad = not_text(s, (size_t)got, why, sizeof why);
        if (bad) rc = bad_line(f, err, bad);
        else if (strncmp(s, "#@", 2) == 0) rc = directive(f, s, err);
        else if (s[0] != '#') rc = load_line(f, s, err);
    }
    free(line);                         /* getline's */
    return rc;
}

static int file_error(entrel_error *err, int code, const char *path, const char *what,
                      const char *why, int line) {
    if (err) {
        *err = (entrel_error){.code = code, .line = line};
        snprintf(err->message, sizeof err->message, "%s%s", what, why);
        snprintf(err->file, sizeof err->file, "%s", path);
    }
    return code;
}

int gz_load_tsv_tagged(entrel_engine *engine, entrel_session *loader, gazetteer *g,
                       const char *path, int tag, entrel_error *err) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL) return file_error(err, ENTREL_E_IO, path, "cannot open: ", strerror(errno), 0);
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        return file_error(err, ENTREL_E_IO, path, GZ_FOLDER, "", 0);
    }
    gz_file f = {.engine = engine, .loader = loader, .gz = g, .path = path, .tag = tag};
    set_source(&f);
    int rc = read_lines(&f, fp, err);
    if (rc == ENTREL_E_OK && ferror(fp))
        rc = file_error(err, ENTREL_E_IO, path, "cannot read: ", strerror(errno), 0);
    fclose(fp);
    if (rc == ENTREL_E_NOMEM)
        file_error(err, rc, path, entrel_strerror(rc), "", (int)f.line);
    return rc;
}
