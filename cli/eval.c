/*
** eval.c: `entrel eval`, scoring predictions against gold annotations as
** the corpus README defines it.  Entities are distinct (type, folded text)
** pairs per document; a gold entity is found when any of its forms is
** predicted; optional entities neither count for nor against.  A gold
** relation is found when a predicted one of its type has head and tail
** among its forms (either way round when symmetric).  Counts are summed
** over documents (micro-average).
** See LICENSE for copyright and licence.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "cli.h"
#include "eval.h"

/* ------------------------------------------------------------ folding */

/*
** NFKD, combining marks removed, case folded, ’ read as ', runs of white
** space read as one space (and none at the ends).  Caller frees.
*/
char *eval_fold(const char *s) {
    size_t n = strlen(s), dlen, flen;
    uint8_t *d = u8_normalize(UNINORM_NFKD, (const uint8_t *)s, n, NULL, &dlen);
    if (d == NULL) return NULL;
    uint8_t *kept = malloc(dlen + 1);
    size_t k = 0;
    for (size_t i = 0; kept && i < dlen;) {
        ucs4_t uc;
        int len = u8_mbtoucr(&uc, d + i, dlen - i);
        if (len <= 0) len = 1, uc = d[i];
        if (uc == 0x2019) kept[k++] = '\'';
        else if (!uc_is_general_category(uc, UC_CATEGORY_M)) {
            memcpy(kept + k, d + i, (size_t)len);
            k += (size_t)len;
        }
        i += (size_t)len;
    }
    free(d);
    if (kept == NULL) return NULL;
    uint8_t *f = u8_casefold(kept, k, NULL, NULL, NULL, &flen);
    free(kept);
    if (f == NULL) return NULL;
    char *out = malloc(flen + 1);
    size_t o = 0;
    for (size_t i = 0; out && i < flen; i++) {
        bool space = f[i] == ' ' || f[i] == '\t' || f[i] == '\n' || f[i] == '\r';
        if (space && (o == 0 || out[o - 1] == ' ')) continue;
        out[o++] = space ? ' ' : (char)f[i];
    }
    if (out) {
        while (o > 0 && out[o - 1] == ' ') o--;
        out[o] = '\0';
    }
    free(f);
    return out;
}

/* ------------------------------------------------------------ tallies */

static ev_tally *tally_for(ev_report *r, const char *name) {
    for (size_t i = 0; i < r->ntallies; i++)
        if (strcmp(r->tallies[i].name, name) == 0) return &r->tallies[i];
    if (r->ntallies == EV_MAX_TALLIES) return &r->tallies[EV_MAX_TALLIES - 1];
    ev_tally *t = &r->tallies[r->ntallies++];
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    return t;
}

static const char *entity_group(const char *type) {
    if (!strcmp(type, "ORG") || !strcmp(type, "PER") || !strcmp(type, "LOC")) return "core";
    return NULL;
}

static const char *relation_group(const char *type) {
    static const char *const core[] = {"co_organized_with", "presided_over", "located_in",
                                       "alias_of"};
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(type, core[i])) return "relations (core)";
    return "relations (other)";
}

/* Count one outcome in the type's row and in its group's row. */
static void count(ev_report *r, const char *type, const char *group, int tp, int fp,
                  int found, int gold) {
    const char *rows[2] = {type, group};
    for (int k = 0; k < 2; k++) {
        if (rows[k] == NULL) continue;
        ev_tally *t = tally_for(r, rows[k]);
        t->tp += tp;
        t->fp += fp;
        t->found += found;
        t->gold += gold;
    }
}

static void note(ev_report *r, const char *fmt, const char *doc, const char *a,
                 const char *b) {
    if (r->notes == NULL) return;
    fprintf(r->notes, fmt, doc, a, b);
}

/* ------------------------------------------------------------ entities */

static bool form_matches(json_t *gold_ent, const char *type, const char *folded) {
    if (strcmp(json_string_value(json_object_get(gold_ent, "type")), type) != 0) return false;
    json_t *alt = json_object_get(gold_ent, "alt");
    size_t nforms = 1 + json_array_size(alt);
    for (size_t k = 0; k < nforms; k++) {
        json_t *form = k == 0 ? json_object_get(gold_ent, "text") : json_array_get(alt, k - 1);
        char *f = eval_fold(json_string_value(form) ? json_string_value(form) : "");
        bool same = f && strcmp(f, folded) == 0;
        free(f);
        if (same) return true;
    }
    return false;
}

static json_t *find_gold(json_t *list, const char *type, const char *folded) {
    size_t i;
    json_t *g;
    json_array_foreach(list, i, g) {
        if (form_matches(g, type, folded)) return g;
    }
    return NULL;
}

/* Distinct (type, folded text) pairs of the prediction, as "TYPE\tfold". */
static json_t *predicted_pairs(json_t *pred) {
    json_t *set = json_object();
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(pred, "entities"), i, e) {
        const char *type = json_string_value(json_object_get(e, "type"));
        const char *text = json_string_value(json_object_get(e, "text"));
        char *f = type && text ? eval_fold(text) : NULL;
        if (f == NULL) continue;
        char *key = malloc(strlen(type) + strlen(f) + 2);
        if (key) {
            sprintf(key, "%s\t%s", type, f);
            json_object_set_new(set, key, json_string(text));
        }
        free(key);
        free(f);
    }
    return set;
}

/* "TYPE\ttext" of a gold entity, in a static buffer: two types may share a text. */
static const char *gold_key(json_t *g) {
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s\t%s", json_string_value(json_object_get(g, "type")),
             json_string_value(json_object_get(g, "text")));
    return buf;
}

/* Whether the prediction has the gold entity with its value ("2025-03-26"). */
static bool value_found(json_t *pred, json_t *g, const char *value) {
    const char *type = json_string_value(json_object_get(g, "type"));
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(pred, "entities"), i, e) {
        const char *t = json_string_value(json_object_get(e, "type"));
        const char *text = json_string_value(json_object_get(e, "text"));
        const char *v = json_string_value(json_object_get(e, "value"));
        char *f = t && text && v && !strcmp(t, type) && !strcmp(v, value) ? eval_fold(text) : NULL;
        bool same = f && form_matches(g, type, f);
        free(f);
        if (same) return true;
    }
    return false;
}

/*
** Gold entities with a value (dates' ISO forms), once found: a row
** "TYPE value" counts those found with it (tp) and with another (fp).
*/
static void score_values(ev_report *r, const char *doc, json_t *g, json_t *pred) {
    const char *value = json_string_value(json_object_get(g, "value"));
    if (value == NULL) return;
    char row[80];
    snprintf(row, sizeof row, "%s value", json_string_value(json_object_get(g, "type")));
    bool right = value_found(pred, g, value);
    count(r, row, NULL, right, !right, right, 1);
    if (!right) note(r, "%s: %s found without its value %s\n", doc, gold_key(g), value);
}

static void score_entities(ev_report *r, const char *doc, json_t *gold, json_t *pred) {
    json_t *ents = json_object_get(gold, "entities");
    json_t *opt = json_object_get(gold, "optional");
    json_t *pairs = predicted_pairs(pred);
    json_t *hit = json_object();
    const char *key;
    json_t *text;
    json_object_foreach(pairs, key, text) {
        char type[64];
        const char *tab = strchr(key, '\t');
        snprintf(type, sizeof type, "%.*s", (int)(tab - key), key);
        json_t *g = find_gold(ents, type, tab + 1);
        if (g) {
            json_object_set(hit, gold_key(g), json_true());
            count(r, type, entity_group(type), 1, 0, 0, 0);
        } else if (!find_gold(opt, type, tab + 1)) {
            count(r, type, entity_group(type), 0, 1, 0, 0);
            note(r, "%s: spurious %s \"%s\"\n", doc, type, json_string_value(text));
        }
    }
    size_t i;
    json_t *g;
    json_array_foreach(ents, i, g) {
        const char *type = json_string_value(json_object_get(g, "type"));
        const char *gt = json_string_value(json_object_get(g, "text"));
        bool found = json_object_get(hit, gold_key(g)) != NULL;
        count(r, type, entity_group(type), 0, 0, found, 1);
        if (!found) note(r, "%s: missed %s \"%s\"\n", doc, type, gt);
        else score_values(r, doc, g, pred);
    }
    json_decref(hit);
    json_decref(pairs);
}

/* ------------------------------------------------------------ relations */

static bool in_forms(json_t *forms, const char *text) {
    char *f = eval_fold(text ? text : "");
    bool yes = false;
    size_t i;
    json_t *v;
    json_array_foreach(forms, i, v) {
        char *g = eval_fold(json_string_value(v) ? json_string_value(v) : "");
        yes |= f && g && strcmp(f, g) == 0;
        free(g);
    }
    free(f);
    return yes;
}

static bool relation_matches(json_t *g, json_t *p) {
    const char *gt = json_string_value(json_object_get(g, "type"));
    const char *pt = json_string_value(json_object_get(p, "type"));
    if (gt == NULL || pt == NULL || strcmp(gt, pt) != 0) return false;
    const char *h = json_string_value(json_object_get(json_object_get(p, "head"), "text"));
    const char *t = json_string_value(json_object_get(json_object_get(p, "tail"), "text"));
    json_t *gh = json_object_get(g, "head"), *gtl = json_object_get(g, "tail");
    if (in_forms(gh, h) && in_forms(gtl, t)) return true;
    return json_is_true(json_object_get(g, "symmetric")) && in_forms(gh, t) && in_forms(gtl, h);
}

static void score_relations(ev_report *r, const char *doc, json_t *gold, json_t *pred) {
    json_t *grels = json_object_get(gold, "relations"), *prels = json_object_get(pred, "relations");
    size_t i, j;
    json_t *p, *g;
    json_array_foreach(prels, i, p) {
        const char *type = json_string_value(json_object_get(p, "type"));
        if (type == NULL) continue;
        bool ok = false;
        json_array_foreach(grels, j, g) ok |= relation_matches(g, p);
        count(r, type, relation_group(type), ok, !ok, 0, 0);
        if (!ok) note(r, "%s: spurious relation %s (%s)\n", doc, type,
                      json_string_value(json_object_get(json_object_get(p, "head"), "text")));
    }
    json_array_foreach(grels, j, g) {
        const char *type = json_string_value(json_object_get(g, "type"));
        if (type == NULL) continue;
        bool found = false;
        json_array_foreach(prels, i, p) found |= relation_matches(g, p);
        count(r, type, relation_group(type), 0, 0, found, 1);
        if (!found) note(r, "%s: missed relation %s (%s)\n", doc, type,
                         json_string_value(json_array_get(json_object_get(g, "head"), 0)));
    }
}

void eval_document(ev_report *r, const char *doc, json_t *gold, json_t *pred) {
    score_entities(r, doc, gold, pred);
    score_relations(r, doc, gold, pred);
    r->docs++;
}
