/*
** bench_rules.c: what the rule layer costs.  Three figures and a check:
**   pipeline  end-to-end throughput of the default pipeline (tokens,
**             sentences, the default gazetteers rules/gazetteers/ *.tsv,
**             the rules, JSON written to a sink that only counts bytes)
**             on one article per document, as the entrel command runs
**             JSONL; beside it the same without rules, with and without
**             JSON (what the rule layer and the writer each cost), and
**             tokenization alone (entrel_session_process with an engine
**             that has no gazetteer and no rule, no JSON): the tokenizer's
**             own speed;
**   Lua       the seconds rule actions took (entrel_session_lua_time) as
**             a share of the pipeline's wall time, and the calls;
**   share     the pipeline's throughput as a share of the tokenizer's;
**   linear    patterns that a backtracking matcher would make explode
**             (30 optional tokens, a bounded and an unbounded repeat, each
**             before a capitalized word) over ONE sentence of 0.25, 0.5
**             and 1 MB, without any match and with one every 100 tokens:
**             the time at 1 MB should be about 4 times that at 0.25 MB.
**             These runs are short, so they are timed in CPU time, the
**             sizes alternate round by round, and the ratio is the median
**             of the rounds' own ratios (at least 7 rounds).
** See LICENSE for copyright and licence.
**
** usage: bench_rules [-s MB] [-r RUNS] [-m ep] [-a ARTICLE] [RULES...]
**
** RULES are rule files or folders; without them, the default rule set
** (rules/fr and rules/en, those that exist), or when neither exists the
** stand-in set bench/rules, so that the Lua share is always measured on
** rules that do something.  Each figure is the best of RUNS (default 3);
** the configurations alternate run by run, so a busy spell on a shared
** machine slows them alike.  1 MB = 1e6 bytes.  Prints figures and the
** targets met or not; exits non-zero only when something fails.
*/
#include <errno.h>
#include <glob.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "count.h"
#include "entrel.h"
#include "read_file.h"

#define DEFAULT_ARTICLE "tests/data/fr-hanoi-convention.txt"
#define DEFAULT_GAZETTEERS "rules/gazetteers/*.tsv"
#define STANDIN_RULES "bench/rules"
#define SEPARATOR_LEN 2           /* copies are counted as bench_tokenize lays them out */
#define TARGET_LUA_SHARE 0.20     /* Lua at most this share of the wall time */
#define TARGET_TOKENIZER_SHARE 0.25 /* pipeline at least this share of tokenizing */
#define LINEAR_MAX_RATIO 5.0      /* 4x the input in at most 5x the time: linear */
#define MIN_PART_S 0.002         /* a rule part below this is noise, its ratio not shown */
#define NCONFIGS 4
#define PATHO_MIN_RUNS 7          /* short runs: more of them for a steady figure */
#define PATHO_MAX_RUNS 64
#define MATCH_EVERY 100           /* tokens between matches in the matching inputs */

typedef struct bench {
    const char **rules;
    size_t nrules;
    const char *rule_label;
    const char *article_path;
    glob_t gz;                    /* the default gazetteers */
    char *article;
    size_t article_len;
    size_t copies;
    int runs;
} bench;

/* One configuration of the corpus measure, its best run. */
typedef struct config {
    const char *label;
    entrel_engine *engine;
    bool json;                    /* write each document's JSON to the sink */
    double wall, cpu;             /* best of the runs; < 0 before the first */
    double lua_s;                 /* Lua seconds of the best run */
    uint64_t lua_calls;
    size_t json_bytes;
} config;

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ------------------------------------------------------------ engines */

/* An engine with these gazetteers and rules, no size limit (the
** pathological inputs are one large document); NULL after a message. */
static entrel_engine *make_engine(const char *const *gz, size_t ngz, const char *const *rules,
                                  size_t nrules) {
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.max_doc_bytes = 0;
    o.gazetteers = gz;
    o.gazetteer_count = ngz;
    o.rules = rules;
    o.rule_count = nrules;
    o.data_dir = "rules";       /* where "data:" lexicons of the default rules lie */
    entrel_error err = {0};
    entrel_engine *e = entrel_engine_new(&o, &err);
    if (e == NULL)
        fprintf(stderr, "bench_rules: %s:%d: %s\n", err.file[0] ? err.file : "engine",
                err.line, err.message);
    return e;
}

/* The default rule set when it is there, else the committed stand-in. */
static void pick_rules(bench *b, const char **store) {
    static const char *const defaults[] = {"rules/fr", "rules/en"};
    b->nrules = 0;
    for (size_t i = 0; i < 2; i++)
        if (is_dir(defaults[i])) store[b->nrules++] = defaults[i];
    b->rule_label = "default";
    if (b->nrules == 0) {
        store[b->nrules++] = STANDIN_RULES;
        b->rule_label = "stand-in (rules/fr and rules/en absent)";
    }
    b->rules = store;
}

/* ------------------------------------------------------------ corpus */

static int count_sink(const char *buf, size_t len, void *ctx) {
    (void)buf;
    *(size_t *)ctx += len;
    return 0;
}

/* One document through the configuration; the JSON bytes added to *out. */
static int one_doc(entrel_session *s, const config *c, const bench *b,
                   const entrel_json_options *jo, size_t *out) {
    entrel_doc *doc;
    int rc = entrel_session_process(s, "bench", b->article, b->article_len, &doc);
    if (rc == ENTREL_E_OK && c->json) rc = entrel_doc_write_json(doc, jo, count_sink, out);
    entrel_doc_free(doc);
    return rc;
}

/* One run over the corpus in a fresh session (its caches start cold, and
** its Lua time is this run's alone); keeps it when it is the fastest. */
static int run_config(config *c, const bench *b) {
    entrel_session *s = entrel_session_new(c->engine);
    if (s == NULL) return ENTREL_E_NOMEM;
    entrel_json_options jo;
    entrel_json_options_init(&jo);
    jo.flags = ENTREL_JSON_LINE; /* as bench/run.sh runs the command: JSONL, --no-text */
    size_t bytes = 0;
    int rc = ENTREL_E_OK;
    double t0 = now(), c0 = cpu_now();
    for (size_t k = 0; k < b->copies && rc == ENTREL_E_OK; k++)
        rc = one_doc(s, c, b, &jo, &bytes);
    double wall = now() - t0, cpu = cpu_now() - c0;
    if (rc == ENTREL_E_OK && (c->wall < 0 || wall < c->wall)) {
        c->wall = wall;
        c->cpu = cpu;
        c->json_bytes = bytes;
        entrel_session_lua_time(s, &c->lua_calls, &c->lua_s);
    }
    entrel_session_free(s);
    return rc;
}

static double corpus_mb(const bench *b) { return (double)(b->copies * b->article_len) / 1e6; }

static void print_config(const config *c, const bench *b) {
    printf("  %-40s %8.3f %8.1f %10.1f %12.1f\n", c->label, c->wall, corpus_mb(b) / c->wall,
           corpus_mb(b) / c->cpu, (double)c->json_bytes / (double)b->copies);
}

/* Rounds over the configurations, then their figures. */
static int corpus_measure(const bench *b, config *cfg, size_t ncfg) {
    for (int r = 0; r < b->runs; r++)
        for (size_t i = 0; i < ncfg; i++) {
            int rc = run_config(&cfg[i], b);
            if (rc != ENTREL_E_OK) {
                fprintf(stderr, "bench_rules: %s: %s\n", cfg[i].label, entrel_strerror(rc));
                return 1;
            }
        }
    printf("  corpus: %s (%zu bytes) x %zu docs = %.2f MB, one article per document, "
           "best of %d\n", b->article_path, b->article_len, b->copies, corpus_mb(b), b->runs);
    printf("  %-40s %8s %8s %10s %12s\n", "measure", "wall s", "MB/s", "cpu MB/s", "JSON B/doc");
    for (size_t i = 0; i < ncfg; i++) print_config(&cfg[i], b);
    return 0;
}

/* ------------------------------------------------------------ pathological */

typedef struct patho {
    const char *label;
    const char *pattern;          /* Lua pattern list, before a capitalized word */
} patho;

/* Each before {flags = "title"}; the action makes the matching inputs call Lua. */
static const patho pathos[] = {
    {"30 x {lower=\"la\", rep=\"?\"}", NULL}, /* built by optional_pattern() */
    {"{lower=\"la\", rep={0, 30}}", "{lower = \"la\", rep = {0, 30}}"},
    {"{lower=\"la\", rep=\"*\"}", "{lower = \"la\", rep = \"*\"}"},
};

#define NPATHO (sizeof pathos / sizeof *pathos)
#define OPTIONALS 30

static const double patho_mb[] = {0.25, 0.5, 1.0};
#define NSIZES (sizeof patho_mb / sizeof *patho_mb)

/* 30 optional "la" written out: one element each, the worst case for a
** matcher that tries each way to skip them. */
static void optional_pattern(char *buf, size_t cap) {
    size_t n = 0;
    for (int i = 0; i < OPTIONALS; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s{lower = \"la\", rep = \"?\"}", i ? ", " : "");
}

/* A rule file holding one entity rule with 'elements' then a capitalized
** word, in a temporary file; the engine keeps its text, so it goes at once. */
static entrel_engine *patho_engine(const char *elements) {
    char path[] = "/tmp/bench-rules-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        fprintf(stderr, "bench_rules: mkstemp: %s\n", strerror(errno));
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    if (f != NULL) {
        fprintf(f, "entity \"patho\" { type = \"X\",\n  pattern = { %s, {flags = \"title\"} },\n"
                   "  action = function(m) return m.first > 0 end }\n", elements);
        fclose(f);
    } else {
        close(fd);
    }
    const char *rules[] = {path};
    entrel_engine *e = f ? make_engine(NULL, 0, rules, 1) : NULL;
    unlink(path);
    return e;
}

/* One sentence of 'bytes' bytes: "la la la ...", no full stop, and when
** 'every' is not 0 a capitalized word every 'every' tokens. */
static char *patho_text(size_t bytes, size_t every, size_t *len) {
    char *t = malloc(bytes + 16);
    if (t == NULL) return NULL;
    size_t n = 0, k = 0;
    while (n < bytes) {
        const char *w = every && ++k % every == 0 ? "Paris " : "la ";
        memcpy(t + n, w, strlen(w));
        n += strlen(w);
    }
    *len = n;
    return t;
}

/* One document through the engine in a fresh session: the CPU time of
** entrel_session_process (the machine is shared: time spent waiting for
** a core is not the matcher's) and the Lua calls it made. */
static int time_once(entrel_engine *e, const char *text, size_t len, double *secs,
                     uint64_t *calls) {
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc = NULL;
    double t0 = cpu_now();
    int rc = s ? entrel_session_process(s, "patho", text, len, &doc) : ENTREL_E_NOMEM;
    *secs = cpu_now() - t0;
    double lua_s;
    if (rc == ENTREL_E_OK) entrel_session_lua_time(s, calls, &lua_s);
    if (rc == ENTREL_E_OK && entrel_doc_rule_error_count(doc) != 0) rc = ENTREL_E_CONFIG;
    entrel_doc_free(doc);
    entrel_session_free(s);
    return rc;
}

/* One engine over one kind of input at every size. */
typedef struct sizes_fig {
    double secs[NSIZES];          /* best of the rounds */
    double ratio;                 /* median over rounds of time(largest)/time(smallest) */
    uint64_t calls[NSIZES];
} sizes_fig;

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The sizes alternate round by round, and the ratio is taken within each
** round, its median kept: a slow spell (a neighbour on the same core)
** then slows the sizes it compares alike, where a ratio of best times
** would set one round's luck against another's. */
static int time_sizes(entrel_engine *e, size_t every, int runs, sizes_fig *f) {
    char *text[NSIZES] = {0};
    size_t len[NSIZES];
    double ratios[PATHO_MAX_RUNS];
    int rc = ENTREL_E_OK, r;
    for (size_t i = 0; i < NSIZES; i++) {
        f->secs[i] = -1;
        text[i] = patho_text((size_t)(patho_mb[i] * 1e6), every, &len[i]);
        if (text[i] == NULL) rc = ENTREL_E_NOMEM;
    }
    for (r = 0; r < runs && rc == ENTREL_E_OK; r++) {
        double t[NSIZES];
        for (size_t i = 0; i < NSIZES && rc == ENTREL_E_OK; i++) {
            rc = time_once(e, text[i], len[i], &t[i], &f->calls[i]);
            if (f->secs[i] < 0 || t[i] < f->secs[i]) f->secs[i] = t[i];
        }
        ratios[r] = t[NSIZES - 1] / t[0];
    }
    qsort(ratios, (size_t)r, sizeof *ratios, by_value);
    f->ratio = ratios[r / 2];
    for (size_t i = 0; i < NSIZES; i++) free(text[i]);
    return rc;
}

static void print_patho_row(const char *label, const char *input, const sizes_fig *f) {
    printf("  %-28s %-10s", label, input);
    for (size_t i = 0; i < NSIZES; i++) printf(" %9.4f", f->secs[i]);
    printf(" %7.2f %9llu\n", f->ratio, (unsigned long long)f->calls[NSIZES - 1]);
}

/* The rule's own part: the best time above the best time of tokenizing
** the same text, a difference of two bests, so only an estimate.  Its
** ratio is left out when the part is too small to time. */
static void print_rule_part(const double *secs, const double *base) {
    double part[NSIZES];
    for (size_t i = 0; i < NSIZES; i++) part[i] = secs[i] > base[i] ? secs[i] - base[i] : 0;
    printf("  %-28s %-10s", "  of which rules", "");
    for (size_t i = 0; i < NSIZES; i++) printf(" %9.4f", part[i]);
    if (part[0] >= MIN_PART_S) printf(" %7.2f\n", part[NSIZES - 1] / part[0]);
    else printf(" %7s\n", "-");
}

/* One pattern over both inputs; the worst ratio so far in *worst. */
static int patho_one(const patho *p, int runs, const double *base, double *worst) {
    char buf[2048];
    if (p->pattern == NULL) optional_pattern(buf, sizeof buf);
    entrel_engine *e = patho_engine(p->pattern ? p->pattern : buf);
    if (e == NULL) return 1;
    static const char *const inputs[] = {"no match", "every 100"};
    int rc = ENTREL_E_OK;
    for (size_t k = 0; k < 2 && rc == ENTREL_E_OK; k++) {
        sizes_fig f;
        rc = time_sizes(e, k ? MATCH_EVERY : 0, runs, &f);
        if (rc != ENTREL_E_OK) break;
        print_patho_row(p->label, inputs[k], &f);
        if (f.ratio > *worst) *worst = f.ratio;
        print_rule_part(f.secs, base);
    }
    entrel_engine_free(e);
    if (rc != ENTREL_E_OK)
        fprintf(stderr, "bench_rules: pathological %s: %s\n", p->label,
                rc == ENTREL_E_CONFIG ? "a rule action failed" : entrel_strerror(rc));
    return rc != ENTREL_E_OK;
}

static int patho_measure(int runs, double *worst) {
    if (runs < PATHO_MIN_RUNS) runs = PATHO_MIN_RUNS;
    if (runs > PATHO_MAX_RUNS) runs = PATHO_MAX_RUNS;
    entrel_engine *plain = make_engine(NULL, 0, NULL, 0);
    if (plain == NULL) return 1;
    sizes_fig base;
    int rc = time_sizes(plain, 0, runs, &base);
    entrel_engine_free(plain);
    if (rc != ENTREL_E_OK) {
        fprintf(stderr, "bench_rules: pathological baseline: %s\n", entrel_strerror(rc));
        return 1;
    }
    printf("\n  linear time: one sentence of \"la la ...\" (no full stop), each pattern then\n"
           "  {flags=\"title\"}; CPU seconds of entrel_session_process, best of %d rounds;\n"
           "  1/0.25: the median over rounds of time(1 MB)/time(0.25 MB), linear ~4\n", runs);
    printf("  %-28s %-10s %9s %9s %9s %7s %9s\n", "pattern", "input", "0.25 MB", "0.5 MB",
           "1 MB", "1/0.25", "Lua calls");
    print_patho_row("no rule (tokenizing)", "no match", &base);
    *worst = 0;
    for (size_t i = 0; i < NPATHO; i++)
        if (patho_one(&pathos[i], runs, base.secs, worst)) return 1;
    return 0;
}

/* ------------------------------------------------------------ report */

static void print_lua(const config *full, const config *norules, const bench *b, size_t ents,
                      size_t rels) {
    double layer = full->wall - norules->wall;
    printf("  rules on one article: %zu entities, %zu relations (gazetteers included)\n", ents,
           rels);
    /* the difference of two best runs: an estimate, noisy on a busy machine */
    printf("  rule layer (patterns in C + Lua): about %.3f s = %.1f%% of the pipeline's wall "
           "time\n", layer, 100 * layer / full->wall);
    printf("  Lua in the default pipeline: %llu calls (%.1f per doc), %.3f s = %.1f%% of wall "
           "time\n", (unsigned long long)full->lua_calls,
           (double)full->lua_calls / (double)b->copies, full->lua_s,
           100 * full->lua_s / full->wall);
}

static void print_targets(const bench *b, const config *tok, const config *full,
                          bool have_linear, double worst) {
    double lua = full->lua_s / full->wall, share = tok->wall / full->wall;
    printf("\n  summary: rule set %s, %.1f MB/s end to end, tokenizer %.1f MB/s\n",
           b->rule_label, corpus_mb(b) / full->wall, corpus_mb(b) / tok->wall);
    printf("  target Lua <= %.0f%% of total time:          %s (%.1f%%, %llu calls)\n",
           100 * TARGET_LUA_SHARE, lua <= TARGET_LUA_SHARE ? "met" : "NOT met", 100 * lua,
           (unsigned long long)full->lua_calls);
    printf("  target pipeline >= %.0f%% of the tokenizer:  %s (%.1f%% of tokenize-only MB/s)\n",
           100 * TARGET_TOKENIZER_SHARE, share >= TARGET_TOKENIZER_SHARE ? "met" : "NOT met",
           100 * share);
    if (have_linear)
        printf("  target linear pathological patterns:      %s (worst time(1 MB)/time(0.25 MB) "
               "%.2f, linear ~4, limit %.0f)\n", worst <= LINEAR_MAX_RATIO ? "met" : "NOT met",
               worst, LINEAR_MAX_RATIO);
    else
        printf("  target linear pathological patterns:      not measured\n");
}

/* ------------------------------------------------------------ main */

static int usage(void) {
    fputs("usage: bench_rules [-s MB] [-r RUNS] [-m ep] [-a ARTICLE] [RULES...]\n"
          "  -s MB       corpus of the pipeline measure, 1 MB = 1e6 bytes (default 50)\n"
          "  -r RUNS     runs per measure, the best is kept (default 3)\n"
          "  -m ep       measures: e end-to-end pipeline, p pathological (default both)\n"
          "  -a ARTICLE  default " DEFAULT_ARTICLE "\n"
          "  RULES       rule files or folders (default rules/fr rules/en, else bench/rules)\n",
          stderr);
    return 2;
}

static int load_corpus(bench *b, const char *path, double mb) {
    b->article_path = path;
    b->article = read_file(path, &b->article_len);
    if (b->article == NULL || b->article_len == 0) {
        fprintf(stderr, "bench_rules: %s: %s\n", path, b->article ? "empty file" : strerror(errno));
        return 1;
    }
    size_t step = b->article_len + SEPARATOR_LEN, target = (size_t)(mb * 1e6);
    b->copies = target / step + (target % step != 0);
    if (b->copies == 0) b->copies = 1;
    if (glob(DEFAULT_GAZETTEERS, 0, NULL, &b->gz) != 0) {
        fprintf(stderr, "bench_rules: no %s (run from the repository root)\n", DEFAULT_GAZETTEERS);
        return 1;
    }
    return 0;
}

/* cfg[2] borrows cfg[1]'s engine. */
static void free_configs(config *cfg) {
    entrel_engine_free(cfg[0].engine);
    entrel_engine_free(cfg[1].engine);
    entrel_engine_free(cfg[3].engine);
}

/* The end-to-end measure; fills the tokenize-only and full configs. */
static int pipeline(const bench *b, config *cfg) {
    const char *const *gz = (const char *const *)b->gz.gl_pathv;
    cfg[0] = (config){"tokenize only (no gazetteer, no JSON)", make_engine(NULL, 0, NULL, 0),
                      false, -1, -1, 0, 0, 0};
    /* the same gazetteer engine without and with JSON: what writing costs */
    cfg[1] = (config){"gazetteers, no rules, no JSON", make_engine(gz, b->gz.gl_pathc, NULL, 0),
                      false, -1, -1, 0, 0, 0};
    cfg[2] = (config){"gazetteers + JSON, no rules", cfg[1].engine, true, -1, -1, 0, 0, 0};
    cfg[3] = (config){"default pipeline (gazetteers+rules+JSON)",
                      make_engine(gz, b->gz.gl_pathc, b->rules, b->nrules), true, -1, -1, 0, 0, 0};
    if (!cfg[0].engine || !cfg[1].engine || !cfg[3].engine) return 1;
    printf("  rule set: %s:", b->rule_label);
    for (size_t i = 0; i < b->nrules; i++) printf(" %s", b->rules[i]);
    printf(" (%zu rules); gazetteers: %zu files %s\n", entrel_engine_rule_count(cfg[3].engine),
           b->gz.gl_pathc, DEFAULT_GAZETTEERS);
    if (corpus_measure(b, cfg, NCONFIGS)) return 1;
    size_t ents, rels;
    int rc = count_annotations(cfg[3].engine, b->article, b->article_len, &ents, &rels);
    if (rc != ENTREL_E_OK) fprintf(stderr, "bench_rules: %s\n", entrel_strerror(rc));
    else print_lua(&cfg[3], &cfg[2], b, ents, rels);
    return rc != ENTREL_E_OK;
}

static int run(bench *b, const char *which) {
    config cfg[NCONFIGS] = {{0}};
    bool e2e = strchr(which, 'e'), lin = strchr(which, 'p');
    double worst = 0;
    printf("bench_rules: the rule layer, best of %d\n", b->runs);
    int status = e2e ? pipeline(b, cfg) : 0;
    if (status == 0 && lin) status = patho_measure(b->runs, &worst);
    if (status == 0 && e2e) print_targets(b, &cfg[0], &cfg[3], lin, worst);
    else if (status == 0)
        printf("\n  target linear pathological patterns:      %s (worst ratio %.2f)\n",
               worst <= LINEAR_MAX_RATIO ? "met" : "NOT met", worst);
    free_configs(cfg);
    return status;
}

int main(int argc, char **argv) {
    double mb = 50;
    int opt;
    const char *which = "ep", *article = DEFAULT_ARTICLE;
    const char *store[2];
    bench b = {.runs = 3};
    while ((opt = getopt(argc, argv, "s:r:m:a:h")) != -1) {
        if (opt == 's') mb = atof(optarg);
        else if (opt == 'r') b.runs = atoi(optarg);
        else if (opt == 'm') which = optarg;
        else if (opt == 'a') article = optarg;
        else return usage();
    }
    if (mb <= 0 || b.runs < 1 || !*which || which[strspn(which, "ep")]) return usage();
    if (optind < argc) {
        b.rules = (const char **)(argv + optind);
        b.nrules = (size_t)(argc - optind);
        b.rule_label = "given";
    } else {
        pick_rules(&b, store);
    }
    int status = load_corpus(&b, article, mb);
    if (status == 0) status = run(&b, which);
    globfree(&b.gz);
    free(b.article);
    return status;
}
