/*
** bench_gazetteer.c: what a gazetteer costs: the time entrel_engine_new
** takes to load it, and the throughput of the whole pipeline (tokens,
** sentences, gazetteer matching) with it loaded.
** See LICENSE for copyright and licence.
**
** usage: bench_gazetteer [-s MB] [-r RUNS] [-m lt] [-l LANG] [-o REPORT]
**                        [-a ARTICLE] [GAZETTEER...]
**
** Each measure is the best of RUNS (default 3); 1 MB = 1e6 bytes.
**   load  engine creation with only the GAZETTEER files (TSV, or whatever
**         entrel_engine_new accepts), minus engine creation with none:
**         the two alternate, so a busy spell on a shared machine spoils
**         the difference less;
**   text  entrel_session_process on one article per document, one after
**         another in one session, MB of text in all: how the entrel
**         command runs JSONL, with the engine of the last load.
** With no GAZETTEER the figures are those of an engine without any, the
** baseline of matching.  Run it under peak_rss for memory.  -o writes
** the figures as one key=value line to REPORT, for bench/gazetteers.sh.
*/
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "count.h"
#include "entrel.h"
#include "read_file.h"

#define DEFAULT_ARTICLE "tests/data/fr-hanoi-convention.txt"
#define SEPARATOR_LEN 2 /* "\n\n" between copies in bench_tokenize */

typedef struct bench {
    const char *const *files;
    size_t nfiles;
    entrel_lang lang;
    int runs;
    char *article;
    size_t article_len;
    size_t copies;            /* documents in the text measure */
    entrel_engine *engine;    /* kept from the last load */
    size_t bad_lines;         /* gazetteer lines skipped in one load */
} bench;

/* Figures; a negative one was not measured. */
typedef struct figures {
    double empty_ms, full_ms;  /* best engine creation, without and with */
    double text_s, text_cpu_s; /* best wall and CPU time of the text measure */
    size_t tokens, entities;   /* per run; entities of one article */
} figures;

/* Counts skipped lines: a load that silently dropped names would look fast. */
static void count_warning(const entrel_error *err, void *ud) {
    (void)err;
    (*(size_t *)ud)++;
}

/* A new engine with the files or without any; NULL after a message. */
static entrel_engine *make_engine(bench *b, bool with_files, double *ms) {
    entrel_engine_options opts;
    entrel_engine_options_init(&opts);
    opts.max_doc_bytes = 0;
    opts.lang = b->lang;
    opts.gazetteers = with_files ? b->files : NULL;
    opts.gazetteer_count = with_files ? b->nfiles : 0;
    opts.on_warning = count_warning;
    opts.warning_ud = &b->bad_lines;
    b->bad_lines = 0;
    entrel_error err = {0};
    double t0 = now();
    entrel_engine *e = entrel_engine_new(&opts, &err);
    *ms = (now() - t0) * 1e3;
    if (e == NULL)
        fprintf(stderr, "bench_gazetteer: %s%s%s\n", err.file[0] ? err.file : "",
                err.file[0] ? ": " : "", err.message);
    return e;
}

static void keep_min(double *best, double v) {
    if (*best < 0 || v < *best) *best = v;
}

/* Rounds of one empty and one full creation; leaves the last full engine. */
static int measure_load(bench *b, figures *f) {
    for (int r = 0; r < b->runs; r++) {
        double ms;
        entrel_engine *e = make_engine(b, false, &ms);
        if (e == NULL) return 1;
        entrel_engine_free(e);
        keep_min(&f->empty_ms, ms);
        entrel_engine_free(b->engine);
        b->engine = NULL; /* free first: peak RSS is then one engine's */
        if ((b->engine = make_engine(b, true, &ms)) == NULL) return 1;
        keep_min(&f->full_ms, ms);
    }
    return 0;
}

/* One run of the text measure in a fresh session (its caches start cold). */
static int run_text(const bench *b, double *secs, double *cpu, size_t *tokens) {
    entrel_session *s = entrel_session_new(b->engine);
    if (s == NULL) return ENTREL_E_NOMEM;
    int rc = ENTREL_E_OK;
    *tokens = 0;
    double t0 = now(), c0 = cpu_now();
    for (size_t k = 0; k < b->copies && rc == ENTREL_E_OK; k++) {
        entrel_doc *doc;
        rc = entrel_session_process(s, "bench", b->article, b->article_len, &doc);
        if (rc != ENTREL_E_OK) break;
        *tokens += entrel_doc_token_count(doc);
        entrel_doc_free(doc);
    }
    *secs = now() - t0;
    *cpu = cpu_now() - c0;
    entrel_session_free(s);
    return rc;
}

static int measure_text(bench *b, figures *f) {
    for (int r = 0; r < b->runs; r++) {
        double secs, cpu;
        size_t tokens;
        int rc = run_text(b, &secs, &cpu, &tokens);
        if (rc == ENTREL_E_OK && r > 0 && tokens != f->tokens) rc = ENTREL_E_CONFIG;
        if (rc != ENTREL_E_OK) {
            fprintf(stderr, "bench_gazetteer: %s\n", rc == ENTREL_E_CONFIG
                    ? "token counts differ between runs" : entrel_strerror(rc));
            return 1;
        }
        f->tokens = tokens;
        keep_min(&f->text_s, secs);
        keep_min(&f->text_cpu_s, cpu);
    }
    int rc = count_annotations(b->engine, b->article, b->article_len, &f->entities, NULL);
    if (rc != ENTREL_E_OK) fprintf(stderr, "bench_gazetteer: %s\n", entrel_strerror(rc));
    return rc != ENTREL_E_OK;
}

/* ------------------------------------------------------------ report */

static double text_mb(const bench *b) {
    return (double)(b->copies * b->article_len) / 1e6;
}

static void print_report(const bench *b, const figures *f) {
    printf("bench_gazetteer: %zu gazetteer file(s)%s, best of %d\n", b->nfiles,
           b->nfiles ? "" : " (baseline)", b->runs);
    if (f->full_ms >= 0) {
        printf("  %-34s %10.3f ms\n", "engine without gazetteers", f->empty_ms);
        printf("  %-34s %10.3f ms\n", "engine with these", f->full_ms);
        printf("  %-34s %10.3f ms\n", "load (difference)", f->full_ms - f->empty_ms);
        if (b->bad_lines)
            printf("  %-34s %10zu\n", "bad lines skipped", b->bad_lines);
    }
    if (f->text_s >= 0)
        printf("  %-34s %10.1f MB/s, %.1f MB/s of CPU time (%.2f MB, %zu docs, %.1f ms, "
               "%zu entities/article)\n", "tokenize+match, article per doc",
               text_mb(b) / f->text_s, text_mb(b) / f->text_cpu_s, text_mb(b), b->copies,
               f->text_s * 1e3, f->entities);
}

/* The figures as key=value pairs, -1 for those not measured. */
static int write_figures(const char *path, const bench *b, const figures *f) {
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        fprintf(stderr, "bench_gazetteer: %s: %s\n", path, strerror(errno));
        return 1;
    }
    double load = f->full_ms >= 0 ? f->full_ms - f->empty_ms : -1;
    double mbps = f->text_s > 0 ? text_mb(b) / f->text_s : -1;
    double cpu_mbps = f->text_cpu_s > 0 ? text_mb(b) / f->text_cpu_s : -1;
    fprintf(fp, "empty_ms=%.3f full_ms=%.3f load_ms=%.3f mb_s=%.2f cpu_mb_s=%.2f "
            "entities=%zu bad=%zu\n", f->empty_ms, f->full_ms, load, mbps, cpu_mbps,
            f->entities, b->bad_lines);
    return fclose(fp) != 0;
}

/* ------------------------------------------------------------ main */

static int usage(void) {
    fputs("usage: bench_gazetteer [-s MB] [-r RUNS] [-m lt] [-l LANG] [-o REPORT]\n"
          "                       [-a ARTICLE] [GAZETTEER...]\n"
          "  -s MB       text of the throughput measure, 1 MB = 1e6 bytes (default 50)\n"
          "  -r RUNS     runs per measure, the best is kept (default 3)\n"
          "  -m lt       measures: l load, t text throughput (default both)\n"
          "  -l LANG     fr, en or auto (default auto)\n"
          "  -o REPORT   also write the figures as key=value to REPORT\n"
          "  -a ARTICLE  default " DEFAULT_ARTICLE "\n",
          stderr);
    return 2;
}

/* The article, and as many copies of it as bench_tokenize's MB hold. */
static int load_article(bench *b, const char *path, double mb) {
    b->article = read_file(path, &b->article_len);
    if (b->article == NULL || b->article_len == 0) {
        fprintf(stderr, "bench_gazetteer: %s: %s\n", path,
                b->article ? "empty file" : strerror(errno));
        return 1;
    }
    size_t step = b->article_len + SEPARATOR_LEN, target = (size_t)(mb * 1e6);
    b->copies = target / step + (target % step != 0);
    if (b->copies == 0) b->copies = 1;
    return 0;
}

static int run(bench *b, const char *which, const char *report) {
    figures f = {.empty_ms = -1, .full_ms = -1, .text_s = -1, .text_cpu_s = -1};
    double ms;
    int status = 0;
    if (strchr(which, 'l')) status = measure_load(b, &f);
    else if ((b->engine = make_engine(b, true, &ms)) == NULL) status = 1;
    if (status == 0 && strchr(which, 't')) status = measure_text(b, &f);
    if (status == 0) print_report(b, &f);
    if (status == 0 && report) status = write_figures(report, b, &f);
    return status;
}

int main(int argc, char **argv) {
    double mb = 50;
    int opt, lang = ENTREL_LANG_AUTO;
    const char *which = "lt", *report = NULL, *article = DEFAULT_ARTICLE;
    bench b = {.runs = 3};
    while ((opt = getopt(argc, argv, "s:r:m:l:o:a:h")) != -1) {
        if (opt == 's') mb = atof(optarg);
        else if (opt == 'r') b.runs = atoi(optarg);
        else if (opt == 'm') which = optarg;
        else if (opt == 'l') lang = entrel_lang_parse(optarg);
        else if (opt == 'o') report = optarg;
        else if (opt == 'a') article = optarg;
        else return usage();
    }
    if (mb <= 0 || b.runs < 1 || lang < 0 || !*which || which[strspn(which, "lt")])
        return usage();
    b.lang = (entrel_lang)lang;
    b.files = (const char *const *)(argv + optind);
    b.nfiles = (size_t)(argc - optind);
    int status = load_article(&b, article, mb);
    if (status == 0) status = run(&b, which, report);
    entrel_engine_free(b.engine);
    free(b.article);
    return status;
}
