/*
** threads.c: one engine shared by N threads, each with its own session,
** all working on the same article at once; each thread's entity and
** relation counts must be the same.  Usage: threads [N [ARTICLE [DATA_DIR]]].
** See LICENSE for copyright and licence.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <entrel.h>

#define MAX_THREADS 16
#define ROUNDS 4

typedef struct worker {
    pthread_t thread;
    entrel_engine *engine;        /* shared, read-only */
    const char *text;
    size_t len;
    size_t entities, relations;   /* of the last round */
    int rc;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    entrel_session *s = entrel_session_new(w->engine);    /* one per thread */
    w->rc = s ? ENTREL_E_OK : ENTREL_E_NOMEM;
    for (int round = 0; round < ROUNDS && w->rc == ENTREL_E_OK; round++) {
        entrel_doc *doc;
        w->rc = entrel_session_process(s, "article", w->text, w->len, &doc);
        if (w->rc != ENTREL_E_OK) break;
        w->entities = entrel_doc_entity_count(doc);
        w->relations = entrel_doc_relation_count(doc);
        entrel_doc_free(doc);
    }
    entrel_session_free(s);
    return NULL;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(1 << 20) : NULL;
    *len = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    if (f) fclose(f);
    return buf;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 4;
    const char *path = argc > 2 ? argv[2] : "tests/data/fr-hanoi-convention.txt";
    const char *data = argc > 3 ? argv[3] : "rules";
    char rules[4096];
    snprintf(rules, sizeof rules, "%s/fr", data);
    const char *paths[] = {rules};
    size_t len;
    char *text = read_file(path, &len);
    if (text == NULL || n < 1 || n > MAX_THREADS) {
        fprintf(stderr, "usage: threads [1-%d [ARTICLE [DATA_DIR]]]\n", MAX_THREADS);
        free(text);
        return 2;
    }
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.rules = paths;
    o.rule_count = 1;
    o.data_dir = data;
    entrel_error err;
    entrel_engine *engine = entrel_engine_new(&o, &err);
    if (engine == NULL) {
        fprintf(stderr, "threads: %s:%d: %s\n", err.file, err.line, err.message);
        free(text);
        return 2;
    }
    worker w[MAX_THREADS];
    for (int i = 0; i < n; i++) {
        w[i] = (worker){.engine = engine, .text = text, .len = len};
        pthread_create(&w[i].thread, NULL, work, &w[i]);
    }
    int same = 1;
    for (int i = 0; i < n; i++) {
        pthread_join(w[i].thread, NULL);
        same &= w[i].rc == ENTREL_E_OK && w[i].entities == w[0].entities &&
                w[i].relations == w[0].relations;
    }
    printf("%d threads x %d rounds: %zu entities, %zu relations each: %s\n", n, ROUNDS,
           w[0].entities, w[0].relations, same ? "all the same" : "DIFFERENT");
    entrel_engine_free(engine);
    free(text);
    return same ? 0 : 1;
}
