/*
** cli.h: shared by the files of the entrel command.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_CLI_H
#define ENTREL_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "entrel.h"

/* Exit statuses besides 0 (and 128 + the signal that stopped a run). */
#define EXIT_SOME_FAILED 1
#define EXIT_USAGE 2

/* --max-size 0: no limit but the library's own (entrel.h: under 4 GiB). */
#define CLI_NO_SIZE_LIMIT ((size_t)UINT32_MAX - 1)

/* One JSONL line: a document, or the reason it is not one. */
typedef struct input_record {
    int status;               /* ENTREL_E_OK, BAD_JSON, NO_TEXT, TOO_LARGE (a line too
                                 long to read) or NOMEM */
    size_t line;
    char *id;                 /* the document id, whole; never NULL */
    char error[512];
    const char *text;         /* borrowed from 'json' */
    size_t len;
    char *meta;               /* other fields as a JSON object, or NULL */
    const char *date;         /* its "date" string (borrowed from 'json'), or NULL */
    void *json;               /* the parsed line (json_t *) */
} input_record;

typedef void (*record_fn)(const input_record *rec, void *ctx);

typedef struct input_options {
    const char *source;       /* the stream's name, for the ids SOURCE:LINE */
    size_t max_doc;           /* --max-size: bounds a line (input_line_limit) */
    void *(*grow)(void *, size_t);  /* grows a line's buffer; NULL: realloc */
} input_options;

int input_read_all(FILE *f, size_t limit, char **out, size_t *len,
                   bool *too_large);
int input_jsonl(FILE *f, const input_options *o, record_fn fn, void *ctx);
/*
** Watch jansson's allocations (through the allocator it has now), so that
** a line memory runs out on is told from a bad one.  Before any thread
** uses jansson.
*/
void input_watch_json_memory(void);
/* The longest line input_jsonl holds for documents of up to 'max_doc' bytes. */
size_t input_line_limit(size_t max_doc);
void input_record_free(input_record *rec);

/* ------------------------------------------------------------ stop.c */

/* Catch SIGINT and SIGTERM as requests to stop (unless they are ignored). */
void stop_install(void);
/* Block both in the calling thread, the old mask in 'old': for workers. */
void stop_block(sigset_t *old);
/* 0, 1 (stop reading) or 2 (stop waiting for the documents in progress). */
int stop_requested(void);
/* The first signal caught, or 0; its name. */
int stop_signal(void);
const char *stop_name(void);

/* ------------------------------------------------------------ keyset.c */

/* Keys of two words, each with a string (copied) or NULL; zero-initialised. */
typedef struct keyset {
    struct keyset_entry *entries;
    size_t cap, count;
} keyset;

/* 1 when {a, b} is new, 0 when there (*found, if not NULL, its string), -1 out of memory. */
int keyset_add(keyset *s, uint64_t a, uint64_t b, const char *value, const char **found);
void keyset_free(keyset *s);

/* ------------------------------------------------------------ names.c */

/*
** A file name for document 'id' that 's' has not given yet: no '/', no
** leading '.', at most 200 bytes and a number.  Caller frees; NULL when
** out of memory.
*/
char *names_claim(keyset *s, const char *id);
/* Keep 'name' from ever being given (index, for html's index.html); false out of memory. */
bool names_reserve(keyset *s, const char *name);

/* ------------------------------------------------------------ walk.c */

typedef struct walk_ops {
    const char *glob;         /* the files to read, by name */
    void (*file)(const char *path, void *ctx);
    /* A folder not walked: 'failed' for an error (unreadable, a loop), else a note. */
    void (*skip)(const char *path, const char *msg, bool failed, void *ctx);
    void *ctx;
} walk_ops;

/*
** Walk the folder 'path' whole, in name order, each folder once (by
** device and inode), until a stop request; false when out of memory.
*/
bool walk_folder(const char *path, const walk_ops *o);

/* ------------------------------------------------------------ batch.c */

typedef struct batch batch;
enum { FORMAT_JSON, FORMAT_CONLL, FORMAT_BRAT, FORMAT_HTML };
typedef struct batch_stats {
    size_t documents, entities, relations, failed;
    size_t abandoned;             /* in progress when a second stop request came: not written */
    int write_errno;              /* the first error writing stdout, or 0 */
    unsigned long long bytes;
    double seconds;
} batch_stats;

/* ------------------------------------------------------------ outdir.c */

typedef struct outdir outdir;
/* A write callback for entrel_doc_write_*: 'ctx' is a FILE *. */
int file_sink(const char *buf, size_t len, void *ctx);
/* --out DIR for FORMAT_BRAT or FORMAT_HTML (which opens index.html); NULL and errno on failure. */
outdir *outdir_open(const char *dir, int format);
/* The name of the next document's files, from its id (names_claim); the reader's alone. */
char *outdir_name(outdir *d, const char *id);
/* The document's files under 'name'; safe from several threads at once. */
int outdir_write(const outdir *d, const char *name, entrel_doc *doc);
/* Its line in index.html (html only), linking 'page' unless NULL; the writer's alone. */
void outdir_index(outdir *d, const char *id, const char *page, size_t entities,
                  size_t relations, bool failed);
/* Close index.html and free 'd'; -1 when index.html could not be written. */
int outdir_close(outdir *d);

typedef struct batch_options {
    const entrel_json_options *json;
    const char *date;             /* --date, for documents that give none */
    size_t max_bytes;             /* --max-size, for its message */
    FILE *errors;                 /* --errors: each failure as a JSON line; or NULL */
    bool progress;                /* a progress line on stderr */
    int format;                   /* FORMAT_JSON, FORMAT_CONLL, FORMAT_BRAT or FORMAT_HTML */
    outdir *out;                  /* brat, html with --out: where each document's files go */
    unsigned long long total_bytes;   /* of all input when known, for an ETA; else 0 */
} batch_options;

/*
** 'threads' workers, each with its own session of 'engine'; output in the
** order documents are added.  NULL when a session cannot be made.
*/
batch *batch_new(entrel_engine *engine, int threads, const batch_options *o);
/*
** Hand a document over (everything copied); writes the documents done so
** far, in order.  Out of memory, the document is reported failed in its
** place.  After a second stop request it may be dropped, the ring being
** full (batch_finish counts it with the abandoned).
*/
void batch_add(batch *b, const char *id, const char *text, size_t len, const char *meta,
               const char *date);
/* A document that could not even be read, reported in its place. */
void batch_fail(batch *b, const char *id, const char *msg);
/* A message in its place among the documents, not a failure. */
void batch_note(batch *b, const char *id, const char *msg);
/*
** Wait for every document and write them; what was done in all.  After
** a second stop request it waits no more: stats.abandoned says how many
** were not written, the workers still run, and the caller must _exit.
*/
batch_stats batch_finish(batch *b);
void batch_free(batch *b);

/* The folder of default data: $ENTREL_DATA, or the build's. */
const char *defaults_data_dir(void);
/* Paths of the default gazetteers (caller frees each and the array); -1 on error. */
int defaults_gazetteers(char ***out);
/* The folder of default plugins: $ENTREL_PLUGINS, or the build's. */
const char *defaults_plugin_dir(void);
/* Paths of the default plugins, as above; 0 and NULL when the folder is missing. */
int defaults_plugins(char ***out);

/* `entrel compile-gazetteer ...` and `entrel check-gazetteer ...` (gzcmd.c). */
int gz_compile_main(int argc, char **argv);
int gz_check_main(int argc, char **argv);
/* `entrel check-rules PATH...` (rulescmd.c). */
int rules_check_main(int argc, char **argv);

#endif
