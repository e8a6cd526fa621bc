/*
** rldata.c: the files a rule file asks for: lexicons, gazetteers and C
** plugins.  A rule file is untrusted, like a document, so what it may
** open is fenced: a list must be a regular file under a size cap, inside
** the rule file's folder or the data folder once links are resolved
** (unless the caller allows other paths), and a plugin, which is native
** code that runs as soon as it is opened, loads only when the caller
** allows rule files to load plugins at all.
** See LICENSE for copyright and licence.
*/
#define _XOPEN_SOURCE 700      /* realpath */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "luarules.h"

#define RL_DEFAULT_LIST_MAX ((size_t)256 << 20)

static const char *const list_fields[] = {"file", NULL};
static const char *const plugin_fields[] = {"file", "args", NULL};

/*
** 'file' of a declaration as a path, pushed: "data:lexicons/x.tsv" is
** under the engine's data folder, so that a copy of a rule folder still
** finds the shared lists; any other relative path is the rule file's.
*/
static const char *given_path(rl_loader *ld, const char *what, const char *example) {
    lua_State *L = ld->L;
    const char *file = rl_opt_string(L, 1, "file", what);
    if (file == NULL) luaL_error(L, "%s: file = \"%s\" is required", what, example);
    if (strncmp(file, "data:", 5) == 0) {
        const char *dir = ld->engine->opts.data_dir;
        if (dir == NULL) luaL_error(L, "%s: no data folder is set for \"%s\"", what, file);
        return lua_pushfstring(L, "%s/%s", dir, file + 5);
    }
    const char *slash = strrchr(ld->file, '/');
    if (file[0] == '/') return lua_pushstring(L, file);
    if (slash == NULL) return lua_pushfstring(L, "./%s", file);   /* never a search path */
    lua_pushlstring(L, ld->file, (size_t)(slash - ld->file));
    const char *full = lua_pushfstring(L, "%s/%s", lua_tostring(L, -1), file);
    lua_remove(L, -2);
    return full;
}

/* Whether the real path 'real' lies inside the folder 'dir' (resolved too). */
static bool inside(const char *real, const char *dir) {
    char *d = dir ? realpath(dir, NULL) : NULL;
    size_t n = d ? strlen(d) : 0;
    bool in = d && strncmp(real, d, n) == 0 && (real[n] == '/' || (n == 1 && d[0] == '/'));
    free(d);                            /* realpath's */
    return in;
}

/* The folder of the rule file at work, pushed. */
static const char *rule_folder(rl_loader *ld) {
    const char *slash = strrchr(ld->file, '/');
    if (slash == NULL) return lua_pushliteral(ld->L, ".");
    if (slash == ld->file) return lua_pushliteral(ld->L, "/");
    return lua_pushlstring(ld->L, ld->file, (size_t)(slash - ld->file));
}

/*
** The real path of a list a rule file names, pushed, once it passes the
** fence: an error with the declaration's file:line otherwise.
*/
static const char *fenced_path(rl_loader *ld, const char *what, const char *example) {
    lua_State *L = ld->L;
    const entrel_engine_options *o = &ld->engine->opts;
    const char *path = given_path(ld, what, example);
    char *real = realpath(path, NULL);
    if (real == NULL) luaL_error(L, "%s: %s: %s", what, path, strerror(errno));
    lua_pushstring(L, real);
    free(real);                         /* realpath's */
    real = (char *)lua_tostring(L, -1);
    struct stat st;
    if (stat(real, &st) != 0) luaL_error(L, "%s: %s: %s", what, path, strerror(errno));
    if (!S_ISREG(st.st_mode)) luaL_error(L, "%s: %s is not a regular file", what, path);
    size_t cap = o->rule_list_max_bytes ? o->rule_list_max_bytes : RL_DEFAULT_LIST_MAX;
    if ((uint64_t)st.st_size > cap)
        luaL_error(L, "%s: %s is larger than %I bytes, the cap on lists a rule file loads", what,
                   path, (lua_Integer)cap);
    if (!o->allow_rule_paths && !inside(real, rule_folder(ld)) && !inside(real, o->data_dir))
        luaL_error(L, "%s: %s lies outside the rule file's folder and the data folder "
                      "(the caller may allow other paths: --allow-rule-paths)", what, path);
    return real;
}

static void load_error(rl_loader *ld, const char *what, const entrel_error *e) {
    if (e->line) luaL_error(ld->L, "%s: %s:%d: %s", what, e->file, e->line, e->message);
    luaL_error(ld->L, "%s: %s: %s", what, e->file[0] ? e->file : "", e->message);
}

/* The loader of a declaration that takes one table, the table's fields checked. */
static rl_loader *declaration(lua_State *L, const char *what, const char *const *fields) {
    rl_loader *ld = rl_loader_of(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    rl_check_fields(L, 1, what, fields);
    return ld;
}

/* lexicon "titles" { file = "../lexicons/titles.tsv" }: tokens rules may test. */
static int dsl_lexicon_table(lua_State *L) {
    rl_loader *ld = declaration(L, "lexicon", list_fields);
    const char *name = lua_tostring(L, lua_upvalueindex(2));
    if (!ld->compile) return 0;
    rl_set *set = ld->set;
    const char *path = fenced_path(ld, "lexicon", "path.tsv");   /* fr/../x.tsv and en/../x.tsv agree */
    int known = rl_lexicon_number(set, name);
    /* files that share a lexicon may each declare it, as long as they agree */
    if (known >= 0 && strcmp(set->lexicon_files[known], path) == 0) return 0;
    if (known >= 0) return luaL_error(L, "lexicon %s: declared before with another file", name);
    if (set->nlexicons == RL_MAX_LEXICONS) return luaL_error(L, "at most 32 lexicons");
    if (set->lexicons == NULL && (set->lexicons = gz_new()) == NULL)
        return luaL_error(L, "out of memory");
    char *copy = er_strdup(name), *file = er_strdup(path);
    if (copy == NULL || file == NULL) {
        er_free(copy);
        er_free(file);
        return luaL_error(L, "out of memory");
    }
    int k = (int)set->nlexicons;
    set->lexicon_files[k] = file;
    set->lexicon_names[set->nlexicons++] = copy;
    entrel_error e = {0};
    if (gz_load_tsv_tagged(ld->engine, ld->forms, set->lexicons, path, k, &e) != ENTREL_E_OK)
        load_error(ld, "lexicon", &e);
    return 0;
}

static int dsl_lexicon(lua_State *L) {
    rl_loader_of(L);
    if (*luaL_checkstring(L, 1) == '\0') return luaL_error(L, "a lexicon needs a name");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, dsl_lexicon_table, 2);
    return 1;
}

/* gazetteer { file = "more-places.tsv" }: names added to the engine's lists. */
static int dsl_gazetteer(lua_State *L) {
    rl_loader *ld = declaration(L, "gazetteer", list_fields);
    if (!ld->compile) return 0;
    const char *path = fenced_path(ld, "gazetteer", "path.tsv");
    entrel_error e = {0};
    if (engine_add_gazetteer(ld->engine, path, &e) != ENTREL_E_OK) load_error(ld, "gazetteer", &e);
    return 0;
}

/*
** plugin { file = "dates.so", args = "..." }: a C plugin for the engine,
** from the rule file's folder; only when the caller allows it, since its
** code runs the moment it is opened, before anything can be checked.
*/
static int dsl_plugin(lua_State *L) {
    rl_loader *ld = declaration(L, "plugin", plugin_fields);
    const char *args = rl_opt_string(L, 1, "args", "plugin");
    const char *path = given_path(ld, "plugin", "path.so");
    if (!ld->engine->opts.allow_rule_plugins)
        return luaL_error(L, "plugin: %s: a rule file may load a C plugin only when the caller "
                             "allows it (--allow-rule-plugins)", path);
    if (!ld->compile) return 0;
    entrel_error e = {0};
    if (engine_add_plugin(ld->engine, path, args, &e) != ENTREL_E_OK) load_error(ld, "plugin", &e);
    return 0;
}

void rl_open_data(rl_loader *ld) {
    rl_set_dsl(ld, "lexicon", dsl_lexicon);
    rl_set_dsl(ld, "gazetteer", dsl_gazetteer);
    rl_set_dsl(ld, "plugin", dsl_plugin);
}
