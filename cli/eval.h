/*
** eval.h: `entrel eval`: scoring (eval.c) and the command (evalcmd.c).
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_EVAL_H
#define ENTREL_EVAL_H

#include <jansson.h>
#include <stdio.h>

#define EV_MAX_TALLIES 64

/* One row of the report: a type, or a group of types. */
typedef struct ev_tally {
    char name[48];
    long tp, fp;              /* predicted items right and wrong */
    long found, gold;         /* gold items found, and all of them */
} ev_tally;

typedef struct ev_report {
    ev_tally tallies[EV_MAX_TALLIES];
    size_t ntallies;
    long docs;
    FILE *notes;              /* misses and spurious items go here, or NULL */
} ev_report;

/* The corpus README's folding; caller frees; NULL when out of memory. */
char *eval_fold(const char *s);
/* Score one document's prediction against its gold annotation. */
void eval_document(ev_report *r, const char *doc, json_t *gold, json_t *pred);
/* `entrel eval ...`; returns the exit status. */
int eval_main(int argc, char **argv);

#endif
