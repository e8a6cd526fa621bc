/*
** forms.c: the interned forms of a token (norm, fold, stem, shape) and
** its case flags.  Case folding, normalization and stemming are costly
** and words repeat, so each session caches the forms by surface text.
** See LICENSE for copyright and licence.
*/
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

#include "entrel_int.h"
#include "formcache.h"
#include "gazetteer.h"

#define SHAPE_MAX 48
#define FORM_BUF 256

/* ------------------------------------------------------------ shape */

/* Shape class of a character: 'X', 'x', 'd', or 0 to copy it as it is. */
static char shape_class(uint32_t uc) {
    if (uc < 0x80) {
        if (uc >= 'A' && uc <= 'Z') return 'X';
        if (uc >= 'a' && uc <= 'z') return 'x';
        if (uc >= '0' && uc <= '9') return 'd';
        return 0;
    }
    if (uc_is_general_category(uc, UC_CATEGORY_Lu) ||
        uc_is_general_category(uc, UC_CATEGORY_Lt))
        return 'X';
    if (uc_is_general_category(uc, UC_CATEGORY_L)) return 'x';
    if (uc_is_general_category(uc, UC_CATEGORY_Nd)) return 'd';
    return 0;
}

/*
** Shape as spaCy writes it (Xxxxx, dd/dd/dddd), with runs of one class
** cut at four and combining marks left out, and the TITLE and UPPER flags
** from the same walk over the letters.
*/
static size_t shape_and_case(const uint8_t *s, size_t n, char *out,
                             unsigned *flags) {
    size_t len = 0, i = 0;
    int run = 0, letters = 0, uppers = 0;
    char last = 0;
    bool first_upper = false;
    while (i < n) {
        uint32_t uc;
        int cl = text_decode(s + i, n - i, &uc);
        char k = shape_class(uc);
        if (k == 'X' || k == 'x') {
            if (letters++ == 0) first_upper = k == 'X';
            uppers += k == 'X';
        }
        if (k == 0 && uc >= 0x80 && uc_is_general_category(uc, UC_CATEGORY_M)) {
            i += (size_t)cl;
            continue;
        }
        run = k && k == last ? run + 1 : 1;
        last = k;
        if (run <= 4) {
            size_t add = k ? 1 : (size_t)cl;
            if (len + add <= SHAPE_MAX) {
                if (k) out[len] = k;
                else memcpy(out + len, s + i, add);
                len += add;
            }
        }
        i += (size_t)cl;
    }
    if (letters && uppers == letters) *flags |= ENTREL_TF_UPPER;
    if (letters && first_upper && uppers == 1) *flags |= ENTREL_TF_TITLE;
    return len;
}

/* ------------------------------------------------------------ forms */

static const char *lang_code(int lang) {
    return lang == ENTREL_LANG_FR ? "fr" : "en";
}

static bool is_ascii(const uint8_t *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x80) return false;
    return true;
}

/*
** Intern 's' into '*id'.  The empty string is id 0 and fine (a lone
** combining mark folds to nothing); any other 0 means out of memory.
*/
static int intern_form(entrel_doc *doc, const void *s, size_t n, uint32_t *id) {
    *id = atoms_intern(&doc->session->atoms, s, n);
    return n == 0 || *id != 0 ? ENTREL_E_OK : ENTREL_E_NOMEM;
}

/* Case-folded NFC, interned.  ASCII only needs lowering. */
static int norm_form(entrel_doc *doc, const uint8_t *s, size_t n, uint32_t *id) {
    uint8_t buf[FORM_BUF];
    if (is_ascii(s, n) && n <= sizeof buf) {
        for (size_t i = 0; i < n; i++)
            buf[i] = (uint8_t)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
        return intern_form(doc, buf, n, id);
    }
    size_t len = sizeof buf;
    uint8_t *r = u8_casefold(s, n, lang_code(doc->lang), UNINORM_NFC, buf, &len);
    if (r == NULL) return ENTREL_E_NOMEM;
    int rc = intern_form(doc, r, len, id);
    if (r != buf) free(r);              /* libunistring's */
    return rc;
}

/* Apostrophe-like characters that fold to ': ’ ‘ ʼ ′. */
static bool is_apostrophe_like(uint32_t uc) {
    return uc == 0x2019 || uc == 0x2018 || uc == 0x02BC || uc == 0x2032;
}

/* Copy 'd' without nonspacing marks, with apostrophe-likes read as '. */
static size_t strip_marks(const uint8_t *d, size_t dlen, uint8_t *kept) {
    size_t klen = 0;
    for (size_t i = 0; i < dlen;) {
        uint32_t uc;
        int cl = text_decode(d + i, dlen - i, &uc);
        if (is_apostrophe_like(uc)) {
            kept[klen++] = '\'';
        } else if (!uc_is_general_category(uc, UC_CATEGORY_Mn)) {
            memcpy(kept + klen, d + i, (size_t)cl);
            klen += (size_t)cl;
        }
        i += (size_t)cl;
    }
    return klen;
}

/*
** norm without combining marks, ’ read as ': decompose, drop the marks,
** recompose (so that Vietnamese "đ", which has no decomposition, stays).
*/
static int fold_form(entrel_doc *doc, uint32_t norm, uint32_t *id) {
    const uint8_t *s = (const uint8_t *)atoms_str(&doc->session->atoms, norm);
    size_t n = atoms_len(&doc->session->atoms, norm);
    *id = norm;
    if (is_ascii(s, n)) return ENTREL_E_OK;
    uint8_t dbuf[FORM_BUF], kbuf[FORM_BUF], cbuf[FORM_BUF];
    size_t dlen = sizeof dbuf, clen = sizeof cbuf;
    uint8_t *d = u8_normalize(UNINORM_NFD, s, n, dbuf, &dlen);
    if (d == NULL) return ENTREL_E_NOMEM;
    uint8_t *kept = dlen <= sizeof kbuf ? kbuf : er_malloc(dlen);
    int rc = ENTREL_E_NOMEM;
    if (kept != NULL) {
        size_t klen = strip_marks(d, dlen, kept);
        uint8_t *c = klen ? u8_normalize(UNINORM_NFC, kept, klen, cbuf, &clen) : cbuf;
        if (c != NULL) rc = intern_form(doc, c, klen ? clen : 0, id);
        if (c != cbuf) free(c);         /* libunistring's */
        if (kept != kbuf) er_free(kept);
    }
    if (d != dbuf) free(d);
    return rc;
}

int form_of_text(entrel_doc *doc, const char *s, size_t n, bool fold, uint32_t *id) {
    int rc = norm_form(doc, (const uint8_t *)s, n, id);
    if (rc == ENTREL_E_OK && fold) rc = fold_form(doc, *id, id);
    return rc;
}

static struct sb_stemmer *stemmer_for(entrel_session *ss, entrel_lang lang) {
    if (ss->stemmers[lang] == NULL)
        ss->stemmers[lang] =
            sb_stemmer_new(lang == ENTREL_LANG_FR ? "french" : "english", NULL);
    return ss->stemmers[lang];
}

static int stem_form(entrel_doc *doc, uint32_t norm, uint32_t *out) {
    struct sb_stemmer *st = stemmer_for(doc->session, doc->lang);
    if (st == NULL) return ENTREL_E_STEMMER;
    const char *s = atoms_str(&doc->session->atoms, norm);
    size_t n = atoms_len(&doc->session->atoms, norm);
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)s, (int)n);
    if (r == NULL) return ENTREL_E_NOMEM;
    return intern_form(doc, r, (size_t)sb_stemmer_length(st), out);
}

/* Compute the forms of a surface text not seen before. */
/* Which one-word names of the engine's cover the token is, and whether a longer one may start there. */
static void cover_forms(entrel_doc *doc, const tok *t, form_value *e) {
    const gazetteer *cover = doc->session->engine->cover;
    if (cover == NULL) return;
    tok probe = *t;
    probe.norm = e->norm;
    probe.fold = e->fold;
    probe.shape = e->shape;
    bool more = false;
    gz_first_word(cover, doc, &probe, &e->cover, &more);
    if (more) e->flags |= FORM_COVER_MORE;
}

static bool is_key(const entrel_engine *e, uint32_t atom) {
    size_t lo = 0, hi = e->nkeys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e->keys[mid] == atom) return true;
        if (e->keys[mid] < atom) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* Whether one of the forms is a key of the engine's rules: asked once a surface. */
static void key_forms(const entrel_doc *doc, form_value *e) {
    const entrel_engine *en = doc->session->engine;
    if (en->nkeys && (is_key(en, e->norm) || is_key(en, e->fold) || is_key(en, e->stem)))
        e->flags |= FORM_KEY;
}

static int compute_forms(entrel_doc *doc, const uint8_t *s, size_t n, int kind,
                         form_value *e) {
    char shape[SHAPE_MAX];
    unsigned flags = 0;
    size_t slen = shape_and_case(s, n, shape, &flags);
    e->flags = (uint8_t)flags;
    int rc = intern_form(doc, shape, slen, &e->shape);
    if (rc || kind == ENTREL_TOK_SPACE) return rc;
    if ((rc = norm_form(doc, s, n, &e->norm)) != ENTREL_E_OK) return rc;
    if ((rc = fold_form(doc, e->norm, &e->fold)) != ENTREL_E_OK) return rc;
    e->gz_starts = gz_start_mask(doc->session->engine, doc_atom_str(doc, e->fold),
                                 shape[0] == 'X');
    if (kind == ENTREL_TOK_WORD) return stem_form(doc, e->norm, &e->stem);
    return ENTREL_E_OK;
}

int form_fill(entrel_doc *doc, tok *t) {
    if (t->flags & ENTREL_TF_INVALID) return ENTREL_E_OK;
    struct form_cache *c = doc->session->forms;
    const char *s = (const char *)doc->clean + t->start;
    size_t n = t->end - t->start;
    form_value v;
    form_probe probe;
    /* The clean text is followed by its NUL: len + 1 readable bytes. */
    if (!form_cache_find(c, s, n, doc->len + 1 - t->start, t->kind, doc->lang, &v,
                         &probe)) {
        v = (form_value){0};
        int rc = compute_forms(doc, (const uint8_t *)s, n, t->kind, &v);
        if (rc == ENTREL_E_OK && t->kind != ENTREL_TOK_SPACE) cover_forms(doc, t, &v);
        if (rc == ENTREL_E_OK && t->kind != ENTREL_TOK_SPACE) key_forms(doc, &v);
        if (rc == ENTREL_E_OK) rc = form_cache_add(c, &probe, s, n, &v);
        if (rc) return rc;
    }
    t->norm = v.norm;
    t->fold = v.fold;
    t->stem = v.stem;
    t->shape = v.shape;
    t->flags |= (uint16_t)((v.flags & ~(FORM_COVER_MORE | FORM_KEY)) |
                           (v.flags & FORM_COVER_MORE ? TOK_COVER_MORE : 0) |
                           (v.flags & FORM_KEY ? TOK_KEY : 0));
    t->gz_starts = v.gz_starts;
    t->cover = v.cover;
    return ENTREL_E_OK;
}
