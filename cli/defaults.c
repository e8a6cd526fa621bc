/*
** defaults.c: where the command finds its default gazetteers and
** plugins: the folders named by ENTREL_DATA and ENTREL_PLUGINS, else the
** ones the build recorded; gazetteers/ *.tsv of the first and *.so of
** the second, in name order.
** See LICENSE for copyright and licence.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef ENTREL_DEFAULT_DATA
#define ENTREL_DEFAULT_DATA "rules"
#endif
#ifndef ENTREL_DEFAULT_PLUGINS
#define ENTREL_DEFAULT_PLUGINS "plugins"
#endif

/* The folder an environment variable names when set and not empty, else the build's. */
static const char *folder(const char *variable, const char *built) {
    const char *env = getenv(variable);
    return env && *env ? env : built;
}

const char *defaults_data_dir(void) { return folder("ENTREL_DATA", ENTREL_DEFAULT_DATA); }

const char *defaults_plugin_dir(void) { return folder("ENTREL_PLUGINS", ENTREL_DEFAULT_PLUGINS); }

static const char *wanted_suffix;

static int has_suffix(const struct dirent *e) {
    size_t n = strlen(e->d_name), k = strlen(wanted_suffix);
    return e->d_name[0] != '.' && n > k && strcmp(e->d_name + n - k, wanted_suffix) == 0;
}

/*
** The files of 'dir' whose names end in 'suffix', in name order, as paths
** the caller frees (each, then the array).  Returns the count, or -1 when
** the folder cannot be read.
*/
static int files_in(const char *dir, const char *suffix, char ***out) {
    struct dirent **list;
    wanted_suffix = suffix;
    int n = scandir(dir, &list, has_suffix, alphasort);
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

int defaults_gazetteers(char ***out) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/gazetteers", defaults_data_dir());
    return files_in(dir, ".tsv", out);
}

int defaults_plugins(char ***out) {
    int n = files_in(defaults_plugin_dir(), ".so", out);
    if (n < 0) *out = NULL;
    return n < 0 ? 0 : n;          /* no folder: no default plugin */
}
