/*
** rulescmd.c: `entrel check-rules [OPTIONS] PATH...`: compiles each rule
** file (a folder gives its *.lua files) on its own and lists its rules
** with their positions, or says file:line: message for the first error of
** each file.  Then, with all of them loaded together beside the default
** gazetteers and plugins, it warns about each entity type a pattern
** tests that nothing makes (a misspelt type matches nothing, silently).
** Exit status 2 when any file has an error; warnings leave it 0.
** See LICENSE for copyright and licence.
*/
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct check {
    entrel_engine_options o;      /* what each file is loaded with */
    bool defaults;                /* the default gazetteers and plugins, for the warnings */
    char **paths;                 /* every file checked, for the warnings */
    size_t npaths;
} check;

static void usage(FILE *f) {
    fputs("usage: entrel check-rules [OPTIONS] PATH...\n"
          "Compile each rule file (a folder: its *.lua files), list its rules, and\n"
          "warn about entity types the patterns test but nothing makes.\n\n"
          "  --allow-rule-plugins   rule files may load C plugins (native code)\n"
          "  --allow-rule-paths     rule files may read lists outside their folder\n"
          "                         and the data folder\n"
          "  --no-defaults          leave out the default gazetteers and plugins\n"
          "                         when looking for what makes a type\n"
          "  -h, --help             this help\n\n"
          "Exit status: 0 every file compiles (warnings aside), 2 otherwise.\n",
          f);
}

static int is_lua(const struct dirent *e) {
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".lua") == 0;
}

static void print_warning(const entrel_error *e, void *ud) {
    (void)ud;
    fprintf(stderr, "entrel check-rules: warning: %s:%d: %s\n", e->file, e->line, e->message);
}

/* Compile one file and list it; 0 when it compiles. */
static int check_file(check *c, const char *path) {
    entrel_engine_options o = c->o;
    o.rules = &path;
    o.rule_count = 1;
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
    char **more = realloc(c->paths, (c->npaths + 1) * sizeof *more);
    if (more && (more[c->npaths] = strdup(path)) != NULL) c->paths = more, c->npaths++;
    else if (more) c->paths = more;
    return 0;
}

static int check_path(check *c, const char *path) {
    struct dirent **list;
    int n = scandir(path, &list, is_lua, alphasort);
    if (n < 0) return check_file(c, path);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(list[i]->d_name) + 2;
        char *full = malloc(len);
        if (full) {
            snprintf(full, len, "%s/%s", path, list[i]->d_name);
            bad |= check_file(c, full);
        }
        free(full);
        free(list[i]);
    }
    free(list);
    return bad;
}

static void warn_unmade(const char *where, const char *type, const char *unsure, void *ud) {
    (void)ud;
    fprintf(stderr, "entrel check-rules: warning: %s: the rule tests entity type '%s', which no "
                    "loaded rule, gazetteer or plugin makes%s%s%s\n",
            where, type, unsure ? " (plugin " : "", unsure ? unsure : "",
            unsure ? " does not say what it makes)" : "");
}

/* All the files together, with the default lists and plugins: the types nothing makes. */
static void warn_types(check *c) {
    entrel_engine_options o = c->o;
    o.rules = (const char *const *)c->paths;
    o.rule_count = c->npaths;
    o.on_warning = NULL;                /* said once already, file by file */
    char **gz = NULL, **plugins = NULL;
    int ngz = c->defaults ? defaults_gazetteers(&gz) : 0;
    int nplugins = c->defaults ? defaults_plugins(&plugins) : 0;
    o.gazetteers = (const char *const *)gz;
    o.gazetteer_count = ngz > 0 ? (size_t)ngz : 0;
    o.plugins = (const char *const *)plugins;
    o.plugin_count = (size_t)nplugins;
    entrel_engine *e = entrel_engine_new(&o, NULL);
    entrel_engine_unmade_types(e, warn_unmade, NULL);
    entrel_engine_free(e);
    for (int i = 0; i < ngz; i++) free(gz[i]);
    for (int i = 0; i < nplugins; i++) free(plugins[i]);
    free(gz);
    free(plugins);
}

int rules_check_main(int argc, char **argv) {
    static const struct option opts[] = {
        {"allow-rule-plugins", no_argument, NULL, 'P'}, {"allow-rule-paths", no_argument, NULL, 'A'},
        {"no-defaults", no_argument, NULL, 'n'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    check c = {.defaults = true};
    entrel_engine_options_init(&c.o);
    c.o.data_dir = defaults_data_dir();
    c.o.on_warning = print_warning;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (opt == 'P') c.o.allow_rule_plugins = 1;
        else if (opt == 'A') c.o.allow_rule_paths = 1;
        else if (opt == 'n') c.defaults = false;
        else if (opt == 'h') return usage(stdout), 0;
        else return usage(stderr), EXIT_USAGE;
    }
    if (optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    int bad = 0;
    for (int i = optind; i < argc; i++) bad |= check_path(&c, argv[i]);
    if (!bad && c.npaths) warn_types(&c);
    for (size_t i = 0; i < c.npaths; i++) free(c.paths[i]);
    free(c.paths);
    return bad ? EXIT_USAGE : 0;
}
