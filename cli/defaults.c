/*
** defaults.c: where the command finds its default gazetteers: the
** folder named by ENTREL_DATA, else the one the build recorded, and in it
** gazetteers/ *.tsv, in name order.
** See LICENSE for copyright and licence.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef ENTREL_DEFAULT_DATA
#define ENTREL_DEFAULT_DATA "rules"
#endif

const char *defaults_data_dir(void) {
    const char *env = getenv("ENTREL_DATA");
    return env && *env ? env : ENTREL_DEFAULT_DATA;
}

static int is_tsv(const struct dirent *e) {
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".tsv") == 0;
}

/*
** The default gazetteer files as paths the caller frees (each, then the
** array).  Returns the count, or -1 when the folder cannot be read.
*/
int defaults_gazetteers(char ***out) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/gazetteers", defaults_data_dir());
    struct dirent **list;
    int n = scandir(dir, &list, is_tsv, alphasort);
    if (n < 0) return -1;
    char **paths = calloc((size_t)n + 1, sizeof *paths);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(list[i]->d_name) + 2;
        if (paths && (paths[i] = malloc(len)) != NULL)
            snprintf(paths[i], len, "%s/%s", dir, list[i]->d_name);
        free(list[i]);
    }
    free(list);
    for (int i = 0; paths && i < n; i++)
        if (paths[i] == NULL) n = -1;
    if (paths == NULL || n < 0) {
        for (int i = 0; paths && paths[i]; i++) free(paths[i]);
        free(paths);
        return -1;
    }
    *out = paths;
    return n;
}
