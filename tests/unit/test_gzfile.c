/*
** test_gzfile.c: compiled gazetteers: a compiled file finds what its TSV
** finds, and a damaged one is refused with a message that says what is
** wrong, or, when only its body is damaged, never crashes a match.
** See LICENSE for copyright and licence.
*/
#include <unistd.h>

#include "helpers.h"
#include "gazetteer.h"
#include "gzformat.h"

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
** A flipped byte in the body may load, when it lies where loading does
** not look (the trie, the root sets, inside a string); matching must stay
** within bounds whatever it reads, and verify must notice.
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

/* A compiled file in memory, to damage and write out again. */
typedef struct image {
    unsigned char *buf;
    size_t len;
    gz_header h;
} image;

static void image_read(const char *path, image *im) {
    im->len = (size_t)file_size(path);
    im->buf = malloc(im->len);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(im->buf, 1, im->len, f), im->len);
    fclose(f);
    memcpy(&im->h, im->buf, sizeof im->h);
}

/* Write 32-bit 'v' at byte 'at' of section 'sec'. */
static void image_set(image *im, int sec, size_t at, uint32_t v) {
    assert_true(at + 4 <= im->h.sec[sec].len);
    memcpy(im->buf + im->h.sec[sec].off + at, &v, 4);
}

static uint32_t image_get(const image *im, int sec, size_t at) {
    uint32_t v;
    memcpy(&v, im->buf + im->h.sec[sec].off + at, 4);
    return v;
}

/* Write the image with a sound header checksum, and a sound body checksum with 'body'. */
static void image_write(image *im, const char *path, bool body) {
    gz_header h = im->h;
    if (body) h.body_sum = gz_body_sum(im->buf, im->len);
    h.head_sum = gz_head_sum(&h);
    memcpy(im->buf, &h, sizeof h);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(im->buf, 1, im->len, f), im->len);
    fclose(f);
}

#define ENTRY(i, field) ((i) * sizeof(gz_entry) + offsetof(gz_entry, field))
#define WORD(i, field) ((i) * sizeof(gz_word) + offsetof(gz_word, field))

/* One way to damage a body: a field set to a value, and what loading must say. */
typedef struct damage {
    int sec;
    size_t at;
    int64_t value;            /* < 0: the pool's length plus this */
    const char *says;
} damage;

/*
** Hand-damaged copies of a sound file, its header checksum made right
** again so that only the checks of the body can tell.  Loading refuses
** each, naming the file, where before a string pointing at the pool's
** last NUL loaded and then failed every document that met the name with
** "out of memory".  check-gazetteer refuses each too: by its body
** checksum, or, once that is made right as well, by the same checks.
*/
static void test_damaged_tables(void **state) {
    (void)state;
    static const damage cases[] = {
        {SEC_ENTRIES, ENTRY(0, type), -1, "an entry's strings"},        /* an empty string */
        {SEC_ENTRIES, ENTRY(1, type), 0, "an entry's strings"},         /* no type */
        {SEC_ENTRIES, ENTRY(2, canonical), -1, "an entry's strings"},
        {SEC_ENTRIES, ENTRY(0, kb), -0x10000, "an entry's strings"},    /* past the pool */
        {SEC_ENTRIES, ENTRY(3, source), -1, "an entry's strings"},
        {SEC_ENTRIES, ENTRY(0, features), -1, "an entry's strings"},
        {SEC_ENTRIES, ENTRY(1, words), 1000000, "an entry's strings, words"},
        {SEC_ENTRIES, ENTRY(1, nwords), 0, "words"},
        {SEC_ENTRIES, ENTRY(0, next), 5, "entry"},                       /* a chain going up */
        {SEC_ENTRIES, ENTRY(0, policy), 9, "policy"},
        {SEC_WORDS, WORD(0, fold), -1, "a word's strings"},
        {SEC_WORDS, WORD(2, exact), 0x7FFFFFFF, "a word's strings"},
        {SEC_NODES, 4, 1000, "a trie node"},
        {SEC_POOL, 0, 0x41414141, "string pool"},
    };
    char egz[64], copy[80];
    compile(places, egz);
    snprintf(copy, sizeof copy, "%s-copy.egz", egz);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const damage *d = &cases[k];
        image im;
        image_read(egz, &im);
        int64_t v = d->value < 0 ? (int64_t)im.h.sec[SEC_POOL].len + d->value : d->value;
        if (d->value == -1) assert_int_equal(im.buf[im.h.sec[SEC_POOL].off + v], 0);
        assert_int_not_equal(image_get(&im, d->sec, d->at), (uint32_t)v);
        image_set(&im, d->sec, d->at, (uint32_t)v);
        for (int body = 0; body < 2; body++) {
            image_write(&im, copy, body);
            expect_refused(copy, d->says);
            entrel_error err;
            assert_int_equal(entrel_gazetteer_verify(copy, &err), ENTREL_E_CORRUPT);
            assert_string_equal(err.file, copy);
            assert_non_null(strstr(err.message, body ? d->says : "body checksum"));
        }
        free(im.buf);
    }
    unlink(copy);
    unlink(egz);
}

/*
** Random bytes of the body changed with both checksums made right: a
** copy that loads processes every document (a damaged list gives wrong
** matches at worst, never a failed document), one that does not is
** refused as corrupt, and check-gazetteer agrees with loading.
*/
static void test_damaged_body_sound_sums(void **state) {
    (void)state;
    char egz[64], copy[80];
    compile(places, egz);
    snprintf(copy, sizeof copy, "%s-copy.egz", egz);
    srand(11);
    size_t refused = 0, rounds = 400;
    for (size_t round = 0; round < rounds; round++) {
        image im;
        image_read(egz, &im);
        for (int flips = 1 + rand() % 3; flips > 0; flips--)
            im.buf[sizeof im.h + (size_t)rand() % (im.len - sizeof im.h)] ^= (unsigned char)(1 + rand() % 255);
        image_write(&im, copy, true);
        free(im.buf);
        entrel_error err;
        char *json = extract(copy, &err);            /* asserts every document processes */
        int verified = entrel_gazetteer_verify(copy, NULL);
        if (json == NULL) assert_int_equal(err.code, ENTREL_E_CORRUPT);
        assert_int_equal(verified, json ? ENTREL_E_OK : ENTREL_E_CORRUPT);
        refused += json == NULL;
        entrel_free(json);
    }
    assert_true(refused > 0 && refused < rounds);
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
        cmocka_unit_test(test_damaged_tables),
        cmocka_unit_test(test_damaged_body_sound_sums),
        cmocka_unit_test(test_write_without_tsv),
        cmocka_unit_test(test_many_gazetteers),
    };
    return cmocka_run_group_tests_name("gzfile", tests, NULL, NULL);
}
