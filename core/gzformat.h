/*
** gzformat.h: the layout of a compiled gazetteer file (gzfile.c), for
** gzfile.c and for the tests and the fuzz target that make damaged or
** random files with sound checksums.  Not API.  Needs no library
** function, so that a test tool built without the library can use it.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_GZFORMAT_H
#define ENTREL_GZFORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define GZ_FILE_MAGIC "ENTRELGZ"
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

/*
** A checksum over 8-byte words, the last one padded with zeros; every
** section is padded to 8 bytes with zeros too, so summing the sections
** one by one gives what summing the body at once gives.
*/
static inline uint64_t gz_sum_bytes(uint64_t h, const void *p, size_t n) {
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

static inline uint64_t gz_head_sum(const gz_header *h) {
    return gz_sum_bytes(1, h, offsetof(gz_header, head_sum));
}

static inline uint64_t gz_body_sum(const void *file, size_t len) {
    return len > sizeof(gz_header)
               ? gz_sum_bytes(1, (const uint8_t *)file + sizeof(gz_header),
                              len - sizeof(gz_header))
               : 1;
}

#endif
