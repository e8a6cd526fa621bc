/*
** jget.c: a small JSON query tool for the shell tests, so that they need
** neither jq nor python.  Reads a stream of JSON values (indented JSON
** one after another, or JSONL) and prints, for each value and each PATH,
** one line: strings raw, other values as compact JSON.
**
**   jget PATH...     PATH is dotted keys and indices: tokens.3.text;
**                    a trailing # gives a length: tokens#, text#
**   jget -n          prints how many values there are
**
** Exit status: 0, 1 when the input is not JSON or a path is missing,
** 2 on usage errors.
** See LICENSE for copyright and licence.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *walk(json_t *v, const char *path) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *part = strtok(buf, "."); part && v; part = strtok(NULL, ".")) {
        if (json_is_array(v)) {
            char *end;
            long i = strtol(part, &end, 10);
            v = *end ? NULL : json_array_get(v, (size_t)i);
        } else {
            v = json_object_get(v, part);
        }
    }
    return v;
}

static size_t length_of(json_t *v) {
    if (json_is_array(v)) return json_array_size(v);
    if (json_is_object(v)) return json_object_size(v);
    if (json_is_string(v)) return json_string_length(v);
    return 0;
}

static int print_path(json_t *root, const char *expr) {
    char path[512];
    snprintf(path, sizeof path, "%s", expr);
    size_t n = strlen(path);
    int want_len = n && path[n - 1] == '#';
    if (want_len) path[n - 1] = '\0';
    json_t *v = path[0] ? walk(root, path) : root;
    if (v == NULL) {
        fprintf(stderr, "jget: no %s\n", expr);
        return 1;
    }
    if (want_len) printf("%zu\n", length_of(v));
    else if (json_is_string(v)) {
        fwrite(json_string_value(v), 1, json_string_length(v), stdout);
        putchar('\n');
    } else {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        printf("%s\n", s ? s : "");
        free(s);
    }
    return 0;
}

static char *read_stdin(size_t *len) {
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(buf, cap *= 2);
            if (p == NULL) free(buf);
            buf = p;
        }
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: jget PATH... | jget -n  (reads JSON values on stdin)\n", stderr);
        return 2;
    }
    int count_only = strcmp(argv[1], "-n") == 0, rc = 0;
    size_t count = 0, len, pos = 0;
    char *buf = read_stdin(&len);
    if (buf == NULL) return 1;
    for (;;) {
        while (pos < len && strchr(" \t\r\n", buf[pos])) pos++;
        if (pos >= len) break;
        json_error_t err;
        json_t *v = json_loadb(buf + pos, len - pos,
                               JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &err);
        if (v == NULL) {
            fprintf(stderr, "jget: not JSON: %s (value %zu, line %d)\n", err.text,
                    count + 1, err.line);
            free(buf);
            return 1;
        }
        pos += err.position;
        count++;
        for (int i = 1; i < argc && !count_only; i++) rc |= print_path(v, argv[i]);
        json_decref(v);
    }
    free(buf);
    if (count_only) printf("%zu\n", count);
    return rc;
}
