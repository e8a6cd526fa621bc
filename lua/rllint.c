/*
** rllint.c: what `entrel check-rules` warns about beyond errors: an
** entity type that a rule's pattern tests but that nothing loaded makes,
** most often a misspelt type ("PERSON" where the rules make "PER"), which
** would only ever make the rule match nothing.  What makes types: entity
** and regex rules, actions (their types are read off the files' text, as
** type = "X"), gazetteer entries, and plugins that declare theirs.
** See LICENSE for copyright and licence.
*/
#define _GNU_SOURCE                 /* memmem */
#include <ctype.h>
#include <string.h>

#include "luarules.h"
#include "plugins.h"

/* Whether 'type' is written as type = "type" (or 'type') somewhere in 'src'. */
static bool written_as_type(const char *src, size_t len, const char *type) {
    size_t n = strlen(type);
    const char *end = src + len;
    for (const char *p = src; (p = memmem(p, (size_t)(end - p), "type", 4)) != NULL; p += 4) {
        if (p > src && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) continue;
        const char *q = p + 4;
        while (q < end && isspace((unsigned char)*q)) q++;
        if (q >= end || *q++ != '=') continue;
        while (q < end && isspace((unsigned char)*q)) q++;
        if (q >= end || (*q != '"' && *q != '\'')) continue;
        char quote = *q++;
        if ((size_t)(end - q) > n && memcmp(q, type, n) == 0 && q[n] == quote) return true;
    }
    return false;
}

static bool in_gazetteers(const entrel_engine *e, const char *type) {
    for (size_t g = 0; g < e->ngz; g++) {
        const gz_view *v = gz_tables(e->gz[g]);
        for (uint32_t i = 0; i < v->nentries; i++)
            if (strcmp(v->pool + v->entries[i].type, type) == 0) return true;
    }
    return false;
}

/* Whether a plugin says it makes 'type'; '*unsure' names one that says nothing. */
static bool in_plugins(const entrel_engine *e, const char *type, const char **unsure) {
    for (size_t i = 0; i < plugins_count(e->plugins); i++) {
        const char *name;
        const char *const *types = plugins_types(e->plugins, i, &name);
        if (types == NULL) *unsure = name;
        for (size_t k = 0; types && types[k]; k++)
            if (strcmp(types[k], type) == 0) return true;
    }
    return false;
}

static bool made(const entrel_engine *e, const rl_set *set, uint32_t atom, const char **unsure) {
    const char *type = atoms_str(&e->atoms, atom);
    for (size_t r = 0; r < set->nrules; r++) {
        int kind = set->rules[r].kind;
        if ((kind == RL_ENTITY || kind == RL_REGEX) && set->rules[r].type == atom) return true;
    }
    for (size_t f = 0; f < set->nfiles; f++)
        if (set->sources[f] && written_as_type(set->sources[f], set->lengths[f], type)) return true;
    return in_gazetteers(e, type) || in_plugins(e, type, unsure);
}

ENTREL_API size_t entrel_engine_unmade_types(const entrel_engine *engine,
                                             void (*warn)(const char *where, const char *type,
                                                          const char *unsure, void *ud),
                                             void *ud) {
    const rl_set *set = engine ? engine->rules : NULL;
    size_t count = 0;
    for (size_t r = 0; set && r < set->nrules; r++) {
        const rl_rule *rule = &set->rules[r];
        for (size_t k = 0; k < rule->ntested; k++) {
            bool seen = false;              /* one warning per type and rule */
            for (size_t j = 0; j < k && !seen; j++) seen = rule->tested[j] == rule->tested[k];
            const char *unsure = NULL;
            if (seen || made(engine, set, rule->tested[k], &unsure)) continue;
            count++;
            if (warn)
                warn(atoms_str(&engine->atoms, rule->where),
                     atoms_str(&engine->atoms, rule->tested[k]), unsure, ud);
        }
    }
    return count;
}
