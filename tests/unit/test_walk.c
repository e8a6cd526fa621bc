/*
** test_walk.c: the walk of a folder (cli/walk.c): files in name order,
** --glob, each folder once however many links lead to it, a link back
** into the walk reported as a loop and not followed, a second way into a
** folder a note, an unreadable folder reported.
** See LICENSE for copyright and licence.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"

typedef struct walked {
    char files[2048];         /* the paths under the root, ' ' after each */
    char skips[4096];         /* "F path: message\n" (F failed) or "N ..." (a note) */
    size_t nfailed, nnotes;
    size_t root_len;
} walked;

static void on_file(const char *path, void *ctx) {
    walked *w = ctx;
    strncat(w->files, path + w->root_len, sizeof w->files - strlen(w->files) - 2);
    strcat(w->files, " ");
}

static void on_skip(const char *path, const char *msg, bool failed, void *ctx) {
    walked *w = ctx;
    size_t n = strlen(w->skips);
    snprintf(w->skips + n, sizeof w->skips - n, "%c %s: %s\n", failed ? 'F' : 'N',
             path + w->root_len, msg);
    if (failed) w->nfailed++;
    else w->nnotes++;
}

static char root[64];

/* ROOT/REL, in a buffer of its own for each of the last two calls. */
static const char *at(const char *rel) {
    static char paths[2][256];
    static int k;
    k = !k;
    snprintf(paths[k], sizeof paths[k], "%s/%s", root, rel);
    return paths[k];
}

static void put(const char *rel, const char *text) {
    FILE *f = fopen(at(rel), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void dir(const char *rel) { assert_int_equal(mkdir(at(rel), 0755), 0); }

static void link_to(const char *target, const char *rel) {
    assert_int_equal(symlink(target, at(rel)), 0);
}

static void walk(const char *glob, walked *w) {
    memset(w, 0, sizeof *w);
    w->root_len = strlen(root);
    walk_ops o = {.glob = glob, .file = on_file, .skip = on_skip, .ctx = w};
    assert_true(walk_folder(root, &o));
}

static int setup(void **state) {
    (void)state;
    snprintf(root, sizeof root, "/tmp/entrel-walk-XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", root, root);
    return system(cmd) == 0 ? 0 : -1;
}

static void order_and_glob(void **state) {
    (void)state;
    dir("b");
    dir("a");
    put("a/2.txt", "x");
    put("a/1.txt", "x");
    put("b/notes.md", "x");
    put("c.txt", "x");
    put(".hidden.txt", "x");
    walked w;
    walk("*.txt", &w);
    assert_string_equal(w.files, "/a/1.txt /a/2.txt /c.txt ");
    assert_string_equal(w.skips, "");
}

static void loops_not_followed(void **state) {
    (void)state;
    dir("sub");
    put("sub/doc.txt", "x");
    link_to("..", "sub/up");
    link_to(".", "self");
    for (char l = 'a'; l <= 'h'; l++) {           /* eight more: 9^40 paths if followed */
        char name[] = {'l', l, '\0'};
        link_to(".", name);
    }
    walked w;
    walk("*", &w);
    assert_string_equal(w.files, "/sub/doc.txt ");
    assert_int_equal(w.nfailed, 10);
    assert_int_equal(w.nnotes, 0);
    char want[256];
    snprintf(want, sizeof want, "F /sub/up: a symbolic link back to %s, a folder it is in: "
                                "a loop, not followed\n", root);
    assert_non_null(strstr(w.skips, want));
    snprintf(want, sizeof want, "F /self: a symbolic link back to %s,", root);
    assert_non_null(strstr(w.skips, want));
}

static void second_way_in(void **state) {
    (void)state;
    dir("real");
    put("real/doc.txt", "x");
    link_to("real", "z1");
    link_to("real", "z2");
    walked w;
    walk("*", &w);
    assert_string_equal(w.files, "/real/doc.txt ");
    assert_int_equal(w.nfailed, 0);
    assert_int_equal(w.nnotes, 2);
    char want[256];
    snprintf(want, sizeof want, "N /z2: the folder %s/real, already walked; skipped\n", root);
    assert_non_null(strstr(w.skips, want));
}

static void dangling_link_is_a_file(void **state) {
    (void)state;
    link_to("nowhere", "gone.txt");
    walked w;
    walk("*.txt", &w);
    assert_string_equal(w.files, "/gone.txt ");      /* opening it fails, and is reported */
}

/*
** Root reads a folder of mode 000: the walk runs in a child that is
** nobody (uid 65534) when the test runs as root.  The child's exit status
** says whether it saw what it should.
*/
static void unreadable(void **state) {
    (void)state;
    dir("locked");
    put("locked/in.txt", "x");
    put("z.txt", "x");
    assert_int_equal(chmod(at("locked"), 0), 0);
    assert_int_equal(chmod(root, 0755), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(2);
        walked w = {.root_len = strlen(root)};
        walk_ops o = {.glob = "*", .file = on_file, .skip = on_skip, .ctx = &w};
        bool ok = walk_folder(root, &o) && strcmp(w.files, "/z.txt ") == 0 &&
                  strcmp(w.skips, "F /locked: cannot read the folder: Permission denied\n") == 0;
        _exit(ok ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(order_and_glob, setup, teardown),
        cmocka_unit_test_setup_teardown(loops_not_followed, setup, teardown),
        cmocka_unit_test_setup_teardown(second_way_in, setup, teardown),
        cmocka_unit_test_setup_teardown(dangling_link_is_a_file, setup, teardown),
        cmocka_unit_test_setup_teardown(unreadable, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
