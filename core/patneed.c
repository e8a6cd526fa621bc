/*
** patneed.c: what a sentence must hold for a program to match in it.
** Running every rule over every sentence costs more than the rest of the
** pipeline, yet most rules name a word ("présidé", "Ministry"), a lexicon
** or an entity type that most sentences lack.  So each program gets, when
** compiled, a formula of needs read off its tree: a token needs each of
** its tests, a sequence each of its parts, an alternative one of its
** branches, an optional part nothing.  The caller summarizes a document
** and each sentence once, in bits, and runs a program only where the
** summary meets its formula.  Hashed words collide, so a summary can say
** yes wrongly, but never no wrongly.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "patint.h"

#define WIDE_LOG2 15            /* bits of a word's position: the widest summary */
_Static_assert(PAT_MAX_SUMMARY_WORDS * 64 == 1 << WIDE_LOG2, "positions fit the widest summary");

/*
** Each atom sets two bits, the top bits of two multiplicative hashes
** (atom ids are dense; the top bits of such a hash spread neighbours
** evenly, its middle and low bits do not): a sentence of 40 tokens sets
** about 5% of 4096 bits, so a word it lacks looks present once in 400
** rather than once in 20.  A narrower summary keeps the top bits of a
** position, so one pair of positions serves them all.
*/
static void word_pos(uint32_t atom, uint16_t pos[2]) {
    pos[0] = (uint16_t)((atom * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - WIDE_LOG2));
    pos[1] = (uint16_t)((atom * UINT64_C(0xC2B2AE3D27D4EB4F)) >> (64 - WIDE_LOG2));
}

/* Atom 'atom' into a summary's words; inlined: it runs for every token of every sentence. */
static inline void add_atom(uint64_t *words, unsigned shift, uint32_t atom) {
    if (atom == 0) return;
    uint16_t pos[2];
    word_pos(atom, pos);
    unsigned a = pos[0] >> shift, b = pos[1] >> shift;
    words[a / 64] |= (uint64_t)1 << (a % 64);
    words[b / 64] |= (uint64_t)1 << (b % 64);
}

static bool has_bit(const pat_summary *s, unsigned pos) {
    unsigned b = pos >> s->shift;
    return (s->words[b / 64] >> (b % 64)) & 1;
}

/* need_pos holds each word's two positions side by side; a summary without words meets any. */
static bool has_word(const pat_summary *s, const uint16_t *pos) {
    if (s->words == NULL) return true;
    return has_bit(s, pos[0]) && has_bit(s, pos[1]);
}

static uint64_t bit_of(uint32_t v) { return (uint64_t)1 << (v % 64); }

void pat_summarize_entities(const pat_input *in, size_t first, size_t last, pat_summary *s) {
    s->entities = 0;
    for (size_t i = first; in->entity_type && i < last; i++)
        if (in->entity_type[i]) s->entities |= bit_of(in->entity_type[i]);
}

void pat_summarize(const pat_input *in, size_t first, size_t last, uint64_t *words,
                   size_t nwords, pat_summary *s) {
    pat_summarize_within(in, first, last, words, nwords, s, NULL);
}

void pat_summarize_within(const pat_input *in, size_t first, size_t last, uint64_t *words,
                          size_t nwords, pat_summary *s, pat_summary *outer) {
    s->words = words;
    s->shift = WIDE_LOG2 - 6;
    for (size_t n = nwords; n > 1; n /= 2) s->shift--;
    memset(words, 0, nwords * sizeof *words);
    s->lexicons = 0;
    s->kinds = 0;
    const tok *t = in->doc->toks.v;
    for (size_t i = first; i < last; i++) {
        add_atom(words, s->shift, t[i].norm);
        if (t[i].fold != t[i].norm) add_atom(words, s->shift, t[i].fold);
        if (t[i].stem != t[i].fold) add_atom(words, s->shift, t[i].stem);
        s->kinds |= bit_of(t[i].kind);
        if (in->lexicons) s->lexicons |= in->lexicons[i];
    }
    pat_summarize_entities(in, first, last, s);
    if (outer) {
        outer->kinds |= s->kinds;
        outer->lexicons |= s->lexicons;
        outer->entities |= s->entities;
    }
}

/* A word need's odds: a long word seldom, a short one often. */
static double word_odds(const pat_need *n) {
    double odds = 0.05 * (n->npos - n->common) + 0.5 * n->common;
    return odds < 1.0 ? odds : 1.0;
}

static bool need_met(const pat_program *p, const pat_need *n, const pat_summary *s) {
    switch (n->channel) {
    case NEED_WORDS:
        for (uint32_t k = 0; k < n->npos; k++)
            if (has_word(s, &p->need_pos[n->first + 2 * k])) return true;
        return false;
    case NEED_LEXICON: return (n->mask & s->lexicons) != 0;
    case NEED_ENTITY: return (n->mask & s->entities) != 0;
    default: return (n->mask & s->kinds) != 0;
    }
}

/* The formula at index k, stopping at the first operand that settles it. */
static bool formula_holds(const pat_program *p, const pat_summary *s, uint32_t k) {
    const pat_nf *f = &p->formula[k];
    if (f->op == NF_LEAF) return need_met(p, &p->needs[f->leaf], s);
    bool settles = f->op == NF_OR;
    for (uint32_t i = 0, c = k + 1; i < f->n; i++, c = p->formula[c].end)
        if (formula_holds(p, s, c) == settles) return settles;
    return !settles;
}

bool pat_may_match(const pat_program *p, const pat_summary *s) {
    return p == NULL || p->nformula == 0 || formula_holds(p, s, 0);
}

/* The WORDS need at formula index k when less likely met than *best. */
static void fewer_words(const pat_program *p, uint32_t k, const pat_need **best) {
    const pat_nf *f = &p->formula[k];
    if (f->op != NF_LEAF) return;
    const pat_need *n = &p->needs[f->leaf];
    if (n->channel == NEED_WORDS && n->npos > 0 && (*best == NULL || word_odds(n) < word_odds(*best)))
        *best = n;
}

size_t pat_key_words(const pat_program *p, const uint32_t **atoms) {
    const pat_need *best = NULL;
    if (p == NULL || p->nformula == 0 || p->need_atoms == NULL) return 0;
    if (p->formula[0].op == NF_AND)
        for (uint32_t i = 0, c = 1; i < p->formula[0].n; i++, c = p->formula[c].end)
            fewer_words(p, c, &best);
    else
        fewer_words(p, 0, &best);
    if (best == NULL) return 0;
    *atoms = &p->need_atoms[best->first / 2];
    return best->npos;
}

/*
** Bits of one channel of which the part at k needs one, when it needs
** any: a leaf's own; for an AND, its operand's with the fewest bits; for
** an OR, all its branches' together, if each branch has some.
*/
static bool needed_bits(const pat_program *p, uint32_t k, uint8_t channel, uint64_t *mask) {
    const pat_nf *f = &p->formula[k];
    if (f->op == NF_LEAF) {
        const pat_need *n = &p->needs[f->leaf];
        *mask = n->mask;
        return n->channel == channel && n->mask != 0;
    }
    bool and = f->op == NF_AND, found = false;
    uint64_t all = 0, m;
    for (uint32_t i = 0, c = k + 1; i < f->n; i++, c = p->formula[c].end) {
        bool has = needed_bits(p, c, channel, &m);
        if (!and && !has) return false;
        if (has && (!and || !found || __builtin_popcountll(m) < __builtin_popcountll(all)))
            all = and ? m : all | m;
        found |= has;
    }
    *mask = all;
    return found;
}

int pat_key_mask(const pat_program *p, uint64_t *mask) {
    if (p == NULL || p->nformula == 0) return PAT_KEY_NONE;
    if (needed_bits(p, 0, NEED_LEXICON, mask)) return PAT_KEY_LEXICON;
    if (needed_bits(p, 0, NEED_ENTITY, mask)) return PAT_KEY_ENTITY;
    return PAT_KEY_NONE;
}

/* ------------------------------------------------------------ compiling */

typedef struct need_builder {
    pat_program *p;
    const pat_builder *b;
    VEC(pat_nf) formula;
    VEC(pat_need) needs;
    VEC(uint16_t) pos;
    VEC(uint32_t) atoms;      /* one per word, beside its two positions */
    bool nomem;
} need_builder;

/* A new operator or leaf; its index, or UINT32_MAX when out of memory. */
static uint32_t push_op(need_builder *nb, uint8_t op, uint32_t leaf) {
    pat_nf *f = VEC_PUSH_SLOT(nb->formula);
    if (f == NULL) return nb->nomem = true, UINT32_MAX;
    *f = (pat_nf){.op = op, .end = (uint16_t)nb->formula.n, .leaf = leaf};
    return (uint32_t)nb->formula.n - 1;
}

/* Bytes of a word short enough to be met in most sentences: de, la, of, the, des. */
#define SHORT_WORD 3

/* Text values "Co-organisé" and "co-organisé" have one norm: a word is needed once. */
static bool seen_before(const uint32_t *v, uint32_t k) {
    for (uint32_t j = 0; j < k; j++)
        if (v[j] == v[k]) return true;
    return false;
}

static bool push_word(need_builder *nb, uint32_t atom) {
    uint16_t *pos[2] = {VEC_PUSH_SLOT(nb->pos), VEC_PUSH_SLOT(nb->pos)};
    uint32_t *a = VEC_PUSH_SLOT(nb->atoms);
    if (pos[0] == NULL || pos[1] == NULL || a == NULL) return nb->nomem = true, false;
    *a = atom;
    word_pos(atom, &nb->pos.v[nb->pos.n - 2]);
    return true;
}

/* The leaf one test makes, when it needs something of the sentence. */
static bool test_leaf(need_builder *nb, const pat_test *t) {
    const pat_program *p = nb->p;
    if (t->negate || t->count == 0) return false;
    const uint32_t *v = &p->values[t->first];
    pat_need n = {.channel = NEED_WORDS, .first = (uint32_t)nb->pos.n};
    if (t->field == PF_TEXT) {             /* a text needs one of its norms */
        if (t->hints == 0) return false;
        v = &p->values[t->hints - 1];
    }
    switch (t->field) {
    case PF_TEXT:
    case PF_NORM:
    case PF_FOLD:
    case PF_STEM:
        for (uint32_t k = 0; k < t->count; k++)
            if (v[k] == 0) return false;        /* the empty string: no word to need */
        for (uint32_t k = 0; k < t->count; k++) {
            if (seen_before(v, k)) continue;
            if (!push_word(nb, v[k])) return false;
            n.common += atoms_len(nb->b->atoms, v[k]) <= SHORT_WORD;
        }
        n.npos = (uint16_t)((nb->pos.n - n.first) / 2);
        break;
    case PF_LEXICON: n.channel = NEED_LEXICON, n.mask = v[0]; break;
    case PF_ENTITY:
        n.channel = NEED_ENTITY;
        for (uint32_t k = 0; k < t->count; k++) n.mask |= v[k] == 0 ? ~(uint64_t)0 : bit_of(v[k]);
        break;
    case PF_KIND: n.channel = NEED_KIND, n.mask = bit_of(v[0]); break;
    default: return false;
    }
    if (n.channel != NEED_WORDS && n.mask == 0) return false;
    pat_need *slot = VEC_PUSH_SLOT(nb->needs);
    if (slot == NULL) return nb->nomem = true, false;
    *slot = n;
    return push_op(nb, NF_LEAF, (uint32_t)nb->needs.n - 1) != UINT32_MAX;
}

typedef struct mark {
    size_t formula, needs, pos;
} mark;

static mark mark_here(const need_builder *nb) {
    return (mark){nb->formula.n, nb->needs.n, nb->pos.n};
}

/* Cut what a part emitted when it turns out to need nothing. */
static bool cut_back(need_builder *nb, mark m) {
    nb->formula.n = m.formula;
    nb->needs.n = m.needs;
    nb->pos.n = m.pos;
    nb->atoms.n = m.pos / 2;
    return false;
}

/*
** Close the operator at 'at' over the 'count' operands emitted after it;
** false, with the operator gone, when there was none.
*/
static bool close_op(need_builder *nb, mark at, uint32_t count) {
    if (count == 0 || nb->nomem) return cut_back(nb, at);
    if (count == 1) {                   /* one operand stands for itself: drop the operator */
        pat_nf *v = nb->formula.v;
        size_t n = --nb->formula.n;
        memmove(&v[at.formula], &v[at.formula + 1], (n - at.formula) * sizeof *v);
        for (size_t k = at.formula; k < n; k++) v[k].end--;
        return true;
    }
    pat_nf *f = &nb->formula.v[at.formula];
    f->n = (uint8_t)count;
    f->end = (uint16_t)nb->formula.n;
    return true;
}

/*
** Nearly every sentence has a word: beside another need of its token, a
** kind need costs a test and tells nothing, and it would keep "lexicon A
** or lexicon A" (a title-case or capital word of A) from being one need.
*/
static uint32_t drop_kinds(need_builder *nb, size_t from, uint32_t count) {
    pat_nf *v = nb->formula.v;
    size_t kept = from;
    for (size_t k = from; k < nb->formula.n; k++) {
        if (count > 1 && nb->needs.v[v[k].leaf].channel == NEED_KIND) {
            count--;
            continue;
        }
        v[kept] = v[k];
        v[kept].end = (uint16_t)(kept + 1);
        kept++;
    }
    nb->formula.n = kept;
    return count;
}

static bool token_needs(need_builder *nb, const pb_node *n) {
    mark at = mark_here(nb);
    uint32_t count = 0;
    if (push_op(nb, NF_AND, 0) == UINT32_MAX) return false;
    const pat_test *tests = nb->p->tests;
    for (uint32_t t = n->arg; t != 0 && t <= nb->p->ntests && count < 255; t = tests[t - 1].next)
        count += test_leaf(nb, &tests[t - 1]);
    return close_op(nb, at, drop_kinds(nb, at.formula + 1, count));
}

static bool node_needs(need_builder *nb, uint32_t id);

/* A sequence needs each of its parts that needs something. */
static bool seq_needs(need_builder *nb, const pb_node *n) {
    mark at = mark_here(nb);
    uint32_t count = 0;
    if (push_op(nb, NF_AND, 0) == UINT32_MAX) return false;
    for (uint32_t k = 0; k < n->nkids && count < 255; k++)
        count += node_needs(nb, nb->b->kids.v[n->kids + k]);
    return close_op(nb, at, count);
}

/* An alternative needs one of its branches, so nothing when one needs nothing. */
static bool alt_needs(need_builder *nb, const pb_node *n) {
    mark at = mark_here(nb);
    if (n->nkids > 255 || push_op(nb, NF_OR, 0) == UINT32_MAX) return false;
    for (uint32_t k = 0; k < n->nkids; k++)
        if (!node_needs(nb, nb->b->kids.v[n->kids + k])) return cut_back(nb, at);
    return close_op(nb, at, n->nkids);
}

/*
** Emit the formula of node 'id'; false when the node needs nothing (it
** emitted nothing).  Past the size limit a part counts as needing
** nothing: needing less is always safe.
*/
static bool node_needs(need_builder *nb, uint32_t id) {
    if (id >= nb->b->nodes.n || nb->formula.n >= PAT_MAX_FORMULA - 1) return false;
    const pb_node *n = &nb->b->nodes.v[id];
    switch (n->op) {
    case PN_TOKEN: return token_needs(nb, n);
    case PN_SEQ: return seq_needs(nb, n);
    case PN_ALT: return alt_needs(nb, n);
    case PN_REPEAT: return n->min > 0 && node_needs(nb, n->arg);
    case PN_CAPTURE: return node_needs(nb, n->kids);
    default: return false;
    }
}

/* ------------------------------------------------------------ ordering */

/*
** How likely a part of the formula is to be met by a sentence, roughly:
** a kind nearly always, a word seldom.  Only the order it gives matters.
*/
static double met_odds(const pat_nf *f, const pat_need *needs, uint32_t k) {
    if (f[k].op == NF_LEAF) {
        const pat_need *n = &needs[f[k].leaf];
        switch (n->channel) {
        case NEED_WORDS: return word_odds(n);
        case NEED_LEXICON: return 0.5;
        case NEED_ENTITY: return 0.3;
        default: return 0.9;
        }
    }
    double all = 1.0, none = 1.0;
    for (uint32_t i = 0, c = k + 1; i < f[k].n; i++, c = f[c].end) {
        double q = met_odds(f, needs, c);
        all *= q;
        none *= 1.0 - q;
    }
    return f[k].op == NF_AND ? all : 1.0 - none;
}

typedef struct operand {
    uint32_t at;
    double odds;
} operand;

/* The operands of the operator at k, an operand of the same operator giving its own instead. */
static uint32_t gather(const pat_nf *f, const pat_need *needs, uint32_t k, operand *out,
                       uint32_t n) {
    for (uint32_t i = 0, c = k + 1; i < f[k].n && n < PAT_MAX_FORMULA; i++, c = f[c].end) {
        if (f[c].op == f[k].op) n = gather(f, needs, c, out, n);
        else out[n++] = (operand){c, met_odds(f, needs, c)};
    }
    return n;
}

/*
** Copy the part at k to 'to' from index 'at' on, with each AND asking
** its least likely operand first and each OR its most likely: the first
** answer then settles most sentences.  Returns the index past the copy.
*/
/*
** An OR's leaves that ask one channel of bits ("lexicon A or lexicon A",
** as an alternative of two tests over one lexicon writes it) become one
** leaf asking for any of their bits: one test instead of several, and a
** leaf a caller can key on.
*/
static uint32_t merge_masks(const pat_nf *f, pat_need *needs, operand *ops, uint32_t n) {
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n; i++) {
        const pat_nf *x = &f[ops[i].at];
        uint32_t j = 0;
        if (x->op == NF_LEAF && needs[x->leaf].channel != NEED_WORDS)
            for (; j < kept; j++) {
                const pat_nf *y = &f[ops[j].at];
                if (y->op == NF_LEAF && needs[y->leaf].channel == needs[x->leaf].channel) break;
            }
        if (x->op == NF_LEAF && needs[x->leaf].channel != NEED_WORDS && j < kept)
            needs[f[ops[j].at].leaf].mask |= needs[x->leaf].mask;
        else
            ops[kept++] = ops[i];
    }
    return kept;
}

static uint32_t arrange(const pat_nf *f, pat_need *needs, uint32_t k, pat_nf *to, uint32_t at) {
    to[at] = f[k];
    if (f[k].op == NF_LEAF) return to[at].end = (uint16_t)(at + 1), at + 1;
    operand ops[PAT_MAX_FORMULA];
    uint32_t n = gather(f, needs, k, ops, 0), next = at + 1;
    bool and = f[k].op == NF_AND;
    if (!and) n = merge_masks(f, needs, ops, n);
    if (n == 1) return arrange(f, needs, ops[0].at, to, at);
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t j = i; j > 0 && (and ? ops[j].odds < ops[j - 1].odds
                                           : ops[j].odds > ops[j - 1].odds); j--) {
            operand x = ops[j];
            ops[j] = ops[j - 1];
            ops[j - 1] = x;
        }
    for (uint32_t i = 0; i < n; i++) next = arrange(f, needs, ops[i].at, to, next);
    to[at].n = (uint8_t)n;
    to[at].end = (uint16_t)next;
    return next;
}

static void drop_builder(need_builder *nb) {
    er_free(nb->formula.v);
    er_free(nb->needs.v);
    er_free(nb->pos.v);
    er_free(nb->atoms.v);
}

bool pat_find_needs(pat_program *p, const pat_builder *b, uint32_t left, uint32_t core,
                    uint32_t right) {
    need_builder nb = {.p = p, .b = b};
    mark at = mark_here(&nb);
    uint32_t count = 0;
    if (push_op(&nb, NF_AND, 0) != UINT32_MAX) {
        count += node_needs(&nb, core);
        if (left != UINT32_MAX) count += node_needs(&nb, left);
        if (right != UINT32_MAX) count += node_needs(&nb, right);
    }
    close_op(&nb, at, count);
    if (nb.nomem || nb.formula.n > PAT_MAX_FORMULA) {
        drop_builder(&nb);
        return !nb.nomem;                       /* too large a formula: none, match anywhere */
    }
    p->nformula = (uint32_t)nb.formula.n;
    p->formula = er_malloc(p->nformula * sizeof *p->formula + 1);
    if (p->formula == NULL) {
        drop_builder(&nb);
        return p->nformula = 0, false;
    }
    p->nformula = p->nformula ? arrange(nb.formula.v, nb.needs.v, 0, p->formula, 0) : 0;
    er_free(nb.formula.v);
    p->needs = nb.needs.v;
    p->need_pos = nb.pos.v;
    p->need_atoms = nb.atoms.v;
    return true;
}
