/*
** tokenize.c: cut text into tokens.  UAX #29 word segments are the base
** (segment.c's fast path, or libunistring's u8_wordbreaks for runs it
** does not handle); then words are split where French elision,
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
    *t = (tok){.start = (uint32_t)start, .end = (uint32_t)end, .kind = (uint8_t)kind,
               .flags = (uint16_t)(flags | tz->pending)};
    tz->pending = 0;
    tz->newlines = 0;
    return ENTREL_E_OK;
}

/* ------------------------------------------------------------ kinds */

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
            si->letter |= (unsigned)((uc | 0x20) - 'a') < 26;
            si->digit |= (unsigned)(uc - '0') < 10;
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
** The case of a character: 'U' upper, 'L' lower, 'M' a combining mark,
** 0 anything else.  ASCII and Latin-1, most of French and English, are
** answered without a table look-up.
*/
static int letter_case(uint32_t uc) {
    if (uc < 0x80) return uc - 'A' < 26 ? 'U' : uc - 'a' < 26 ? 'L' : 0;
    if (uc < 0x100) {
        if (uc >= 0xC0 && uc <= 0xDE && uc != 0xD7) return 'U';
        if ((uc >= 0xDF && uc != 0xF7) || uc == 0xB5) return 'L';
        return 0;
    }
    if (uc_is_general_category(uc, UC_CATEGORY_Lu)) return 'U';
    if (uc_is_general_category(uc, UC_CATEGORY_Ll)) return 'L';
    return uc_is_general_category(uc, UC_CATEGORY_M) ? 'M' : 0;
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
        int c = letter_case(uc);
        if (c == 'U' && lower_run >= 2 && i + len < b) {
            uint32_t next;
            text_decode(s + i + len, b - i - len, &next);
            if (letter_case(next) == 'L') return i;
        }
        if (c == 'L') lower_run++;
        else if (c != 'M') lower_run = 0;
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

/*
** A segment found by the fast path, pushed by what the scan learned of
** it: most words go straight in; words with an apostrophe may lose an
** elision or a clitic; words with a camel hump (or letters whose case the
** scan left unchecked) go through the hump splitter; the rest is
** punctuation and symbols.
*/
static int push_fast_segment(tokenizer *tz, size_t a, const seg_scan *sc) {
    size_t b = sc->end;
    if (sc->letter) {
        if (sc->apostrophe) return push_word_segment(tz, a, b);
        if (sc->hump || sc->maybe_hump) return push_word(tz, a, b, 0);
        return tz_push(tz, a, b, ENTREL_TOK_WORD, 0);
    }
    if (sc->digit) return tz_push(tz, a, b, ENTREL_TOK_NUMBER, 0);
    return push_segment(tz, a, b);
}

/* ------------------------------------------------------------ runs */

/*
** Segment s[a..b), a stretch without white space: by the fast path when
** all its characters have simple classes, else by u8_wordbreaks.
*/
static int segment_piece(tokenizer *tz, size_t a, size_t b, bool simple) {
    if (simple) {
        while (a < b) {
            seg_scan sc;
            seg_fast(tz->s, a, b, &sc);
            int rc = push_fast_segment(tz, a, &sc);
            if (rc) return rc;
            a = sc.end;
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
static int segment_run(tokenizer *tz, size_t a, size_t b, bool simple,
                       bool maybe_special) {
    while (maybe_special && a < b) {
        special sp;
        if (!find_special(tz->s, a, b, &sp)) break;
        int rc = sp.start > a ? segment_piece(tz, a, sp.start, simple) : 0;
        if (rc) return rc;
        rc = tz_push(tz, sp.start, sp.end, sp.kind, 0);
        if (rc) return rc;
        a = sp.end;
    }
    return a < b ? segment_piece(tz, a, b, simple) : ENTREL_E_OK;
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

/* ASCII white space, for the scan's quick test. */
static const uint8_t ascii_space[128] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
};

static bool is_space_at(const uint8_t *s, size_t i, size_t n) {
    if (s[i] < 0x80) return ascii_space[s[i]];
    uint32_t uc;
    text_decode(s + i, n - i, &uc);
    return text_is_space(uc);
}

/* The end of the run of non-space text that holds s[i]. */
static size_t run_end(const uint8_t *s, size_t i, size_t n) {
    while (i < n && !is_space_at(s, i, n)) i++;
    return i;
}

/* Whether all characters of s[a..b) have classes the fast path handles. */
static bool run_is_simple(const uint8_t *s, size_t a, size_t b) {
    for (size_t i = a; i < b;) {
        uint32_t uc;
        i += (size_t)text_decode(s + i, b - i, &uc);
        if (uc >= 0x80 && seg_class(uc) == FC_COMPLEX) return false;
    }
    return true;
}

/* A segment that may start a URL or an e-mail address: @, :// or www. */
static bool may_start_special(const uint8_t *s, size_t a, size_t n) {
    switch (s[a]) {
    case '@': return true;
    case ':': return a + 2 < n && s[a + 1] == '/' && s[a + 2] == '/';
    case 'w': case 'W':
        return a + 4 < n && (s[a + 1] | 0x20) == 'w' && (s[a + 2] | 0x20) == 'w' &&
               s[a + 3] == '.';
    default: return false;
    }
}

/*
** One run of non-space text starting at s[i], in one pass by the fast
** path.  When the run holds a class the fast path does not handle, or
** may hold a URL or an e-mail address, the tokens it made are dropped and
** the whole run is done again by the general path (rare: a few runs per
** document).  '*end' receives the run's end.
*/
static int scan_run(tokenizer *tz, size_t i, size_t *end) {
    const uint8_t *s = tz->s;
    size_t n = tz->n, mark = tz->doc->toks.n, j = i;
    unsigned pending = tz->pending;
    int newlines = tz->newlines;
    while (j < n && !is_space_at(s, j, n)) {
        seg_scan sc;
        seg_fast(s, j, n, &sc);
        if (sc.complex || may_start_special(s, j, n)) {
            tz->doc->toks.n = mark;
            tz->pending = pending;
            tz->newlines = newlines;
            *end = run_end(s, j, n);
            return segment_run(tz, i, *end, run_is_simple(s, i, *end), true);
        }
        int rc = push_fast_segment(tz, j, &sc);
        if (rc) return rc;
        j = sc.end;
    }
    *end = j;
    return ENTREL_E_OK;
}

int tz_scan(tokenizer *tz) {
    const uint8_t *s = tz->s;
    size_t n = tz->n, i = 0;
    while (i < n) {
        if (s[i] == ' ') {
            /* The space between two words, by far the most common. */
            tz->pending |= ENTREL_TF_SPACE;
            i++;
            continue;
        }
        size_t sp = s[i] < 0x80 && !ascii_space[s[i]] ? 0 : skip_space(tz, i);
        if (sp) {
            i += sp;
            continue;
        }
        int rc = scan_run(tz, i, &i);
        if (rc) return rc;
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
    /* about a token per five bytes of news text: room made once, not doubled six times */
    size_t guess = doc->len / 4 + 16;
    if (!vec_grow((void **)&doc->toks.v, &doc->toks.cap, guess < 65536 ? guess : 65536,
                  sizeof *doc->toks.v))
        return ENTREL_E_NOMEM;
    int rc = tz_scan(&tz);
    return rc == ENTREL_E_OK ? tok_refine(doc) : rc;
}
