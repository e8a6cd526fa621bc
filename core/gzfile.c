/*
** gzfile.c: compiled gazetteer files.  A header, then the tables of
** gazetteer.c as they lie in memory, each at an 8-byte boundary, so that
** a mapped file is used in place: loading reads the header and checks
** bounds, which costs the same for ten names or ten million.  The body's
** checksum is checked by gz_file_verify ("entrel check-gazetteer"), not
** on load, because reading the whole body would undo that; matching
** checks every index it reads, so a damaged body cannot crash it.
** See LICENSE for copyright and licence.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gazetteer.h"

#define GZ_FILE_VERSION 2u      /* 2: entries carry GZ_CAPITAL */
#define GZ_BYTE_ORDER 0x01020304u

enum { SEC_EDGES, SEC_NODES, SEC_ENTRIES, SEC_WORDS, SEC_ROOTS, SEC_POOL, SEC_COUNT };

typedef struct gz_header {
    char magic[8];            /* GZ_FILE_MAGIC */
    uint32_t version;         /* GZ_FILE_VERSION */
    uint32_t byte_order;      /* GZ_BYTE_ORDER as the writer stored it */
    uint32_t tokenizer;       /* ENTREL_TOKENIZER_VERSION the names were cut with */
    uint32_t edge_mask, root_mask, reserved;
    uint64_t size;            /* of the whole file */
    uint64_t body_sum;        /* of every byte after the header */
    struct {
        uint64_t off, len;    /* bytes */
    } sec[SEC_COUNT];
    uint64_t head_sum;        /* of the header up to this field */
} gz_header;

static const size_t sec_item[SEC_COUNT] = {sizeof(gz_edge), sizeof(uint32_t),
                                           sizeof(gz_entry), sizeof(gz_word),
                                           sizeof(uint64_t), 1};

/*
** A checksum over 8-byte words, the last one padded with zeros; every
** section is padded to 8 bytes with zeros too, so summing the sections
** one by one gives what summing the body at once gives.
*/
static uint64_t sum_bytes(uint64_t h, const void *p, size_t n) {
    const uint8_t *s = p;
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    return h;
}

static uint64_t head_sum(const gz_header *h) {
    return sum_bytes(1, h, offsetof(gz_header, head_sum));
}

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
        h.body_sum = sum_bytes(h.body_sum, data[i], len[i]);
        off += padded(len[i]);
    }
    h.size = off;
    h.head_sum = head_sum(&h);
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

/* Written to a temporary name and renamed, so a reader never sees half a file. */
int gz_file_write(const gazetteer *g, const char *path, entrel_error *err) {
    const void *data[SEC_COUNT];
    uint64_t len[SEC_COUNT];
    section_ptrs(gz_tables(g), data, len);
    gz_header h = make_header(gz_tables(g), data, len);
    size_t n = strlen(path) + 8;
    char *tmp = er_malloc(n);
    if (tmp == NULL) return fail(err, ENTREL_E_NOMEM, path, entrel_strerror(ENTREL_E_NOMEM));
    snprintf(tmp, n, "%s.tmp~", path);
    FILE *fp = fopen(tmp, "wb");
    bool ok = fp && write_all(fp, &h, data, len);
    if (fp && fclose(fp) != 0) ok = false;
    if (ok && rename(tmp, path) != 0) ok = false;
    int rc = ok ? ENTREL_E_OK : fail(err, ENTREL_E_IO, path, strerror(errno));
    if (!ok) remove(tmp);
    er_free(tmp);
    return rc;
}

/* ------------------------------------------------------------ reading */

static bool pow2(uint64_t n) { return n && (n & (n - 1)) == 0; }

/* Every check that does not read the body; NULL when the header is sound. */
static const char *header_problem(const gz_header *h, uint64_t file_size) {
    if (memcmp(h->magic, GZ_FILE_MAGIC, 8) != 0) return "not a compiled gazetteer";
    if (h->byte_order != GZ_BYTE_ORDER) return "compiled on a machine of another byte order";
    if (h->version != GZ_FILE_VERSION) return "compiled gazetteer of another format version: compile it again";
    if (h->head_sum != head_sum(h)) return "corrupt compiled gazetteer: header checksum";
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

/* Map the file and check its header; the mapping in '*map' on success. */
static int map_checked(const char *path, void **map, size_t *len, entrel_error *err) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return fail(err, ENTREL_E_IO, path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail(err, ENTREL_E_IO, path, "not a regular file");
    }
    if ((uint64_t)st.st_size < sizeof(gz_header)) {
        char magic[8];
        bool ours = pread(fd, magic, 8, 0) == 8 && memcmp(magic, GZ_FILE_MAGIC, 8) == 0;
        close(fd);
        return fail(err, ENTREL_E_CORRUPT, path,
                    ours ? "corrupt compiled gazetteer: shorter than its header"
                         : "not a compiled gazetteer");
    }
    *len = (size_t)st.st_size;
    *map = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (*map == MAP_FAILED) return fail(err, ENTREL_E_IO, path, strerror(errno));
    const char *problem = header_problem(*map, (uint64_t)st.st_size);
    const gz_header *h = *map;
    if (problem == NULL && ((const char *)*map)[h->sec[SEC_POOL].off + h->sec[SEC_POOL].len - 1])
        problem = "corrupt compiled gazetteer: string pool is not terminated";
    if (problem) {
        munmap(*map, *len);
        return fail(err, ENTREL_E_CORRUPT, path, problem);
    }
    return ENTREL_E_OK;
}

int gz_file_map(const char *path, gazetteer **out, entrel_error *err) {
    void *map;
    size_t len;
    *out = NULL;
    int rc = map_checked(path, &map, &len, err);
    if (rc) return rc;
    gz_view v = view_of(map, map);
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
    int rc = map_checked(path, &map, &len, err);
    if (rc) return rc;
    const gz_header *h = map;
    uint64_t want = h->body_sum;
    uint64_t sum = sum_bytes(1, (const uint8_t *)map + sizeof *h, len - sizeof *h);
    munmap(map, len);
    if (sum != want)
        return fail(err, ENTREL_E_CORRUPT, path, "corrupt compiled gazetteer: body checksum");
    return ENTREL_E_OK;
}
