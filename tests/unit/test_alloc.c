/*
** test_alloc.c: the allocator hook (alloc.c).  An allocator that puts a
** header before each block it gives is set first; then an engine with the
** French rules and the gazetteers runs the reference article to JSON, and
** everything is freed.  Every block the hook gave must come back to it,
** and nothing else: a block of the C library's given to the hook fails
** the header check here, and one of the hook's given to free() fails
** under AddressSanitizer (the san-tests run).
** See LICENSE for copyright and licence.
*/
#include "helpers.h"

#define MAGIC 0x656E7472656C3121ULL      /* "entrel1!" */

typedef struct header {
    uint64_t magic;
    uint64_t size;
} header;

typedef struct counts {
    size_t allocs, frees, live, foreign;
} counts;

static counts seen;

static void *hook_malloc(size_t size, void *ud) {
    counts *c = ud;
    header *h = malloc(sizeof *h + size);
    if (h == NULL) return NULL;
    *h = (header){MAGIC, size};
    c->allocs++;
    c->live++;
    return h + 1;
}

static bool ours(void *ptr, counts *c) {
    header *h = (header *)ptr - 1;
    if (h->magic == MAGIC) return true;
    c->foreign++;
    return false;
}

static void hook_free(void *ptr, void *ud) {
    counts *c = ud;
    if (ptr == NULL || !ours(ptr, c)) return;
    header *h = (header *)ptr - 1;
    h->magic = 0;
    free(h);
    c->frees++;
    c->live--;
}

static void *hook_realloc(void *ptr, size_t size, void *ud) {
    counts *c = ud;
    if (ptr == NULL) return hook_malloc(size, ud);
    if (!ours(ptr, c)) return NULL;
    header *h = realloc((header *)ptr - 1, sizeof *h + size);
    if (h == NULL) return NULL;
    h->size = size;
    return h + 1;
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    *len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return buf;
}

static void test_everything_through_the_hook(void **state) {
    (void)state;
    entrel_engine_options o;
    entrel_engine_options_init(&o);
    const char *rules[] = {"rules/fr"}, *gazetteers[] = {"rules/gazetteers/countries.tsv"};
    o.rules = rules;
    o.rule_count = 1;
    o.gazetteers = gazetteers;
    o.gazetteer_count = 1;
    o.data_dir = "rules";
    entrel_error err;
    entrel_engine *e = entrel_engine_new(&o, &err);
    if (e == NULL) fail_msg("%s:%d: %s", err.file, err.line, err.message);
    entrel_session *s = entrel_session_new(e);
    size_t len;
    const char *text = read_all("tests/data/fr-hanoi-convention.txt", &len);
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "ref", text, len, &doc), ENTREL_E_OK);
    assert_true(entrel_doc_entity_count(doc) > 20);
    entrel_json_options jo;
    entrel_json_options_init(&jo);
    jo.meta_json = "{\"source\": \"test\"}";      /* parsed by jansson, through the hook */
    char *json = entrel_doc_to_json(doc, &jo);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"source\": \"test\""));
    entrel_free(json);
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
    print_message("allocator hook: %zu blocks given, %zu taken back, %zu foreign\n",
                  seen.allocs, seen.frees, seen.foreign);
    assert_true(seen.allocs > 1000);
    assert_int_equal(seen.foreign, 0);
    assert_int_equal(seen.live, 0);
}

int main(void) {
    entrel_allocator a = {hook_malloc, hook_realloc, hook_free, &seen};
    entrel_set_allocator(&a);               /* before any other call */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_everything_through_the_hook),
    };
    int failed = cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
    entrel_set_allocator(NULL);
    return failed;
}
