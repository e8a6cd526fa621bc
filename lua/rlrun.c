/*
** rlrun.c: rules over documents.  Each session owns a Lua state that
** holds the rules' actions; the patterns run in C over each sentence, and
** Lua is called only for a match whose rule has an action.  An action
** gets the match as a table and may veto it by returning false; an error
** in an action, or an action over its instruction budget, drops that
** match and is reported on the document, and the other rules go on.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "luarules.h"



int rl_session_open(void *state, entrel_session *s, void **session_state) {
    rl_set *set = state;
    rl_session *rs = er_calloc(1, sizeof *rs);
    if (rs == NULL) return ENTREL_E_NOMEM;
    rs->set = set;
    rs->engine = s->engine;
    rs->lim.max_bytes = set->max_bytes;
    rs->lim.idle_budget = set->budget;
    rs->rule_words = (set->nrules + 63) / 64 + 1;
    rs->L = lx_new(&rs->lim);
    rs->md = pcre2_match_data_create(32, NULL);
    rs->memo = pat_memo_new();
    *session_state = rs;
    if (rs->L == NULL || rs->md == NULL || rs->memo == NULL || rl_regex_open(rs) != ENTREL_E_OK)
        return ENTREL_E_NOMEM;
    rl_open_emit(rs->L, rs, s->engine);
    lua_newtable(rs->L);                  /* actions by rule number */
    rs->actions = luaL_ref(rs->L, LUA_REGISTRYINDEX);
    /* the DSL's functions live as long as the state: so must what they are bound to */
    rs->ld = (rl_loader){.engine = s->engine, .set = set, .L = rs->L, .actions = rs->actions};
    rl_open_dsl(&rs->ld);
    int rc = rl_run_files(&rs->ld, &rs->lim, NULL);
    if (rc == ENTREL_E_OK && rs->ld.declared != set->nrules) rc = ENTREL_E_CONFIG;
    return rc;
}

void rl_session_close(void *session_state) {
    rl_session *rs = session_state;
    if (rs == NULL) return;
    lx_close(rs->L);
    rl_regex_close(rs);
    pcre2_match_data_free(rs->md);
    pat_memo_free(rs->memo);
    er_free(rs->scratch);
    er_free(rs->ent_type);
    er_free(rs->ent_index);
    er_free(rs->lex_bits);
    er_free(rs->sig);
    er_free(rs->planes);
    er_free(rs->words);
    er_free(rs->sums);
    er_free(rs->sum_words);
    er_free(rs->keyed);
    er_free(rs);
}

/* Which entity holds each token, from the document's settled entities. */
static int map_entities(rl_session *rs, const entrel_doc *doc) {
    if (doc->toks.n >= rs->ent_cap) {      /* >=: an empty document still gets arrays */
        size_t cap = doc->toks.n + 64;
        uint32_t *t = er_realloc(rs->ent_type, cap * sizeof *t);
        if (t) rs->ent_type = t;
        uint32_t *x = er_realloc(rs->ent_index, cap * sizeof *x);
        if (x) rs->ent_index = x;
        uint32_t *l = er_realloc(rs->lex_bits, cap * sizeof *l);
        if (l) rs->lex_bits = l;
        uint64_t *g = er_realloc(rs->sig, cap * sizeof *g);
        if (g) rs->sig = g;
        uint64_t *w = er_realloc(rs->words, cap * sizeof *w);
        if (w) rs->words = w;
        uint64_t *pl = er_realloc(rs->planes, 128 * ((cap + 63) / 64) * sizeof *pl);
        if (pl) rs->planes = pl;
        if (!t || !x || !l || !g || !w || !pl) return ENTREL_E_NOMEM;
        rs->ent_cap = cap;
    }
    memset(rs->ent_type, 0, doc->toks.n * sizeof *rs->ent_type);
    memset(rs->ent_index, 0, doc->toks.n * sizeof *rs->ent_index);
    size_t t = 0;
    for (size_t e = 0; e < doc->ents.n; e++) {
        const ann_entity *a = &doc->ents.v[e];
        while (t < doc->toks.n && doc->toks.v[t].end <= a->start) t++;
        for (size_t k = t; k < doc->toks.n && doc->toks.v[k].start < a->end; k++) {
            rs->ent_type[k] = a->type;
            rs->ent_index[k] = (uint32_t)e + 1;
        }
    }
    return ENTREL_E_OK;
}



static void span_of(const pat_match *m, int cap, uint32_t *a, uint32_t *b) {
    *a = cap < 0 ? m->start : m->cap[cap][0];
    *b = cap < 0 ? m->end : m->cap[cap][1];
}

static int on_entity(const pat_match *m, void *ud) {
    rl_hit *h = ud;
    uint32_t a, b;
    span_of(m, h->rule->span, &a, &b);
    rl_verdict v;
    if (b <= a) return ENTREL_E_OK;
    if (!rl_act(h, m, &v)) return PAT_RETRY;
    const tok *t = h->doc->toks.v;
    ann_entity e = {.start = t[a].start, .end = t[b - 1].end, .type = v.type,
                    .canonical = v.canonical, .features = v.features,
                    .source = h->rule->source, .rule = h->rule->where,
                    .priority = h->rule->priority};
    return doc_add_candidate(h->doc, &e);
}

/* A relation argument: the entity that holds the span, or the span itself. */
ann_arg rl_arg_of(const rl_session *rs, const entrel_doc *doc, uint32_t a, uint32_t b) {
    uint32_t e = rs->ent_index[a];
    if (e && rs->ent_index[b - 1] == e) {
        const ann_entity *x = &doc->ents.v[e - 1];
        return (ann_arg){(int32_t)e - 1, x->start, x->end};
    }
    return (ann_arg){-1, doc->toks.v[a].start, doc->toks.v[b - 1].end};
}

static int on_relation(const pat_match *m, void *ud) {
    rl_hit *h = ud;
    uint32_t ha, hb, ta, tb;
    span_of(m, h->rule->head, &ha, &hb);
    span_of(m, h->rule->tail, &ta, &tb);
    rl_verdict v;
    if (hb <= ha || tb <= ta) return ENTREL_E_OK;
    if (!rl_act(h, m, &v)) return PAT_RETRY;
    const tok *t = h->doc->toks.v;
    ann_relation r = {.type = v.type, .rule = h->rule->where,
                      .head = rl_arg_of(h->rs, h->doc, ha, hb), .tail = rl_arg_of(h->rs, h->doc, ta, tb),
                      .ev_start = t[m->start].start, .ev_end = t[m->end - 1].end};
    return doc_add_relation(h->doc, &r);
}

/* A regex match over bytes [s, e): an entity when it falls on token edges. */
static int on_regex(rl_hit *h, size_t s, size_t e) {
    pat_match m;
    memset(&m, 0, sizeof m);
    const rl_rule *r = h->rule;
    ann_entity a = {.start = (uint32_t)s, .end = (uint32_t)e, .type = r->type,
                    .source = r->source, .rule = r->where, .priority = r->priority};
    if (!rl_snap(h->doc, s, e, &m.start, &m.end))
        return doc_add_dropped(h->doc, &a, DROP_UNALIGNED, 0);
    rl_verdict v;
    if (!rl_act(h, &m, &v)) return ENTREL_E_OK;
    a.type = v.type;
    a.canonical = v.canonical;
    a.features = v.features;
    return doc_add_candidate(h->doc, &a);
}

/* Every match of a regex rule, over each sentence or over the document. */
static int run_regex(rl_hit *h) {
    entrel_doc *doc = h->doc;
    const rl_rule *r = h->rule;
    size_t ranges = r->whole_document ? 1 : doc->sents.n;
    int rc = ENTREL_E_OK;
    for (size_t k = 0; rc == ENTREL_E_OK && k < ranges; k++) {
        size_t off = r->whole_document ? 0 : doc->sents.v[k].start;
        size_t to = r->whole_document ? doc->len : doc->sents.v[k].end;
        while (rc == ENTREL_E_OK && off < to) {
            if (pat_regex_match(&h->rs->guard, r->re, doc->clean, to, off, h->rs->md) <= 0) break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(h->rs->md);
            size_t g = (size_t)r->group;
            if (ov[2 * g] != PCRE2_UNSET) rc = on_regex(h, ov[2 * g], ov[2 * g + 1]);
            size_t next = ov[1] > off ? ov[1] : off + 1;
            while (next < to && (doc->clean[next] & 0xC0) == 0x80) next++;
            off = next;
        }
    }
    return rc;
}

/* What the document and each sentence hold, so that rules that need what they lack skip them. */
static int summarize_sentences(rl_session *rs, const entrel_doc *doc, bool entities_only) {
    if (doc->sents.n >= rs->sent_cap) {
        size_t cap = doc->sents.n + 16;
        pat_summary *s = er_realloc(rs->sums, cap * sizeof *s);
        if (s) rs->sums = s;
        uint64_t *w = er_realloc(rs->sum_words, cap * RL_SENTENCE_WORDS * sizeof *w);
        if (w) rs->sum_words = w;
        uint64_t *k = er_realloc(rs->keyed, cap * rs->rule_words * sizeof *k);
        if (k) rs->keyed = k;
        if (s == NULL || w == NULL || k == NULL) return ENTREL_E_NOMEM;
        rs->sent_cap = cap;
    }
    pat_input in = {.doc = doc, .entity_type = rs->ent_type, .lexicons = rs->lex_bits};
    if (entities_only && rs->summed == doc) {
        pat_summarize_entities(&in, 0, doc->toks.n, &rs->doc_sum);
        for (size_t i = 0; i < doc->sents.n; i++) {
            pat_summarize_entities(&in, doc->sents.v[i].first, doc->sents.v[i].last, &rs->sums[i]);
            rl_index_mark_summary(rs->set->index, &rs->sums[i], true, &rs->keyed[i * rs->rule_words]);
        }
        return ENTREL_E_OK;
    }
    rs->summed = doc;
    /*
    ** Rules run over sentences only: the document's summary is theirs
    ** together, without words: the sentences' key words and summaries
    ** skip a rule's sentences as cheaply as the document's words would.
    */
    rs->doc_sum = (pat_summary){0};
    memset(rs->keyed, 0, doc->sents.n * rs->rule_words * sizeof *rs->keyed);
    for (size_t i = 0; i < doc->sents.n; i++) {
        const sent *s = &doc->sents.v[i];
        pat_summarize_within(&in, s->first, s->last, &rs->sum_words[i * RL_SENTENCE_WORDS],
                             RL_SENTENCE_WORDS, &rs->sums[i], &rs->doc_sum);
        rl_index_mark(rs->set->index, doc, s->first, s->last, &rs->keyed[i * rs->rule_words]);
        rl_index_mark_summary(rs->set->index, &rs->sums[i], false, &rs->keyed[i * rs->rule_words]);
    }
    return ENTREL_E_OK;
}

static bool applies(const rl_rule *rule, const entrel_doc *doc) {
    return rule->lang < 0 || rule->lang == (int)doc->lang;
}

/* The rules of one phase; the entity and sentence maps are the phase's. */
static int run_rules(rl_session *rs, entrel_doc *doc, int kind) {
    int rc = ENTREL_E_OK;
    pat_input in = {.doc = doc, .entity_type = rs->ent_type, .lexicons = rs->lex_bits,
                    .md = rs->md, .memo = rs->memo, .guard = &rs->guard, .sig = rs->sig, .words = rs->words, .planes = rs->planes,
                    .plane_words = (doc->toks.n + 63) / 64};
    for (size_t r = 0; rc == ENTREL_E_OK && r < rs->set->nrules; r++) {
        const rl_rule *rule = &rs->set->rules[r];
        bool mine = rule->kind == kind || (kind == RL_ENTITY && rule->kind == RL_REGEX);
        if (!mine || !applies(rule, doc) || !pat_may_match(rule->prog, &rs->doc_sum)) continue;
        rl_hit h = {rs, rule, r, doc};
        if (rule->kind == RL_REGEX) {
            rc = run_regex(&h);
            rl_regex_report(rs, &h);
            continue;
        }
        for (size_t s = 0; rc == ENTREL_E_OK && s < doc->sents.n; s++) {
            const sent *st = &doc->sents.v[s];
            const uint64_t *keyed = &rs->keyed[s * rs->rule_words];
            if (rule->keyed && !(keyed[r / 64] >> (r % 64) & 1)) continue;
            if (!pat_may_match(rule->prog, &rs->sums[s])) continue;
            rc = pat_run(rule->prog, &in, st->first, st->last, &rs->scratch,
                         kind == RL_ENTITY ? on_entity : on_relation, &h);
            rl_regex_report(rs, &h);
        }
    }
    return rc;
}

/* Which lexicons cover each token; relations use the same marks. */
static int mark_lexicons(rl_session *rs, entrel_doc *doc) {
    memset(rs->lex_bits, 0, doc->toks.n * sizeof *rs->lex_bits);
    return rs->set->nlexicons ? gz_cover(rs->set->lexicons, doc, rs->lex_bits) : ENTREL_E_OK;
}

/*
** Which entity holds each token, each token's signature and what each
** sentence holds, for one phase; the relation phase keeps the entity
** phase's lexicon marks, word bits and word summaries, and redoes only
** what the entities changed.
*/
static int map_document(rl_session *rs, entrel_doc *doc, bool entity_phase) {
    int rc = map_entities(rs, doc);
    if (rc == ENTREL_E_OK && entity_phase) rc = mark_lexicons(rs, doc);
    if (rc != ENTREL_E_OK) return rc;
    pat_input in = {.doc = doc, .entity_type = rs->ent_type, .lexicons = rs->lex_bits};
    if (entity_phase) {
        pat_sign(&in, doc->toks.n, rs->sig, rs->planes, rs->set->plane_sig);
        pat_sign_words(&in, doc->toks.n, rs->words, rs->planes, rs->set->plane_words);
    } else {
        pat_sign_entities(&in, doc->toks.n, rs->sig, rs->planes);
    }
    return summarize_sentences(rs, doc, !entity_phase);
}

/* The document's instruction budget covers both phases. */
int rl_entities(void *session_state, entrel_doc *doc) {
    rl_session *rs = session_state;
    lx_arm(&rs->lim, rs->set->budget);
    rs->lim.printed = 0;
    rl_regex_arm(rs, doc);
    int rc = map_document(rs, doc, true);
    return rc ? rc : run_rules(rs, doc, RL_ENTITY);
}

int rl_relations(void *session_state, entrel_doc *doc) {
    rl_session *rs = session_state;
    int rc = map_document(rs, doc, false);
    if (rc == ENTREL_E_OK) rc = run_rules(rs, doc, RL_RELATION);
    for (size_t r = 0; rc == ENTREL_E_OK && r < rs->set->nrules; r++) {
        const rl_rule *rule = &rs->set->rules[r];
        if (rule->kind != RL_HOOK || !applies(rule, doc)) continue;
        rl_hit h = {rs, rule, r, doc};
        rc = rl_hook(&h);
    }
    lx_arm(&rs->lim, 0);
    return rc;
}
