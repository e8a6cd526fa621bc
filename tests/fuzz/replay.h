/*
** replay.h: the main() of a fuzz target built with -DSTANDALONE, which
** replays saved inputs (seeds, committed crashes) without libFuzzer.
** See LICENSE for copyright and licence.
**
** Each fuzz_*.c includes it after declaring LLVMFuzzerTestOneInput.
*/
#ifndef ENTREL_FUZZ_REPLAY_H
#define ENTREL_FUZZ_REPLAY_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
** Run one file through the target.  The input is copied into a buffer of
** exactly its size, so that ASan catches a read one byte past its end.
*/
static int replay_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return -1;
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n < cap) continue;
        uint8_t *p = realloc(buf, cap *= 2);
        if (p == NULL) free(buf);
        buf = p;
    }
    int rc = buf == NULL || ferror(f) ? -1 : 0;
    fclose(f);
    uint8_t *exact = rc == 0 ? malloc(n ? n : 1) : NULL;
    if (exact != NULL) {
        memcpy(exact, buf, n);
        LLVMFuzzerTestOneInput(exact, n);
    } else {
        rc = -1;
    }
    free(exact);
    free(buf);
    return rc;
}

/* Files directly inside 'dir', by name; dotfiles and subdirectories skipped. */
static int replay_dir(const char *dir, size_t *count) {
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort), rc = n < 0 ? -1 : 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (rc == 0 && names[i]->d_name[0] != '.' && stat(path, &st) == 0 &&
            S_ISREG(st.st_mode) && (rc = replay_file(path)) == 0)
            (*count)++;
        free(names[i]);
    }
    if (n >= 0) free(names);
    return rc;
}

/* Replay each argument, a file or a directory of files; 0 when all ran. */
static int replay_main(const char *target, int argc, char **argv) {
    size_t count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        int rc = stat(argv[i], &st);
        if (rc == 0 && S_ISDIR(st.st_mode)) rc = replay_dir(argv[i], &count);
        else if (rc == 0 && (rc = replay_file(argv[i])) == 0) count++;
        if (rc != 0) {
            fprintf(stderr, "%s: cannot replay %s\n", target, argv[i]);
            return 1;
        }
    }
    printf("%s: replayed %zu inputs\n", target, count);
    return 0;
}

#endif
