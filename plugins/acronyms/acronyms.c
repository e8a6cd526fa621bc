/*
** acronyms.c: the acronyms plugin.  Definitions written as "long form
** (ACRONYM)" or "ACRONYM (long form)" become two entities and an alias_of
** relation from the acronym to its long form.  The long form is found as
** Schwartz and Hearst (2003) find it: the acronym's characters are
** matched right to left in the words before it, its first character at
** the start of a word, and the shortest such run of words is the long
** form.  For French, function words (de, la, contre ...) do not count
** against the window of words searched, and a long form found to begin
** with a lower-case word takes in the capitalized word before it, since
** French capitalizes only a name's first word: "Organisation
** internationale de police criminelle (INTERPOL)".
** See LICENSE for copyright and licence.
*/
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "entrel_plugin.h"

#define MAX_ACRONYM 10            /* characters, as Schwartz and Hearst take them */
#define MAX_LONG_WORDS 24         /* tokens of a long form, function words included */

static const char *const function_words[] = {
    "de", "des", "du", "d'", "la", "le", "les", "l'", "et", "contre", "pour", "sur", "en", "a",
    "au", "aux", "par", "dans", "of", "the", "for", "and", "on", "against", "in", "to", "&", NULL};

static const char *const law_heads[] = {
    "convention", "traite", "accord", "pacte", "charte", "protocole", "loi", "reglement",
    "directive", "code", "treaty", "agreement", "act", "regulation", "charter", "covenant", NULL};

typedef struct doc_view {
    const entrel_plugin_host *host;
    entrel_doc *doc;
    size_t n;
} doc_view;

static bool token_at(const doc_view *v, size_t i, entrel_token *t) {
    return i < v->n && v->host->token(v->doc, i, t) == ENTREL_E_OK;
}

static bool in_list(const char *const *list, const char *s) {
    for (; *list; list++)
        if (strcmp(*list, s) == 0) return true;
    return false;
}

static bool text_is(const entrel_token *t, const char *s) {
    return t->end - t->start == strlen(s) && memcmp(t->text, s, t->end - t->start) == 0;
}

/*
** Whether a token may be an acronym: 2 to 10 characters, a letter first,
** letters and digits (and & . -), more capitals than small letters.
*/
static bool acronym_like(const entrel_token *t) {
    size_t n = t->end - t->start, upper = 0, lower = 0;
    if (n < 2 || n > MAX_ACRONYM || !isupper((unsigned char)t->text[0])) return false;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)t->text[k];
        if (c >= 0x80) return false;
        if (isupper(c)) upper++;
        else if (islower(c)) lower++;
        else if (!isdigit(c) && c != '&' && c != '.' && c != '-') return false;
    }
    return upper >= 2 && upper > lower;
}

/* A word that can be part of a long form: a word, a number, a hyphen or an apostrophe. */
static bool long_form_word(const entrel_token *t) {
    return t->kind == ENTREL_TOK_WORD || t->kind == ENTREL_TOK_NUMBER || text_is(t, "-");
}

/* ------------------------------------------------------------ matching */

/*
** The words [from, to) folded and joined by spaces, with where each
** token starts in the joined text; false when they do not fit.
*/
typedef struct joined {
    char text[512];
    size_t len;
    size_t at[MAX_LONG_WORDS + 1];
} joined;

static bool join_folds(const doc_view *v, size_t from, size_t to, joined *j) {
    j->len = 0;
    for (size_t i = from; i < to; i++) {
        entrel_token t;
        if (!token_at(v, i, &t) || i - from > MAX_LONG_WORDS) return false;
        size_t n = strlen(t.fold);
        if (j->len + n + 2 > sizeof j->text) return false;
        if (i > from) j->text[j->len++] = ' ';
        j->at[i - from] = j->len;
        memcpy(j->text + j->len, t.fold, n);
        j->len += n;
    }
    j->text[j->len] = '\0';
    return true;
}

/* Whether a function word starts at text[at] (and ends at a space or the end). */
static bool function_word_at(const char *text, size_t at) {
    size_t n = strcspn(text + at, " ");
    for (const char *const *w = function_words; *w; w++)
        if (strlen(*w) == n && memcmp(*w, text + at, n) == 0) return true;
    return false;
}

/*
** Schwartz and Hearst's match: each character of the acronym, from its
** last, found leftwards in the long text; its first character must start
** a word, and (for French and English alike) not a function word: "OLA"
** is "Office of Legal Affairs", not "of Legal Affairs".  The offset where
** the long form starts, or -1.
*/
static long best_start(const char *acr, size_t acr_len, const char *text, size_t len) {
    long l = (long)len - 1;
    for (long s = (long)acr_len - 1; s >= 0; s--) {
        unsigned char c = (unsigned char)tolower((unsigned char)acr[s]);
        if (!isalnum(c)) continue;
        while (l >= 0 && ((unsigned char)text[l] != c ||
                          (s == 0 && ((l > 0 && text[l - 1] != ' ') ||
                                      function_word_at(text, (size_t)l)))))
            l--;
        if (l < 0) return -1;
        l--;
    }
    while (l >= 0 && text[l] != ' ') l--;
    return l + 1;
}

/* The token of the joined words that starts at offset 'at', or -1. */
static long token_starting(const joined *j, size_t ntokens, long at) {
    for (size_t k = 0; k < ntokens; k++)
        if ((long)j->at[k] == at) return (long)k;
    return -1;
}

/* The first token of the window before 'end': as many content words as the acronym allows. */
static size_t window_start(const doc_view *v, size_t first, size_t end, size_t acr_len) {
    size_t words = acr_len + 5 < 2 * acr_len ? acr_len + 5 : 2 * acr_len, content = 0, i = end;
    while (i > first && end - i < MAX_LONG_WORDS && content < words) {
        entrel_token t;
        if (!token_at(v, i - 1, &t) || !long_form_word(&t)) break;
        if (!in_list(function_words, t.fold) && !text_is(&t, "-")) content++;
        i--;
    }
    return i;
}

static bool capitalized_word(const entrel_token *t) {
    return t->kind == ENTREL_TOK_WORD && (t->flags & (ENTREL_TF_TITLE | ENTREL_TF_UPPER)) &&
           !in_list(function_words, t->fold);
}

/*
** The first token of the long form of 'acr' among tokens [from, end), or
** -1.  'whole': the long form must be all of them (written in parentheses).
*/
static long long_form(const doc_view *v, const entrel_token *acr, size_t from, size_t end,
                      bool whole) {
    joined j;
    if (from >= end || !join_folds(v, from, end, &j)) return -1;
    long at = best_start(acr->fold, strlen(acr->fold), j.text, j.len);
    long k = at < 0 ? -1 : token_starting(&j, end - from, at);
    if (k < 0 || (whole && k != 0)) return -1;
    size_t first = from + (size_t)k;
    entrel_token t, before;
    if (!token_at(v, first, &t) || in_list(function_words, t.fold)) return -1;
    if (!(t.flags & (ENTREL_TF_TITLE | ENTREL_TF_UPPER)) && first > from &&
        token_at(v, first - 1, &before) && capitalized_word(&before))
        first--;
    size_t content = 0;
    for (size_t i = first; i < end; i++)
        if (token_at(v, i, &t) && !in_list(function_words, t.fold) && !text_is(&t, "-")) content++;
    return content >= 2 ? (long)first : -1;
}

/* A definition: the acronym's token, the long form's tokens. */
typedef struct definition {
    size_t acr, long_first, long_end;
} definition;

typedef int (*definition_fn)(const doc_view *v, const definition *d);

/* "long form (ACR)" with the "(" at token i. */
static bool long_then_short(const doc_view *v, size_t i, definition *d) {
    entrel_token acr, close;
    if (!token_at(v, i + 1, &acr) || !acronym_like(&acr) || !token_at(v, i + 2, &close) ||
        !text_is(&close, ")"))
        return false;
    size_t from = window_start(v, 0, i, strlen(acr.fold));
    long first = long_form(v, &acr, from, i, false);
    *d = (definition){i + 1, (size_t)first, i};
    return first >= 0;
}

/* "ACR (long form)" with the "(" at token i. */
static bool short_then_long(const doc_view *v, size_t i, definition *d) {
    entrel_token acr, t;
    if (i == 0 || !token_at(v, i - 1, &acr) || !acronym_like(&acr)) return false;
    size_t end = i + 1;
    while (end - i <= MAX_LONG_WORDS && token_at(v, end, &t) && long_form_word(&t)) end++;
    if (!token_at(v, end, &t) || !text_is(&t, ")")) return false;
    long first = long_form(v, &acr, i + 1, end, true);
    *d = (definition){i - 1, (size_t)first, end};
    return first >= 0;
}

/* The token that starts at byte 'pos', found by halves: few tokens are ever read. */
static bool token_starting_at(const doc_view *v, size_t pos, size_t *index) {
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        entrel_token t;
        if (!token_at(v, mid, &t)) return false;
        if (t.start == pos) return *index = mid, true;
        if (t.start < pos) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* Each "(" of the text, found in the bytes, then as a token. */
static int each_definition(const doc_view *v, definition_fn fn) {
    size_t len;
    const char *text = v->host->text(v->doc, &len), *p = text;
    while ((p = memchr(p, '(', len - (size_t)(p - text))) != NULL) {
        size_t i;
        definition d;
        bool paren = token_starting_at(v, (size_t)(p - text), &i);
        p++;
        if (!paren || (!long_then_short(v, i, &d) && !short_then_long(v, i, &d))) continue;
        int rc = fn(v, &d);
        if (rc != ENTREL_E_OK) return rc;
    }
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ annotations */

static void span_of(const doc_view *v, size_t first, size_t end, size_t *start, size_t *stop) {
    entrel_token a, b;
    token_at(v, first, &a);
    token_at(v, end - 1, &b);
    *start = a.start;
    *stop = b.end;
}

/* The type of the entity (a gazetteer's, say) that spans [start, stop) exactly, or NULL. */
static const char *known_type(const doc_view *v, size_t start, size_t stop) {
    size_t n = v->host->entity_count(v->doc);
    for (size_t i = 0; i < n; i++) {
        entrel_plugin_entity_view e;
        if (v->host->entity(v->doc, i, &e) == ENTREL_E_OK && e.start == start && e.end == stop)
            return e.type;
    }
    return NULL;
}

/*
** The two entities, unless a list already knows them (it has their
** canonical names and ids): of the long form's type if it is known, else
** of the acronym's, else LAW for a law's key word, else ORG.
*/
static int add_entities(const doc_view *v, const definition *d) {
    size_t ls, le, as, ae;
    span_of(v, d->long_first, d->long_end, &ls, &le);
    span_of(v, d->acr, d->acr + 1, &as, &ae);
    const char *long_type = known_type(v, ls, le), *acr_type = known_type(v, as, ae);
    entrel_token t;
    const char *type = long_type ? long_type : acr_type ? acr_type
                       : token_at(v, d->long_first, &t) && in_list(law_heads, t.fold) ? "LAW" : "ORG";
    entrel_plugin_entity long_form = {.start = ls, .end = le, .type = type, .priority = 4};
    entrel_plugin_entity acr = {.start = as, .end = ae, .type = type, .priority = 4,
                                .features = "acronym=yes"};
    int rc = long_type ? ENTREL_E_OK : v->host->add_entity(v->doc, &long_form);
    return rc == ENTREL_E_OK && !acr_type ? v->host->add_entity(v->doc, &acr) : rc;
}

static int add_alias(const doc_view *v, const definition *d) {
    entrel_plugin_relation r = {.type = "alias_of"};
    span_of(v, d->acr, d->acr + 1, &r.head_start, &r.head_end);
    span_of(v, d->long_first, d->long_end, &r.tail_start, &r.tail_end);
    return v->host->add_relation(v->doc, &r);
}

/* ------------------------------------------------------------ plugin */

/* The state is the host (entrel_plugin_keep_host). */
static doc_view view_of(const entrel_plugin_host *host, entrel_doc *doc) {
    return (doc_view){host, doc, host->token_count(doc)};
}

static int entities(void *state, entrel_doc *doc) {
    doc_view v = view_of(state, doc);
    return each_definition(&v, add_entities);
}

static int relations(void *state, entrel_doc *doc) {
    doc_view v = view_of(state, doc);
    return each_definition(&v, add_alias);
}

static const entrel_plugin descriptor = {ENTREL_PLUGIN_ABI_VERSION, "acronyms", "1.0",
                                         entrel_plugin_keep_host, entities, relations, NULL};

ENTREL_PLUGIN_EXPORT const entrel_plugin *entrel_plugin_entry(void);
/* Besides those its names already have, for check-rules. */
ENTREL_PLUGIN_EXPORT extern const char *const entrel_plugin_types[];
ENTREL_PLUGIN_EXPORT const char *const entrel_plugin_types[] = {"ORG", "LAW", NULL};
ENTREL_PLUGIN_EXPORT const entrel_plugin *entrel_plugin_entry(void) { return &descriptor; }
