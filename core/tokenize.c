/*
** tokenize.c: cut text into tokens.  UAX #29 word segments (libunistring's
** u8_wordbreaks) are the base; pure-ASCII stretches take a fast path that
** computes the same segments; then words are split where French elision,
** English clitics and glued camel humps ask for it.  refine.c merges what
** UAX #29 cuts too finely.
** See LICENSE for copyright and licence.
*/
#include <string.h>
#include <unictype.h>
#include <uniwbrk.h>

#include "entrel_int.h"
#include "tokenize.h"

/* ------------------------------------------------------------ pushing */

int tz_push(tokenizer *tz, size_t start, size_t end, int kind, unsigned flags) {
    tok *t = VEC_PUSH_SLOT(tz->doc->toks);
    if (t == NULL) return ENTREL_E_NOMEM;
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->kind = (uint8_t)kind;
    t->flags = (uint16_t)(flags | tz->pending);
    tz->pending = 0;
    tz->newlines = 0;
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ classes */

enum { AC_OTHER, AC_LETTER, AC_DIGIT, AC_UNDER, AC_MIDLETTER, AC_MIDNUMLET,
       AC_MIDNUM };

/* UAX #29 Word_Break classes of ASCII; ' (Single_Quote) acts as MidNumLet. */
static int ascii_class(uint8_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return AC_LETTER;
    if (c >= '0' && c <= '9') return AC_DIGIT;
    switch (c) {
    case '_': return AC_UNDER;
    case ':': return AC_MIDLETTER;
    case '.': case '\'': return AC_MIDNUMLET;
    case ',': case ';': return AC_MIDNUM;
    default: return AC_OTHER;
    }
}

/*
** End of the UAX #29 segment that starts at s[i], for ASCII without white
** space.  In ASCII the rules reduce to: letters, digits and '_' join
** (WB5, WB8-WB10, WB13a/b); one MidLetter or MidNumLet between two letters
** joins (WB6/7); one MidNum or MidNumLet between two digits joins
** (WB11/12); everything else is a segment of one byte (WB999).
*/
size_t tok_ascii_segment_end(const uint8_t *s, size_t i, size_t end) {
    int prev = ascii_class(s[i]);
    if (prev != AC_LETTER && prev != AC_DIGIT && prev != AC_UNDER) return i + 1;
    size_t j = i + 1;
    while (j < end) {
        int k = ascii_class(s[j]);
        if (k == AC_LETTER || k == AC_DIGIT || k == AC_UNDER) {
            prev = k;
            j++;
            continue;
        }
        if (j + 1 >= end) break;
        int next = ascii_class(s[j + 1]);
        bool letters = prev == AC_LETTER && next == AC_LETTER &&
                       (k == AC_MIDLETTER || k == AC_MIDNUMLET);
        bool digits = prev == AC_DIGIT && next == AC_DIGIT &&
                      (k == AC_MIDNUM || k == AC_MIDNUMLET);
        if (!letters && !digits) break;
        j += 2;
    }
    return j;
}

/* What a segment holds, to choose its kind. */
typedef struct seg_info {
    bool letter, digit, bad;
    uint32_t first;
} seg_info;

static void scan_segment(const tokenizer *tz, size_t a, size_t b, seg_info *si) {
    memset(si, 0, sizeof *si);
    const uint8_t *s = tz->s;
    size_t i = a;
    bool first = true;
    while (i < b) {
        uint32_t uc;
        int len = text_decode(s + i, b - i, &uc);
        if (s[i] == TEXT_BAD_BYTE && tz->doc->text[i] != TEXT_BAD_BYTE)
            si->bad = true;
        if (first) si->first = uc;
        first = false;
        if (uc < 0x80) {
            int c = ascii_class((uint8_t)uc);
            si->letter |= c == AC_LETTER;
            si->digit |= c == AC_DIGIT;
        } else if (uc_is_general_category(uc, UC_CATEGORY_L)) {
            si->letter = true;
        } else if (uc_is_general_category(uc, UC_CATEGORY_N)) {
            si->digit = true;
        }
        i += (size_t)len;
    }
}

static int segment_kind(const seg_info *si) {
    if (si->letter) return ENTREL_TOK_WORD;
    if (si->digit) return ENTREL_TOK_NUMBER;
    if (si->first < 0x80 ? ispunct_ascii(si->first)
                         : uc_is_general_category(si->first, UC_CATEGORY_P))
        return ENTREL_TOK_PUNCT;
    return ENTREL_TOK_SYMBOL;
}

/* ------------------------------------------------------------ word splits */

/* Bytes of the apostrophe at s[i]: ' or ’, else 0. */
static size_t apostrophe_at(const uint8_t *s, size_t i, size_t end) {
    if (i < end && s[i] == '\'') return 1;
    if (i + 3 <= end && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99)
        return 3;
    return 0;
}

/*
** Where a glued word should split before a capital: "dânBáo" is two
** words run together by a page's markup.  A hump needs two lower-case
** letters before the capital and one after, so iPhone, McDonald and
** LPBank stay whole.  Returns the split offset, or 0.
*/
static size_t camel_hump(const uint8_t *s, size_t a, size_t b) {
    int lower_run = 0;
    size_t i = a;
    while (i < b) {
        uint32_t uc;
        size_t len = (size_t)text_decode(s + i, b - i, &uc);
        bool up = uc < 0x80 ? (uc >= 'A' && uc <= 'Z')
                            : uc_is_general_category(uc, UC_CATEGORY_Lu);
        bool low = uc < 0x80 ? (uc >= 'a' && uc <= 'z')
                             : uc_is_general_category(uc, UC_CATEGORY_Ll);
        if (up && lower_run >= 2 && i + len < b) {
            uint32_t next;
            text_decode(s + i + len, b - i - len, &next);
            if (next < 0x80 ? (next >= 'a' && next <= 'z')
                            : uc_is_general_category(next, UC_CATEGORY_Ll))
                return i;
        }
        if (low) lower_run++;
        else if (!uc_is_general_category(uc, UC_CATEGORY_M)) lower_run = 0;
        i += len;
    }
    return 0;
}

/* Push a word, split at camel humps. */
static int push_word(tokenizer *tz, size_t a, size_t b, unsigned flags) {
    size_t cut;
    while ((cut = camel_hump(tz->s, a, b)) != 0) {
        int rc = tz_push(tz, a, cut, ENTREL_TOK_WORD, flags);
        if (rc) return rc;
        a = cut;
    }
    return tz_push(tz, a, b, ENTREL_TOK_WORD, flags);
}

/*
** A word segment: split French elided articles off the front ("l’ONUDC"
** is l’ + ONUDC) and English clitics off the end ("don't" is do + n't).
*/
static int push_word_segment(tokenizer *tz, size_t a, size_t b) {
    const uint8_t *s = tz->s;
    for (size_t i = a; i < b; i++) {
        size_t q = apostrophe_at(s, i, b);
        if (q == 0) continue;
        if (i + q >= b || !lex_is_elision(tz->lang, (const char *)s + a, i - a))
            break;
        int rc = tz_push(tz, a, i + q, ENTREL_TOK_WORD, ENTREL_TF_ELISION);
        if (rc) return rc;
        a = i = i + q;
    }
    size_t clitic = lex_clitic_suffix(tz->lang, (const char *)s + a, b - a);
    if (clitic) {
        int rc = push_word(tz, a, b - clitic, 0);
        if (rc) return rc;
        return tz_push(tz, b - clitic, b, ENTREL_TOK_WORD, ENTREL_TF_CLITIC);
    }
    return push_word(tz, a, b, 0);
}

static int push_segment(tokenizer *tz, size_t a, size_t b) {
    seg_info si;
    scan_segment(tz, a, b, &si);
    if (si.bad) return tz_push(tz, a, b, ENTREL_TOK_SYMBOL, ENTREL_TF_INVALID);
    int kind = segment_kind(&si);
    if (kind == ENTREL_TOK_WORD && tz->refine) return push_word_segment(tz, a, b);
    return tz_push(tz, a, b, kind, 0);
}

/* ------------------------------------------------------------ runs */

/* Segment s[a..b), a stretch without white space. */
static int segment_piece(tokenizer *tz, size_t a, size_t b, bool ascii) {
    if (ascii) {
        while (a < b) {
            size_t e = tok_ascii_segment_end(tz->s, a, b);
            int rc = push_segment(tz, a, e);
            if (rc) return rc;
            a = e;
        }
        return ENTREL_E_OK;
    }
    char *brk = doc_scratch(tz->doc, b - a);
    if (brk == NULL) return ENTREL_E_NOMEM;
    u8_wordbreaks(tz->s + a, b - a, brk);
    size_t start = a;
    for (size_t i = a + 1; i <= b; i++) {
        if (i < b && !brk[i - a]) continue;
        int rc = push_segment(tz, start, i);
        if (rc) return rc;
        start = i;
    }
    return ENTREL_E_OK;
}

/* Segment a run, keeping URLs and e-mail addresses whole. */
static int segment_run(tokenizer *tz, size_t a, size_t b, bool ascii,
                       bool maybe_special) {
    while (maybe_special && a < b) {
        special sp;
        if (!find_special(tz->s, a, b, &sp)) break;
        int rc = sp.start > a ? segment_piece(tz, a, sp.start, ascii) : 0;
        if (rc) return rc;
        rc = tz_push(tz, sp.start, sp.end, sp.kind, 0);
        if (rc) return rc;
        a = sp.end;
    }
    return a < b ? segment_piece(tz, a, b, ascii) : ENTREL_E_OK;
}

/* Record white space at s[i]; returns its length, or 0 if not space. */
static size_t skip_space(tokenizer *tz, size_t i) {
    const uint8_t *s = tz->s;
    uint32_t uc;
    size_t len = (size_t)text_decode(s + i, tz->n - i, &uc);
    if (!text_is_space(uc)) return 0;
    tz->pending |= ENTREL_TF_SPACE;
    bool line = uc == '\n' || uc == 0x0B || uc == 0x0C || uc == 0x85 ||
                uc == 0x2028 || uc == 0x2029 ||
                (uc == '\r' && (i + 1 >= tz->n || s[i + 1] != '\n'));
    if (line) {
        tz->pending |= ENTREL_TF_NEWLINE;
        if (++tz->newlines >= 2 || uc == 0x2029) tz->pending |= ENTREL_TF_PARAGRAPH;
    }
    return len;
}

int tz_scan(tokenizer *tz) {
    const uint8_t *s = tz->s;
    size_t n = tz->n, i = 0;
    while (i < n) {
        size_t sp = skip_space(tz, i);
        if (sp) {
            i += sp;
            continue;
        }
        size_t j = i;
        bool ascii = true, trigger = false;
        while (j < n) {
            uint8_t c = s[j];
            if (c < 0x80) {
                if (c == ' ' || (c >= 0x09 && c <= 0x0D)) break;
                trigger |= c == '@' || c == ':' || c == 'w' || c == 'W';
                j++;
                continue;
            }
            uint32_t uc;
            size_t len = (size_t)text_decode(s + j, n - j, &uc);
            if (text_is_space(uc)) break;
            ascii = false;
            j += len;
        }
        int rc = segment_run(tz, i, j, ascii, trigger);
        if (rc) return rc;
        i = j;
    }
    return ENTREL_E_OK;
}

/*
** The pure UAX #29 mode: every segment of the whole text is a token,
** white space included (kind SPACE), with nothing merged or split.
*/
int tok_uax29(entrel_doc *doc) {
    const uint8_t *s = doc->clean;
    size_t n = doc->len;
    if (n == 0) return ENTREL_E_OK;
    char *brk = doc_scratch(doc, n);
    if (brk == NULL) return ENTREL_E_NOMEM;
    u8_wordbreaks(s, n, brk);
    tokenizer tz = {.doc = doc, .s = s, .n = n, .lang = doc->lang};
    size_t start = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && !brk[i]) continue;
        uint32_t uc;
        text_decode(s + start, n - start, &uc);
        int rc = text_is_space(uc) ? tz_push(&tz, start, i, ENTREL_TOK_SPACE, 0)
                                   : push_segment(&tz, start, i);
        if (rc) return rc;
        start = i;
    }
    for (size_t k = 0; k < doc->toks.n; k++) {
        int rc = form_fill(doc, &doc->toks.v[k]);
        if (rc) return rc;
    }
    return ENTREL_E_OK;
}

int tok_document(entrel_doc *doc) {
    tokenizer tz = {.doc = doc, .s = doc->clean, .n = doc->len,
                    .lang = doc->lang, .refine = true};
    int rc = tz_scan(&tz);
    if (rc == ENTREL_E_OK) rc = tok_refine(doc);
    for (size_t k = 0; rc == ENTREL_E_OK && k < doc->toks.n; k++)
        rc = form_fill(doc, &doc->toks.v[k]);
    return rc;
}
