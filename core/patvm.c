/*
** patvm.c: running token patterns.  A Pike VM: the threads of a step are
** a list in priority order, each a program counter and its capture
** slots; a step moves every thread over one token, and a program counter
** is taken at most once per step, so no step costs more than the
** program's size.  Matches are leftmost-longest and do not overlap: the
** first match found fixes the start, threads that started later are
** dropped, and the run goes on while a longer match from that start may
** come.  The next search starts where the match ended, reaching back as
** far as the left context may.
** See LICENSE for copyright and licence.
*/
#include <stdlib.h>
#include <string.h>

#include "patint.h"

#define UNSET UINT32_MAX
#define BEGIN_MASKS 32         /* first token instructions whose masks next_begin keeps */

typedef struct vm_list {
    uint32_t n;
    uint32_t *pc;
    uint32_t *slots;          /* n x nslots */
} vm_list;

typedef struct vm {
    const pat_program *p;
    const pat_input *in;
    vm_list list[2];
    uint32_t *mark;           /* per instruction: the step that took it */
    uint32_t *work, *best;    /* nslots each */
    uint32_t gen, pos, min_core;
    uint32_t first, last;     /* the run's tokens, for edges */
    bool have;
} vm;

/* ------------------------------------------------------------ tests */

static bool has_value(const pat_program *p, const pat_test *t, uint32_t v) {
    if (t->count > 2 && !(t->bloom >> pat_bloom_bit(v) & 1)) return false;
    for (uint32_t k = 0; k < t->count; k++)
        if (p->values[t->first + k] == v) return true;
    return false;
}

/* A token written as value k has value k's norm: an atom compare spares most strncmp calls. */
static bool has_text(const pat_program *p, const pat_test *t, const char *s, size_t n,
                     uint32_t norm) {
    if (t->hints && !(t->bloom >> pat_bloom_bit(norm) & 1)) return false;
    for (uint32_t k = 0; k < t->count; k++) {
        if (t->hints && p->values[t->hints - 1 + k] != norm) continue;
        const char *v = p->text + p->values[t->first + k];
        if (strncmp(v, s, n) == 0 && v[n] == '\0') return true;
    }
    return false;
}

/*
** Always inline: it runs for most tokens of most sentences, and a call
** costs as much as a test (GNU C; gcc and clang both take it).
*/
static inline __attribute__((always_inline)) bool test_holds(const pat_program *p, const pat_test *t,
                              const pat_input *in, size_t i) {
    const tok *k = &in->doc->toks.v[i];
    const char *text = (const char *)in->doc->clean + k->start;
    size_t len = k->end - k->start;
    uint32_t v = t->count ? p->values[t->first] : 0, et;
    bool r;
    switch (t->field) {
    case PF_TEXT: r = has_text(p, t, text, len, k->norm); break;
    case PF_NORM: r = has_value(p, t, k->norm); break;
    case PF_FOLD: r = has_value(p, t, k->fold); break;
    case PF_STEM: r = has_value(p, t, k->stem); break;
    case PF_SHAPE: r = has_value(p, t, k->shape); break;
    case PF_KIND: r = k->kind == v; break;
    case PF_FLAGS: r = (k->flags & v) == v; break;
    case PF_REGEX:
        r = in->md && pat_regex_holds(in->memo, t->re, in->md, in->guard, text, len);
        break;
    case PF_LEXICON: r = in->lexicons && (in->lexicons[i] & v); break;
    case PF_ENTITY:
        et = in->entity_type ? in->entity_type[i] : 0;
        r = et && (has_value(p, t, 0) || has_value(p, t, et));
        break;
    default: r = true;
    }
    return r != (bool)t->negate;
}

/*
** Whether token i has the signature bits that instruction pc's tests ask
** for.  Inlined where the VM asks about a token: most tokens fail here,
** and a call would cost more than the check.
*/
static inline __attribute__((always_inline)) bool sig_allows(const pat_program *p, uint32_t pc,
                                                              const pat_input *in, size_t i) {
    if (in->sig == NULL) return true;
    uint64_t s = in->sig[i];
    const pat_sig *q = &p->sig[pc];
    return (s & q->set) == q->set && (s & q->clear) == 0 &&
           (q->words == 0 || in->words == NULL || (in->words[i] & q->words) != 0);
}

static bool tests_hold(const pat_program *p, uint32_t pc, const pat_input *in, size_t i) {
    for (uint32_t t = p->code[pc].x; t != 0 && t <= p->ntests; t = p->tests[t - 1].next)
        if (!test_holds(p, &p->tests[t - 1], in, i)) return false;
    return true;
}

static inline bool token_holds(const pat_program *p, uint32_t pc, const pat_input *in, size_t i) {
    return sig_allows(p, pc, in, i) && tests_hold(p, pc, in, i);
}

/* ------------------------------------------------------------ threads */

/*
** Capture slots of a thread: most programs have 4 to 10, and a copy of a
** known size is a few moves where a call to memcpy costs more than it.
*/
static inline void copy_slots(uint32_t *dst, const uint32_t *src, unsigned n) {
    switch (n) {
    case 4: memcpy(dst, src, 4 * sizeof *src); break;
    case 6: memcpy(dst, src, 6 * sizeof *src); break;
    case 8: memcpy(dst, src, 8 * sizeof *src); break;
    case 10: memcpy(dst, src, 10 * sizeof *src); break;
    default: memcpy(dst, src, n * sizeof *src);
    }
}

/* A new step: marks of older steps no longer count (and wrap safely). */
static void next_gen(vm *m) {
    if (++m->gen == 0) {
        memset(m->mark, 0, PAT_MAX_INSTS * sizeof *m->mark);
        m->gen = 1;
    }
}

/*
** Follow jumps, splits and saves from 'pc' at the current position and
** queue the threads that wait on a token, or on the match.
*/
static void add_thread(vm *m, vm_list *l, uint32_t pc) {
    if (m->mark[pc] == m->gen) return;
    m->mark[pc] = m->gen;
    const pat_inst *in = &m->p->code[pc];
    switch (in->op) {
    case OP_JMP:
        add_thread(m, l, in->x);
        return;
    case OP_SPLIT:
        add_thread(m, l, in->x);
        add_thread(m, l, in->y);
        return;
    case OP_EDGE:
        if (m->pos == (in->x ? m->last : m->first)) add_thread(m, l, pc + 1);
        return;
    case OP_SAVE: {
        if (in->x == SLOT_CORE && m->pos < m->min_core) return;
        uint32_t old = m->work[in->x];
        m->work[in->x] = m->pos;
        add_thread(m, l, pc + 1);
        m->work[in->x] = old;
        return;
    }
    default:
        l->pc[l->n] = pc;
        copy_slots(&l->slots[(size_t)l->n * m->p->nslots], m->work, m->p->nslots);
        l->n++;
    }
}

/* A thread at MATCH: keep it if it is the leftmost, then the longest. */
static void consider(vm *m, const uint32_t *s) {
    if (m->have && (s[SLOT_WHOLE] > m->best[SLOT_WHOLE] ||
                    (s[SLOT_WHOLE] == m->best[SLOT_WHOLE] &&
                     s[SLOT_CORE + 1] <= m->best[SLOT_CORE + 1])))
        return;
    memcpy(m->best, s, m->p->nslots * sizeof *s);
    m->have = true;
}

/* Move every thread of 'c' over token 'i' into 'n'. */
static void step(vm *m, vm_list *c, vm_list *n, size_t i, size_t last) {
    const pat_program *p = m->p;
    n->n = 0;
    next_gen(m);
    for (uint32_t t = 0; t < c->n; t++) {
        const uint32_t *s = &c->slots[(size_t)t * p->nslots];
        if (m->have && s[SLOT_WHOLE] > m->best[SLOT_WHOLE]) continue;
        const pat_inst *in = &p->code[c->pc[t]];
        if (in->op == OP_MATCH) {
            consider(m, s);
        } else if (i < last && token_holds(p, c->pc[t], m->in, i)) {
            copy_slots(m->work, s, p->nslots);
            m->pos = (uint32_t)i + 1;
            add_thread(m, n, c->pc[t] + 1);
        }
    }
}

/* Whether a match may begin at token i: one of its first tests holds. */
static bool may_begin(const vm *m, size_t i) {
    for (uint32_t k = 0; k < m->p->nfirst; k++)
        if (token_holds(m->p, m->p->first[k], m->in, i)) return true;
    return false;
}

/* The tokens of word w of the planes that first token instruction k's signature allows. */
static uint64_t begin_mask(const vm *m, uint32_t k, size_t w) {
    const pat_sig *q = &m->p->sig[m->p->first[k]];
    const uint64_t *planes = m->in->planes + w;
    size_t stride = m->in->plane_words;
    uint64_t x = UINT64_MAX;
    for (uint64_t b = q->set; b && x; b &= b - 1) x &= planes[(size_t)__builtin_ctzll(b) * stride];
    for (uint64_t b = q->clear; b && x; b &= b - 1) x &= ~planes[(size_t)__builtin_ctzll(b) * stride];
    if (x && q->plane_words) {
        uint64_t one = 0;
        for (uint64_t b = q->plane_words; b; b &= b - 1)
            one |= planes[(64 + (size_t)__builtin_ctzll(b)) * stride];
        x &= one;
    }
    return x;
}

/*
** The first token of word w, from bit 'from' on and before 'last', where
** a first token instruction holds; 'last' when none.  Each instruction's
** own mask says which tokens its tests need be run on.
*/
static size_t begin_in_word(const vm *m, size_t w, unsigned from, size_t last) {
    const pat_program *p = m->p;
    uint64_t mask[BEGIN_MASKS], any = 0;
    uint32_t n = p->nfirst < BEGIN_MASKS ? p->nfirst : BEGIN_MASKS;
    for (uint32_t k = 0; k < n; k++) any |= mask[k] = begin_mask(m, k, w) & (UINT64_MAX << from);
    for (uint32_t k = n; k < p->nfirst; k++) any |= begin_mask(m, k, w) & (UINT64_MAX << from);
    for (; any; any &= any - 1) {
        size_t j = w * 64 + (size_t)__builtin_ctzll(any);
        if (j >= last) return last;
        uint64_t bit = any & -any;
        for (uint32_t k = 0; k < p->nfirst; k++)
            if ((k >= n || (mask[k] & bit)) && token_holds(p, p->first[k], m->in, j)) return j;
    }
    return last;
}

/* The first token from i on where a match may begin, or 'last'. */
static size_t next_begin(const vm *m, size_t i, size_t last) {
    if (m->in->planes == NULL || m->in->sig == NULL || m->in->words == NULL) {
        while (i < last && !may_begin(m, i)) i++;
        return i;
    }
    for (size_t w = i / 64; w * 64 < last; w++) {
        size_t j = begin_in_word(m, w, w == i / 64 ? (unsigned)(i % 64) : 0, last);
        if (j < last) return j;
    }
    return last;
}

/* One search from token 'from': true when it found a match (in m->best). */
static bool search(vm *m, size_t from, size_t last) {
    vm_list *c = &m->list[0], *n = &m->list[1];
    c->n = 0;
    m->have = false;
    next_gen(m);
    for (size_t i = from; i <= last; i++) {
        bool can_begin = true;
        if (c->n == 0 && !m->have)      /* nothing under way: skip what cannot begin */
            i = next_begin(m, i, last);
        else if (!m->have && i < last)  /* a thread started where no first token holds would die at once */
            can_begin = may_begin(m, i);
        if (!m->have && i < last && can_begin) {
            for (unsigned k = 0; k < m->p->nslots; k++) m->work[k] = UNSET;
            m->pos = (uint32_t)i;
            add_thread(m, c, 0);
        }
        if (c->n == 0 && (m->have || i == last)) break;
        step(m, c, n, i, last);
        vm_list *t = c;
        c = n;
        n = t;
    }
    return m->have;
}

/* ------------------------------------------------------------ running */

uint64_t pat_word_bits(const tok *t) {
    return 1ULL << pat_bloom_bit(t->norm) | 1ULL << pat_bloom_bit(t->fold) |
           1ULL << pat_bloom_bit(t->stem);
}

/* Clear the planes of the bits of 'used' only: no run reads the others. */
static void clear_planes(uint64_t *planes, size_t stride, uint64_t used) {
    for (; used; used &= used - 1)
        memset(planes + (size_t)__builtin_ctzll(used) * stride, 0, stride * sizeof *planes);
}

/* Bit b (of 'used') of each of n words of 'bits' into plane b of 'planes', which is cleared first. */
static void turn(const uint64_t *bits, size_t n, uint64_t *planes, uint64_t used) {
    size_t stride = (n + 63) / 64;
    clear_planes(planes, stride, used);
    for (size_t i = 0; i < n; i++)
        for (uint64_t b = bits[i] & used; b; b &= b - 1)
            planes[(size_t)__builtin_ctzll(b) * stride + i / 64] |= 1ULL << (i % 64);
}

void pat_sign(const pat_input *in, size_t n, uint64_t *sig, uint64_t *planes, uint64_t used) {
    for (size_t i = 0; i < n; i++) sig[i] = pat_signature(in, i);
    turn(sig, n, planes, used);
}

/* The entity bit only: set straight, without a loop to mispredict. */
void pat_sign_entities(const pat_input *in, size_t n, uint64_t *sig, uint64_t *planes) {
    const uint64_t bit = 1ULL << PAT_SIG_ENTITY;
    uint64_t *plane = planes + PAT_SIG_ENTITY * ((n + 63) / 64);
    memset(plane, 0, (n + 63) / 64 * sizeof *plane);
    for (size_t i = 0; i < n; i++) {
        bool held = in->entity_type && in->entity_type[i];
        sig[i] = (sig[i] & ~bit) | (held ? bit : 0);
        plane[i / 64] |= (uint64_t)held << (i % 64);
    }
}

void pat_sign_words(const pat_input *in, size_t n, uint64_t *words, uint64_t *planes,
                    uint64_t used) {
    size_t stride = (n + 63) / 64;
    uint64_t *word_planes = planes + 64 * stride;
    clear_planes(word_planes, stride, used);
    for (size_t i = 0; i < n; i++) {
        const tok *t = &in->doc->toks.v[i];
        words[i] = 1ULL << pat_bloom_bit(t->norm) | 1ULL << pat_bloom_bit(t->fold) |
                   1ULL << pat_bloom_bit(t->stem);
        for (uint64_t b = words[i] & used; b; b &= b - 1)   /* most tokens: no bit a rule begins with */
            word_planes[(size_t)__builtin_ctzll(b) * stride + i / 64] |= 1ULL << (i % 64);
    }
}

void pat_plane_bits(const pat_program *p, uint64_t *sig, uint64_t *words) {
    for (uint32_t k = 0; p && k < p->nfirst; k++) {
        const pat_sig *q = &p->sig[p->first[k]];
        *sig |= q->set | q->clear;
        *words |= q->plane_words;
    }
}


/*
** The scratch block: its size and the step counter, then the marks of
** every instruction a program may have, then the lists.  The marks keep
** their place and the counter only grows, so no run has to clear them.
*/
typedef struct vm_scratch {
    size_t size;
    uint32_t gen;
    uint32_t mark[PAT_MAX_INSTS];
} vm_scratch;

static int vm_setup(vm *m, const pat_program *p, void **scratch) {
    size_t per_list = (size_t)p->ninst * (1 + p->nslots);
    size_t need = sizeof(vm_scratch) + (2 * per_list + 2 * p->nslots) * sizeof(uint32_t);
    vm_scratch *block = *scratch;
    if (block == NULL || block->size < need) {
        er_free(block);
        block = er_calloc(1, need);
        *scratch = block;
        if (block == NULL) return ENTREL_E_NOMEM;
        block->size = need;
    }
    uint32_t *u = (uint32_t *)(block + 1);
    for (int k = 0; k < 2; k++) {
        m->list[k].pc = u;
        m->list[k].slots = u + p->ninst;
        u += per_list;
    }
    m->mark = block->mark;
    m->work = u;
    m->best = m->work + p->nslots;
    m->gen = block->gen;
    return ENTREL_E_OK;
}

static void fill_match(const vm *m, pat_match *out) {
    out->start = m->best[SLOT_CORE];
    out->end = m->best[SLOT_CORE + 1];
    for (unsigned k = 0; k < PAT_MAX_CAPTURES; k++) {
        unsigned s = SLOT_CAPS + 2 * k;
        bool set = s + 1 < m->p->nslots && m->best[s] != UNSET && m->best[s + 1] != UNSET;
        out->cap[k][0] = set ? m->best[s] : out->start;
        out->cap[k][1] = set ? m->best[s + 1] : out->start;
    }
}

int pat_run(const pat_program *p, const pat_input *in, size_t first, size_t last,
            void **scratch, pat_match_fn fn, void *ud) {
    if (p == NULL || first >= last) return ENTREL_E_OK;
    vm m = {.p = p, .in = in, .first = (uint32_t)first, .last = (uint32_t)last};
    int rc = vm_setup(&m, p, scratch);
    m.min_core = (uint32_t)first;
    while (rc == ENTREL_E_OK && m.min_core < last) {
        size_t from = m.min_core - first > p->left_max ? m.min_core - p->left_max : first;
        if (!search(&m, from, last)) break;
        pat_match match;
        fill_match(&m, &match);
        rc = fn(&match, ud);
        m.min_core = rc == PAT_RETRY ? match.start + 1 : match.end;
        if (rc == PAT_RETRY) rc = ENTREL_E_OK;
    }
    if (*scratch) ((vm_scratch *)*scratch)->gen = m.gen;
    return rc;
}
