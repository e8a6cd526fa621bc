/*
** evalcmd.c: the `entrel eval` command: reads gold and predicted
** documents, pairs them by file name, and prints P/R/F1 per type and per
** group, then every miss and spurious item.
**   entrel eval GOLD PRED
**   entrel eval --gold DIR --pred DIR
** See LICENSE for copyright and licence.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eval.h"

/* Append every JSON value in 'path' (JSON, indented or JSONL) to 'docs'. */
static int read_values(const char *path, json_t *docs) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, pos = 0;
    bool too_large;
    if (f == NULL || input_read_all(f, SIZE_MAX - 1, &buf, &len, &too_large) != ENTREL_E_OK) {
        fprintf(stderr, "entrel eval: %s: cannot read\n", path);
        if (f) fclose(f);
        return -1;
    }
    fclose(f);
    int rc = 0;
    for (;;) {
        while (pos < len && strchr(" \t\r\n", buf[pos])) pos++;
        if (pos >= len) break;
        json_error_t err;
        json_t *v = json_loadb(buf + pos, len - pos, JSON_DISABLE_EOF_CHECK, &err);
        if (v == NULL) {
            int line = err.line;
            for (size_t i = 0; i < pos; i++) line += buf[i] == '\n';
            fprintf(stderr, "entrel eval: %s:%d: %s\n", path, line, err.text);
            rc = -1;
            break;
        }
        pos += err.position;
        if (json_is_object(v)) json_array_append_new(docs, v);
        else json_decref(v);
    }
    free(buf);
    return rc;
}

static int read_dir(const char *dir, json_t *docs) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "entrel eval: %s: cannot open folder\n", dir);
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        bool json = (n > 5 && !strcmp(e->d_name + n - 5, ".json")) ||
                    (n > 6 && !strcmp(e->d_name + n - 6, ".jsonl"));
        if (!json || e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        rc = read_values(path, docs);
    }
    closedir(d);
    return rc;
}

/* The name a document is paired by: its "doc" (gold) or "id", without folders. */
static const char *doc_name(json_t *doc) {
    const char *s = json_string_value(json_object_get(doc, "doc"));
    if (s == NULL) s = json_string_value(json_object_get(doc, "id"));
    if (s == NULL) return "";
    const char *slash = strrchr(s, '/');
    return slash ? slash + 1 : s;
}

static json_t *find_pred(json_t *preds, const char *name) {
    size_t i;
    json_t *p;
    json_array_foreach(preds, i, p) {
        if (strcmp(doc_name(p), name) == 0) return p;
    }
    return NULL;
}

static void print_row(const ev_tally *t) {
    double p = t->tp + t->fp ? (double)t->tp / (double)(t->tp + t->fp) : 0.0;
    double r = t->gold ? (double)t->found / (double)t->gold : 0.0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    printf("  %-22s %6.3f %6.3f %6.3f %6ld %6ld %6ld %6ld\n", t->name, p, r, f, t->tp,
           t->fp, t->found, t->gold);
}

/* Entity types, then "core", then relation types, then their groups. */
static int row_rank(const char *name) {
    if (!strcmp(name, "core")) return 1;
    if (!strncmp(name, "relations (", 11)) return 3;
    return strchr(name, '_') || (name[0] >= 'a' && name[0] <= 'z') ? 2 : 0;
}

static int by_row(const void *pa, const void *pb) {
    const ev_tally *a = pa, *b = pb;
    int ra = row_rank(a->name), rb = row_rank(b->name);
    return ra != rb ? ra - rb : strcmp(a->name, b->name);
}

static void print_report(ev_report *r) {
    qsort(r->tallies, r->ntallies, sizeof *r->tallies, by_row);
    printf("entrel eval: %ld document%s\n", r->docs, r->docs == 1 ? "" : "s");
    printf("  %-22s %6s %6s %6s %6s %6s %6s %6s\n", "", "P", "R", "F1", "tp", "fp",
           "found", "gold");
    for (size_t i = 0; i < r->ntallies; i++) print_row(&r->tallies[i]);
}

static int eval_usage(void) {
    fputs("usage: entrel eval GOLD PRED\n"
          "       entrel eval --gold DIR --pred DIR\n"
          "Scores predicted entities and relations against gold annotations\n"
          "(the format of tests/data/*.gold.json), pairing documents by name.\n",
          stderr);
    return 2;
}

int eval_main(int argc, char **argv) {
    json_t *golds = json_array(), *preds = json_array();
    int rc;
    bool dirs = argc == 5 && !strcmp(argv[1], "--gold") && !strcmp(argv[3], "--pred");
    if (dirs) rc = read_dir(argv[2], golds) | read_dir(argv[4], preds);
    else if (argc == 3) rc = read_values(argv[1], golds) | read_values(argv[2], preds);
    else rc = eval_usage();
    if (rc != 0) {
        json_decref(golds);
        json_decref(preds);
        return 2;
    }
    ev_report *r = calloc(1, sizeof *r);
    char *notes = NULL;
    size_t notes_len = 0;
    r->notes = open_memstream(&notes, &notes_len);
    size_t i;
    json_t *g;
    json_array_foreach(golds, i, g) {
        json_t *p = find_pred(preds, doc_name(g));
        if (p == NULL && !dirs && json_array_size(golds) == 1 && json_array_size(preds) == 1)
            p = json_array_get(preds, 0);
        json_t *empty = p ? NULL : json_object();
        if (p == NULL) fprintf(r->notes, "%s: no prediction\n", doc_name(g));
        eval_document(r, doc_name(g), g, p ? p : empty);
        json_decref(empty);
    }
    fclose(r->notes);
    print_report(r);
    if (notes_len) printf("\n%s", notes);
    free(notes);
    free(r);
    json_decref(golds);
    json_decref(preds);
    return 0;
}
