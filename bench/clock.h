/*
** clock.h: the benchmark programs' clocks, wall and CPU.  CPU time is
** shown beside wall time because on a shared machine a wall figure well
** above the CPU one is partly the neighbours'.
** See LICENSE for copyright and licence.
*/
#ifndef ENTREL_BENCH_CLOCK_H
#define ENTREL_BENCH_CLOCK_H

#include <time.h>

static inline double clock_s(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline double now(void) { return clock_s(CLOCK_MONOTONIC); }
static inline double cpu_now(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

#endif
