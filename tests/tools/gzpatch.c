/*
** gzpatch.c: damage a compiled gazetteer on purpose, for the shell tests,
** and make its header sound again, so that only the checks of its body
** can tell (gzformat.h).
**
**   gzpatch FILE                         the sections: "name offset length" a line
**   gzpatch [-b] FILE SECTION AT VALUE   write the 32-bit VALUE at byte AT of
**                                        SECTION (edges nodes entries words roots
**                                        pool), then fix the header checksum; with
**                                        -b the body checksum as well
**
** Exit status: 0, 1 when the file cannot be read or written or AT is out
** of the section, 2 on usage errors.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gzformat.h"

static const char *const names[SEC_COUNT] = {"edges", "nodes", "entries",
                                             "words", "roots", "pool"};

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    unsigned char *buf = n >= (long)sizeof(gz_header) ? malloc((size_t)n) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int patch(const char *path, unsigned char *buf, size_t len, int sec, const char *at,
                 const char *value, int body) {
    gz_header h;
    memcpy(&h, buf, sizeof h);
    unsigned long off = strtoul(at, NULL, 0);
    uint32_t v = (uint32_t)strtoul(value, NULL, 0);
    if (off + 4 > h.sec[sec].len || h.sec[sec].off + h.sec[sec].len > len) {
        fprintf(stderr, "gzpatch: byte %lu is outside %s\n", off, names[sec]);
        return 1;
    }
    memcpy(buf + h.sec[sec].off + off, &v, 4);
    if (body) h.body_sum = gz_body_sum(buf, len);
    h.head_sum = gz_head_sum(&h);
    memcpy(buf, &h, sizeof h);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "gzpatch: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    int body = argc > 1 && strcmp(argv[1], "-b") == 0;
    argv += body;
    argc -= body;
    if (argc != 2 && argc != 5) {
        fputs("usage: gzpatch FILE | gzpatch [-b] FILE SECTION AT VALUE\n", stderr);
        return 2;
    }
    size_t len;
    unsigned char *buf = slurp(argv[1], &len);
    if (buf == NULL) {
        fprintf(stderr, "gzpatch: cannot read %s as a compiled gazetteer\n", argv[1]);
        return 1;
    }
    gz_header h;
    memcpy(&h, buf, sizeof h);
    int sec = 0, rc = 0;
    if (argc == 2) {
        for (int i = 0; i < SEC_COUNT; i++)
            printf("%s %llu %llu\n", names[i], (unsigned long long)h.sec[i].off,
                   (unsigned long long)h.sec[i].len);
    } else {
        while (sec < SEC_COUNT && strcmp(names[sec], argv[2]) != 0) sec++;
        rc = sec == SEC_COUNT ? 2 : patch(argv[1], buf, len, sec, argv[3], argv[4], body);
        if (sec == SEC_COUNT) fprintf(stderr, "gzpatch: no section %s\n", argv[2]);
    }
    free(buf);
    return rc;
}
