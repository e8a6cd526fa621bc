/*
** refine.c: the second pass of the tokenizer.  UAX #29 cuts "28/03/2025",
** "9 885", "M." and "..." into pieces; this pass joins them back and marks
** hyphen compounds.  It rewrites the token array in place, reading ahead
** of where it writes.
** See LICENSE for copyright and licence.
*/
#include <string.h>
#include <unictype.h>

#include "lexicon.h"
#include "tokenize.h"

typedef struct refiner {
    entrel_doc *doc;
    const uint8_t *s;
    tok *t;                   /* tokens as cut by tokenize.c */
    size_t n;                 /* how many */
} refiner;

static size_t tok_len(const tok *t) { return t->end - t->start; }

static bool adjacent(const tok *a, const tok *b) { return a->end == b->start; }

static bool is_char(const refiner *r, size_t i, char c) {
    return i < r->n && tok_len(&r->t[i]) == 1 && r->s[r->t[i].start] == (uint8_t)c;
}

/* Every byte of token i an ASCII digit, and between lo and hi of them. */
static bool is_digits(const refiner *r, size_t i, size_t lo, size_t hi) {
    if (i >= r->n || r->t[i].kind != ENTREL_TOK_NUMBER) return false;
    size_t len = tok_len(&r->t[i]);
    if (len < lo || len > hi) return false;
    for (size_t k = r->t[i].start; k < r->t[i].end; k++)
        if (r->s[k] < '0' || r->s[k] > '9') return false;
    return true;
}

/* Tokens i .. i+count-1 follow each other with nothing between. */
static bool glued(const refiner *r, size_t i, size_t count) {
    if (i + count > r->n) return false;
    for (size_t k = i + 1; k < i + count; k++)
        if (!adjacent(&r->t[k - 1], &r->t[k])) return false;
    return true;
}

/*
** d/m/y, d-m-y, y-m-d: five glued tokens of digits and one separator
** repeated.  Returns how many tokens the date spans from i, or 0.
*/
static size_t date_at(const refiner *r, size_t i) {
    if (!glued(r, i, 5)) return 0;
    char sep = (char)r->s[r->t[i + 1].start];
    if (sep != '/' && sep != '-' && sep != '.') return 0;
    if (!is_char(r, i + 1, sep) || !is_char(r, i + 3, sep)) return 0;
    bool dmy = is_digits(r, i, 1, 2) && is_digits(r, i + 2, 1, 2) &&
               (is_digits(r, i + 4, 2, 2) || is_digits(r, i + 4, 4, 4));
    bool ymd = sep == '-' && is_digits(r, i, 4, 4) &&
               is_digits(r, i + 2, 1, 2) && is_digits(r, i + 4, 1, 2);
    if (!dmy && !ymd) return 0;
    if (i + 5 < r->n && adjacent(&r->t[i + 4], &r->t[i + 5]) &&
        (r->t[i + 5].kind == ENTREL_TOK_NUMBER || r->t[i + 5].kind == ENTREL_TOK_WORD))
        return 0;
    return 5;
}

/*
** A word glued to the day of a date, as in "dân28/03/2025": the last one
** or two digits of the word start the date.  Returns where they start.
*/
static size_t glued_day(const refiner *r, size_t i) {
    const tok *w = &r->t[i];
    if (w->kind != ENTREL_TOK_WORD || !glued(r, i, 5)) return 0;
    size_t d = w->end;
    while (d > w->start && r->s[d - 1] >= '0' && r->s[d - 1] <= '9') d--;
    if (d == w->start || w->end - d > 2 || r->s[d - 1] < 0x41) return 0;
    char sep = (char)r->s[r->t[i + 1].start];
    if ((sep != '/' && sep != '.') || !is_char(r, i + 1, sep) ||
        !is_char(r, i + 3, sep))
        return 0;
    if (!is_digits(r, i + 2, 1, 2) ||
        !(is_digits(r, i + 4, 2, 2) || is_digits(r, i + 4, 4, 4)))
        return 0;
    return d;
}

/* Bytes of a group separator between numbers: space, NBSP, thin spaces. */
static bool group_gap(const uint8_t *s, size_t a, size_t b) {
    if (b - a == 1) return s[a] == ' ';
    if (b - a == 2) return s[a] == 0xC2 && s[a + 1] == 0xA0;
    /* U+2007 figure space, U+2009 thin space, U+202F narrow no-break space */
    if (b - a == 3)
        return s[a] == 0xE2 && s[a + 1] == 0x80 &&
               (s[a + 2] == 0x87 || s[a + 2] == 0x89 || s[a + 2] == 0xAF);
    return false;
}

/* Token i starts with exactly three digits, then ends or has decimals. */
static bool is_group(const refiner *r, size_t i) {
    if (i >= r->n || r->t[i].kind != ENTREL_TOK_NUMBER) return false;
    const uint8_t *s = r->s;
    size_t a = r->t[i].start, e = r->t[i].end;
    if (e - a < 3) return false;
    for (size_t k = a; k < a + 3; k++)
        if (s[k] < '0' || s[k] > '9') return false;
    if (e - a == 3) return true;
    if (s[a + 3] != ',' && s[a + 3] != '.') return false;
    for (size_t k = a + 4; k < e; k++)
        if (s[k] < '0' || s[k] > '9') return false;
    return e - a > 4;
}

/*
** "9 885", "1 000 000": a number of one to three digits followed by
** groups of three separated by one space of any kind.  Returns the
** number of tokens joined, 1 when there is nothing to join.
*/
static size_t grouped_number(const refiner *r, size_t i) {
    if (!is_digits(r, i, 1, 3)) return 1;
    size_t k = i;
    while (is_group(r, k + 1) &&
           group_gap(r->s, r->t[k].end, r->t[k + 1].start)) {
        k++;
        if (tok_len(&r->t[k]) > 3) break;
    }
    return k - i + 1;
}

/* Token i is a word starting with a capital; '*len' gets that letter's bytes. */
static bool starts_capital(const refiner *r, size_t i, size_t *len) {
    if (i >= r->n || r->t[i].kind != ENTREL_TOK_WORD) return false;
    uint32_t uc;
    *len = (size_t)text_decode(r->s + r->t[i].start, tok_len(&r->t[i]), &uc);
    return uc < 0x80 ? (uc >= 'A' && uc <= 'Z') : uc_is_general_category(uc, UC_CATEGORY_Lu);
}

/* A single capital letter: "J" of "J. Smith". */
static bool is_single_capital(const refiner *r, size_t i) {
    size_t len;
    return starts_capital(r, i, &len) && len == tok_len(&r->t[i]);
}

/* "U.S", "e.g": letters each followed by a dot, the last dot missing. */
static bool is_dotted(const refiner *r, size_t i) {
    const uint8_t *s = r->s;
    size_t a = r->t[i].start, e = r->t[i].end;
    if (e - a < 3) return false;
    for (size_t k = a; k < e; k++) {
        bool letter_slot = (k - a) % 2 == 0;
        bool ok = letter_slot ? ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')
                              : s[k] == '.';
        if (!ok) return false;
    }
    return (e - a) % 2 == 1;
}

/*
** A word glued to a following '.' that belongs to it: listed
** abbreviations, dotted initials, and a capital initial before a name.
*/
static bool abbrev_at(const refiner *r, size_t i) {
    const tok *w = &r->t[i];
    if (w->kind != ENTREL_TOK_WORD || !glued(r, i, 2) || !is_char(r, i + 1, '.'))
        return false;
    if (i + 2 < r->n && is_char(r, i + 2, '.') && adjacent(&r->t[i + 1], &r->t[i + 2]))
        return false;
    if (lex_abbrev(r->doc->lang, (const char *)r->s + w->start, tok_len(w)))
        return true;
    if (is_dotted(r, i)) return true;
    size_t len;
    return is_single_capital(r, i) && starts_capital(r, i + 2, &len);
}

/* Replace tokens i .. i+count-1 by one token spanning them. */
static tok joined(const refiner *r, size_t i, size_t count, int kind,
                  unsigned flags) {
    tok t = r->t[i];
    t.end = r->t[i + count - 1].end;
    t.kind = (uint8_t)kind;
    t.flags = (uint16_t)(t.flags | flags);
    return t;
}

static bool is_hyphen(const refiner *r, size_t i) {
    const tok *t = &r->t[i];
    const uint8_t *s = r->s + t->start;
    if (tok_len(t) == 1) return s[0] == '-';
    return tok_len(t) == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           (s[2] == 0x90 || s[2] == 0x91);
}

static bool is_compound_part(const tok *t) {
    return t->kind == ENTREL_TOK_WORD || t->kind == ENTREL_TOK_NUMBER;
}

/* "co-organisé", "Hô Chi Minh-Ville": mark parts and hyphens. */
static void mark_hyphens(tok *t, size_t n, const refiner *r) {
    for (size_t i = 1; i + 1 < n; i++) {
        if (!is_hyphen(r, i) || !is_compound_part(&t[i - 1]) ||
            !is_compound_part(&t[i + 1]) || !adjacent(&t[i - 1], &t[i]) ||
            !adjacent(&t[i], &t[i + 1]))
            continue;
        t[i - 1].flags |= ENTREL_TF_HYPHEN;
        t[i].flags |= ENTREL_TF_HYPHEN;
        t[i + 1].flags |= ENTREL_TF_HYPHEN;
    }
}

/* A word or number glued to a '.', '/' or '-' that might join it. */
static bool may_join(const refiner *r, size_t i) {
    if (i + 1 >= r->n || !adjacent(&r->t[i], &r->t[i + 1])) return false;
    uint8_t c = r->s[r->t[i + 1].start];
    return c == '.' || c == '/' || c == '-';
}

/*
** One step at r->t[i]: the token(s) it becomes go to 'out' ('*nout' of
** them) and the count of tokens used comes back; 0 means the token stays
** as it is, which is by far the common case.
*/
static size_t refine_step(const refiner *r, size_t i, tok *out, size_t *nout) {
    size_t count, cut;
    const tok *t = &r->t[i];
    *nout = 1;
    if (t->kind == ENTREL_TOK_NUMBER) {
        if (may_join(r, i) && (count = date_at(r, i)) != 0) {
            out[0] = joined(r, i, count, ENTREL_TOK_NUMBER, 0);
            return count;
        }
        if ((count = grouped_number(r, i)) > 1) {
            out[0] = joined(r, i, count, ENTREL_TOK_NUMBER, 0);
            return count;
        }
    } else if (t->kind == ENTREL_TOK_WORD && may_join(r, i)) {
        if ((cut = glued_day(r, i)) != 0) {
            out[0] = *t;
            out[0].end = (uint32_t)cut;
            out[1] = joined(r, i, 5, ENTREL_TOK_NUMBER, 0);
            out[1].start = (uint32_t)cut;
            out[1].flags = 0;
            *nout = 2;
            return 5;
        }
        if (abbrev_at(r, i)) {
            out[0] = joined(r, i, 2, ENTREL_TOK_WORD, ENTREL_TF_ABBREV);
            return 2;
        }
    } else if (t->kind == ENTREL_TOK_PUNCT && is_char(r, i, '.') && may_join(r, i)) {
        count = 1;
        while (is_char(r, i + count, '.') && adjacent(&r->t[i + count - 1], &r->t[i + count]))
            count++;
        out[0] = joined(r, i, count, ENTREL_TOK_PUNCT, 0);
        return count;
    }
    return 0;
}

/*
** The pass writes each final token once, so it also fills its forms then:
** one trip through the token array instead of two, which matters for
** documents of millions of tokens.
*/
int tok_refine(entrel_doc *doc) {
    refiner r = {doc, doc->clean, doc->toks.v, doc->toks.n};
    size_t w = 0, i = 0;
    while (i < r.n) {
        tok out[2];
        size_t nout;
        size_t used = refine_step(&r, i, out, &nout);
        if (used == 0) {
            if (w != i) r.t[w] = r.t[i];
            used = nout = 1;
        } else {
            /* used >= nout always holds, so writing never overtakes reading. */
            memcpy(&r.t[w], out, nout * sizeof *out);
        }
        for (size_t k = 0; k < nout; k++) {
            int rc = form_fill(doc, &r.t[w + k]);
            if (rc) return rc;
        }
        w += nout;
        i += used;
    }
    doc->toks.n = r.n = w;
    mark_hyphens(r.t, w, &r);
    return ENTREL_E_OK;
}
