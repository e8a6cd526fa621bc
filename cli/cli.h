/*
** cli.h: shared by the files of the entrel command.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_CLI_H
#define ENTREL_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "entrel.h"

/* Exit statuses besides 0. */
#define EXIT_SOME_FAILED 1
#define EXIT_USAGE 2

/* One JSONL line: a document, or the reason it is not one. */
typedef struct input_record {
    int status;               /* ENTREL_E_OK, BAD_JSON or NO_TEXT */
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

int input_read_all(FILE *f, size_t limit, char **out, size_t *len,
                   bool *too_large);
int input_jsonl(FILE *f, const char *source, record_fn fn, void *ctx);
void input_record_free(input_record *rec);

/* ------------------------------------------------------------ batch.c */

typedef struct batch batch;
enum { FORMAT_JSON, FORMAT_CONLL, FORMAT_BRAT, FORMAT_HTML };
typedef struct batch_stats {
    size_t documents, entities, relations, failed;
    unsigned long long bytes;
    double seconds;
} batch_stats;

typedef struct batch_options {
    const entrel_json_options *json;
    const char *date;             /* --date, for documents that give none */
    size_t max_bytes;             /* --max-size, for its message */
    FILE *errors;                 /* --errors: each failure as a JSON line; or NULL */
    bool progress;                /* a progress line on stderr */
    int format;                   /* FORMAT_JSON, FORMAT_CONLL or FORMAT_BRAT */
    const char *out_dir;          /* brat, html: where each document's files go */
    unsigned long long total_bytes;   /* of all input when known, for an ETA; else 0 */
} batch_options;

/*
** 'threads' workers, each with its own session of 'engine'; output in the
** order documents are added.  NULL when a session cannot be made.
*/
batch *batch_new(entrel_engine *engine, int threads, const batch_options *o);
/*
** Hand a document over (everything copied); writes the documents done so
** far, in order.  Out of memory, the document is reported failed in its place.
*/
void batch_add(batch *b, const char *id, const char *text, size_t len, const char *meta,
               const char *date);
/* A document that could not even be read, reported in its place. */
void batch_fail(batch *b, const char *id, const char *msg);
/* Wait for every document and write them; what was done in all. */
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
