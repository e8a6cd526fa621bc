/*
** rules.c: rule files, loaded once per engine.  A rule file is Lua run in
** the sandbox; it declares rules, each a named table:
**   entity "ministry" { type = "ORG", pattern = {...}, priority = 5 }
**   relation "presided" { type = "presided_over", pattern = {...} }
** The engine's state runs every file once to compile the patterns; each
** session's state runs them again to hold the rules' actions, so a
** worker thread never touches another's Lua state.  Declarations come in
** the same order both times, which ties an action to its compiled rule.
** See LICENSE for copyright and licence.
*/
#define _XOPEN_SOURCE 700      /* realpath */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>

#include "luarules.h"

#define RL_DEFAULT_MEMORY ((size_t)64 << 20)
#define RL_DEFAULT_BUDGET 10000000u

/* ------------------------------------------------------------ declaring */

static uint32_t engine_atom(rl_loader *ld, const char *s) {
    uint32_t a = atoms_intern(&ld->engine->atoms, s, strlen(s));
    if (a == 0) luaL_error(ld->L, "out of memory");
    return a;
}

static int line_of_caller(lua_State *L) {
    lua_Debug ar;
    return lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) ? ar.currentline : 0;
}

/*
** The loader a DSL function is bound to; declarations made later, from
** an action or a hook, are refused: the files are run once per state,
** and what they declare is fixed from then on.
*/
rl_loader *rl_loader_of(lua_State *L) {
    rl_loader *ld = lua_touserdata(L, lua_upvalueindex(1));
    if (ld == NULL || !ld->loading) luaL_error(L, "declarations are only allowed when the file loads");
    return ld;
}

static const char *const entity_fields[] = {
    "type", "pattern", "before", "after", "span", "priority", "action", NULL};
static const char *const relation_fields[] = {
    "type", "pattern", "before", "after", "head", "tail", "priority", "action", NULL};
static const char *const regex_fields[] = {
    "type", "pattern", "over", "caseless", "group", "priority", "action", NULL};

static const char *const *fields_of(int kind) {
    return kind == RL_RELATION ? relation_fields : kind == RL_REGEX ? regex_fields : entity_fields;
}

/* The rule's fields besides its pattern: known ones only, each of its type. */
static void read_fields(rl_loader *ld, rl_rule *r, int line) {
    lua_State *L = ld->L;
    char what[300], buf[600];
    snprintf(what, sizeof what, "rule %.200s", r->name);
    rl_check_fields(L, 1, what, fields_of(r->kind));
    const char *type = rl_opt_string(L, 1, "type", what);
    if (type == NULL) luaL_error(L, "%s: type is required", what);
    r->type = engine_atom(ld, type);
    r->priority = (int32_t)rl_opt_integer(L, 1, "priority", what, INT32_MIN, INT32_MAX, 10);
    int t = rl_raw_field(L, 1, "action");
    r->has_action = t == LUA_TFUNCTION;
    if (t != LUA_TFUNCTION && t != LUA_TNIL)
        luaL_error(L, "%s: action must be a function, not a %s", what, luaL_typename(L, -1));
    lua_settop(L, 1);
    snprintf(buf, sizeof buf, "%s:%d", ld->file, line);
    r->where = engine_atom(ld, buf);
    snprintf(buf, sizeof buf, "rule:%s", r->name);
    r->source = engine_atom(ld, buf);
}

static rl_rule *new_rule(rl_loader *ld) {
    rl_set *set = ld->set;
    rl_rule *rules = er_realloc(set->rules, (set->nrules + 1) * sizeof *rules);
    if (rules == NULL) luaL_error(ld->L, "out of memory");
    set->rules = rules;
    rl_rule *r = &rules[set->nrules++];
    memset(r, 0, sizeof *r);
    r->span = r->head = r->tail = -1;
    r->lang = ld->lang;
    return r;
}

static void declare_compiled(rl_loader *ld, int kind, const char *name, int line) {
    rl_rule *r = new_rule(ld);
    r->kind = kind;
    r->name = er_strdup(name);
    if (r->name == NULL) luaL_error(ld->L, "out of memory");
    read_fields(ld, r, line);
    if (kind == RL_REGEX) rl_compile_regex(ld, r);
    else rl_compile(ld, r);
}

/* entity "name" { ... } calls this with the table; the name is an upvalue. */
static int dsl_declare(lua_State *L) {
    rl_loader *ld = rl_loader_of(L);
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
    const char *name = lua_tostring(L, lua_upvalueindex(3));
    int line = line_of_caller(L);
    if (!lua_istable(L, 1))
        return luaL_error(L, "rule %s: a rule is a table: %s \"%s\" { ... }", name,
                          kind == RL_RELATION ? "relation" : kind == RL_REGEX ? "regex" : "entity", name);
    lua_settop(L, 1);
    size_t number = ld->declared++;
    if (ld->compile) {
        declare_compiled(ld, kind, name, line);
    } else {
        lua_rawgeti(L, LUA_REGISTRYINDEX, ld->actions);
        rl_raw_field(L, 1, "action");
        lua_rawseti(L, -2, (lua_Integer)number + 1);
        lua_pop(L, 1);
    }
    return 0;
}

static int dsl_named(lua_State *L, int kind) {
    rl_loader_of(L);
    if (*luaL_checkstring(L, 1) == '\0') return luaL_error(L, "a rule needs a name");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushinteger(L, kind);
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, dsl_declare, 3);
    return 1;
}

/* on_document(function(doc) ... end): code for what patterns cannot say. */
static int dsl_on_document(lua_State *L) {
    rl_loader *ld = rl_loader_of(L);
    luaL_checktype(L, 1, LUA_TFUNCTION);
    int line = line_of_caller(L);
    size_t number = ld->declared++;
    if (!ld->compile) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, ld->actions);
        lua_pushvalue(L, 1);
        lua_rawseti(L, -2, (lua_Integer)number + 1);
        return 0;
    }
    rl_rule *r = new_rule(ld);
    r->kind = RL_HOOK;
    r->has_action = true;
    r->name = er_strdup("on_document");
    if (r->name == NULL) return luaL_error(L, "out of memory");
    char buf[600];
    snprintf(buf, sizeof buf, "%s:%d", ld->file, line);
    r->where = engine_atom(ld, buf);
    r->source = engine_atom(ld, "rule:on_document");
    return 0;
}

static int dsl_entity(lua_State *L) { return dsl_named(L, RL_ENTITY); }
static int dsl_relation(lua_State *L) { return dsl_named(L, RL_RELATION); }
static int dsl_regex(lua_State *L) { return dsl_named(L, RL_REGEX); }

int rl_lexicon_number(const rl_set *set, const char *name) {
    for (size_t i = 0; i < set->nlexicons; i++)
        if (strcmp(set->lexicon_names[i], name) == 0) return (int)i;
    return -1;
}

/* language "fr": the rules after it apply to French documents only. */
static int dsl_language(lua_State *L) {
    rl_loader *ld = rl_loader_of(L);
    const char *name = luaL_checkstring(L, 1);
    int lang = entrel_lang_parse(name);
    if (lang != ENTREL_LANG_FR && lang != ENTREL_LANG_EN)
        return luaL_error(L, "language must be \"fr\" or \"en\", not \"%s\"", name);
    ld->lang = lang;
    return 0;
}

void rl_set_dsl(rl_loader *ld, const char *name, lua_CFunction f) {
    lua_pushlightuserdata(ld->L, ld);
    lua_pushcclosure(ld->L, f, 1);
    lua_setglobal(ld->L, name);
}

void rl_open_dsl(rl_loader *ld) {
    rl_set_dsl(ld, "entity", dsl_entity);
    rl_set_dsl(ld, "relation", dsl_relation);
    rl_set_dsl(ld, "regex", dsl_regex);
    rl_set_dsl(ld, "language", dsl_language);
    rl_set_dsl(ld, "on_document", dsl_on_document);
    rl_open_data(ld);
}

/* ------------------------------------------------------------ errors */

int rl_fail(entrel_error *err, int code, const char *file, int line, const char *msg) {
    if (err) {
        *err = (entrel_error){.code = code, .line = line};
        snprintf(err->file, sizeof err->file, "%.*s", (int)sizeof err->file - 1, file ? file : "");
        snprintf(err->message, sizeof err->message, "%.*s", (int)sizeof err->message - 1, msg);
    }
    return code;
}

/* The line 'msg' names after "file:", or 0; '*rest' past it. */
static int line_after(const char *msg, const char *file, const char **rest) {
    size_t n = strlen(file);
    if (n == 0 || strncmp(msg, file, n) != 0 || msg[n] != ':') return 0;
    char *end;
    long l = strtol(msg + n + 1, &end, 10);
    if (end == msg + n + 1 || *end != ':' || l <= 0 || l > INT32_MAX) return 0;
    *rest = end[1] == ' ' ? end + 2 : end + 1;
    return (int)l;
}

int rl_lua_error(lua_State *L, int rc, const lx_limits *lim, const char *file,
                 entrel_error *err) {
    const char *msg = lua_tostring(L, -1);
    char buf[100];
    if (rc == LUA_ERRMEM || msg == NULL) {
        snprintf(buf, sizeof buf, "memory limit of %zu bytes reached", lim->max_bytes);
        msg = buf;
    }
    const char *rest = msg;
    int line = line_after(msg, file, &rest);
    if (line == 0 && file[0]) line = lim->line;    /* the line that ran last */
    if (line == 0 && file[0]) line = 1;
    rc = rl_fail(err, ENTREL_E_CONFIG, file, line, rest);
    lua_pop(L, 1);
    return rc;
}

/* ------------------------------------------------------------ files */

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
** A file under the working folder is named relative to it, so that a rule's
** file:line reads "rules/fr/people.lua:12" wherever the data folder lies;
** others keep the path they were given.  Caller frees.
*/
static char *display_name(const char *path) {
    char *real = realpath(path, NULL), *cwd = getcwd(NULL, 0);
    size_t n = cwd ? strlen(cwd) : 0;
    char *name = real && cwd && strncmp(real, cwd, n) == 0 && real[n] == '/'
                     ? er_strdup(real + n + 1) : er_strdup(path);
    free(real);                         /* realpath's and getcwd's */
    free(cwd);
    return name;
}

static int add_file(rl_set *set, const char *path) {
    size_t n = set->nfiles + 1;
    char **files = er_realloc(set->files, n * sizeof *files);
    if (files) set->files = files;
    char **sources = er_realloc(set->sources, n * sizeof *sources);
    if (sources) set->sources = sources;
    size_t *lengths = er_realloc(set->lengths, n * sizeof *lengths);
    if (lengths) set->lengths = lengths;
    if (!files || !sources || !lengths) return ENTREL_E_NOMEM;
    sources[n - 1] = NULL;
    lengths[n - 1] = 0;
    if ((files[n - 1] = display_name(path)) == NULL) return ENTREL_E_NOMEM;
    set->nfiles = n;
    return ENTREL_E_OK;
}

/* A folder gives its *.lua files in name order. */
static int gather(rl_set *set, const char *path, entrel_error *err) {
    DIR *d = opendir(path);
    if (d == NULL) return errno == ENOTDIR ? add_file(set, path) : rl_fail(err, ENTREL_E_IO, path, 0, strerror(errno));
    size_t first = set->nfiles;
    int rc = ENTREL_E_OK;
    struct dirent *de;
    while (rc == ENTREL_E_OK && (de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".lua") != 0 || de->d_name[0] == '.') continue;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, de->d_name);
        rc = add_file(set, full);
    }
    closedir(d);
    qsort(set->files + first, set->nfiles - first, sizeof *set->files, by_name);
    return rc;
}

/* Read file i into the set, once; sessions run that text, not the file. */
static int read_source(rl_set *set, size_t i, entrel_error *err) {
    if (set->sources[i]) return ENTREL_E_OK;
    FILE *f = fopen(set->files[i], "rb");
    if (f == NULL) return rl_fail(err, ENTREL_E_IO, set->files[i], 0, strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 > cap) {
            char *more = er_realloc(buf, cap = cap * 2 + 8192);
            if (more == NULL) break;
            buf = more;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    bool bad = ferror(f) || len + 4096 > cap;
    fclose(f);
    if (bad) {
        er_free(buf);
        return rl_fail(err, ENTREL_E_IO, set->files[i], 0, "cannot read the file");
    }
    set->sources[i] = buf;
    set->lengths[i] = len;
    return ENTREL_E_OK;
}

int rl_run_files(rl_loader *ld, lx_limits *lim, entrel_error *err) {
    rl_set *set = ld->set;
    int rc = ENTREL_E_OK;
    ld->loading = true;
    lim->printed = 0;
    lx_track_lines(ld->L, true);
    for (size_t i = 0; rc == ENTREL_E_OK && i < set->nfiles; i++) {
        ld->file = set->files[i];
        ld->lang = -1;
        if ((rc = read_source(set, i, err)) != ENTREL_E_OK) break;
        char chunk[4100];
        snprintf(chunk, sizeof chunk, "@%s", ld->file);
        lx_arm(lim, set->budget);
        lim->line = 0;
        rc = luaL_loadbufferx(ld->L, set->sources[i], set->lengths[i], chunk, "t");
        if (rc == LUA_OK) rc = lx_pcall(ld->L, 0, 0);
        lx_arm(lim, 0);
        if (rc != LUA_OK) rc = rl_lua_error(ld->L, rc, lim, ld->file, err);
    }
    lx_track_lines(ld->L, false);
    ld->loading = false;
    return rc;
}

/* ------------------------------------------------------------ engine */

static void set_free(rl_set *set) {
    if (set == NULL) return;
    for (size_t i = 0; i < set->nrules; i++) rl_rule_free(&set->rules[i]);
    gz_free(set->lexicons);
    rl_index_free(set->index);
    for (size_t i = 0; i < set->nlexicons; i++) {
        er_free(set->lexicon_names[i]);
        er_free(set->lexicon_files[i]);
    }
    for (size_t i = 0; i < set->nfiles; i++) {
        er_free(set->files[i]);
        er_free(set->sources[i]);
    }
    er_free(set->rules);
    er_free(set->files);
    er_free(set->sources);
    er_free(set->lengths);
    er_free(set);
}

static int rules_load(entrel_engine *e, void **state, entrel_error *err) {
    rl_set *set = er_calloc(1, sizeof *set);
    if (set == NULL) return ENTREL_E_NOMEM;
    set->max_bytes = e->opts.lua_memory_limit ? e->opts.lua_memory_limit : RL_DEFAULT_MEMORY;
    set->budget = e->opts.lua_instruction_limit ? e->opts.lua_instruction_limit : RL_DEFAULT_BUDGET;
    int rc = ENTREL_E_OK;
    for (size_t i = 0; rc == ENTREL_E_OK && i < e->opts.rule_count; i++)
        rc = gather(set, e->opts.rules[i], err);
    lx_limits lim = {.max_bytes = set->max_bytes, .idle_budget = set->budget};
    lua_State *L = rc == ENTREL_E_OK ? lx_new(&lim) : NULL;
    rl_loader ld = {.engine = e, .set = set, .compile = true, .L = L,
                    .forms = engine_loader_session(e)};
    if (rc == ENTREL_E_OK && (L == NULL || ld.forms == NULL)) rc = ENTREL_E_NOMEM;
    if (rc == ENTREL_E_OK) {
        rl_open_dsl(&ld);
        rl_open_emit(L, NULL, e);
        rc = rl_run_files(&ld, &lim, err);
    }
    if (rc == ENTREL_E_OK && set->lexicons) rc = gz_finish(set->lexicons);
    if (rc == ENTREL_E_OK) rc = rl_index_build(set);
    for (size_t r = 0; rc == ENTREL_E_OK && r < set->nrules; r++)
        pat_plane_bits(set->rules[r].prog, &set->plane_sig, &set->plane_words);
    if (rc == ENTREL_E_OK) e->cover = set->lexicons;   /* sessions' tokens learn their lexicons */
    if (rc == ENTREL_E_OK) e->keys = rl_index_keys(set->index, &e->nkeys);   /* and keys */
    lx_close(L);
    entrel_session_free(ld.forms);
    if (rc != ENTREL_E_OK) {
        set_free(set);
        return rc;
    }
    *state = set;
    return ENTREL_E_OK;
}

static void rules_unload(void *state) { set_free(state); }

ENTREL_API size_t entrel_engine_rule_count(const entrel_engine *engine) {
    const rl_set *set = engine ? engine->rules : NULL;
    return set ? set->nrules : 0;
}

ENTREL_API int entrel_engine_rule(const entrel_engine *engine, size_t i, entrel_rule_info *info) {
    const rl_set *set = engine ? engine->rules : NULL;
    if (set == NULL || i >= set->nrules || info == NULL) return ENTREL_E_INVALID_ARG;
    const rl_rule *r = &set->rules[i];
    static const char *const kinds[] = {"entity", "relation", "regex", "hook"};
    *info = (entrel_rule_info){r->name, kinds[r->kind],
                               atoms_str(&engine->atoms, r->type),
                               atoms_str(&engine->atoms, r->where), r->priority};
    return ENTREL_E_OK;
}

const annotator_class rules_annotator = {
    "rules", rules_load, rules_unload, rl_session_open, rl_session_close,
    rl_entities, rl_relations, rl_stats,
};
