/*
** gzcmd.c: the gazetteer commands.
**   entrel compile-gazetteer [--strict] IN.tsv... -o OUT.egz
**   entrel check-gazetteer FILE.egz...
** Compiling loads the TSV files as the extractor would, bad lines
** reported the same way, and writes what was loaded, into a new file
** renamed over OUT (gzfile.c), never over one of its inputs.  Checking reads a
** compiled file through, body checksum included, which loading skips.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static void print_error(const char *cmd, const entrel_error *e) {
    if (e->file[0] && e->line)
        fprintf(stderr, "entrel %s: %s:%d: %s\n", cmd, e->file, e->line, e->message);
    else if (e->file[0]) fprintf(stderr, "entrel %s: %s: %s\n", cmd, e->file, e->message);
    else fprintf(stderr, "entrel %s: %s\n", cmd, e->message);
}

static void print_warning(const entrel_error *e, void *ud) {
    (void)ud;
    print_error("compile-gazetteer", e);
}

static int compile_usage(void) {
    fprintf(stderr, "usage: entrel compile-gazetteer [--strict] IN.tsv... -o OUT.egz\n");
    return EXIT_USAGE;
}

/* Arguments: TSV files, -o OUT, --strict; NULL 'out' when they are wrong. */
static size_t compile_args(int argc, char **argv, const char **in, const char **out,
                           int *strict) {
    size_t n = 0;
    *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) *out = argv[++i];
        else if (strcmp(argv[i], "--strict") == 0) *strict = 1;
        else if (argv[i][0] == '-' && argv[i][1]) return *out = NULL, 0;
        else in[n++] = argv[i];
    }
    return n;
}

/*
** The output must not be one of the inputs: the file read would be the
** file replaced.  Compared as files (device and inode, through links),
** so that "./a.tsv", a symbolic or a hard link to it are all caught.
*/
static bool output_is_input(const char *out, const char **in, size_t n) {
    struct stat so, si;
    if (stat(out, &so) != 0) return false;
    for (size_t i = 0; i < n; i++)
        if (stat(in[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
            fprintf(stderr, "entrel compile-gazetteer: -o %s is the input %s: "
                            "give another output file\n", out, in[i]);
            return true;
        }
    return false;
}

int gz_compile_main(int argc, char **argv) {
    const char **in = calloc((size_t)argc, sizeof *in);
    const char *out;
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    if (in == NULL) return EXIT_USAGE;
    o.gazetteer_count = compile_args(argc, argv, in, &out, &o.strict);
    if (out == NULL || o.gazetteer_count == 0) {
        free(in);
        return compile_usage();
    }
    if (output_is_input(out, in, o.gazetteer_count)) {
        free(in);
        return EXIT_USAGE;
    }
    o.gazetteers = in;
    o.on_warning = print_warning;
    entrel_error err;
    entrel_engine *engine = entrel_engine_new(&o, &err);
    int rc = engine ? entrel_engine_write_gazetteer(engine, out, &err) : err.code;
    if (rc != ENTREL_E_OK) print_error("compile-gazetteer", &err);
    entrel_engine_free(engine);
    free(in);
    return rc == ENTREL_E_OK ? 0 : EXIT_USAGE;
}

int gz_check_main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: entrel check-gazetteer FILE.egz...\n");
        return EXIT_USAGE;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        entrel_error err;
        if (entrel_gazetteer_verify(argv[i], &err) == ENTREL_E_OK) {
            printf("%s: ok\n", argv[i]);
        } else {
            print_error("check-gazetteer", &err);
            status = EXIT_USAGE;
        }
    }
    return status;
}
