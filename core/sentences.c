/*
** sentences.c: sentence spans over the tokens.  A sentence ends at . ! ?
** or an ellipsis, together with the closing quotes and brackets after it,
** unless what follows starts in lower case; abbreviations that introduce
** a name (M., Dr.) and initials never end one; a blank line always does,
** and a line break does unless the next line visibly continues.
** See LICENSE for copyright and licence.
*/
#include <unictype.h>

#include "entrel_int.h"
#include "lexicon.h"

static bool text_is(const entrel_doc *doc, const tok *t, const char *lit) {
    size_t n = t->end - t->start;
    for (size_t i = 0; i < n; i++)
        if (lit[i] == '\0' || (uint8_t)lit[i] != doc->clean[t->start + i])
            return false;
    return lit[n] == '\0';
}

/* Punctuation made only of . ! ? and … (U+2026). */
static bool is_terminal(const entrel_doc *doc, const tok *t) {
    if (t->kind != ENTREL_TOK_PUNCT) return false;
    const uint8_t *s = doc->clean + t->start;
    size_t n = t->end - t->start, i = 0;
    while (i < n) {
        if (s[i] == '.' || s[i] == '!' || s[i] == '?') i++;
        else if (i + 3 <= n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0xA6)
            i += 3;
        else return false;
    }
    return true;
}

static bool is_closing(const entrel_doc *doc, const tok *t) {
    static const char *const closers[] = {"»", "”", "\"", "’", "'", ")", "]", "›"};
    if (t->kind != ENTREL_TOK_PUNCT) return false;
    for (size_t k = 0; k < sizeof closers / sizeof *closers; k++)
        if (text_is(doc, t, closers[k])) return true;
    return false;
}

static bool starts_lower(const entrel_doc *doc, const tok *t) {
    uint32_t uc;
    text_decode(doc->clean + t->start, t->end - t->start, &uc);
    return uc < 0x80 ? (uc >= 'a' && uc <= 'z')
                     : uc_is_general_category(uc, UC_CATEGORY_Ll);
}

static bool starts_upper(const entrel_doc *doc, const tok *t) {
    uint32_t uc;
    text_decode(doc->clean + t->start, t->end - t->start, &uc);
    return uc < 0x80 ? (uc >= 'A' && uc <= 'Z')
                     : uc_is_general_category(uc, UC_CATEGORY_Lu);
}

/* An abbreviation with its dot that may close a sentence (etc., U.S.). */
static bool abbrev_may_end(const entrel_doc *doc, const tok *t) {
    const char *s = (const char *)doc->clean + t->start;
    size_t n = t->end - t->start - 1;
    int k = lex_abbrev(doc->lang, s, n);
    if (k) return k == LEX_ABBREV;
    return n >= 3; /* dotted initials such as U.S; a lone initial never */
}

/* "1." opening a line is a list number, not the end of a sentence. */
static bool is_list_number(const tok *t, size_t i) {
    return i >= 1 && t[i - 1].kind == ENTREL_TOK_NUMBER &&
           (i == 1 || (t[i - 1].flags & ENTREL_TF_NEWLINE));
}

/*
** Whether a sentence ends after token i; '*last' receives the last token
** of the sentence (after closing quotes).
*/
static bool ends_after(const entrel_doc *doc, size_t i, size_t *last) {
    const tok *t = doc->toks.v;
    size_t n = doc->toks.n;
    *last = i;
    bool abbrev = (t[i].flags & ENTREL_TF_ABBREV) && abbrev_may_end(doc, &t[i]);
    if (is_terminal(doc, &t[i]) && !is_list_number(t, i)) {
        size_t j = i + 1;
        while (j < n && is_closing(doc, &t[j]) && !(t[j].flags & ENTREL_TF_NEWLINE))
            j++;
        *last = j - 1;
        return j >= n || !starts_lower(doc, &t[j]) ||
               (t[j].flags & ENTREL_TF_PARAGRAPH);
    }
    if (i + 1 >= n) return true;
    const tok *next = &t[i + 1];
    if (next->flags & ENTREL_TF_PARAGRAPH) return true;
    if (abbrev && starts_upper(doc, next)) return true;
    if (next->flags & ENTREL_TF_NEWLINE) return !starts_lower(doc, next);
    return false;
}

int sent_split(entrel_doc *doc) {
    size_t n = doc->toks.n, first = 0;
    tok *t = doc->toks.v;
    for (size_t i = 0; i < n; i++) {
        size_t last;
        if (!ends_after(doc, i, &last)) continue;
        sent *s = VEC_PUSH_SLOT(doc->sents);
        if (s == NULL) return ENTREL_E_NOMEM;
        *s = (sent){t[first].start, t[last].end, (uint32_t)first, (uint32_t)last + 1};
        t[first].flags |= ENTREL_TF_SENT_START;
        first = i = last;
        first++;
    }
    return ENTREL_E_OK;
}
