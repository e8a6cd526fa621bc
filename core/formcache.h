/*
** formcache.h: the session's cache of token forms (formcache.c), as
** forms.c uses it.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_FORMCACHE_H
#define ENTREL_FORMCACHE_H

#include "entrel_int.h"

/* What the cache keeps for one surface text. */
typedef struct form_value {
    uint32_t norm, fold, stem, shape;
    uint8_t flags;            /* the case flags: ENTREL_TF_TITLE, _UPPER; FORM_COVER_MORE, FORM_KEY */
    uint8_t gz_starts;        /* as tok.gz_starts */
    uint32_t cover;           /* as tok.cover */
} form_value;

/* In form_value.flags: TOK_COVER_MORE and TOK_KEY, which do not fit a byte. */
#define FORM_COVER_MORE 0x80u
#define FORM_KEY 0x40u

/* Where a look-up stopped, for the add that follows a miss. */
typedef struct form_probe {
    uint64_t key8, hash;
    size_t slot;
    uint16_t meta;            /* 0: the key is too long to cache */
} form_probe;

/*
** Look up the forms of s[0..n), of token kind 'kind' in language 'lang';
** 'readable' bytes may be read from 's' (n or more).  True and '*out'
** filled on a hit; on a miss '*p' says where form_cache_add puts them.
*/
bool form_cache_find(struct form_cache *c, const char *s, size_t n, size_t readable,
                     int kind, int lang, form_value *out, form_probe *p);
int form_cache_add(struct form_cache *c, const form_probe *p, const char *s,
                   size_t n, const form_value *v);

#endif
