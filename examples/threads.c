/*
** threads.c: engines shared by N threads, each with its own session, all
** working on the same article at once, while the main thread reloads the
** rules twice (hot reload through a slot: each round takes the current
** engine); each thread's entity and relation counts must be the same.
** Usage: threads [N [ARTICLE [DATA_DIR]]].
** See LICENSE for copyright and licence.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <entrel.h>

#define MAX_THREADS 16
#define ROUNDS 4
#define RELOADS 2

typedef struct worker {
    pthread_t thread;
    entrel_slot *slot;            /* the current engine: shared, read-only */
    const char *text;
    size_t len;
    size_t entities, relations;   /* of the last round */
    int rc;
} worker;

/* Each round takes the current engine and makes its own session from it. */
static void *work(void *arg) {
    worker *w = arg;
    for (int round = 0; round < ROUNDS && w->rc == ENTREL_E_OK; round++) {
        entrel_engine *engine = entrel_slot_engine(w->slot);
        entrel_session *s = entrel_session_new(engine);
        entrel_doc *doc = NULL;
        w->rc = s ? entrel_session_process(s, "article", w->text, w->len, &doc) : ENTREL_E_NOMEM;
        w->entities = doc ? entrel_doc_entity_count(doc) : 0;
        w->relations = doc ? entrel_doc_relation_count(doc) : 0;
        entrel_doc_free(doc);
        entrel_session_free(s);
        entrel_engine_free(engine);     /* the old engine goes with its last user */
    }
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
    entrel_engine *first = entrel_engine_new(&o, &err);
    entrel_slot *slot = first ? entrel_slot_new(first) : NULL;   /* the slot takes 'first' */
    if (slot == NULL) {
        fprintf(stderr, "threads: %s:%d: %s\n", err.file, err.line, err.message);
        free(text);
        return 2;
    }
    worker w[MAX_THREADS];
    for (int i = 0; i < n; i++) {
        w[i] = (worker){.slot = slot, .text = text, .len = len};
        pthread_create(&w[i].thread, NULL, work, &w[i]);
    }
    for (int r = 0; r < RELOADS; r++) {         /* new rules while the threads work */
        entrel_engine *fresh = entrel_engine_new(&o, &err);
        if (fresh) entrel_slot_put(slot, fresh);
    }
    int same = 1;
    for (int i = 0; i < n; i++) {
        pthread_join(w[i].thread, NULL);
        same &= w[i].rc == ENTREL_E_OK && w[i].entities == w[0].entities &&
                w[i].relations == w[0].relations;
    }
    printf("%d threads x %d rounds, %d reloads: %zu entities, %zu relations each: %s\n", n,
           ROUNDS, RELOADS, w[0].entities, w[0].relations, same ? "all the same" : "DIFFERENT");
    entrel_slot_free(slot);
    free(text);
    return same ? 0 : 1;
}
