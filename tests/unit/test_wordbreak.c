/*
** test_wordbreak.c: conformance of the pure UAX #29 mode with Unicode's
** WordBreakTest.txt (Debian's unicode-data).  Every line is run through
** entrel_session_process in that mode and its token boundaries are
** compared with the ÷ marks.  Lines that libunistring's older Unicode
** version cannot pass are listed, with the reason, in
** tests/conformance/wordbreak-known-failures.txt; the test fails when the
** failing lines differ from that list in either direction, so a
** regression shows and so does a fix.
** See LICENSE for copyright and licence.
*/
#include <unistr.h>

#include "helpers.h"

#define DEFAULT_TEST_FILE "/usr/share/unicode/auxiliary/WordBreakTest.txt"
#define KNOWN_FILE "tests/conformance/wordbreak-known-failures.txt"
#define MAX_LINES 4096

typedef struct wb_case {
    uint8_t text[256];
    size_t len;
    bool brk[257];            /* break before byte i */
} wb_case;

/* Parse "÷ 0001 × 0308 ÷" into UTF-8 and expected breaks; false if not a case. */
static bool parse_case(const char *line, wb_case *c) {
    memset(c, 0, sizeof *c);
    const char *p = line;
    if (strncmp(p, "÷", 2) != 0) return false;
    while (*p && *p != '#') {
        if (strncmp(p, "÷", 2) == 0) {
            c->brk[c->len] = true;
            p += 2;
        } else if (strncmp(p, "×", 2) == 0) {
            p += 2;
        } else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
            char *end;
            unsigned long uc = strtoul(p, &end, 16);
            int n = u8_uctomb(c->text + c->len, (ucs4_t)uc, (int)(sizeof c->text - c->len));
            if (n <= 0) return false;
            c->len += (size_t)n;
            p = end;
        } else {
            p++;
        }
    }
    return c->len > 0;
}

/* Whether the uax29 tokens of the case break exactly where it says. */
static bool case_passes(entrel_session *s, const wb_case *c) {
    entrel_doc *doc;
    if (entrel_session_process(s, "wb", (const char *)c->text, c->len, &doc) != ENTREL_E_OK)
        return false;
    bool got[257] = {false};
    for (size_t i = 0; i < entrel_doc_token_count(doc); i++) {
        entrel_token t;
        entrel_doc_token(doc, i, &t);
        got[t.start] = got[t.end] = true;
    }
    entrel_doc_free(doc);
    for (size_t i = 1; i < c->len; i++)
        if (got[i] != c->brk[i]) return false;
    return true;
}

/* Line numbers listed in the known-failures file (first field of a line). */
static size_t read_known(int *known, size_t max) {
    FILE *f = fopen(KNOWN_FILE, "r");
    if (f == NULL) fail_msg("cannot open %s", KNOWN_FILE);
    char line[512];
    size_t n = 0;
    while (fgets(line, sizeof line, f) && n < max) {
        int no;
        if (line[0] != '#' && sscanf(line, "%d", &no) == 1) known[n++] = no;
    }
    fclose(f);
    return n;
}

static void test_wordbreak_conformance(void **state) {
    (void)state;
    const char *path = getenv("ENTREL_WORDBREAK_TEST");
    if (path == NULL) path = DEFAULT_TEST_FILE;
    FILE *f = fopen(path, "r");
    if (f == NULL) fail_msg("cannot open %s (Debian package unicode-data)", path);
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.mode = ENTREL_TOKENIZE_UAX29;
    o.lang = ENTREL_LANG_EN;
    entrel_engine *e = entrel_engine_new(&o, NULL);
    entrel_session *s = entrel_session_new(e);
    static int failing[MAX_LINES], known[MAX_LINES];
    size_t nfail = 0, total = 0;
    char line[4096];
    for (int no = 1; fgets(line, sizeof line, f); no++) {
        wb_case c;
        if (!parse_case(line, &c)) continue;
        total++;
        if (!case_passes(s, &c) && nfail < MAX_LINES) failing[nfail++] = no;
    }
    fclose(f);
    entrel_session_free(s);
    entrel_engine_free(e);
    size_t nknown = read_known(known, MAX_LINES);
    printf("# WordBreakTest: %zu of %zu lines pass; %zu fail", total - nfail, total, nfail);
    for (size_t i = 0; i < nfail; i++) printf("%s%d", i ? "," : " (lines ", failing[i]);
    printf("%s\n", nfail ? ")" : "");
    bool same = nfail == nknown;
    for (size_t i = 0; same && i < nfail; i++) same = failing[i] == known[i];
    if (!same) fail_msg("failing lines differ from %s (%zu listed)", KNOWN_FILE, nknown);
    assert_true(total > 1000);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wordbreak_conformance),
    };
    return cmocka_run_group_tests_name("wordbreak", tests, NULL, NULL);
}
