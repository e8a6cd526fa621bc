/*
** test_input.c: the command's JSONL reader (cli/input.c) on lines that
** are out to break it: a line far over the limit is skipped without
** being held, memory running out on a line (the line buffer's, or
** jansson's) fails that line only, \u0000 is kept, and the line after
** any of them is read.  Each stream is read twice: through a file
** descriptor (tmpfile) and through stdio alone (fmemopen).
** See LICENSE for copyright and licence.
*/
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"

#define MAX_RECORDS 8

typedef struct seen {
    size_t n;
    int status[MAX_RECORDS];
    size_t line[MAX_RECORDS];
    char id[MAX_RECORDS][64];
    char error[MAX_RECORDS][512];
    char text[MAX_RECORDS][64];
    size_t len[MAX_RECORDS];
} seen;

static void on_record(const input_record *rec, void *ctx) {
    seen *s = ctx;
    assert_true(s->n < MAX_RECORDS);
    size_t i = s->n++;
    s->status[i] = rec->status;
    s->line[i] = rec->line;
    snprintf(s->id[i], sizeof s->id[i], "%s", rec->id);
    snprintf(s->error[i], sizeof s->error[i], "%s", rec->error);
    s->len[i] = rec->len;
    if (rec->text) memcpy(s->text[i], rec->text, rec->len < 63 ? rec->len : 63);
}

/* ------------------------------------------------------------ a failing allocator */

static size_t grow_fails_above, grow_largest;

/* realloc, but failing above a size: memory that runs out on a long line. */
static void *grow(void *p, size_t n) {
    if (n > grow_largest) grow_largest = n;
    return n > grow_fails_above ? NULL : realloc(p, n);
}

/* ------------------------------------------------------------ streams */

static char *big_stream(size_t text_bytes, size_t *len) {
    const char *first = "{\"id\":\"first\",\"text\":\"Le Vietnam.\"}\n";
    const char *head = "{\"id\":\"big\",\"text\":\"", *tail = "\"}\n";
    const char *last = "{\"id\":\"after\",\"text\":\"La France.\"}";   /* no newline at the end */
    size_t n = strlen(first) + strlen(head) + text_bytes + strlen(tail) + strlen(last);
    char *s = malloc(n + 1), *p = s;
    assert_non_null(s);
    p += sprintf(p, "%s%s", first, head);
    memset(p, 'a', text_bytes);
    p += text_bytes;
    sprintf(p, "%s%s", tail, last);
    *len = n;
    return s;
}

/* Read 'data' as JSONL through a file descriptor (fd) or stdio alone. */
static int read_stream(const char *data, size_t len, bool fd, size_t max_doc,
                       void *(*g)(void *, size_t), seen *s) {
    FILE *f = fd ? tmpfile() : fmemopen((void *)data, len, "r");
    assert_non_null(f);
    if (fd) {
        assert_int_equal(fwrite(data, 1, len, f), len);
        rewind(f);
    }
    memset(s, 0, sizeof *s);
    input_options o = {.source = "t.jsonl", .max_doc = max_doc, .grow = g};
    int rc = input_jsonl(f, &o, on_record, s);
    fclose(f);
    return rc;
}

static void check_around(const seen *s) {
    assert_int_equal(s->n, 3);
    assert_int_equal(s->status[0], ENTREL_E_OK);
    assert_string_equal(s->id[0], "first");
    assert_int_equal(s->status[2], ENTREL_E_OK);
    assert_string_equal(s->id[2], "after");
    assert_int_equal(s->line[2], 3);
    assert_string_equal(s->text[2], "La France.");
    assert_string_equal(s->id[1], "t.jsonl:2");
    assert_int_equal(s->line[1], 2);
}

/* ------------------------------------------------------------ tests */

static void long_line_skipped_unheld(void **state) {
    (void)state;
    size_t len;
    char *data = big_stream(5000000, &len);
    for (int fd = 0; fd < 2; fd++) {
        seen s;
        grow_fails_above = SIZE_MAX;
        grow_largest = 0;
        assert_int_equal(read_stream(data, len, fd, 1000, grow, &s), ENTREL_E_OK);
        check_around(&s);
        assert_int_equal(s.status[1], ENTREL_E_TOO_LARGE);
        assert_non_null(strstr(s.error[1], "line 2 (5000022 bytes) is longer than a line may "
                                           "be with --max-size 1000 (71536 bytes); skipped"));
        assert_true(grow_largest <= input_line_limit(1000));
    }
    free(data);
}

static void line_limit(void **state) {
    (void)state;
    assert_int_equal(input_line_limit(1000), 6000 + 65536);
    assert_int_equal(input_line_limit(SIZE_MAX / 2), SIZE_MAX);
    assert_true(input_line_limit(CLI_NO_SIZE_LIMIT) > CLI_NO_SIZE_LIMIT);
}

static void out_of_memory_on_a_line(void **state) {
    (void)state;
    size_t len;
    char *data = big_stream(200000, &len);
    for (int fd = 0; fd < 2; fd++) {
        seen s;
        grow_fails_above = 100000;
        assert_int_equal(read_stream(data, len, fd, CLI_NO_SIZE_LIMIT, grow, &s), ENTREL_E_OK);
        check_around(&s);
        assert_int_equal(s.status[1], ENTREL_E_NOMEM);
        assert_non_null(strstr(s.error[1], "line 2: out of memory after reading "));
        assert_non_null(strstr(s.error[1], "(200022 in all); skipped"));
    }
    free(data);
}

/*
** jansson's allocator, failing once armed: from the 'json_fail_from'th
** allocation on, or that one alone.  Memory that runs out while parsing.
*/
static bool json_armed, json_fail_one;
static int json_count, json_fail_from;

static void *json_malloc(size_t n) {
    if (!json_armed) return malloc(n);
    json_count++;
    bool fail = json_fail_one ? json_count == json_fail_from : json_count >= json_fail_from;
    return fail ? NULL : malloc(n);
}

/* A record callback that arms the failure for the line after the first. */
static void arm_after_first(const input_record *rec, void *ctx) {
    on_record(rec, ctx);
    json_armed = rec->line == 1;
    if (json_armed) json_count = 0;
}

static void read_armed(const char *data, seen *s) {
    json_set_alloc_funcs(json_malloc, free);
    input_watch_json_memory();
    FILE *f = fmemopen((void *)data, strlen(data), "r");
    memset(s, 0, sizeof *s);
    input_options o = {.source = "t.jsonl", .max_doc = 1000};
    assert_int_equal(input_jsonl(f, &o, arm_after_first, s), ENTREL_E_OK);
    fclose(f);
    json_armed = false;
    json_set_alloc_funcs(malloc, free);
}

/*
** Each allocation of line 2 failing in turn (and all from it on): that
** line fails for want of memory, even where jansson misreports it as a
** syntax error, and the lines around it are read.
*/
static void out_of_memory_parsing(void **state) {
    (void)state;
    const char *data = "{\"id\":\"first\",\"text\":\"Le Vietnam.\"}\n"
                       "{\"id\":\"big\",\"text\":\"Le Japon.\",\"k\":[1,{\"a\":\"b\"}]}\n"
                       "{\"id\":\"after\",\"text\":\"La France.\"}\n";
    seen s;
    json_fail_from = 1 << 30;
    read_armed(data, &s);
    int allocations = json_count;
    assert_true(allocations > 8);
    for (json_fail_from = 1; json_fail_from <= allocations; json_fail_from++) {
        for (int one = 0; one < 2; one++) {
            json_fail_one = one;
            read_armed(data, &s);
            check_around(&s);
            assert_int_equal(s.status[1], ENTREL_E_NOMEM);
            assert_non_null(strstr(s.error[1], "line 2: out of memory "));
        }
    }
}

static void nul_kept(void **state) {
    (void)state;
    const char *data = "{\"id\":\"n\",\"text\":\"Le\\u0000Vietnam\",\"k\":\"a\\u0000b\"}\n"
                       "{\"id\":\"a\\u0000b\",\"text\":\"x\"}\n";
    seen s;
    assert_int_equal(read_stream(data, strlen(data), false, 1000, NULL, &s), ENTREL_E_OK);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.status[0], ENTREL_E_OK);
    assert_int_equal(s.len[0], 10);
    assert_memory_equal(s.text[0], "Le\0Vietnam", 10);
    assert_int_equal(s.status[1], ENTREL_E_OK);
    assert_string_equal(s.id[1], "a");              /* an id is cut at its NUL */
}

static void blank_and_bad_lines(void **state) {
    (void)state;
    const char *data = "\n  \t\r\n{\"text\": 1}\nnot json\n\n{\"id\":\"x\",\"text\":\"y\"}";
    seen s;
    for (int fd = 0; fd < 2; fd++) {
        assert_int_equal(read_stream(data, strlen(data), fd, 1000, NULL, &s), ENTREL_E_OK);
        assert_int_equal(s.n, 3);
        assert_int_equal(s.status[0], ENTREL_E_NO_TEXT);
        assert_int_equal(s.line[0], 3);
        assert_int_equal(s.status[1], ENTREL_E_BAD_JSON);
        assert_int_equal(s.line[1], 4);
        assert_string_equal(s.id[2], "x");
        assert_int_equal(s.line[2], 6);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_line_skipped_unheld),
        cmocka_unit_test(line_limit),
        cmocka_unit_test(out_of_memory_on_a_line),
        cmocka_unit_test(out_of_memory_parsing),
        cmocka_unit_test(nul_kept),
        cmocka_unit_test(blank_and_bad_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
