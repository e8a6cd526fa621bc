/*
** stop.c: SIGINT and SIGTERM as requests to stop.  The first stops the
** reading: the documents read so far are finished and written, whole,
** and the command exits 128 + the signal.  A second stops the waiting
** for them (a plugin may never return): what is done is written, whole,
** and the rest is dropped.  The handler only counts; the reader, the
** workers' writer and the end of the run look at the count.
** See LICENSE for copyright and licence.
*/
#include <signal.h>
#include <stddef.h>

#include "cli.h"

static volatile sig_atomic_t first_signal, count;

static void on_signal(int sig) {
    if (first_signal == 0) first_signal = sig;
    count = count < 2 ? count + 1 : 2;
}

/*
** Without SA_RESTART, so that a read blocked on a slow input (a pipe, a
** fifo, a terminal) returns EINTR and the reader sees the request.  A
** signal ignored when the command started (nohup, a script's background
** job) stays ignored, as it does for other tools.
*/
void stop_install(void) {
    static const int signals[] = {SIGINT, SIGTERM};
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++) {
        struct sigaction sa, old;
        if (sigaction(signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN) continue;
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0;
        sigaction(signals[i], &sa, NULL);
    }
}

void stop_block(sigset_t *old) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

int stop_requested(void) { return count; }

int stop_signal(void) { return first_signal; }

const char *stop_name(void) { return first_signal == SIGINT ? "SIGINT" : "SIGTERM"; }
