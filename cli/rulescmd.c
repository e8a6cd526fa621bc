/*
** rulescmd.c: `entrel check-rules PATH...`: compiles each rule file (a
** folder gives its *.lua files) on its own and lists its rules with their
** positions, or says file:line: message for the first error of each file.
** Exit status 2 when any file has an error.
** See LICENSE for copyright and licence.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int is_lua(const struct dirent *e) {
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".lua") == 0;
}

/* Compile one file and list it; 0 when it compiles. */
static int check_file(const char *path) {
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.rules = &path;
    o.rule_count = 1;
    o.data_dir = defaults_data_dir();
    entrel_error err;
    entrel_engine *e = entrel_engine_new(&o, &err);
    if (e == NULL) {
        if (err.line) fprintf(stderr, "entrel check-rules: %s:%d: %s\n", err.file, err.line, err.message);
        else fprintf(stderr, "entrel check-rules: %s: %s\n", err.file[0] ? err.file : path, err.message);
        return 1;
    }
    size_t n = entrel_engine_rule_count(e);
    for (size_t i = 0; i < n; i++) {
        entrel_rule_info r;
        entrel_engine_rule(e, i, &r);
        printf("%s\t%s %s -> %s (priority %d)\n", r.where, r.kind, r.name, r.type, r.priority);
    }
    if (n == 0) printf("%s\tno rules\n", path);
    entrel_engine_free(e);
    return 0;
}

static int check_path(const char *path) {
    struct dirent **list;
    int n = scandir(path, &list, is_lua, alphasort);
    if (n < 0) return check_file(path);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(list[i]->d_name) + 2;
        char *full = malloc(len);
        if (full) {
            snprintf(full, len, "%s/%s", path, list[i]->d_name);
            bad |= check_file(full);
        }
        free(full);
        free(list[i]);
    }
    free(list);
    return bad;
}

int rules_check_main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: entrel check-rules PATH...\n");
        return EXIT_USAGE;
    }
    int bad = 0;
    for (int i = 1; i < argc; i++) bad |= check_path(argv[i]);
    return bad ? EXIT_USAGE : 0;
}
