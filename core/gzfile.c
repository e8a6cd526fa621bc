/*
** gzfile.c: compiled gazetteer files.  A header, then the tables of
** gazetteer.c as they lie in memory, each at an 8-byte boundary, so that
** a mapped file is used in place: loading reads the header and checks
** bounds, then checks what the entries and words point to (gzcheck.c),
** a pass over those two tables.  The body's checksum is checked by
** gz_file_verify ("entrel check-gazetteer"), not on load, because that
** would read every page of the file; matching checks every index it
** reads, so a damaged body cannot crash it.
** See LICENSE for copyright and licence.
*/
#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gazetteer.h"
#include "gzformat.h"

static const size_t sec_item[SEC_COUNT] = {sizeof(gz_edge), sizeof(uint32_t),
                                           sizeof(gz_entry), sizeof(gz_word),
                                           sizeof(uint64_t), 1};

static int fail(entrel_error *err, int code, const char *path, const char *msg) {
    if (err) {
        *err = (entrel_error){.code = code};
        snprintf(err->message, sizeof err->message, "%s", msg);
        snprintf(err->file, sizeof err->file, "%s", path);
    }
    return code;
}

/* By its magic, or by its name, so that a damaged file is not read as TSV. */
bool gz_file_is_compiled(const char *path) {
    size_t n = strlen(path);
    if (n > 4 && strcmp(path + n - 4, ".egz") == 0) return true;
    char magic[8];
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) return false;
    bool yes = fread(magic, 1, 8, fp) == 8 && memcmp(magic, GZ_FILE_MAGIC, 8) == 0;
    fclose(fp);
    return yes;
}

/* ------------------------------------------------------------ writing */

static void section_ptrs(const gz_view *v, const void *data[SEC_COUNT], uint64_t len[SEC_COUNT]) {
    data[SEC_EDGES] = v->edges;
    len[SEC_EDGES] = ((uint64_t)v->edge_mask + 1) * sizeof(gz_edge);
    data[SEC_NODES] = v->nodes;
    len[SEC_NODES] = (uint64_t)v->nnodes * sizeof(uint32_t);
    data[SEC_ENTRIES] = v->entries;
    len[SEC_ENTRIES] = (uint64_t)v->nentries * sizeof(gz_entry);
    data[SEC_WORDS] = v->words;
    len[SEC_WORDS] = (uint64_t)v->nwords * sizeof(gz_word);
    data[SEC_ROOTS] = v->roots;
    len[SEC_ROOTS] = ((uint64_t)v->root_mask + 1) / 4;
    data[SEC_POOL] = v->pool;
    len[SEC_POOL] = v->pool_len;
}

static uint64_t padded(uint64_t n) { return (n + 7) & ~(uint64_t)7; }

static gz_header make_header(const gz_view *v, const void *data[SEC_COUNT],
                             const uint64_t len[SEC_COUNT]) {
    gz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GZ_FILE_MAGIC, 8);
    h.version = GZ_FILE_VERSION;
    h.byte_order = GZ_BYTE_ORDER;
    h.tokenizer = ENTREL_TOKENIZER_VERSION;
    h.edge_mask = v->edge_mask;
    h.root_mask = v->root_mask;
    uint64_t off = sizeof h;
    h.body_sum = 1;
    for (int i = 0; i < SEC_COUNT; i++) {
        h.sec[i].off = off;
        h.sec[i].len = len[i];
        h.body_sum = gz_sum_bytes(h.body_sum, data[i], len[i]);
        off += padded(len[i]);
    }
    h.size = off;
    h.head_sum = gz_head_sum(&h);
    return h;
}

static bool write_all(FILE *fp, const gz_header *h, const void *data[SEC_COUNT],
                      const uint64_t len[SEC_COUNT]) {
    static const char zeros[8];
    if (fwrite(h, sizeof *h, 1, fp) != 1) return false;
    for (int i = 0; i < SEC_COUNT; i++) {
        if (len[i] && fwrite(data[i], 1, len[i], fp) != len[i]) return false;
        size_t pad = (size_t)(padded(len[i]) - len[i]);
        if (pad && fwrite(zeros, 1, pad, fp) != pad) return false;
    }
    return fflush(fp) == 0;
}

/*
** A new file next to 'path', named path.PID-N.tmp, opened with O_EXCL so
** that it is ours alone: two compilers writing the same output, or a
** link left where a fixed name would be, never share it.  The name goes
** to '*tmp', which the caller frees.
*/
static FILE *open_temp(const char *path, char **tmp) {
    static atomic_uint serial;
    size_t n = strlen(path) + 48;
    *tmp = er_malloc(n);
    if (*tmp == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    for (int tries = 0; tries < 100; tries++) {
        snprintf(*tmp, n, "%s.%ld-%u.tmp", path, (long)getpid(),
                 atomic_fetch_add(&serial, 1));
        int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd >= 0) {
            FILE *fp = fdopen(fd, "wb");
            if (fp == NULL) close(fd), remove(*tmp);
            return fp;
        }
        if (errno != EEXIST) break;
    }
    er_free(*tmp);
    *tmp = NULL;
    return NULL;
}

/*
** Written to a temporary file in the output's folder, flushed to disk,
** then renamed over the output: a reader never sees half a file, and a
** process that has the old file mapped keeps it whole (truncating a
** mapped file under it would kill it with SIGBUS).
*/
int gz_file_write(const gazetteer *g, const char *path, entrel_error *err) {
    const void *data[SEC_COUNT];
    uint64_t len[SEC_COUNT];
    section_ptrs(gz_tables(g), data, len);
    gz_header h = make_header(gz_tables(g), data, len);
    char *tmp;
    FILE *fp = open_temp(path, &tmp);
    bool ok = fp && write_all(fp, &h, data, len) && fsync(fileno(fp)) == 0;
    int saved = errno;
    if (fp && fclose(fp) != 0 && ok) ok = false, saved = errno;
    if (ok && rename(tmp, path) != 0) ok = false, saved = errno;
    if (!ok && tmp) remove(tmp);
    er_free(tmp);
    return ok ? ENTREL_E_OK : fail(err, ENTREL_E_IO, path, strerror(saved));
}

/* ------------------------------------------------------------ reading */

static bool pow2(uint64_t n) { return n && (n & (n - 1)) == 0; }

/* Every check that does not read the body; NULL when the header is sound. */
static const char *header_problem(const gz_header *h, uint64_t file_size) {
    if (memcmp(h->magic, GZ_FILE_MAGIC, 8) != 0) return "not a compiled gazetteer";
    if (h->byte_order != GZ_BYTE_ORDER) return "compiled on a machine of another byte order";
    if (h->version != GZ_FILE_VERSION) return "compiled gazetteer of another format version: compile it again";
    if (h->head_sum != gz_head_sum(h)) return "corrupt compiled gazetteer: header checksum";
    if (h->tokenizer != ENTREL_TOKENIZER_VERSION)
        return "compiled with another tokenizer version: compile it again";
    if (h->size != file_size) return "corrupt compiled gazetteer: file is truncated or too long";
    for (int i = 0; i < SEC_COUNT; i++) {
        uint64_t off = h->sec[i].off, len = h->sec[i].len;
        if (off < sizeof *h || off % 8 || off > file_size || len > file_size - off ||
            len % sec_item[i] || len / sec_item[i] > UINT32_MAX)
            return "corrupt compiled gazetteer: a table lies outside the file";
    }
    if (!pow2((uint64_t)h->edge_mask + 1) ||
        h->sec[SEC_EDGES].len != ((uint64_t)h->edge_mask + 1) * sizeof(gz_edge))
        return "corrupt compiled gazetteer: edge table size";
    if ((uint64_t)h->root_mask + 1 < 64 || !pow2((uint64_t)h->root_mask + 1) ||
        h->sec[SEC_ROOTS].len != ((uint64_t)h->root_mask + 1) / 4)
        return "corrupt compiled gazetteer: root set size";
    if (h->sec[SEC_NODES].len == 0 || h->sec[SEC_POOL].len == 0)
        return "corrupt compiled gazetteer: empty tables";
    return NULL;
}

static gz_view view_of(const uint8_t *base, const gz_header *h) {
    gz_view v = {0};            /* parents stay unknown: a compiled file has none */
    v.edges = (const gz_edge *)(base + h->sec[SEC_EDGES].off);
    v.nodes = (const uint32_t *)(base + h->sec[SEC_NODES].off);
    v.entries = (const gz_entry *)(base + h->sec[SEC_ENTRIES].off);
    v.words = (const gz_word *)(base + h->sec[SEC_WORDS].off);
    v.roots = (const uint64_t *)(base + h->sec[SEC_ROOTS].off);
    v.pool = (const char *)(base + h->sec[SEC_POOL].off);
    v.edge_mask = h->edge_mask;
    v.root_mask = h->root_mask;
    v.nnodes = (uint32_t)(h->sec[SEC_NODES].len / sizeof(uint32_t));
    v.nentries = (uint32_t)(h->sec[SEC_ENTRIES].len / sizeof(gz_entry));
    v.nwords = (uint32_t)(h->sec[SEC_WORDS].len / sizeof(gz_word));
    v.pool_len = (uint32_t)h->sec[SEC_POOL].len;
    return v;
}

/* Open 'path' as a compiled gazetteer: a regular file at least a header long. */
static int open_checked(const char *path, int *out, struct stat *st, entrel_error *err) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return fail(err, ENTREL_E_IO, path, strerror(errno));
    bool known = fstat(fd, st) == 0;
    if (!known || !S_ISREG(st->st_mode)) {
        const char *why = !known ? strerror(errno)
                          : S_ISDIR(st->st_mode) ? GZ_FOLDER : "not a regular file";
        close(fd);
        return fail(err, ENTREL_E_IO, path, why);
    }
    if ((uint64_t)st->st_size < sizeof(gz_header)) {
        char magic[8];
        bool ours = pread(fd, magic, 8, 0) == 8 && memcmp(magic, GZ_FILE_MAGIC, 8) == 0;
        close(fd);
        return fail(err, ENTREL_E_CORRUPT, path,
                    ours ? "corrupt compiled gazetteer: shorter than its header"
                         : "not a compiled gazetteer");
    }
    *out = fd;
    return ENTREL_E_OK;
}

/*
** Map the file and check its header and, with 'body', its tables
** (gzcheck.c); the mapping in '*map' and its tables in '*v' on success.
** check-gazetteer checks the body's checksum before the tables, so that
** it tells a damaged file from one that was made wrong.
*/
static int map_checked(const char *path, bool body, void **map, size_t *len, gz_view *v,
                       entrel_error *err) {
    struct stat st;
    int fd, rc = open_checked(path, &fd, &st, err);
    if (rc) return rc;
    *len = (size_t)st.st_size;
    *map = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (*map == MAP_FAILED) return fail(err, ENTREL_E_IO, path, strerror(errno));
    const char *problem = header_problem(*map, (uint64_t)st.st_size);
    if (problem == NULL) *v = view_of(*map, *map);
    if (problem == NULL && body) problem = gz_body_problem(v);
    if (problem) {
        munmap(*map, *len);
        return fail(err, ENTREL_E_CORRUPT, path, problem);
    }
    return ENTREL_E_OK;
}

int gz_file_map(const char *path, gazetteer **out, entrel_error *err) {
    void *map;
    size_t len;
    gz_view v;
    *out = NULL;
    int rc = map_checked(path, true, &map, &len, &v, err);
    if (rc) return rc;
    *out = gz_new_mapped(map, len, &v);
    if (*out == NULL) {
        munmap(map, len);
        return fail(err, ENTREL_E_NOMEM, path, entrel_strerror(ENTREL_E_NOMEM));
    }
    return ENTREL_E_OK;
}

int gz_file_verify(const char *path, entrel_error *err) {
    void *map;
    size_t len;
    gz_view v;
    int rc = map_checked(path, false, &map, &len, &v, err);
    if (rc) return rc;
    const gz_header *h = map;
    const char *problem = h->body_sum != gz_body_sum(map, len)
                              ? "corrupt compiled gazetteer: body checksum"
                              : gz_body_problem(&v);
    munmap(map, len);
    return problem ? fail(err, ENTREL_E_CORRUPT, path, problem) : ENTREL_E_OK;
}
