/*
** main.c: the entrel command.  Reads documents (files, or stdin; plain
** text or JSONL), runs them through one session and writes JSON.  A
** document that fails is reported on stderr with its id and the others
** go on.  Exit status: 0 all fine, 1 some documents failed, 2 usage or
** configuration error.
** See LICENSE for copyright and licence.
*/
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eval.h"

#define DEFAULT_MAX_SIZE ((size_t)256 << 20)

#define MAX_GAZETTEERS 64
#define MAX_PLUGINS 32

typedef struct cli {
    entrel_engine_options eng;
    const char *user_gazetteers[MAX_GAZETTEERS];
    size_t nuser;
    const char **gazetteers;  /* the defaults, then the user's */
    const char *rules[MAX_GAZETTEERS + 2];  /* the default rule folders, then the user's */
    size_t nrules;
    bool rules_replaced;      /* a --rules PATH without '+' drops the defaults */
    const char *user_plugins[MAX_PLUGINS];
    size_t nuser_plugins;
    char **default_plugins;
    const char **plugins;     /* the defaults, then the user's */
    const char *date;         /* --date, for documents that give none */
    entrel_json_options json;
    bool jsonl_input;
    bool no_defaults;
    char **default_paths;
    int format;               /* -1: by input, 0: json, 1: jsonl, 2: conll, 3: brat */
    const char *out_dir;      /* --out, for brat */
    batch *batch;             /* the workers (batch.c) */
    int jobs;                 /* -j */
    const char *glob;         /* --glob, for files found in folders */
    const char *errors_path;  /* --errors */
    int progress;             /* --progress 1, --quiet 0, else -1: when stderr is a terminal */
    long failed;              /* documents reported on stderr */
} cli;

static void usage(FILE *f) {
    fputs(
        "usage: entrel [OPTIONS] [FILE...]\n"
        "       entrel eval GOLD PRED | entrel eval --gold DIR --pred DIR\n"
        "       entrel compile-gazetteer [--strict] IN.tsv... -o OUT.egz\n"
        "       entrel check-gazetteer FILE.egz...\n"
        "       entrel check-rules PATH...\n"
        "Find entities and relations in French or English text; write JSON.\n"
        "Reads stdin when no FILE is given.\n\n"
        "  --input text|jsonl     each FILE is one document (text, the default),\n"
        "                         or one {\"id\", \"text\", ...} object per line\n"
        "  --format FORMAT        json (indented), jsonl (a line per document),\n"
        "                         conll (BIO token columns), brat (standoff .txt\n"
        "                         and .ann files in --out DIR) or html (a page per\n"
        "                         document, on stdout or in --out DIR with an\n"
        "                         index.html); default: json for text, jsonl for\n"
        "                         jsonl input\n"
        "  --out DIR              where --format brat and html write their files,\n"
        "                         each document its own (x.txt, then a_x.txt...)\n"
        "  --offsets UNIT         codepoint (default), byte or utf16\n"
        "  --lang fr|en|auto      document language (default: auto)\n"
        "  --tokens               include tokens\n"
        "  --sentences            include sentences\n"
        "  --no-text              leave out the document text\n"
        "  --tokenizer MODE       refined (default) or uax29 (plain UAX #29)\n"
        "  --max-size BYTES       largest document (suffix K, M or G; 0: no limit\n"
        "                         but the library's, 4G-2); default 256M.  A JSONL\n"
        "                         line may be 6 times as long, and 64K more\n"
        "  --gazetteer FILE       add a gazetteer (TSV or compiled; repeatable)\n"
        "  --rules PATH           rule file or folder (repeatable): replaces the default\n"
        "                         rules; --rules +PATH adds to them\n"
        "  --plugin PATH[:ARGS]   load a C plugin (repeatable), after the default ones\n"
        "  --date YYYY-MM-DD      when the documents were written (a JSONL \"date\"\n"
        "                         field overrides it): dates without a year use it\n"
        "  --no-defaults          leave out the default gazetteers, rules and plugins\n"
        "  -j, --jobs N           N worker threads (default: one per core); output\n"
        "                         stays in input order\n"
        "  --glob PATTERN         files of a FILE that is a folder, walked whole\n"
        "                         (each folder once): those whose name matches\n"
        "                         (default: all)\n"
        "  --errors FILE          each failure as a JSON line {\"id\", \"message\"}\n"
        "  --progress, --quiet    a progress line and a summary on stderr, or\n"
        "                         neither (default: when stderr is a terminal;\n"
        "                         the summary also after several documents)\n"
        "  --strict               a bad gazetteer line is an error (exit 2)\n"
        "  --allow-rule-plugins   rule files may load C plugins (native code)\n"
        "  --allow-rule-paths     rule files may read lists outside their own\n"
        "                         folder and the data folder\n"
        "  --regex-match-limit N  PCRE2's match limit for each regex match of a\n"
        "                         rule (default 10000000); also --regex-depth-limit N\n"
        "                         (default 10000000) and --regex-heap-limit KIB\n"
        "                         (default 65536)\n"
        "  --regex-steps N        regex steps one document may take in all\n"
        "                         (default 10 million plus 20 per byte)\n"
        "  --explain              list the candidates that lost, and why\n"
        "  -h, --help             this help\n"
        "  -V, --version          the version\n\n"
        "Exit status: 0 all documents fine, 1 some failed (each on stderr),\n"
        "2 usage or configuration error, 130 or 143 stopped by SIGINT or SIGTERM\n"
        "(the documents read so far written whole; a second signal: at once).\n",
        f);
}

/* The bytes of all the inputs when each is a plain file, for an ETA; else 0. */
static unsigned long long total_bytes(int n, char **paths) {
    unsigned long long total = 0;
    struct stat st;
    for (int i = 0; i < n; i++) {
        if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode)) return 0;
        total += (unsigned long long)st.st_size;
    }
    return total;
}

/* The workers by default: one per core. */
static int default_jobs(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* "300", "64K", "256M", "1G" as bytes; false when not a size. */
static bool parse_size(const char *s, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-') return false;
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10;
    else if (*end == 'M' || *end == 'm') shift = 20;
    else if (*end == 'G' || *end == 'g') shift = 30;
    else if (*end != '\0') return false;
    if (shift && end[1] != '\0') return false;
    if (v > (SIZE_MAX >> shift)) return false;
    *out = (size_t)(v << shift);
    return true;
}

static int bad_usage(const char *fmt, const char *arg) {
    fprintf(stderr, "entrel: ");
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'entrel --help'.\n", stderr);
    return EXIT_USAGE;
}

enum { OPT_INPUT = 256, OPT_FORMAT, OPT_OFFSETS, OPT_LANG, OPT_TOKENS,
       OPT_SENTENCES, OPT_NO_TEXT, OPT_TOKENIZER, OPT_MAX_SIZE, OPT_GAZETTEER, OPT_RULES,
       OPT_STRICT, OPT_EXPLAIN, OPT_NO_DEFAULTS, OPT_PLUGIN, OPT_DATE, OPT_GLOB, OPT_ERRORS,
       OPT_PROGRESS, OPT_QUIET, OPT_OUT, OPT_ALLOW_PLUGINS, OPT_ALLOW_PATHS, OPT_RE_MATCH,
       OPT_RE_DEPTH, OPT_RE_HEAP, OPT_RE_STEPS };

static const struct option long_options[] = {
    {"input", required_argument, NULL, OPT_INPUT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"offsets", required_argument, NULL, OPT_OFFSETS},
    {"lang", required_argument, NULL, OPT_LANG},
    {"tokens", no_argument, NULL, OPT_TOKENS},
    {"sentences", no_argument, NULL, OPT_SENTENCES},
    {"no-text", no_argument, NULL, OPT_NO_TEXT},
    {"tokenizer", required_argument, NULL, OPT_TOKENIZER},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"gazetteer", required_argument, NULL, OPT_GAZETTEER},
    {"rules", required_argument, NULL, OPT_RULES},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"no-defaults", no_argument, NULL, OPT_NO_DEFAULTS},
    {"plugin", required_argument, NULL, OPT_PLUGIN},
    {"date", required_argument, NULL, OPT_DATE},
    {"jobs", required_argument, NULL, 'j'},
    {"glob", required_argument, NULL, OPT_GLOB},
    {"errors", required_argument, NULL, OPT_ERRORS},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"out", required_argument, NULL, OPT_OUT},
    {"allow-rule-plugins", no_argument, NULL, OPT_ALLOW_PLUGINS},
    {"allow-rule-paths", no_argument, NULL, OPT_ALLOW_PATHS},
    {"regex-match-limit", required_argument, NULL, OPT_RE_MATCH},
    {"regex-depth-limit", required_argument, NULL, OPT_RE_DEPTH},
    {"regex-heap-limit", required_argument, NULL, OPT_RE_HEAP},
    {"regex-steps", required_argument, NULL, OPT_RE_STEPS},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* A whole number from 1 to 'max' for option 'name'; false when it is not one. */
static bool parse_count(const char *s, unsigned long long max, unsigned long long *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v < 1 || v > max) return false;
    *out = v;
    return true;
}

/* The options that widen or narrow what rule files may do; -1 when 'opt' is none of them. */
static int apply_sandbox_option(cli *c, int opt, const char *arg) {
    unsigned long long v;
    bool ok = true;
    switch (opt) {
    case OPT_ALLOW_PLUGINS: c->eng.allow_rule_plugins = 1; return -1;
    case OPT_ALLOW_PATHS: c->eng.allow_rule_paths = 1; return -1;
    case OPT_RE_MATCH: if ((ok = parse_count(arg, UINT32_MAX, &v))) c->eng.regex_match_limit = (uint32_t)v; break;
    case OPT_RE_DEPTH: if ((ok = parse_count(arg, UINT32_MAX, &v))) c->eng.regex_depth_limit = (uint32_t)v; break;
    case OPT_RE_HEAP: if ((ok = parse_count(arg, UINT32_MAX, &v))) c->eng.regex_heap_limit_kib = (uint32_t)v; break;
    case OPT_RE_STEPS: if ((ok = parse_count(arg, UINT64_MAX, &v))) c->eng.regex_document_steps = v; break;
    default: return -2;
    }
    return ok ? -1 : bad_usage("a regex limit is a whole number from 1, not '%s'", arg);
}

/* Apply one option; returns -1 to go on, else the exit status. */
static int apply_option(cli *c, int opt, const char *arg) {
    int v = apply_sandbox_option(c, opt, arg);
    if (v != -2) return v;
    switch (opt) {
    case OPT_INPUT:
        if (strcmp(arg, "text") && strcmp(arg, "jsonl"))
            return bad_usage("--input must be text or jsonl, not '%s'", arg);
        c->jsonl_input = strcmp(arg, "jsonl") == 0;
        return -1;
    case OPT_FORMAT: {
        static const char *const names[] = {"json", "jsonl", "conll", "brat", "html"};
        c->format = -2;
        for (int k = 0; k < 5; k++)
            if (strcmp(arg, names[k]) == 0) c->format = k;
        if (c->format == -2)
            return bad_usage("--format must be json, jsonl, conll, brat or html, not '%s'", arg);
        return -1;
    }
    case OPT_OUT: c->out_dir = arg; return -1;
    case OPT_OFFSETS:
        if ((v = entrel_offset_unit_parse(arg)) < 0)
            return bad_usage("--offsets must be codepoint, byte or utf16, not '%s'", arg);
        c->json.offsets = (entrel_offset_unit)v;
        return -1;
    case OPT_LANG:
        if ((v = entrel_lang_parse(arg)) < 0)
            return bad_usage("--lang must be fr, en or auto, not '%s'", arg);
        c->eng.lang = (entrel_lang)v;
        return -1;
    case OPT_TOKENS: c->json.flags |= ENTREL_JSON_TOKENS; return -1;
    case OPT_SENTENCES: c->json.flags |= ENTREL_JSON_SENTENCES; return -1;
    case OPT_NO_TEXT: c->json.flags &= ~ENTREL_JSON_TEXT; return -1;
    case OPT_TOKENIZER:
        if (strcmp(arg, "refined") && strcmp(arg, "uax29"))
            return bad_usage("--tokenizer must be refined or uax29, not '%s'", arg);
        c->eng.mode = strcmp(arg, "uax29") == 0 ? ENTREL_TOKENIZE_UAX29
                                                : ENTREL_TOKENIZE_REFINED;
        return -1;
    case OPT_MAX_SIZE:
        if (!parse_size(arg, &c->eng.max_doc_bytes))
            return bad_usage("--max-size wants a size such as 512K or 64M, not '%s'", arg);
        if (c->eng.max_doc_bytes == 0 || c->eng.max_doc_bytes > CLI_NO_SIZE_LIMIT)
            c->eng.max_doc_bytes = CLI_NO_SIZE_LIMIT;
        return -1;
    case OPT_GAZETTEER:
        if (c->nuser == MAX_GAZETTEERS)
            return bad_usage("at most 64 --gazetteer files, not more: %s", arg);
        c->user_gazetteers[c->nuser++] = arg;
        return -1;
    case OPT_STRICT: c->eng.strict = 1; return -1;
    case OPT_EXPLAIN: c->json.flags |= ENTREL_JSON_EXPLAIN; return -1;
    case OPT_RULES:
        if (c->nrules == MAX_GAZETTEERS)
            return bad_usage("at most 64 --rules paths, not more: %s", arg);
        if (arg[0] == '+') arg++;
        else c->rules_replaced = true;
        c->rules[c->nrules++] = arg;
        return -1;
    case OPT_NO_DEFAULTS: c->no_defaults = true; return -1;
    case OPT_PLUGIN:
        if (c->nuser_plugins == MAX_PLUGINS)
            return bad_usage("at most 32 --plugin paths, not more: %s", arg);
        c->user_plugins[c->nuser_plugins++] = arg;
        return -1;
    case OPT_DATE:
        if (!entrel_date_valid(arg)) return bad_usage("--date wants YYYY-MM-DD, YYYY-MM or YYYY, not '%s'", arg);
        c->date = arg;
        return -1;
    case 'j': {
        char *end;
        long n = strtol(arg, &end, 10);
        if (*end || n < 1 || n > 64) return bad_usage("-j wants 1 to 64 workers, not '%s'", arg);
        c->jobs = (int)n;
        return -1;
    }
    case OPT_GLOB: c->glob = arg; return -1;
    case OPT_ERRORS: c->errors_path = arg; return -1;
    case OPT_PROGRESS: c->progress = 1; return -1;
    case OPT_QUIET: c->progress = 0; return -1;
    case 'h': usage(stdout); return 0;
    case 'V': printf("entrel %s\n", entrel_version_string()); return 0;
    default: return bad_usage("%s", "unknown option");
    }
}

/* "file:line: message" when the error is about a file, else the message. */
static void print_load_error(const entrel_error *e) {
    if (e->file[0] && e->line) fprintf(stderr, "entrel: %s:%d: %s\n", e->file, e->line, e->message);
    else if (e->file[0]) fprintf(stderr, "entrel: %s: %s\n", e->file, e->message);
    else fprintf(stderr, "entrel: %s\n", e->message);
}

static void print_load_warning(const entrel_error *e, void *ud) {
    (void)ud;
    print_load_error(e);
}

/* The default gazetteers (unless --no-defaults), then the user's. */
static bool gather_gazetteers(cli *c) {
    int nd = 0;
    if (!c->no_defaults && (nd = defaults_gazetteers(&c->default_paths)) < 0) {
        fprintf(stderr, "entrel: cannot read the default gazetteers in %s/gazetteers "
                        "(set ENTREL_DATA, or use --no-defaults)\n", defaults_data_dir());
        return false;
    }
    c->gazetteers = calloc((size_t)nd + c->nuser + 1, sizeof *c->gazetteers);
    if (c->gazetteers == NULL) return false;
    for (int i = 0; i < nd; i++) c->gazetteers[i] = c->default_paths[i];
    for (size_t i = 0; i < c->nuser; i++) c->gazetteers[nd + i] = c->user_gazetteers[i];
    c->eng.gazetteers = c->gazetteers;
    c->eng.gazetteer_count = (size_t)nd + c->nuser;
    return true;
}

/*
** The default rule folders (the data folder's fr/ and en/, those that
** exist) unless a --rules PATH replaced them, then the user's paths.
*/
static void gather_rules(cli *c, char defaults[2][4096]) {
    const char *langs[] = {"fr", "en"};
    size_t nd = 0;
    for (int i = 0; i < 2 && !c->rules_replaced && !c->no_defaults; i++) {
        snprintf(defaults[nd], 4096, "%s/%s", defaults_data_dir(), langs[i]);
        DIR *d = opendir(defaults[nd]);
        if (d == NULL) continue;
        closedir(d);
        nd++;
    }
    memmove(c->rules + nd, c->rules, c->nrules * sizeof *c->rules);
    for (size_t i = 0; i < nd; i++) c->rules[i] = defaults[i];
    c->nrules += nd;
    c->eng.rules = c->rules;
    c->eng.rule_count = c->nrules;
    c->eng.data_dir = defaults_data_dir();
}

/* The default plugins (unless --no-defaults), then the user's. */
static bool gather_plugins(cli *c) {
    int nd = c->no_defaults ? 0 : defaults_plugins(&c->default_plugins);
    c->plugins = calloc((size_t)nd + c->nuser_plugins + 1, sizeof *c->plugins);
    if (c->plugins == NULL) return false;
    for (int i = 0; i < nd; i++) c->plugins[i] = c->default_plugins[i];
    for (size_t i = 0; i < c->nuser_plugins; i++) c->plugins[nd + i] = c->user_plugins[i];
    c->eng.plugins = c->plugins;
    c->eng.plugin_count = (size_t)nd + c->nuser_plugins;
    return true;
}

static void free_gazetteers(cli *c) {
    for (size_t i = 0; c->default_paths && c->default_paths[i]; i++) free(c->default_paths[i]);
    free(c->default_paths);
    free(c->gazetteers);
    for (size_t i = 0; c->default_plugins && c->default_plugins[i]; i++) free(c->default_plugins[i]);
    free(c->default_plugins);
    free(c->plugins);
}

/* A document that could not be read: reported in its place among the others. */
static void fail(cli *c, const char *id, const char *msg) {
    batch_fail(c->batch, id, msg);
}

/* One document to the workers: read, checked, written in its place (batch.c). */
static void extract(cli *c, const char *id, const char *text, size_t len, const char *meta,
                    const char *date) {
    batch_add(c->batch, id, text, len, meta, date);   /* a failure is counted with the others */
}

static void on_record(const input_record *rec, void *ctx) {
    cli *c = ctx;
    if (rec->status != ENTREL_E_OK) {
        fail(c, rec->id, rec->error);
        return;
    }
    extract(c, rec->id, rec->text, rec->len, rec->meta, rec->date);
}

static FILE *open_input(cli *c, const char *path) {
    if (strcmp(path, "-") == 0) return stdin;
    FILE *f = fopen(path, "rb");
    if (f == NULL && !stop_requested()) {      /* a fifo's open cut short by a stop: no failure */
        char msg[300];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        fail(c, path, msg);
    }
    return f;
}

static void run_text(cli *c, FILE *f, const char *id) {
    char *buf;
    size_t len;
    bool too_large;
    int rc = input_read_all(f, c->eng.max_doc_bytes, &buf, &len, &too_large);
    if (rc != ENTREL_E_OK) {
        if (!stop_requested()) fail(c, id, rc == ENTREL_E_IO ? "read error" : entrel_strerror(rc));
        return;
    }
    if (too_large) {
        char msg[160];
        snprintf(msg, sizeof msg, "document is larger than --max-size (%zu bytes); "
                 "stopped reading at byte %zu", c->eng.max_doc_bytes, len);
        fail(c, id, msg);
    } else {
        extract(c, id, buf, len, NULL, NULL);
    }
    free(buf);
}

/* One file (or stdin): a document, or JSONL documents. */
static void run_file(const char *path, void *ctx) {
    cli *c = ctx;
    const char *id = strcmp(path, "-") == 0 ? "stdin" : path;
    FILE *f = open_input(c, path);
    if (f == NULL) return;
    if (c->jsonl_input) {
        input_options o = {.source = id, .max_doc = c->eng.max_doc_bytes};
        int rc = input_jsonl(f, &o, on_record, c);
        if (rc != ENTREL_E_OK)
            fail(c, id, rc == ENTREL_E_IO ? "read error" : entrel_strerror(rc));
    } else {
        run_text(c, f, id);
    }
    if (f != stdin) fclose(f);
}

static void on_skip(const char *path, const char *msg, bool failed, void *ctx) {
    cli *c = ctx;
    if (failed) batch_fail(c->batch, path, msg);
    else batch_note(c->batch, path, msg);
}

static void run_one(cli *c, const char *path) {
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        walk_ops o = {.glob = c->glob, .file = run_file, .skip = on_skip, .ctx = c};
        if (!walk_folder(path, &o)) fail(c, path, entrel_strerror(ENTREL_E_NOMEM));
        return;
    }
    run_file(path, c);
}

/*
** A run stopped by SIGINT or SIGTERM: 128 + the signal.  After a second
** one the workers may still be running (a plugin that never returns):
** _exit, so that nothing tears the process down under them.
*/
static int stopped(const batch_stats *st, FILE *errors) {
    if (st->abandoned == 0) {
        fprintf(stderr, "entrel: %s: stopped reading; every document read is written\n",
                stop_name());
        return 128 + stop_signal();
    }
    fprintf(stderr, "entrel: %s: %zu document%s in progress not written\n", stop_name(),
            st->abandoned, st->abandoned == 1 ? "" : "s");
    if (errors) fclose(errors);
    _exit(128 + stop_signal());
}

/* The summary on stderr, the files closed: the exit status. */
static int summary(cli *c, const batch_stats *st, FILE *errors, outdir *out, bool tty) {
    c->failed += (long)st->failed;
    if (c->progress == 1 || (c->progress < 0 && (tty || st->documents > 1)))
        fprintf(stderr, "entrel: %zu document%s (%.1f MB), %zu entities, %zu relations, "
                        "%zu failed, in %.2f s\n", st->documents, st->documents == 1 ? "" : "s",
                (double)st->bytes / 1e6, st->entities, st->relations, st->failed, st->seconds);
    if (errors && fclose(errors) != 0) {
        fprintf(stderr, "entrel: %s: cannot write: %s\n", c->errors_path, strerror(errno));
        c->failed++;
    }
    if (outdir_close(out) != 0) {
        fprintf(stderr, "entrel: %s/index.html: cannot write: %s\n", c->out_dir, strerror(errno));
        c->failed++;
    }
    if (st->write_errno) {
        fprintf(stderr, "entrel: cannot write output: %s\n", strerror(st->write_errno));
        c->failed++;
    }
    if (stop_signal()) return stopped(st, NULL);
    return c->failed ? EXIT_SOME_FAILED : 0;
}

/* Every input through the workers, with --errors and --out DIR open: the exit status. */
static int run(cli *c, entrel_engine *engine, int n, char **paths) {
    FILE *errors = c->errors_path ? fopen(c->errors_path, "w") : NULL;
    if (c->errors_path && errors == NULL) {
        fprintf(stderr, "entrel: %s: cannot write: %s\n", c->errors_path, strerror(errno));
        return EXIT_USAGE;
    }
    int format = c->format == 2 ? FORMAT_CONLL : c->format == 3 ? FORMAT_BRAT
                 : c->format == 4 ? FORMAT_HTML : FORMAT_JSON;
    outdir *out = NULL;
    if (c->out_dir && format >= FORMAT_BRAT && (out = outdir_open(c->out_dir, format)) == NULL) {
        fprintf(stderr, "entrel: %s: cannot write: %s\n", c->out_dir, strerror(errno));
        if (errors) fclose(errors);
        return EXIT_USAGE;
    }
    bool tty = isatty(STDERR_FILENO);
    input_watch_json_memory();
    batch_options bo = {.json = &c->json, .date = c->date, .max_bytes = c->eng.max_doc_bytes,
                        .errors = errors, .progress = c->progress == 1 || (c->progress < 0 && tty),
                        .format = format, .out = out, .total_bytes = total_bytes(n, paths)};
    if ((c->batch = batch_new(engine, c->jobs, &bo)) == NULL) {
        /* a session runs the rule files again: they may fail or declare other rules */
        fprintf(stderr, "entrel: cannot start a session: %s, or the rule files did not "
                        "declare the same rules when run again\n",
                entrel_strerror(ENTREL_E_NOMEM));
        outdir_close(out);
        if (errors) fclose(errors);
        return EXIT_USAGE;
    }
    stop_install();
    if (n == 0) run_one(c, "-");
    for (int i = 0; i < n && !stop_requested(); i++) run_one(c, paths[i]);
    batch_stats st = batch_finish(c->batch);
    if (st.abandoned) return stopped(&st, errors);
    int status = summary(c, &st, errors, out, tty);
    batch_free(c->batch);
    return status;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "eval") == 0) return eval_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "compile-gazetteer") == 0)
        return gz_compile_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "check-gazetteer") == 0)
        return gz_check_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "check-rules") == 0)
        return rules_check_main(argc - 1, argv + 1);
    cli c = {.format = -1, .jobs = default_jobs(), .glob = "*", .progress = -1};
    entrel_engine_options_init(&c.eng);
    entrel_json_options_init(&c.json);
    c.eng.max_doc_bytes = DEFAULT_MAX_SIZE;
    int opt;
    while ((opt = getopt_long(argc, argv, "hVj:", long_options, NULL)) != -1) {
        int status = apply_option(&c, opt, optarg);
        if (status >= 0) return status;
    }
    if (c.format == 1 || (c.format == -1 && c.jsonl_input))
        c.json.flags |= ENTREL_JSON_LINE;
    struct stat out_st;
    if (c.format == 3 && (c.out_dir == NULL || stat(c.out_dir, &out_st) != 0 || !S_ISDIR(out_st.st_mode)))
        return bad_usage("--format brat wants --out DIR, a folder that exists%s", "");
    if (c.format == 4 && c.out_dir && (stat(c.out_dir, &out_st) != 0 || !S_ISDIR(out_st.st_mode)))
        return bad_usage("--out wants a folder that exists: %s", c.out_dir);
    if (!gather_gazetteers(&c) || !gather_plugins(&c)) {
        free_gazetteers(&c);
        return EXIT_USAGE;
    }
    static char default_rules[2][4096];
    gather_rules(&c, default_rules);
    c.eng.on_warning = print_load_warning;
    entrel_error err;
    entrel_engine *engine = entrel_engine_new(&c.eng, &err);
    if (engine == NULL) {
        print_load_error(&err);
        free_gazetteers(&c);
        return EXIT_USAGE;
    }
    int status = run(&c, engine, argc - optind, argv + optind);
    entrel_engine_free(engine);
    free_gazetteers(&c);
    return status;
}
