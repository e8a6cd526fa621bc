/*
** make_jsonl.c: write a JSONL corpus of one article repeated, one
** {"id":"docN","text":...} line per copy, for the end-to-end benchmark.
** See LICENSE for copyright and licence.
**
** usage: make_jsonl [-s MB] ARTICLE > corpus.jsonl
**
** Lines are written until the output holds at least MB * 1e6 bytes
** (default 50).  jansson escapes the text, so any valid UTF-8 article
** makes valid JSON, which shell quoting could not promise.
*/
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read_file.h"

/* The text as a JSON string literal, quotes included; caller frees. */
static char *json_literal(const char *text, size_t len) {
    json_t *str = json_stringn(text, len);
    if (str == NULL) return NULL;
    char *lit = json_dumps(str, JSON_ENCODE_ANY | JSON_COMPACT);
    json_decref(str);
    return lit;
}

static int write_lines(const char *lit, size_t target) {
    size_t written = 0;
    for (size_t k = 1; written < target; k++) {
        int n = printf("{\"id\":\"doc%zu\",\"text\":%s}\n", k, lit);
        if (n < 0) return -1;
        written += (size_t)n;
    }
    return fflush(stdout);
}

static int usage(void) {
    fputs("usage: make_jsonl [-s MB] ARTICLE > corpus.jsonl\n", stderr);
    return 2;
}

int main(int argc, char **argv) {
    double mb = 50;
    int opt;
    while ((opt = getopt(argc, argv, "s:h")) != -1) {
        if (opt == 's') mb = atof(optarg);
        else return usage();
    }
    if (mb <= 0 || argc - optind != 1) return usage();
    size_t len;
    char *text = read_file(argv[optind], &len);
    if (text == NULL) {
        fprintf(stderr, "make_jsonl: %s: %s\n", argv[optind], strerror(errno));
        return 1;
    }
    char *lit = json_literal(text, len);
    free(text);
    if (lit == NULL) {
        fprintf(stderr, "make_jsonl: %s: cannot encode as JSON (invalid UTF-8?)\n", argv[optind]);
        return 1;
    }
    int rc = write_lines(lit, (size_t)(mb * 1e6));
    free(lit);
    if (rc != 0) {
        fprintf(stderr, "make_jsonl: cannot write output: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
