/*
** crash.c: a fixture plugin that misbehaves as untrusted code may: it
** crashes (SIGSEGV) on a document holding the word CRASHME and never
** returns on one holding LOOPME.  Other documents pass untouched.
** See LICENSE for copyright and licence.
*/
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "entrel_plugin.h"

/* Whether 'len' bytes of 'text' hold 'word' (the text may hold NUL bytes). */
static int holds(const char *text, size_t len, const char *word) {
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(text + i, word, n) == 0) return 1;
    return 0;
}

static int entities(void *state, entrel_doc *doc) {
    const entrel_plugin_host *host = state;
    size_t len;
    const char *text = host->text(doc, &len);
    if (holds(text, len, "CRASHME")) raise(SIGSEGV);
    while (holds(text, len, "LOOPME")) sleep(1);
    return ENTREL_E_OK;
}

static const entrel_plugin descriptor = {ENTREL_PLUGIN_ABI_VERSION, "crash", "1.0",
                                         entrel_plugin_keep_host, entities, NULL, NULL};

const entrel_plugin *entrel_plugin_entry(void);
const entrel_plugin *entrel_plugin_entry(void) { return &descriptor; }
