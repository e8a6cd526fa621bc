/*
** gazetteer.h: the gazetteer matcher (gazetteer.c) and its TSV loader
** (gzload.c).  Not API.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_GAZETTEER_H
#define ENTREL_GAZETTEER_H

#include "entrel_int.h"

/* Match policies. */
enum {
    GZ_FOLD = 0,  /* case- and accent-insensitive */
    GZ_NORM,      /* case-insensitive, accent-sensitive */
    GZ_EXACT,     /* as written: OLA, EU, ONU */
    GZ_TITLE      /* fold, but every matched word capitalized: Nice, Orange */
};

/* What an entry says besides its name; strings are engine atoms. */
typedef struct gz_info {
    uint32_t type, canonical, kb, source, features;
    int32_t priority;
    int policy;
} gz_info;

/* One word of a name's path. */
typedef struct gz_form {
    uint32_t fold, norm, exact;
} gz_form;

gazetteer *gz_new(void);
void gz_free(gazetteer *g);
size_t gz_entry_count(const gazetteer *g);
/* Add one path of words for an entry; ENTREL_E_INVALID_ARG past 64 words. */
int gz_add_path(gazetteer *g, const gz_info *info, const gz_form *forms, size_t n);
/* Add every match in the document as a candidate entity. */
int gz_match(const gazetteer *g, entrel_doc *doc);

/* Parse a policy name; -1 when unknown. */
int gz_policy_parse(const char *s, size_t n);

/*
** Load a TSV gazetteer into the engine's gazetteer.  A line that cannot be
** read is reported through the engine's warning hook as file:line and the
** others still load; with 'strict' the first one fails the load.  Fills
** 'err' and returns a negative code when the file cannot be read.
*/
int gz_load_tsv(entrel_engine *engine, entrel_session *loader, const char *path,
                entrel_error *err);

#endif
