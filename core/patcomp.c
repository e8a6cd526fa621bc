/*
** patcomp.c: building token patterns and compiling them to programs for
** the VM of patvm.c, in the manner of Thompson's construction: a token
** test becomes one TOKEN instruction, an alternative or an optional part
** a SPLIT, a loop a SPLIT and a JMP back, a capture two SAVEs.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patint.h"

pat_builder *patb_new(atom_table *atoms) {
    pat_builder *b = er_calloc(1, sizeof *b);
    if (b) b->atoms = atoms;
    return b;
}

void patb_free(pat_builder *b) {
    if (b == NULL) return;
    for (size_t i = 0; i < b->tests.n; i++) pcre2_code_free(b->tests.v[i].re);
    er_free(b->nodes.v);
    er_free(b->kids.v);
    er_free(b->tests.v);
    er_free(b->values.v);
    er_free(b->text.v);
    er_free(b);
}

const char *patb_error(const pat_builder *b) { return b->error; }

static uint32_t fail(pat_builder *b, const char *msg) {
    snprintf(b->error, sizeof b->error, "%s", msg);
    return UINT32_MAX;
}

static uint32_t add_node(pat_builder *b, pb_node n) {
    pb_node *slot = VEC_PUSH_SLOT(b->nodes);
    if (slot == NULL) return fail(b, "out of memory");
    *slot = n;
    return (uint32_t)(b->nodes.n - 1);
}

uint32_t patb_token(pat_builder *b) { return add_node(b, (pb_node){.op = PN_TOKEN}); }

static bool is_token(const pat_builder *b, uint32_t id) {
    return id < b->nodes.n && b->nodes.v[id].op == PN_TOKEN;
}

/* Chain a new test to the front of the token's list. */
static pat_test *new_test(pat_builder *b, uint32_t token, pat_field f, bool negate) {
    if (!is_token(b, token)) return fail(b, "not a token node"), NULL;
    pat_test *t = VEC_PUSH_SLOT(b->tests);
    if (t == NULL) return fail(b, "out of memory"), NULL;
    *t = (pat_test){.field = (uint8_t)f, .negate = negate,
                    .first = (uint32_t)b->values.n, .next = b->nodes.v[token].arg};
    b->nodes.v[token].arg = (uint32_t)b->tests.n;
    return t;
}

static bool push_value(pat_builder *b, uint32_t v) {
    uint32_t *slot = VEC_PUSH_SLOT(b->values);
    if (slot) *slot = v;
    return slot != NULL;
}

/* A TEXT value: an offset into 'text', where the string ends in NUL. */
static bool push_text(pat_builder *b, const char *s) {
    size_t n = strlen(s), at = b->text.n;
    for (size_t i = 0; i <= n; i++) {
        char *c = VEC_PUSH_SLOT(b->text);
        if (c == NULL) return false;
        *c = s[i];
    }
    return push_value(b, (uint32_t)at);
}

static bool push_string(pat_builder *b, pat_field f, const char *s) {
    if (f == PF_TEXT) return push_text(b, s);
    uint32_t atom = atoms_intern(b->atoms, s, strlen(s));
    return (atom || !*s) && push_value(b, atom);
}

int patb_test_strings(pat_builder *b, uint32_t token, pat_field f, bool negate,
                      const char *const *values, size_t n) {
    if (f < PF_TEXT || (f > PF_SHAPE && f != PF_ENTITY) || n == 0)
        return fail(b, "this test wants strings"), ENTREL_E_INVALID_ARG;
    pat_test *t = new_test(b, token, f, negate);
    if (t == NULL) return ENTREL_E_INVALID_ARG;
    t->count = (uint32_t)n;
    for (size_t i = 0; i < n; i++)
        if (!push_string(b, f, values[i])) return fail(b, "out of memory"), ENTREL_E_NOMEM;
    return ENTREL_E_OK;
}

int patb_text_norms(pat_builder *b, uint32_t token, const char *const *norms, size_t n) {
    if (!is_token(b, token) || b->nodes.v[token].arg == 0) return fail(b, "no text test"), ENTREL_E_INVALID_ARG;
    pat_test *t = &b->tests.v[b->nodes.v[token].arg - 1];
    if (t->field != PF_TEXT || t->count != n)
        return fail(b, "norms do not fit the text test"), ENTREL_E_INVALID_ARG;
    t->hints = (uint32_t)b->values.n + 1;
    for (size_t i = 0; i < n; i++)
        if (!push_string(b, PF_NORM, norms[i])) return fail(b, "out of memory"), ENTREL_E_NOMEM;
    return ENTREL_E_OK;
}

int patb_test_number(pat_builder *b, uint32_t token, pat_field f, bool negate,
                     uint32_t value) {
    if (f != PF_KIND && f != PF_FLAGS && f != PF_LEXICON && f != PF_ANY && f != PF_ENTITY)
        return fail(b, "this test wants a number"), ENTREL_E_INVALID_ARG;
    pat_test *t = new_test(b, token, f, negate);
    if (t == NULL) return ENTREL_E_INVALID_ARG;
    t->count = 1;
    return push_value(b, value) ? ENTREL_E_OK : ENTREL_E_NOMEM;
}

int patb_test_regex(pat_builder *b, uint32_t token, bool negate, pcre2_code *code) {
    pat_test *t = new_test(b, token, PF_REGEX, negate);
    if (t == NULL) {
        pcre2_code_free(code);
        return ENTREL_E_INVALID_ARG;
    }
    t->re = code;
    return ENTREL_E_OK;
}

uint32_t patb_group(pat_builder *b, pat_op op, const uint32_t *kids, size_t n) {
    if ((op != PN_SEQ && op != PN_ALT) || n == 0) return fail(b, "empty sequence or choice");
    uint32_t first = (uint32_t)b->kids.n;
    for (size_t i = 0; i < n; i++) {
        if (kids[i] >= b->nodes.n) return fail(b, "no such node");
        uint32_t *slot = VEC_PUSH_SLOT(b->kids);
        if (slot == NULL) return fail(b, "out of memory");
        *slot = kids[i];
    }
    return add_node(b, (pb_node){.op = (uint8_t)op, .kids = first, .nkids = (uint32_t)n});
}

uint32_t patb_repeat(pat_builder *b, uint32_t kid, unsigned min, unsigned max) {
    if (kid >= b->nodes.n) return fail(b, "no such node");
    if (max != PAT_INF && (max < min || max == 0 || max > PAT_MAX_REPEAT))
        return fail(b, "a repeat wants 0 <= min <= max, max at most 64 or unbounded");
    if (min > PAT_MAX_REPEAT) return fail(b, "a repeat's min is at most 64");
    return add_node(b, (pb_node){.op = PN_REPEAT, .min = (uint16_t)min, .max = (uint16_t)max,
                                 .arg = kid});
}

uint32_t patb_edge(pat_builder *b, bool end) {
    return add_node(b, (pb_node){.op = PN_EDGE, .arg = end});
}

uint32_t patb_capture(pat_builder *b, uint32_t kid, unsigned index) {
    if (kid >= b->nodes.n) return fail(b, "no such node");
    if (index >= PAT_MAX_CAPTURES) return fail(b, "at most 16 captures");
    return add_node(b, (pb_node){.op = PN_CAPTURE, .arg = index, .kids = kid});
}

/* ------------------------------------------------------------ lengths */

static unsigned add_len(unsigned a, unsigned b) {
    return a == PAT_INF || b == PAT_INF || a + b >= PAT_INF ? PAT_INF : a + b;
}

/* Fewest and most tokens a node can match; PAT_INF for no bound. */
static void node_len(const pat_builder *b, uint32_t id, unsigned *lo, unsigned *hi) {
    const pb_node *n = &b->nodes.v[id];
    unsigned l, h;
    switch (n->op) {
    case PN_TOKEN:
        *lo = *hi = 1;
        return;
    case PN_EDGE:
        *lo = *hi = 0;
        return;
    case PN_CAPTURE:
        node_len(b, n->kids, lo, hi);
        return;
    case PN_REPEAT:
        node_len(b, n->arg, &l, &h);
        *lo = l * n->min;
        *hi = n->max == PAT_INF || h == PAT_INF ? (h == 0 ? 0 : PAT_INF) : h * n->max;
        return;
    default:
        *lo = n->op == PN_ALT ? PAT_INF : 0;
        *hi = 0;
        for (uint32_t k = 0; k < n->nkids; k++) {
            node_len(b, b->kids.v[n->kids + k], &l, &h);
            *lo = n->op == PN_ALT ? (l < *lo ? l : *lo) : add_len(*lo, l);
            *hi = n->op == PN_ALT ? (h > *hi ? h : *hi) : add_len(*hi, h);
        }
    }
}

/* ------------------------------------------------------------ emitting */

typedef struct emitter {
    const pat_builder *b;
    VEC(pat_inst) code;
    bool full;
} emitter;

static uint32_t emit_inst(emitter *e, uint8_t op, uint32_t x, uint32_t y) {
    if (e->code.n >= PAT_MAX_INSTS) {
        e->full = true;
        return 0;
    }
    pat_inst *i = VEC_PUSH_SLOT(e->code);
    if (i == NULL) {
        e->full = true;
        return 0;
    }
    *i = (pat_inst){op, x, y};
    return (uint32_t)(e->code.n - 1);
}

static uint32_t here(const emitter *e) { return (uint32_t)e->code.n; }

static void emit_node(emitter *e, uint32_t id);

/* a | b | c: SPLIT to each choice in order, each ending with a JMP past the rest. */
static void emit_alt(emitter *e, const pb_node *n) {
    uint32_t jumps[64], nj = 0;
    for (uint32_t k = 0; k < n->nkids && !e->full; k++) {
        uint32_t split = k + 1 < n->nkids ? emit_inst(e, OP_SPLIT, here(e) + 1, 0) : 0;
        emit_node(e, e->b->kids.v[n->kids + k]);
        if (k + 1 == n->nkids || e->full) break;
        uint32_t j = emit_inst(e, OP_JMP, 0, 0);
        if (nj < 64) jumps[nj++] = j;
        else e->full = true;
        if (!e->full) e->code.v[split].y = here(e);
    }
    for (uint32_t k = 0; k < nj && !e->full; k++) e->code.v[jumps[k]].x = here(e);
}

/* x{m,n}: m copies of x, then n - m optional ones, or a loop when unbounded. */
static void emit_repeat(emitter *e, const pb_node *n) {
    for (unsigned k = 0; k < n->min && !e->full; k++) emit_node(e, n->arg);
    if (n->max == PAT_INF) {
        uint32_t loop = emit_inst(e, OP_SPLIT, here(e) + 1, 0);
        emit_node(e, n->arg);
        emit_inst(e, OP_JMP, loop, 0);
        if (!e->full) e->code.v[loop].y = here(e);
        return;
    }
    uint32_t splits[PAT_MAX_REPEAT], ns = 0;
    for (unsigned k = n->min; k < n->max && !e->full; k++) {
        splits[ns++] = emit_inst(e, OP_SPLIT, here(e) + 1, 0);
        emit_node(e, n->arg);
    }
    for (uint32_t k = 0; k < ns && !e->full; k++) e->code.v[splits[k]].y = here(e);
}

static void emit_node(emitter *e, uint32_t id) {
    const pb_node *n = &e->b->nodes.v[id];
    switch (n->op) {
    case PN_TOKEN:
        emit_inst(e, OP_TOKEN, n->arg, 0);
        break;
    case PN_SEQ:
        for (uint32_t k = 0; k < n->nkids && !e->full; k++)
            emit_node(e, e->b->kids.v[n->kids + k]);
        break;
    case PN_ALT:
        emit_alt(e, n);
        break;
    case PN_REPEAT:
        emit_repeat(e, n);
        break;
    case PN_EDGE:
        emit_inst(e, OP_EDGE, n->arg, 0);
        break;
    default:
        emit_inst(e, OP_SAVE, SLOT_CAPS + 2 * n->arg, 0);
        emit_node(e, n->kids);
        emit_inst(e, OP_SAVE, SLOT_CAPS + 2 * n->arg + 1, 0);
    }
}

/* ------------------------------------------------------------ test order */

/* How dear a test is to run: flags first, then atoms, lists, text, regex last. */
static unsigned test_cost(const pat_test *t) {
    switch (t->field) {
    case PF_ANY: case PF_FLAGS: case PF_KIND: return 0;
    case PF_ENTITY: case PF_LEXICON: return 1;
    case PF_NORM: case PF_FOLD: case PF_STEM: case PF_SHAPE: return 2 + t->count / 8;
    case PF_TEXT: return 10 + t->count / 8;
    default: return 100;
    }
}

/*
** A token's tests all have to hold, so running the cheap ones first lets
** most tokens fail before a regex runs.  Rule files give their tests in
** no set order (a Lua table's), so the order is chosen here.
*/
static void order_tests(pat_builder *b, pb_node *n) {
    uint32_t chain[64], count = 0;
    for (uint32_t t = n->arg; t != 0 && count < 64; t = b->tests.v[t - 1].next) chain[count++] = t;
    if (count < 2 || count == 64) return;
    for (uint32_t i = 1; i < count; i++)
        for (uint32_t j = i; j > 0 && test_cost(&b->tests.v[chain[j] - 1]) <
                                         test_cost(&b->tests.v[chain[j - 1] - 1]); j--) {
            uint32_t x = chain[j];
            chain[j] = chain[j - 1];
            chain[j - 1] = x;
        }
    n->arg = chain[0];
    for (uint32_t i = 0; i < count; i++)
        b->tests.v[chain[i] - 1].next = i + 1 < count ? chain[i + 1] : 0;
}

/* ------------------------------------------------------------ compiling */

static const char *check_parts(const pat_builder *b, uint32_t left, uint32_t core,
                               uint32_t right, unsigned *left_max) {
    unsigned lo, hi;
    if (core >= b->nodes.n) return "no pattern";
    node_len(b, core, &lo, &hi);
    if (lo == 0) return "the pattern can match no token at all";
    *left_max = 0;
    if (left != UINT32_MAX) {
        if (left >= b->nodes.n) return "no such left context";
        node_len(b, left, &lo, left_max);
        if (*left_max > PAT_MAX_CONTEXT) return "a left context is at most 16 tokens long";
    }
    if (right != UINT32_MAX) {
        if (right >= b->nodes.n) return "no such right context";
        node_len(b, right, &lo, &hi);
        if (hi > PAT_MAX_CONTEXT) return "a right context is at most 16 tokens long";
    }
    return NULL;
}

/*
** The TOKEN instructions reachable from the start without reading a
** token: a position where none of them holds can start no match, so the
** VM passes over it without starting a thread.
*/
static bool find_first(pat_program *p) {
    uint32_t *stack = er_malloc(p->ninst * sizeof *stack);
    bool *seen = er_calloc(p->ninst, sizeof *seen);
    p->first = er_malloc(p->ninst * sizeof *p->first);
    if (stack == NULL || seen == NULL || p->first == NULL) {
        er_free(stack);
        er_free(seen);
        return false;
    }
    size_t top = 0;
    stack[top++] = 0;
    seen[0] = true;
    while (top) {
        const pat_inst *in = &p->code[stack[--top]];
        uint32_t next[2] = {UINT32_MAX, UINT32_MAX};
        if (in->op == OP_TOKEN || in->op == OP_MATCH) {
            if (in->op == OP_TOKEN) p->first[p->nfirst++] = (uint32_t)(in - p->code);
            continue;
        }
        if (in->op == OP_JMP) next[0] = in->x;   /* EDGE and SAVE fall through below */
        else if (in->op == OP_SPLIT) next[0] = in->x, next[1] = in->y;
        else next[0] = (uint32_t)(in - p->code) + 1;
        for (int k = 0; k < 2; k++)
            if (next[k] < p->ninst && !seen[next[k]]) {
                seen[next[k]] = true;
                stack[top++] = next[k];
            }
    }
    er_free(stack);
    er_free(seen);
    return true;
}

/* ------------------------------------------------------------ quick checks */

/* The bits of a token's signature that one test wants set (or clear, when negated); false: none it can name. */
static bool test_sig_bits(const pat_program *p, const pat_test *t, uint64_t *bits) {
    uint32_t v = t->count ? p->values[t->first] : 0;
    switch (t->field) {
    case PF_KIND: *bits = v < 8 ? 1ULL << v : 0; break;
    case PF_FLAGS: *bits = (uint64_t)(v & 0xFFFFu) << PAT_SIG_FLAGS; break;
    case PF_LEXICON:    /* set: any one of the bits does, so only a single bit can be asked for */
        *bits = t->negate || (v & (v - 1)) == 0 ? (uint64_t)v << PAT_SIG_LEXICONS : 0;
        break;
    case PF_ENTITY: {   /* any entity, or clear when no entity of any type may hold it */
        bool any = false;
        for (uint32_t k = 0; k < t->count; k++) any |= p->values[t->first + k] == 0;
        *bits = !t->negate || any ? 1ULL << PAT_SIG_ENTITY : 0;
        break;
    }
    default: *bits = 0;
    }
    /* a negated flags test fails only when all its bits are set: one bit can be asked clear */
    if (t->negate && t->field == PF_FLAGS && (v & (v - 1)) != 0) *bits = 0;
    return *bits != 0;
}

#define MAX_PLANE_WORDS 16     /* past this many, a word list is left to the token's own check */

static unsigned bits_set(uint64_t x) {
    unsigned n = 0;
    for (; x; x &= x - 1) n++;
    return n;
}

/* A test that only a token with one of its words (norm, fold or stem) passes. */
static bool is_word_test(const pat_test *t) {
    bool words = t->field == PF_NORM || t->field == PF_FOLD || t->field == PF_STEM ||
                 (t->field == PF_TEXT && t->hints);
    return words && !t->negate && t->count > 0;
}

/*
** What each token instruction's tests ask of a signature, and each atom
** test's bloom: both let the VM turn a token down before the tests run,
** and may_begin asks them at every position of every sentence searched.
*/
static bool fill_quick_checks(pat_program *p) {
    for (uint32_t t = 0; t < p->ntests; t++) {
        pat_test *x = &p->tests[t];
        bool atoms = (x->field >= PF_NORM && x->field <= PF_SHAPE) || x->field == PF_ENTITY;
        uint32_t from = atoms ? x->first : x->hints - 1;
        if (!atoms && !(x->field == PF_TEXT && x->hints)) continue;
        for (uint32_t k = 0; k < x->count; k++) x->bloom |= 1ULL << pat_bloom_bit(p->values[from + k]);
    }
    p->sig = er_calloc(p->ninst, sizeof *p->sig);
    if (p->sig == NULL) return false;
    for (uint32_t i = 0; i < p->ninst; i++) {
        if (p->code[i].op != OP_TOKEN) continue;
        for (uint32_t t = p->code[i].x; t != 0 && t <= p->ntests; t = p->tests[t - 1].next) {
            const pat_test *x = &p->tests[t - 1];
            uint64_t bits;
            if (is_word_test(x) && p->sig[i].words == 0) {
                p->sig[i].words = x->bloom;
                p->sig[i].plane_words = bits_set(x->bloom) <= MAX_PLANE_WORDS ? x->bloom : 0;
            }
            if (!test_sig_bits(p, x, &bits)) continue;
            if (x->negate) p->sig[i].clear |= bits;
            else p->sig[i].set |= bits;
        }
    }
    return true;
}

/* The program takes the builder's tests, values and strings. */
static pat_program *take_tables(pat_builder *b, emitter *e, unsigned ncaptures,
                                unsigned left_max) {
    pat_program *p = er_calloc(1, sizeof *p);
    if (p == NULL) return NULL;
    p->code = e->code.v;
    p->ninst = (uint32_t)e->code.n;
    p->tests = b->tests.v;
    p->values = b->values.v;
    p->text = b->text.v;
    p->ntests = (uint32_t)b->tests.n;
    p->nslots = SLOT_CAPS + 2 * ncaptures;
    p->left_max = left_max;
    memset(&b->tests, 0, sizeof b->tests);
    memset(&b->values, 0, sizeof b->values);
    memset(&b->text, 0, sizeof b->text);
    return p;
}

pat_program *pat_compile(pat_builder *b, uint32_t left, uint32_t core, uint32_t right,
                         unsigned ncaptures) {
    unsigned left_max;
    const char *problem = ncaptures > PAT_MAX_CAPTURES ? "at most 16 captures"
                                                       : check_parts(b, left, core, right, &left_max);
    if (problem) return fail(b, problem), NULL;
    for (size_t i = 0; i < b->nodes.n; i++)
        if (b->nodes.v[i].op == PN_TOKEN) order_tests(b, &b->nodes.v[i]);
    emitter e = {.b = b};
    emit_inst(&e, OP_SAVE, SLOT_WHOLE, 0);
    if (left != UINT32_MAX) emit_node(&e, left);
    emit_inst(&e, OP_SAVE, SLOT_CORE, 0);
    emit_node(&e, core);
    emit_inst(&e, OP_SAVE, SLOT_CORE + 1, 0);
    if (right != UINT32_MAX) emit_node(&e, right);
    emit_inst(&e, OP_SAVE, SLOT_WHOLE + 1, 0);
    emit_inst(&e, OP_MATCH, 0, 0);
    pat_program *p = e.full ? NULL : take_tables(b, &e, ncaptures, left_max);
    if (p && (!find_first(p) || !fill_quick_checks(p) ||
              !pat_find_needs(p, b, left, core, right))) {
        pat_free(p);
        return fail(b, "out of memory"), NULL;
    }
    if (p == NULL) {
        er_free(e.code.v);
        return fail(b, e.full ? "pattern too large (over 4096 steps once expanded)"
                              : "out of memory"), NULL;
    }
    return p;
}

void pat_free(pat_program *p) {
    if (p == NULL) return;
    for (uint32_t i = 0; i < p->ntests; i++) pcre2_code_free(p->tests[i].re);
    er_free(p->code);
    er_free(p->tests);
    er_free(p->values);
    er_free(p->text);
    er_free(p->first);
    er_free(p->sig);
    er_free(p->needs);
    er_free(p->need_pos);
    er_free(p->need_atoms);
    er_free(p->formula);
    er_free(p);
}

size_t pat_size(const pat_program *p) { return p ? p->ninst : 0; }
