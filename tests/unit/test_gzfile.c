/*
** test_gzfile.c: compiled gazetteers: a compiled file finds what its TSV
** finds, and a damaged one is refused with a message that says what is
** wrong, or, when only its body is damaged, never crashes a match.
** See LICENSE for copyright and licence.
*/
#include <unistd.h>

#include "helpers.h"

static const char places[] =
    "Hanoï\tLOC\tHanoi\tQ1858\t\tcountry=VN\n"
    "Hô Chi Minh-Ville\tLOC\tHo Chi Minh City\n"
    "Nice\tLOC\tNice\t\ttitle\n"
    "ONUDC\tORG\tUNODC\t\texact\n"
    "Côte d'Ivoire\tLOC\n"
    "Etats\tX\tnorm test\t\tnorm\n"
    "#@priority 5\n"
    "Hanoi Tower\tFAC\n";

static const char text[] =
    "De HANOI à Ho Chi Minh Ville, l'ONUDC et l'onudc ; il fait nice à Nice. "
    "La Côte d'Ivoire, ETATS, États, Hanoi Tower.";

static entrel_engine *engine_with(const char *path, entrel_error *err) {
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.gazetteers = &path;
    o.gazetteer_count = 1;
    return entrel_engine_new(&o, err);
}

/* Write 'tsv' to a new temporary file named in 'path' (64 bytes). */
static void write_temp(const char *tsv, char *path) {
    snprintf(path, 64, "/tmp/entrel-gzf-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, tsv, strlen(tsv)), (ssize_t)strlen(tsv));
    close(fd);
}

/* Compile the TSV file 'src' into 'egz' (64 bytes), named src.egz. */
static void compile_file(const char *src, char *egz) {
    entrel_engine *e = engine_with(src, NULL);
    assert_non_null(e);
    snprintf(egz, 64, "%s.egz", src);
    assert_int_equal(entrel_engine_write_gazetteer(e, egz, NULL), ENTREL_E_OK);
    entrel_engine_free(e);
}

static void compile(const char *tsv, char *egz) {
    char src[64];
    write_temp(tsv, src);
    compile_file(src, egz);
    unlink(src);
}

/* Entities found with the gazetteer at 'path', as JSON, or NULL on a load error. */
static char *extract(const char *path, entrel_error *err) {
    entrel_engine *e = engine_with(path, err);
    if (e == NULL) return NULL;
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "t", text, strlen(text), &doc), ENTREL_E_OK);
    char *json = entrel_doc_to_json(doc, NULL);
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
    return json;
}

static void test_same_as_tsv(void **state) {
    (void)state;
    char egz[64], tsv[64];
    write_temp(places, tsv);
    compile_file(tsv, egz);
    char *a = extract(tsv, NULL), *b = extract(egz, NULL);
    assert_non_null(a);
    assert_non_null(b);
    /* the source names the TSV file in both */
    char source[80];
    snprintf(source, sizeof source, "\"source\": \"gazetteer:%s\"", strrchr(tsv, '/') + 1);
    assert_non_null(strstr(a, source));
    assert_non_null(strstr(a, "\"kb\": \"Q1858\""));
    assert_non_null(strstr(a, "Hanoi Tower"));
    assert_null(strstr(a, "\"text\": \"onudc\""));
    assert_non_null(strstr(a, "\"text\": \"ONUDC\""));
    assert_string_equal(a, b);
    assert_int_equal(entrel_gazetteer_verify(egz, NULL), ENTREL_E_OK);
    entrel_free(a);
    entrel_free(b);
    unlink(tsv);
    unlink(egz);
}

static long file_size(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

static void poke(const char *path, long at, unsigned char xor) {
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, at, SEEK_SET);
    int c = fgetc(f);
    fseek(f, at, SEEK_SET);
    fputc(c ^ xor, f);
    fclose(f);
}

/* Load 'path' and expect ENTREL_E_CORRUPT with 'msg' in the message. */
static void expect_refused(const char *path, const char *msg) {
    entrel_error err;
    assert_null(extract(path, &err));
    assert_int_equal(err.code, ENTREL_E_CORRUPT);
    assert_string_equal(err.file, path);
    if (strstr(err.message, msg) == NULL) fail_msg("'%s' lacks '%s'", err.message, msg);
}

static void test_damaged_header(void **state) {
    (void)state;
    char egz[64];
    compile(places, egz);
    long n = file_size(egz);
    poke(egz, 0, 0x20);                           /* magic */
    expect_refused(egz, "not a compiled gazetteer");
    poke(egz, 0, 0x20);
    poke(egz, 8, 0x01);                           /* format version */
    expect_refused(egz, "another format version");
    poke(egz, 8, 0x01);
    poke(egz, 40, 0x01);                          /* a size, under the header checksum */
    expect_refused(egz, "header checksum");
    poke(egz, 40, 0x01);
    assert_int_equal(truncate(egz, n - 8), 0);
    expect_refused(egz, "truncated");
    assert_int_equal(truncate(egz, 10), 0);
    expect_refused(egz, "shorter than its header");
    assert_int_equal(entrel_gazetteer_verify(egz, NULL), ENTREL_E_CORRUPT);
    unlink(egz);
}

/*
** Loading does not read the body, so a flipped byte there loads; matching
** must stay within bounds whatever it reads, and verify must notice.
*/
static void test_damaged_body(void **state) {
    (void)state;
    char egz[64], copy[80];
    compile(places, egz);
    long n = file_size(egz);
    snprintf(copy, sizeof copy, "%s-copy.egz", egz);
    srand(7);
    for (int round = 0; round < 300; round++) {
        FILE *in = fopen(egz, "rb"), *out = fopen(copy, "wb");
        int c;
        while ((c = fgetc(in)) != EOF) fputc(c, out);
        fclose(in);
        fclose(out);
        long at = 152 + rand() % (n - 152);
        poke(copy, at, (unsigned char)(1 + rand() % 255));
        entrel_error err;
        assert_int_equal(entrel_gazetteer_verify(copy, &err), ENTREL_E_CORRUPT);
        char *json = extract(copy, &err);
        if (json == NULL) assert_int_equal(err.code, ENTREL_E_CORRUPT);
        entrel_free(json);
    }
    unlink(copy);
    unlink(egz);
}

static void test_write_without_tsv(void **state) {
    (void)state;
    entrel_engine *e = entrel_engine_new(NULL, NULL);
    entrel_error err;
    assert_int_equal(entrel_engine_write_gazetteer(e, "/tmp/entrel-none.egz", &err),
                     ENTREL_E_INVALID_ARG);
    entrel_engine_free(e);
    char egz[64];
    compile(places, egz);
    e = engine_with(egz, NULL);           /* compiled files are not written again */
    assert_int_equal(entrel_engine_write_gazetteer(e, "/tmp/entrel-none.egz", &err),
                     ENTREL_E_INVALID_ARG);
    entrel_engine_free(e);
    unlink(egz);
    char tsv[64];
    write_temp(places, tsv);
    e = engine_with(tsv, NULL);
    assert_int_equal(entrel_engine_write_gazetteer(e, "/nonexistent/dir/x.egz", &err),
                     ENTREL_E_IO);
    assert_string_equal(err.file, "/nonexistent/dir/x.egz");
    entrel_engine_free(e);
    unlink(tsv);
}

/*
** Tokens carry a bit per gazetteer for the first eight; past eight every
** token is tried.  Names in lower case must pass the first-word filter.
*/
static void test_many_gazetteers(void **state) {
    (void)state;
    char paths[10][64];
    const char *list[10];
    for (int k = 0; k < 10; k++) {
        char tsv[128];
        snprintf(tsv, sizeof tsv, "Place%d\tLOC\t\t\ttitle\nbureau central %d\tORG\n", k, k);
        write_temp(tsv, paths[k]);
        if (k > 0) {                /* nine compiled files and one TSV: ten gazetteers */
            char egz[64];
            compile_file(paths[k], egz);
            unlink(paths[k]);
            memcpy(paths[k], egz, sizeof egz);
        }
        list[k] = paths[k];
    }
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    o.gazetteers = list;
    o.gazetteer_count = 10;
    entrel_engine *e = entrel_engine_new(&o, NULL);
    assert_non_null(e);
    entrel_session *s = entrel_session_new(e);
    const char *txt = "de Place0 à Place9, le bureau central 8 et le bureau central 9, "
                      "mais pas place9.";
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "t", txt, strlen(txt), &doc), ENTREL_E_OK);
    assert_int_equal(doc->ents.n, 4);
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
    for (int k = 0; k < 10; k++) unlink(paths[k]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_tsv),
        cmocka_unit_test(test_damaged_header),
        cmocka_unit_test(test_damaged_body),
        cmocka_unit_test(test_write_without_tsv),
        cmocka_unit_test(test_many_gazetteers),
    };
    return cmocka_run_group_tests_name("gzfile", tests, NULL, NULL);
}
