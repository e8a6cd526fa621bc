/*
** dates.c: the dates plugin.  French and English dates become DATE
** entities whose value is their ISO 8601 form, as precise as the text:
** "26 mars 2025" 2025-03-26, "décembre 2024" 2024-12, "28/03/2025"
** 2025-03-28, "March 26, 2025", "le 1er janvier" (the year from the
** document's date, else --01-01), and a bare year only where the words
** before it make it one ("en 2001", "since 2001"; not "71 articles" nor
** "9885").  It reads the tokens' forms, so case and accents are already
** folded: "Décembre", "decembre" and "DÉCEMBRE" are one month.
** See LICENSE for copyright and licence.
*/
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entrel_plugin.h"

#define MAX_WORDS 6               /* the longest date: "Monday , March 26 , 2025" */

typedef struct name_value {
    const char *name;             /* a token's fold form */
    int value;
} name_value;

static const name_value months_fr[] = {
    {"janvier", 1}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5}, {"juin", 6},
    {"juillet", 7}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
    {"decembre", 12}, {NULL, 0}};

/* English months are asked to be capitalized: "march" and "may" are verbs too. */
static const name_value months_en[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}, {NULL, 0}};

static const char *const weekdays[] = {
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL};

/* Words after which a number of four digits is a year: "en 2001", "by 2030". */
static const char *const year_cues_fr[] = {
    "en", "depuis", "avant", "apres", "ici", "vers", "an", "annee", "debut", "fin", "mi",
    "printemps", "automne", "hiver", "courant", NULL};
static const char *const year_cues_en[] = {
    "in", "since", "by", "before", "after", "until", "till", "year", "early", "late", "mid",
    "during", "spring", "summer", "autumn", "fall", "winter", NULL};

/* Words after which a month alone is a date: "en décembre", "in December". */
static const char *const month_cues_fr[] = {"en", "debut", "fin", "mi", "courant", NULL};
static const char *const month_cues_en[] = {"in", "early", "late", "mid", "during", NULL};

/* A document's tokens, as the plugin reads them. */
/*
** A document's tokens, read from the host once, with what each may be in
** a date (month, weekday): the forms below ask about each token many
** times, and a host call and a list of names each time cost more than
** the rest of the pipeline.
*/
typedef struct doc_view {
    const entrel_plugin_host *host;
    entrel_doc *doc;
    size_t n;
    bool en;
    int doc_year;                 /* from the document's date, or 0 */
    entrel_token *tok;
    signed char *month;           /* per token: 1-12, or 0 */
    bool *weekday;
} doc_view;

/* ------------------------------------------------------------ tokens */

static bool token_at(const doc_view *v, size_t i, entrel_token *t) {
    if (i >= v->n) return false;
    *t = v->tok[i];
    return true;
}

static bool in_list(const char *const *list, const char *s) {
    for (; *list; list++)
        if (**list == *s && strcmp(*list, s) == 0) return true;
    return false;
}

/* The month a word names, 1-12, or 0; in English only capitalized. */
static int month_named(const doc_view *v, const entrel_token *t) {
    if (t->kind != ENTREL_TOK_WORD || t->end - t->start < 3 || t->end - t->start > 12) return 0;
    if (v->en && !(t->flags & (ENTREL_TF_TITLE | ENTREL_TF_UPPER))) return 0;
    for (const name_value *m = v->en ? months_en : months_fr; m->name; m++)
        if (m->name[0] == t->fold[0] && strcmp(m->name, t->fold) == 0) return m->value;
    return 0;
}

/* Read the tokens and mark months and weekdays; false when out of memory. */
static bool read_tokens(doc_view *v) {
    v->tok = malloc((v->n + 1) * sizeof *v->tok);
    v->month = malloc(v->n + 1);
    v->weekday = malloc((v->n + 1) * sizeof *v->weekday);
    if (v->tok == NULL || v->month == NULL || v->weekday == NULL) return false;
    for (size_t i = 0; i < v->n; i++) {
        if (v->host->token(v->doc, i, &v->tok[i]) != ENTREL_E_OK) return false;
        const entrel_token *t = &v->tok[i];
        v->month[i] = (signed char)month_named(v, t);
        v->weekday[i] = t->kind == ENTREL_TOK_WORD && t->end - t->start >= 5 && in_list(weekdays, t->fold);
    }
    return true;
}

static int month_at(const doc_view *v, size_t i) { return i < v->n ? v->month[i] : 0; }

/* The digits of a token that is only digits, as a number; -1 otherwise. */
static long digits_value(const entrel_token *t, size_t max_len) {
    size_t n = t->end - t->start;
    if (n == 0 || n > max_len) return -1;
    long v = 0;
    for (size_t k = 0; k < n; k++) {
        if (t->text[k] < '0' || t->text[k] > '9') return -1;
        v = v * 10 + (t->text[k] - '0');
    }
    return v;
}

/* The day token i gives: "26", "1er", "1re", "1st", "2nd", "3rd", "26th"; 0 when none. */
static int day_at(const doc_view *v, size_t i) {
    entrel_token t;
    if (!token_at(v, i, &t)) return 0;
    size_t n = t.end - t.start, d = 0;
    while (d < n && d < 2 && t.text[d] >= '0' && t.text[d] <= '9') d++;
    if (d == 0 || (d < n && t.text[d] >= '0' && t.text[d] <= '9')) return 0;
    int day = t.text[0] - '0';
    if (d == 2) day = day * 10 + (t.text[1] - '0');
    const char *rest = t.norm + d;
    bool plain = d == n, ordinal = false;
    if (!plain) {
        static const char *const fr[] = {"er", "re", NULL}, *const en[] = {"st", "nd", "rd", "th", NULL};
        ordinal = in_list(v->en ? en : fr, rest) && (v->en || day == 1);
    }
    return (plain || ordinal) && day >= 1 && day <= 31 ? day : 0;
}

/* The year of a four-digit number token, 1000-2999, or 0. */
static int year_at(const doc_view *v, size_t i) {
    entrel_token t;
    if (!token_at(v, i, &t) || t.kind != ENTREL_TOK_NUMBER) return 0;
    long y = digits_value(&t, 4);
    return t.end - t.start == 4 && y >= 1000 && y <= 2999 ? (int)y : 0;
}

static bool fold_is(const doc_view *v, size_t i, const char *s) {
    entrel_token t;
    return token_at(v, i, &t) && strcmp(t.fold, s) == 0;
}

static bool fold_in(const doc_view *v, size_t i, const char *const *list) {
    entrel_token t;
    return token_at(v, i, &t) && in_list(list, t.fold);
}

/* ------------------------------------------------------------ values */

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static bool day_fits(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
    return !(m == 2 && d == 29 && y && !leap(y));
}

/* A date as precise as what is known: year 0 is unknown, month 0 and day 0 too. */
typedef struct when {
    int year, month, day;
    size_t first, end;            /* tokens [first, end) */
    bool year_guessed;            /* the year is the document's */
    bool ambiguous;               /* 03/04/2025: day and month could be swapped */
    bool impossible;              /* a date's form, but no such day: "31 février 2025" */
} when;

/* The date's ISO 8601 form: 2025-03-26, 2025-03, 2025, --03-26, --03. */
static void iso(const when *w, char *out, size_t size) {
    if (w->year && w->month && w->day) snprintf(out, size, "%04d-%02d-%02d", w->year, w->month, w->day);
    else if (w->year && w->month) snprintf(out, size, "%04d-%02d", w->year, w->month);
    else if (w->year) snprintf(out, size, "%04d", w->year);
    else if (w->month && w->day) snprintf(out, size, "--%02d-%02d", w->month, w->day);
    else snprintf(out, size, "--%02d", w->month);
}

static int add_date(const doc_view *v, const when *w) {
    entrel_token a, b;
    if (!token_at(v, w->first, &a) || !token_at(v, w->end - 1, &b)) return ENTREL_E_INVALID_ARG;
    char value[16];
    iso(w, value, sizeof value);
    const char *features = w->ambiguous ? "order=ambiguous" : w->year_guessed ? "year=document" : NULL;
    entrel_plugin_entity e = {.start = a.start, .end = b.end, .type = "DATE", .value = value,
                              .features = features, .priority = 5};
    return v->host->add_entity(v->doc, &e);
}

/* ------------------------------------------------------------ forms */

/* A weekday (and its comma) before a date is part of it: "lundi 26 mars", "Monday, March 26". */
static size_t past_weekday(const doc_view *v, size_t i) {
    if (i >= v->n || !v->weekday[i]) return i;
    return fold_is(v, i + 1, ",") ? i + 2 : i + 1;
}

/* A form whose day is impossible is no date, and no shorter form of its words is either. */
static bool check_day(when *w) {
    w->impossible = !day_fits(w->year, w->month, w->day);
    return !w->impossible;
}

/* The document's year for a date that gives none. */
static void guess_year(const doc_view *v, when *w) {
    w->year = v->doc_year;
    w->year_guessed = v->doc_year != 0;
}

/* "26 mars 2025", "1er janvier", "26 March 2025", "26th of March". */
static bool day_month(const doc_view *v, size_t i, when *w) {
    size_t j = past_weekday(v, i), k = j + 1;
    int day = day_at(v, j);
    if (day == 0) return false;
    if (v->en && fold_is(v, k, "of")) k++;
    int month = month_at(v, k);
    if (month == 0) return false;
    *w = (when){.month = month, .day = day, .first = i, .end = k + 1};
    if ((w->year = year_at(v, k + 1)) != 0) w->end = k + 2;
    else guess_year(v, w);
    return check_day(w);
}

/* "March 26, 2025", "March 26th", "Monday, March 26 2025". */
static bool month_day(const doc_view *v, size_t i, when *w) {
    size_t j = past_weekday(v, i);
    int month = month_at(v, j), day = month ? day_at(v, j + 1) : 0;
    if (day == 0) return false;
    *w = (when){.month = month, .day = day, .first = i, .end = j + 2};
    if ((w->year = year_at(v, j + 2)) != 0) w->end = j + 3;
    else if (fold_is(v, j + 2, ",") && (w->year = year_at(v, j + 3)) != 0) w->end = j + 4;
    else guess_year(v, w);
    return check_day(w);
}

/* "décembre 2024", "March 2025". */
static bool month_year(const doc_view *v, size_t i, when *w) {
    int month = month_at(v, i), year = month ? year_at(v, i + 1) : 0;
    if (year == 0) return false;
    *w = (when){.year = year, .month = month, .first = i, .end = i + 2};
    return true;
}

/* "en décembre", "in December": a month alone, after a word that makes it a time. */
static bool month_alone(const doc_view *v, size_t i, when *w) {
    int month = month_at(v, i);
    if (month == 0 || i == 0 || !fold_in(v, i - 1, v->en ? month_cues_en : month_cues_fr)) return false;
    *w = (when){.month = month, .first = i, .end = i + 1};
    guess_year(v, w);
    return true;
}

/* "en 2001", "since 2001": a year alone, after a word that makes it one. */
static bool year_alone(const doc_view *v, size_t i, when *w) {
    int year = year_at(v, i);
    if (year == 0 || i == 0 || !fold_in(v, i - 1, v->en ? year_cues_en : year_cues_fr)) return false;
    *w = (when){.year = year, .first = i, .end = i + 1};
    return true;
}

/* Up to three numbers of a token split at '/', '.' or '-'; how many, or 0 for any other text. */
static int numbers_of(const entrel_token *t, long out[3], size_t len[3], char *sep) {
    int n = 0;
    size_t at = 0, size = t->end - t->start;
    *sep = 0;
    while (n < 3) {
        size_t from = at;
        long v = 0;
        while (at < size && t->text[at] >= '0' && t->text[at] <= '9' && at - from < 4)
            v = v * 10 + (t->text[at++] - '0');
        if (at == from) return 0;
        out[n] = v;
        len[n++] = at - from;
        if (at == size) return n;
        char c = t->text[at++];
        if ((c != '/' && c != '.' && c != '-') || (*sep && c != *sep)) return 0;
        *sep = c;
    }
    return 0;
}

/* "28/03/2025", "28.03.2025", "2025-03-26"; in English 03/28/2025 as well. */
static bool numeric(const doc_view *v, size_t i, when *w) {
    entrel_token t;
    long x[3];
    size_t len[3];
    char sep;
    if (!token_at(v, i, &t) || t.kind != ENTREL_TOK_NUMBER || numbers_of(&t, x, len, &sep) != 3)
        return false;
    *w = (when){.first = i, .end = i + 1};
    if (len[0] == 4 && len[1] == 2 && len[2] == 2 && sep == '-') {
        w->year = (int)x[0], w->month = (int)x[1], w->day = (int)x[2];
    } else if (len[0] <= 2 && len[1] <= 2 && len[2] == 4) {
        bool month_first = x[1] > 12 || (v->en && x[0] <= 12);
        w->year = (int)x[2];
        w->month = (int)(month_first ? x[0] : x[1]);
        w->day = (int)(month_first ? x[1] : x[0]);
        w->ambiguous = x[0] <= 12 && x[1] <= 12 && x[0] != x[1];
    } else {
        return false;
    }
    return w->year >= 1000 && w->year <= 2999 && check_day(w);
}

/* ------------------------------------------------------------ plugin */

typedef bool (*form_fn)(const doc_view *v, size_t i, when *w);

/* The longest forms first: "26 mars 2025" before "mars 2025". */
static const form_fn forms[] = {numeric, day_month, month_day, month_year, month_alone, year_alone};

/* Where a date may begin: a number or a word led by a digit ("1er"), a month, a weekday. */
static bool may_begin(const doc_view *v, size_t i) {
    const char *c = v->tok[i].text;
    return (*c >= '0' && *c <= '9') || v->month[i] || v->weekday[i];
}

static int scan(doc_view *v) {
    for (size_t i = 0; i < v->n;) {
        if (!may_begin(v, i)) {
            i++;
            continue;
        }
        when w = {0};
        bool found = false;
        for (size_t k = 0; k < sizeof forms / sizeof *forms && !found && !w.impossible; k++)
            found = forms[k](v, i, &w);
        if (!found) {
            i = w.impossible ? w.end : i + 1;
            continue;
        }
        int rc = add_date(v, &w);
        if (rc != ENTREL_E_OK) return rc;
        i = w.end;
    }
    return ENTREL_E_OK;
}

/* The state is the host (entrel_plugin_keep_host). */
static int find_dates(void *state, entrel_doc *doc) {
    const entrel_plugin_host *host = state;
    const char *date = host->date(doc);
    doc_view v = {.host = host, .doc = doc, .n = host->token_count(doc),
                  .en = host->lang(doc) == ENTREL_LANG_EN, .doc_year = date ? atoi(date) : 0};
    int rc = read_tokens(&v) ? scan(&v) : ENTREL_E_NOMEM;
    free(v.tok);
    free(v.month);
    free(v.weekday);
    return rc;
}

static const entrel_plugin descriptor = {ENTREL_PLUGIN_ABI_VERSION, "dates", "1.0",
                                         entrel_plugin_keep_host, find_dates, NULL, NULL};

ENTREL_PLUGIN_EXPORT const entrel_plugin *entrel_plugin_entry(void);
/* Besides those its names already have, for check-rules. */
ENTREL_PLUGIN_EXPORT extern const char *const entrel_plugin_types[];
ENTREL_PLUGIN_EXPORT const char *const entrel_plugin_types[] = {"DATE", NULL};
ENTREL_PLUGIN_EXPORT const entrel_plugin *entrel_plugin_entry(void) { return &descriptor; }
