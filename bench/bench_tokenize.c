/*
** bench_tokenize.c: throughput of the refined tokenizer against bare
** u8_wordbreaks, on the reference article repeated to a large buffer.
** See LICENSE for copyright and licence.
**
** usage: bench_tokenize [-s MB] [-r RUNS] [-m bos] [-l LANG] [ARTICLE]
**
** Three measures, each the best of RUNS (default 3), 1 MB = 1e6 bytes;
** -m picks some of them (b, o, s), to profile one alone; -l sets the
** language (default auto, as the entrel command does) to time the
** pipeline without language detection:
**   bare     u8_wordbreaks over the whole buffer, plus the walk that counts
**            the segments that are not white space (a tokenizer's floor);
**   one doc  entrel_session_process on the whole buffer as one document:
**            refined tokens with all their forms, and sentences;
**   stream   the same on one article per document, one after another in
**            one session, which is how the entrel command runs JSONL.
*/
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "clock.h"
#include "entrel.h"
#include "read_file.h"

#define DEFAULT_ARTICLE "tests/data/fr-hanoi-convention.txt"
#define DEFAULT_MB 50.0
#define DEFAULT_RUNS 3
#define SEPARATOR "\n\n"

typedef struct bench {
    char *article;            /* the file as read */
    size_t article_len;
    char *buf;                /* copies of the article, SEPARATOR between */
    size_t len;
    size_t copies;
    char *brk;                /* u8_wordbreaks output, 'len' bytes */
    entrel_engine *engine;
} bench;

/* One timed run.  'part' is a sub-phase that a measure may time apart. */
typedef struct measure {
    double secs, part;
    size_t tokens;
    bool done;
} measure;

typedef int (*bench_fn)(const bench *b, measure *m);

/* The article repeated until the buffer holds at least 'target' bytes. */
static int make_corpus(bench *b, size_t target) {
    size_t step = b->article_len + strlen(SEPARATOR);
    b->copies = target / step + (target % step != 0);
    if (b->copies == 0) b->copies = 1;
    b->len = b->copies * step - strlen(SEPARATOR);
    b->buf = malloc(b->len + 1);
    b->brk = malloc(b->len);
    if (b->buf == NULL || b->brk == NULL) return ENTREL_E_NOMEM;
    char *p = b->buf;
    for (size_t k = 0; k < b->copies; k++) {
        if (k) {
            memcpy(p, SEPARATOR, strlen(SEPARATOR));
            p += strlen(SEPARATOR);
        }
        memcpy(p, b->article, b->article_len);
        p += b->article_len;
    }
    *p = '\0';
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ measures */

/* Unicode White_Space, with the ASCII cases answered inline. */
static int is_space_at(const uint8_t *s, size_t n) {
    if (s[0] < 0x80) return s[0] == ' ' || (s[0] >= 0x09 && s[0] <= 0x0D);
    ucs4_t uc;
    u8_mbtouc(&uc, s, n);
    return uc_is_property_white_space(uc);
}

static int run_bare(const bench *b, measure *m) {
    const uint8_t *s = (const uint8_t *)b->buf;
    double t0 = now();
    u8_wordbreaks(s, b->len, b->brk);
    double t1 = now();
    size_t count = 0;
    for (size_t i = 0; i < b->len; i++)
        if (i == 0 || b->brk[i]) count += !is_space_at(s + i, b->len - i);
    m->secs = now() - t0;
    m->part = t1 - t0;
    m->tokens = count;
    return ENTREL_E_OK;
}

/*
** Process 'count' documents of 'len' bytes at 'text' (the same text each
** time) in a fresh session, timing processing and freeing: a session's
** form cache starts cold in every run, as in a new process.
*/
static int run_docs(const bench *b, const char *text, size_t len, size_t count,
                    measure *m) {
    entrel_session *s = entrel_session_new(b->engine);
    if (s == NULL) return ENTREL_E_NOMEM;
    int rc = ENTREL_E_OK;
    m->tokens = 0;
    double t0 = now();
    for (size_t k = 0; k < count && rc == ENTREL_E_OK; k++) {
        entrel_doc *doc;
        rc = entrel_session_process(s, "bench", text, len, &doc);
        if (rc != ENTREL_E_OK) break;
        m->tokens += entrel_doc_token_count(doc);
        entrel_doc_free(doc);
    }
    m->secs = now() - t0;
    m->part = 0;
    entrel_session_free(s);
    return rc;
}

static int run_one_doc(const bench *b, measure *m) {
    return run_docs(b, b->buf, b->len, 1, m);
}

static int run_stream(const bench *b, measure *m) {
    return run_docs(b, b->article, b->article_len, b->copies, m);
}

/* Run once and keep the faster run; every run must find the same tokens. */
static int keep_best(const bench *b, bench_fn fn, measure *best) {
    measure m = {0};
    int rc = fn(b, &m);
    if (rc != ENTREL_E_OK) return rc;
    if (best->done && m.tokens != best->tokens) return ENTREL_E_CONFIG;
    if (!best->done || m.secs < best->secs) *best = m;
    best->done = true;
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ report */

static double mb_per_s(size_t bytes, double secs) {
    return secs > 0 ? (double)bytes / secs / 1e6 : 0;
}

static void print_row(const char *label, size_t bytes, const measure *m) {
    if (!m->done) return;
    printf("  %-28s %9.1f %9.1f %9.2f %11zu\n", label, m->secs * 1e3,
           mb_per_s(bytes, m->secs), m->secs > 0 ? (double)m->tokens / m->secs / 1e6 : 0,
           m->tokens);
}

/* Throughput of 'm' over that of 'bare', or 0 when one was not measured. */
static double ratio(size_t bytes, const measure *m, size_t bare_bytes,
                    const measure *bare) {
    if (!m->done || !bare->done) return 0;
    return mb_per_s(bytes, m->secs) / mb_per_s(bare_bytes, bare->secs);
}

static void report(const bench *b, const char *path, int runs, const measure *bare,
                   const measure *one, const measure *stream) {
    size_t stream_bytes = b->copies * b->article_len;
    printf("bench_tokenize: %s (%zu bytes) x %zu copies = %.2f MB, best of %d\n",
           path, b->article_len, b->copies, (double)b->len / 1e6, runs);
    printf("  %-28s %9s %9s %9s %11s\n", "measure", "ms", "MB/s", "Mtok/s", "tokens");
    print_row("bare u8_wordbreaks", b->len, bare);
    if (bare->done)
        printf("  %-28s %9.1f %9.1f\n", "  of which the call alone", bare->part * 1e3,
               mb_per_s(b->len, bare->part));
    print_row("refined, one document", b->len, one);
    print_row("refined, article per doc", stream_bytes, stream);
    double r1 = ratio(b->len, one, b->len, bare);
    double r2 = ratio(stream_bytes, stream, b->len, bare);
    if (r1 == 0 || r2 == 0) return;
    printf("  ratio refined/bare (MB/s):   one document %.2f, article per doc %.2f\n",
           r1, r2);
    printf("  target refined >= bare:      %s\n",
           r1 >= 1 && r2 >= 1 ? "met" : r1 >= 1 || r2 >= 1 ? "met in part" : "NOT met");
}

/* ------------------------------------------------------------ main */

static int usage(void) {
    fputs("usage: bench_tokenize [-s MB] [-r RUNS] [-m bos] [-l LANG] [ARTICLE]\n"
          "  -s MB     size of the repeated text, 1 MB = 1e6 bytes (default 50)\n"
          "  -r RUNS   runs per measure, the best is kept (default 3)\n"
          "  -m bos    measures: b bare, o one document, s stream (default all)\n"
          "  -l LANG   fr, en or auto (default auto)\n"
          "  ARTICLE   default " DEFAULT_ARTICLE "\n",
          stderr);
    return 2;
}

static int run_all(bench *b, const char *path, int runs, const char *which) {
    measure bare = {0}, one = {0}, stream = {0};
    int rc = ENTREL_E_OK;
    /*
    ** Rounds of one run per measure, rather than all runs of one measure
    ** then the next: a busy spell on a shared machine then slows every
    ** measure alike and spoils the ratios less.
    */
    for (int r = 0; r < runs && rc == ENTREL_E_OK; r++) {
        if (strchr(which, 'b')) rc = keep_best(b, run_bare, &bare);
        if (rc == ENTREL_E_OK && strchr(which, 'o')) rc = keep_best(b, run_one_doc, &one);
        if (rc == ENTREL_E_OK && strchr(which, 's')) rc = keep_best(b, run_stream, &stream);
    }
    if (rc != ENTREL_E_OK) {
        fprintf(stderr, "bench_tokenize: %s\n", rc == ENTREL_E_CONFIG
                ? "token counts differ between runs" : entrel_strerror(rc));
        return 1;
    }
    report(b, path, runs, &bare, &one, &stream);
    return 0;
}

/* Load the article, make the corpus and the engine; 0 when all is ready. */
static int setup(bench *b, const char *path, double mb, entrel_lang lang) {
    b->article = read_file(path, &b->article_len);
    if (b->article == NULL || b->article_len == 0) {
        fprintf(stderr, "bench_tokenize: %s: %s\n", path,
                b->article ? "empty file" : strerror(errno));
        return 1;
    }
    if (make_corpus(b, (size_t)(mb * 1e6)) != ENTREL_E_OK) {
        fprintf(stderr, "bench_tokenize: out of memory\n");
        return 1;
    }
    /* The default options of the entrel command, without its size limit. */
    entrel_engine_options opts;
    entrel_engine_options_init(&opts);
    opts.max_doc_bytes = 0;
    opts.lang = lang;
    entrel_error err;
    b->engine = entrel_engine_new(&opts, &err);
    if (b->engine == NULL) {
        fprintf(stderr, "bench_tokenize: %s\n", err.message);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    double mb = DEFAULT_MB;
    int runs = DEFAULT_RUNS, opt;
    const char *which = "bos";
    int lang = ENTREL_LANG_AUTO;
    while ((opt = getopt(argc, argv, "s:r:m:l:h")) != -1) {
        if (opt == 's') mb = atof(optarg);
        else if (opt == 'r') runs = atoi(optarg);
        else if (opt == 'm') which = optarg;
        else if (opt == 'l') lang = entrel_lang_parse(optarg);
        else return usage();
    }
    if (mb <= 0 || runs < 1 || lang < 0 || argc - optind > 1 ||
        which[strspn(which, "bos")])
        return usage();
    const char *path = optind < argc ? argv[optind] : DEFAULT_ARTICLE;
    bench b = {0};
    int status = setup(&b, path, mb, (entrel_lang)lang);
    if (status == 0) status = run_all(&b, path, runs, which);
    entrel_engine_free(b.engine);
    free(b.brk);
    free(b.buf);
    free(b.article);
    return status;
}
