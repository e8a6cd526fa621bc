/*
** batch.c: documents through N worker threads, each with its own session
** of one shared engine, written out in the order they came in.  The
** reader hands documents to a ring of jobs; workers take the next one
** waiting; the reader writes the done ones at the ring's head as they
** come, so output never waits for more than the ring holds and memory
** never grows with the corpus.  Input failures (a bad JSONL line, a file
** that will not open) take their place in the ring too, so every message
** on stderr comes in input order.
** See LICENSE for copyright and licence.
*/
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

typedef struct job {
    char *id, *text, *meta, *date;
    size_t len;
    char *out, *err, *errj;       /* JSON, stderr lines, --errors lines: written in order */
    size_t out_len, err_len, errj_len;
    size_t entities, relations;
    bool failed, done;
} job;

struct batch {
    pthread_mutex_t lock;
    pthread_cond_t ready, finished;
    job *ring;
    size_t cap, head, next, tail; /* write at head, work at next, add at tail (counters) */
    bool closing;
    entrel_engine *engine;
    batch_options o;
    double started, shown;        /* seconds: the start, the last progress line */
    bool on_line;                 /* a progress line is on stderr */
    FILE *index;                  /* html with --out: the index page, as documents are written */
    int nthreads, nsessions;
    pthread_t *threads;
    entrel_session **sessions;
    batch_stats stats;
};

static void index_open(batch *b);

/* ------------------------------------------------------------ one document */

/* A job's streams while it runs: its output, its stderr lines, its --errors lines. */
typedef struct streams {
    FILE *out, *err, *errj;
} streams;

/*
** A failure of the document: "entrel: ID: message" for stderr, and
** {"id", "message"} for --errors; the document counts as failed.
*/
static void failure(job *j, const streams *s, const char *fmt, ...) {
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    j->failed = true;
    if (s->err) fprintf(s->err, "entrel: %s: %s\n", j->id, msg);
    json_t *line = json_pack("{s:s, s:s}", "id", j->id, "message", msg);
    char *text = line ? json_dumps(line, JSON_COMPACT) : NULL;
    if (text && s->errj) fprintf(s->errj, "%s\n", text);
    free(text);
    json_decref(line);
}

static int mem_write(const char *buf, size_t len, void *ctx) {
    return fwrite(buf, 1, len, ctx) == len ? 0 : -1;
}

/* Problems with the text and rules that failed: reported, and the document still written. */
static void report_doc(job *j, const streams *s, entrel_doc *doc) {
    for (size_t i = 0; i < entrel_doc_warning_count(doc); i++) {
        entrel_warning w;
        entrel_doc_warning(doc, i, &w);
        failure(j, s, "%s at byte %zu (%zu byte%s)", entrel_strerror(w.code), w.offset, w.count,
                w.count == 1 ? "" : "s");
    }
    for (size_t i = 0; i < entrel_doc_rule_error_count(doc); i++) {
        const char *rule, *msg;
        entrel_doc_rule_error(doc, i, &rule, &msg);
        failure(j, s, "%s: %s", rule, msg);
    }
    /* what rules said without failing: on stderr, in order, the document not failed */
    for (size_t i = 0; s->err && i < entrel_doc_rule_warning_count(doc); i++) {
        const char *rule, *msg;
        entrel_doc_rule_warning(doc, i, &rule, &msg);
        fprintf(s->err, "entrel: %s: warning: %s: %s\n", j->id, rule, msg);
    }
}

/* "articles/a.txt" as "a", "d7" as "d7": a file name for brat's pair. */
static void brat_name(const char *id, char *out, size_t size) {
    const char *slash = strrchr(id, '/'), *base = slash ? slash + 1 : id, *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), base);
    for (char *c = out; *c; c++)
        if (*c == '/' || *c == ':') *c = '_';
}

/* brat: the text and its .ann beside it, in the output folder. */
static int write_brat(batch *b, job *j, entrel_doc *doc) {
    char name[256], path[4096];
    brat_name(j->id, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s.txt", b->o.out_dir, name);
    FILE *f = fopen(path, "wb");
    size_t len;
    const char *text = entrel_doc_text(doc, &len);
    int rc = f && fwrite(text, 1, len, f) == len ? ENTREL_E_OK : ENTREL_E_IO;
    if (f && fclose(f) != 0) rc = ENTREL_E_IO;
    snprintf(path, sizeof path, "%s/%s.ann", b->o.out_dir, name);
    f = rc == ENTREL_E_OK ? fopen(path, "wb") : NULL;
    if (rc == ENTREL_E_OK) rc = f ? entrel_doc_write_brat(doc, mem_write, f) : ENTREL_E_IO;
    if (f && fclose(f) != 0) rc = ENTREL_E_IO;
    return rc;
}

/* html with --out: a page per document, named as brat's pair is. */
static int write_page(batch *b, job *j, entrel_doc *doc) {
    char name[256], path[4096];
    brat_name(j->id, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s.html", b->o.out_dir, name);
    FILE *f = fopen(path, "wb");
    int rc = f ? entrel_doc_write_html(doc, mem_write, f) : ENTREL_E_IO;
    if (f && fclose(f) != 0) rc = ENTREL_E_IO;
    return rc;
}

static int write_doc(batch *b, job *j, streams *s, entrel_doc *doc) {
    if (b->o.format == FORMAT_CONLL) return entrel_doc_write_conll(doc, mem_write, s->out);
    if (b->o.format == FORMAT_BRAT) return write_brat(b, j, doc);
    if (b->o.format == FORMAT_HTML && b->o.out_dir) return write_page(b, j, doc);
    if (b->o.format == FORMAT_HTML) return entrel_doc_write_html(doc, mem_write, s->out);
    entrel_json_options jo = *b->o.json;
    jo.meta_json = j->meta;
    return entrel_doc_write_json(doc, &jo, mem_write, s->out);
}

static void run_job(batch *b, entrel_session *session, job *j) {
    streams s = {open_memstream(&j->out, &j->out_len), open_memstream(&j->err, &j->err_len),
                 open_memstream(&j->errj, &j->errj_len)};
    entrel_doc *doc = NULL;
    entrel_doc_options o = {.date = j->date ? j->date : b->o.date};
    int rc = s.out && s.err && s.errj
                 ? entrel_session_process_with(session, j->id, j->text, j->len, &o, &doc)
                 : ENTREL_E_NOMEM;
    if (rc == ENTREL_E_TOO_LARGE)
        failure(j, &s, "document of %zu bytes is larger than --max-size (%zu bytes)", j->len,
                b->o.max_bytes);
    else if (rc == ENTREL_E_INVALID_ARG && j->date)
        failure(j, &s, "\"date\" wants YYYY-MM-DD, YYYY-MM or YYYY");
    else if (rc != ENTREL_E_OK)
        failure(j, &s, "%s", entrel_strerror(rc));
    if (doc) {
        report_doc(j, &s, doc);
        j->entities = entrel_doc_entity_count(doc);
        j->relations = entrel_doc_relation_count(doc);
        if (write_doc(b, j, &s, doc) != ENTREL_E_OK) failure(j, &s, "cannot write output");
    }
    entrel_doc_free(doc);
    if (s.out) fclose(s.out);
    if (s.err) fclose(s.err);
    if (s.errj) fclose(s.errj);
}

/* ------------------------------------------------------------ workers */

typedef struct worker_arg {
    batch *b;
    entrel_session *session;
} worker_arg;

static void *work(void *arg) {
    batch *b = ((worker_arg *)arg)->b;
    entrel_session *s = ((worker_arg *)arg)->session;
    free(arg);
    pthread_mutex_lock(&b->lock);
    for (;;) {
        /* the reader may have written input failures no worker took: never look behind it */
        if (b->next < b->head) b->next = b->head;
        while (b->next == b->tail && !b->closing) {
            pthread_cond_wait(&b->ready, &b->lock);
            if (b->next < b->head) b->next = b->head;
        }
        if (b->next == b->tail) break;
        job *j = &b->ring[b->next++ % b->cap];
        if (j->done) continue;                  /* an input failure: nothing to run */
        pthread_mutex_unlock(&b->lock);
        run_job(b, s, j);
        pthread_mutex_lock(&b->lock);
        j->done = true;
        pthread_cond_broadcast(&b->finished);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

batch *batch_new(entrel_engine *engine, int threads, const batch_options *o) {
    batch *b = calloc(1, sizeof *b);
    if (b == NULL) return NULL;
    *b = (batch){.engine = engine, .o = *o, .cap = 4 * (size_t)threads + 4, .started = now()};
    if (o->format == FORMAT_HTML && o->out_dir) index_open(b);
    b->ring = calloc(b->cap, sizeof *b->ring);
    b->threads = calloc((size_t)threads, sizeof *b->threads);
    b->sessions = calloc((size_t)threads, sizeof *b->sessions);
    b->nsessions = b->sessions ? threads : 0;
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->ready, NULL);
    pthread_cond_init(&b->finished, NULL);
    bool ok = b->ring && b->threads && b->sessions;
    for (int i = 0; ok && i < threads; i++) {
        worker_arg *a = malloc(sizeof *a);
        b->sessions[i] = entrel_session_new(engine);       /* one per thread */
        ok = a && b->sessions[i];
        if (ok) *a = (worker_arg){b, b->sessions[i]};
        if (ok && pthread_create(&b->threads[i], NULL, work, a) != 0) ok = false;
        if (!ok) free(a);
        else b->nthreads++;
    }
    if (!ok) {
        batch_finish(b);
        batch_free(b);
        return NULL;
    }
    return b;
}

/* ------------------------------------------------------------ progress */

/* "120 documents, 3.2 MB, 8.1 MB/s, ETA 0:42" on stderr, at most five times a second. */
static void progress_show(batch *b, bool force) {
    double t = now();
    if (!b->o.progress || (!force && t - b->shown < 0.2)) return;
    b->shown = t;
    double mb = (double)b->stats.bytes / 1e6, rate = t > b->started ? mb / (t - b->started) : 0;
    fprintf(stderr, "\r%zu document%s, %.1f MB, %.1f MB/s", b->stats.documents,
            b->stats.documents == 1 ? "" : "s", mb, rate);
    if (b->o.total_bytes && rate > 0) {
        double left = ((double)b->o.total_bytes / 1e6 - mb) / rate;
        if (left < 0) left = 0;
        fprintf(stderr, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    fprintf(stderr, "\033[K");
    b->on_line = true;
}

static void progress_clear(batch *b) {
    if (!b->on_line) return;
    fputs("\r\033[K", stderr);
    b->on_line = false;
}

/* ------------------------------------------------------------ html index */

static void put_html(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '&') fputs("&amp;", f);
        else if (*s == '<') fputs("&lt;", f);
        else if (*s == '>') fputs("&gt;", f);
        else if (*s == '"') fputs("&quot;", f);
        else fputc(*s, f);
    }
}

static void index_entry(batch *b, const job *j) {
    char name[256];
    brat_name(j->id, name, sizeof name);
    fputs("<li><a href=\"", b->index);
    put_html(b->index, name);
    fputs(".html\">", b->index);
    put_html(b->index, j->id);
    fprintf(b->index, "</a> %zu entities, %zu relations%s</li>\n", j->entities, j->relations,
            j->failed ? " (failed)" : "");
}

static void index_open(batch *b) {
    char path[4096];
    snprintf(path, sizeof path, "%s/index.html", b->o.out_dir);
    if ((b->index = fopen(path, "w")) == NULL) return;
    fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>entrel</title>\n"
          "<style>body{font:16px/1.6 system-ui,sans-serif;max-width:50em;margin:2em auto}</style>\n"
          "</head>\n<body>\n<h1>Documents</h1>\n<ul>\n", b->index);
}

static void index_close(batch *b) {
    if (b->index == NULL) return;
    fputs("</ul>\n</body>\n</html>\n", b->index);
    fclose(b->index);
    b->index = NULL;
}

/* ------------------------------------------------------------ order */

/* Write the done jobs at the head, in order; called with the lock held. */
static void write_done(batch *b) {
    while (b->head < b->tail && b->ring[b->head % b->cap].done) {
        job *j = &b->ring[b->head % b->cap];
        if (j->out_len) fwrite(j->out, 1, j->out_len, stdout);
        if (j->err_len) {
            fflush(stdout);
            progress_clear(b);
            fwrite(j->err, 1, j->err_len, stderr);
        }
        if (j->errj_len && b->o.errors) fwrite(j->errj, 1, j->errj_len, b->o.errors);
        if (b->index && j->text) index_entry(b, j);
        b->stats.documents++;
        b->stats.entities += j->entities;
        b->stats.relations += j->relations;
        b->stats.failed += j->failed;
        b->stats.bytes += j->len;
        free(j->id);
        free(j->text);
        free(j->meta);
        free(j->date);
        free(j->out);
        free(j->err);
        free(j->errj);
        memset(j, 0, sizeof *j);
        b->head++;
    }
    progress_show(b, false);
}

/* A free slot at the tail, writing and waiting for the head while the ring is full. */
static job *take_slot(batch *b) {
    write_done(b);
    while (b->tail - b->head == b->cap) {
        pthread_cond_wait(&b->finished, &b->lock);
        write_done(b);
    }
    return &b->ring[b->tail % b->cap];
}

static char *copy(const char *s) { return s ? strdup(s) : NULL; }

/* A job that failed before it could run (unreadable input, no memory): its messages only. */
static void fail_job(job *j, const char *id, const char *msg) {
    free(j->id);
    free(j->text);
    free(j->meta);
    free(j->date);
    *j = (job){.id = copy(id), .done = true, .failed = true};
    streams s = {.err = open_memstream(&j->err, &j->err_len),
                 .errj = open_memstream(&j->errj, &j->errj_len)};
    if (j->id) failure(j, &s, "%s", msg);
    if (s.err) fclose(s.err);
    if (s.errj) fclose(s.errj);
}

void batch_add(batch *b, const char *id, const char *text, size_t len, const char *meta,
               const char *date) {
    pthread_mutex_lock(&b->lock);
    job *j = take_slot(b);
    *j = (job){.id = copy(id), .text = malloc(len + 1), .meta = copy(meta), .date = copy(date),
               .len = len};
    if (j->id && j->text && (!meta || j->meta) && (!date || j->date)) {
        memcpy(j->text, text, len);
        j->text[len] = '\0';
    } else {
        fail_job(j, id, entrel_strerror(ENTREL_E_NOMEM));
    }
    b->tail++;
    pthread_cond_signal(&b->ready);
    pthread_mutex_unlock(&b->lock);
}

void batch_fail(batch *b, const char *id, const char *msg) {
    pthread_mutex_lock(&b->lock);
    fail_job(take_slot(b), id, msg);           /* the slot is clear */
    b->tail++;
    pthread_mutex_unlock(&b->lock);
}

batch_stats batch_finish(batch *b) {
    pthread_mutex_lock(&b->lock);
    b->closing = true;
    pthread_cond_broadcast(&b->ready);
    pthread_mutex_unlock(&b->lock);
    for (int i = 0; i < b->nthreads; i++) pthread_join(b->threads[i], NULL);
    b->nthreads = 0;
    write_done(b);
    index_close(b);
    progress_clear(b);
    b->stats.seconds = now() - b->started;
    return b->stats;
}

void batch_free(batch *b) {
    if (b == NULL) return;
    for (int i = 0; i < b->nsessions; i++) entrel_session_free(b->sessions[i]);
    pthread_mutex_destroy(&b->lock);
    pthread_cond_destroy(&b->ready);
    pthread_cond_destroy(&b->finished);
    free(b->ring);
    free(b->threads);
    free(b->sessions);
    free(b);
}
