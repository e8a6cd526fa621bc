/*
** embed.c: entrel inside a C program.  One engine with the French rules,
** one session, one document; its entities and relations read through the
** API, without JSON.  Usage: embed [DATA_DIR [TEXT]], DATA_DIR holding
** fr/ and lexicons/ (the source tree's rules/ by default).
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <string.h>

#include <entrel.h>

int main(int argc, char **argv) {
    char rules[4096];
    const char *data = argc > 1 ? argv[1] : "rules", *paths[] = {rules};
    const char *text = argc > 2 ? argv[2]
                                : "Le ministre Jean Dupont a présidé la séance le 26 mars 2025.";
    snprintf(rules, sizeof rules, "%s/fr", data);
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.rules = paths;
    o.rule_count = 1;
    o.data_dir = data;
    entrel_error err;
    entrel_engine *engine = entrel_engine_new(&o, &err);
    if (engine == NULL) {
        fprintf(stderr, "embed: %s:%d: %s\n", err.file, err.line, err.message);
        return 2;
    }
    entrel_session *session = entrel_session_new(engine);
    entrel_doc *doc = NULL;
    int rc = session ? entrel_session_process(session, "example", text, strlen(text), &doc)
                     : ENTREL_E_NOMEM;
    if (rc != ENTREL_E_OK) fprintf(stderr, "embed: %s\n", entrel_strerror(rc));
    for (size_t i = 0; doc && i < entrel_doc_entity_count(doc); i++) {
        entrel_entity e;
        entrel_doc_entity(doc, i, &e);
        printf("%s\t%.*s\t%s\n", e.type, (int)(e.end - e.start), e.text, e.source);
    }
    for (size_t i = 0; doc && i < entrel_doc_relation_count(doc); i++) {
        entrel_relation r;
        entrel_doc_relation(doc, i, &r);
        printf("%s\t%.*s -> %.*s\t%s\n", r.type, (int)(r.head.end - r.head.start), r.head.text,
               (int)(r.tail.end - r.tail.start), r.tail.text, r.rule);
    }
    entrel_doc_free(doc);
    entrel_session_free(session);
    entrel_engine_free(engine);
    return rc == ENTREL_E_OK ? 0 : 1;
}
