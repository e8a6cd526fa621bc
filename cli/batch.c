/*
** batch.c: documents through N worker threads, each with its own session
** of one shared engine, written out in the order they came in.  The
** reader hands documents to a ring of jobs; workers take the next one
** waiting; whichever thread finishes the job at the ring's head writes
** the done ones from there, each record whole and at once, so output
** never waits for more than the ring holds, memory never grows with the
** corpus, and a crash (a plugin's) loses only the jobs in flight.  Input
** failures (a bad JSONL line, a file that will not open) take their place
** in the ring too, so every message on stderr comes in input order.
** See LICENSE for copyright and licence.
*/
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct job {
    char *id, *text, *meta, *date;
    char *name;                   /* its files' name in --out DIR, or NULL */
    size_t len;
    char *out, *err, *errj;       /* JSON, stderr lines, --errors lines: written in order */
    size_t out_len, err_len, errj_len;
    size_t entities, relations;
    bool failed, done, written;   /* written: its files in --out DIR */
} job;

struct batch {
    pthread_mutex_t lock;
    pthread_cond_t ready, finished;
    job *ring;
    size_t cap, head, next, tail; /* write at head, work at next, add at tail (counters) */
    bool closing;
    bool writing;                 /* a thread is writing the jobs at head */
    bool told;                    /* that the run is stopping, on stderr */
    int waiters;                  /* threads waiting on 'finished' */
    size_t dropped;               /* read after a second stop request: never in the ring */
    int write_errno;              /* the first error writing stdout */
    entrel_engine *engine;
    batch_options o;
    double started, shown;        /* seconds: the start, the last progress line */
    bool on_line;                 /* a progress line is on stderr */
    int nthreads, nsessions;
    pthread_t *threads;
    entrel_session **sessions;
    batch_stats stats;
};

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

static int write_doc(batch *b, job *j, streams *s, entrel_doc *doc) {
    if (b->o.out) {
        int rc = outdir_write(b->o.out, j->name, doc);
        j->written = rc == ENTREL_E_OK;
        return rc;
    }
    if (b->o.format == FORMAT_CONLL) return entrel_doc_write_conll(doc, file_sink, s->out);
    if (b->o.format == FORMAT_HTML) return entrel_doc_write_html(doc, file_sink, s->out);
    entrel_json_options jo = *b->o.json;
    jo.meta_json = j->meta;
    return entrel_doc_write_json(doc, &jo, file_sink, s->out);
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

/* ------------------------------------------------------------ writing */

/* All of 'n' buffers on 'fd', through signals and short writes; 0 or an errno. */
static int write_all(int fd, struct iovec *iov, int n) {
    while (n > 0) {
        ssize_t done = writev(fd, iov, n);
        if (done < 0 && errno == EINTR) continue;
        if (done <= 0) return done < 0 ? errno : EIO;
        for (; n > 0 && (size_t)done >= iov->iov_len; iov++, n--) done -= (ssize_t)iov->iov_len;
        if (n > 0) {
            iov->iov_base = (char *)iov->iov_base + done;
            iov->iov_len -= (size_t)done;
        }
    }
    return 0;
}

/* Records gathered for one writev, in order. */
typedef struct records {
    struct iovec iov[64];
    int n;
} records;

static void records_flush(batch *b, records *r) {
    int e = write_all(STDOUT_FILENO, r->iov, r->n);
    if (e && !b->write_errno) b->write_errno = e;
    r->n = 0;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

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

/*
** The finished jobs from 'from' on, out: their records on stdout, their
** messages on stderr (after the records before them) and in --errors,
** their lines of index.html.  Records go straight to the file
** descriptor, those that are ready together, so that a record is never
** cut by a crash or a signal after it and never waits for the next one.
*/
static void write_jobs(batch *b, size_t from, size_t n) {
    records r = {.n = 0};
    for (size_t i = 0; i < n; i++) {
        job *j = &b->ring[(from + i) % b->cap];
        if (r.n == 64) records_flush(b, &r);
        if (j->out_len) r.iov[r.n++] = (struct iovec){j->out, j->out_len};
        if (j->err_len) {
            records_flush(b, &r);
            progress_clear(b);
            struct iovec e = {j->err, j->err_len};
            write_all(STDERR_FILENO, &e, 1);
        }
        if (j->errj_len && b->o.errors) {
            fwrite(j->errj, 1, j->errj_len, b->o.errors);
            fflush(b->o.errors);
        }
        if (b->o.out && j->text)
            outdir_index(b->o.out, j->id, j->written ? j->name : NULL, j->entities, j->relations,
                         j->failed);
    }
    records_flush(b, &r);
}

static void clear_job(job *j) {
    free(j->id);
    free(j->text);
    free(j->meta);
    free(j->date);
    free(j->name);
    free(j->out);
    free(j->err);
    free(j->errj);
    memset(j, 0, sizeof *j);
}

/*
** Write the done jobs at the head, in order.  Any thread that finished a
** job calls it, so output never waits for the reader (which may be
** blocked on a slow input).  One writer at a time: it writes without the
** lock, the slots staying its own until head moves past them.  Called
** with the lock held.
*/
static void write_done(batch *b) {
    if (b->writing) return;
    b->writing = true;
    for (;;) {
        size_t n = 0;
        while (b->head + n < b->tail && b->ring[(b->head + n) % b->cap].done) n++;
        if (n == 0) break;
        pthread_mutex_unlock(&b->lock);
        write_jobs(b, b->head, n);
        pthread_mutex_lock(&b->lock);
        for (size_t i = 0; i < n; i++) {
            job *j = &b->ring[(b->head + i) % b->cap];
            b->stats.documents += j->text || j->failed;      /* a note is no document */
            b->stats.entities += j->entities;
            b->stats.relations += j->relations;
            b->stats.failed += j->failed;
            b->stats.bytes += j->len;
            clear_job(j);
        }
        b->head += n;
        if (b->waiters) pthread_cond_broadcast(&b->finished);
    }
    progress_show(b, false);
    b->writing = false;
}

/* Wait for a job to finish, or a tenth of a second: long enough to see a stop request. */
static void wait_a_little(batch *b) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += 100000000;
    if (t.tv_nsec >= 1000000000) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000;
    }
    b->waiters++;
    pthread_cond_timedwait(&b->finished, &b->lock, &t);
    b->waiters--;
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
        if (b->waiters) pthread_cond_broadcast(&b->finished);
        write_done(b);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

/* The workers, with SIGINT and SIGTERM blocked: the reader must be the one they stop. */
static bool start_workers(batch *b, int threads) {
    sigset_t old;
    stop_block(&old);
    bool ok = true;
    for (int i = 0; ok && i < threads; i++) {
        worker_arg *a = malloc(sizeof *a);
        b->sessions[i] = entrel_session_new(b->engine);       /* one per thread */
        ok = a && b->sessions[i];
        if (ok) *a = (worker_arg){b, b->sessions[i]};
        if (ok && pthread_create(&b->threads[i], NULL, work, a) != 0) ok = false;
        if (!ok) free(a);
        else b->nthreads++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

batch *batch_new(entrel_engine *engine, int threads, const batch_options *o) {
    batch *b = calloc(1, sizeof *b);
    if (b == NULL) return NULL;
    *b = (batch){.engine = engine, .o = *o, .cap = 4 * (size_t)threads + 4, .started = now()};
    b->ring = calloc(b->cap, sizeof *b->ring);
    b->threads = calloc((size_t)threads, sizeof *b->threads);
    b->sessions = calloc((size_t)threads, sizeof *b->sessions);
    b->nsessions = b->sessions ? threads : 0;
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->ready, NULL);
    pthread_cond_init(&b->finished, NULL);
    if (!(b->ring && b->threads && b->sessions && start_workers(b, threads))) {
        batch_finish(b);
        batch_free(b);
        return NULL;
    }
    return b;
}

/* ------------------------------------------------------------ order */

/*
** Once a stop request came and documents are still in progress, say so
** once, as the one writer (none may be writing to stderr meanwhile).
*/
static void tell_stopping(batch *b) {
    if (!stop_requested() || b->told || b->writing) return;
    progress_clear(b);
    fprintf(stderr, "entrel: %s: stopped reading; finishing the %zu document%s read "
                    "(%s again: stop now)\n", stop_name(), b->tail - b->head,
            b->tail - b->head == 1 ? "" : "s", stop_name());
    b->told = true;
}

/*
** A free slot at the tail, waiting while the ring is full; NULL once a
** second stop request says not to wait (the job is counted as dropped).
*/
static job *take_slot(batch *b) {
    write_done(b);
    while (b->tail - b->head == b->cap) {
        if (stop_requested() >= 2) {
            b->dropped++;
            return NULL;
        }
        tell_stopping(b);
        wait_a_little(b);
        write_done(b);
    }
    return &b->ring[b->tail % b->cap];
}

static char *copy(const char *s) { return s ? strdup(s) : NULL; }

/*
** A job that failed before it could run (unreadable input, no memory),
** or a note in its place ('failed' false): its messages only.
*/
static void fail_job(job *j, const char *id, const char *msg, bool failed) {
    clear_job(j);
    *j = (job){.id = copy(id), .done = true};
    streams s = {.err = open_memstream(&j->err, &j->err_len),
                 .errj = failed ? open_memstream(&j->errj, &j->errj_len) : NULL};
    if (j->id) failure(j, &s, "%s", msg);
    j->failed = failed;
    if (s.err) fclose(s.err);
    if (s.errj) fclose(s.errj);
}

void batch_add(batch *b, const char *id, const char *text, size_t len, const char *meta,
               const char *date) {
    pthread_mutex_lock(&b->lock);
    job *j = take_slot(b);
    if (j == NULL) {                           /* stopping at once: the reader stops too */
        pthread_mutex_unlock(&b->lock);
        return;
    }
    *j = (job){.id = copy(id), .text = malloc(len + 1), .meta = copy(meta), .date = copy(date),
               .len = len};
    if (b->o.out && j->id) j->name = outdir_name(b->o.out, id);
    if (j->id && j->text && (!meta || j->meta) && (!date || j->date) && (!b->o.out || j->name)) {
        memcpy(j->text, text, len);
        j->text[len] = '\0';
    } else {
        fail_job(j, id, entrel_strerror(ENTREL_E_NOMEM), true);
    }
    b->tail++;
    pthread_cond_signal(&b->ready);
    write_done(b);
    pthread_mutex_unlock(&b->lock);
}

static void add_message(batch *b, const char *id, const char *msg, bool failed) {
    pthread_mutex_lock(&b->lock);
    job *j = take_slot(b);
    if (j) {
        fail_job(j, id, msg, failed);          /* the slot is clear */
        b->tail++;
        write_done(b);
    }
    pthread_mutex_unlock(&b->lock);
}

void batch_fail(batch *b, const char *id, const char *msg) { add_message(b, id, msg, true); }

void batch_note(batch *b, const char *id, const char *msg) { add_message(b, id, msg, false); }


batch_stats batch_finish(batch *b) {
    pthread_mutex_lock(&b->lock);
    b->closing = true;
    pthread_cond_broadcast(&b->ready);
    for (write_done(b); b->head < b->tail && stop_requested() < 2; write_done(b)) {
        tell_stopping(b);
        wait_a_little(b);
    }
    if (b->head < b->tail || b->dropped) {
        /* a second request: be the writer for good, so that nothing more is written */
        while (b->writing) wait_a_little(b);
        b->writing = true;
        b->stats.abandoned = b->tail - b->head + b->dropped;
        pthread_mutex_unlock(&b->lock);
        return b->stats;
    }
    pthread_mutex_unlock(&b->lock);
    for (int i = 0; i < b->nthreads; i++) pthread_join(b->threads[i], NULL);
    b->nthreads = 0;
    progress_clear(b);
    b->stats.write_errno = b->write_errno;
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
