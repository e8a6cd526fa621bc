/*
** peak_rss.c: run a command and report its peak resident set size and
** wall time, for machines without /usr/bin/time.
** See LICENSE for copyright and licence.
**
** usage: peak_rss [-o REPORT] CMD [ARG...]
**
** The command inherits stdin, stdout and stderr, so redirect those around
** peak_rss.  The report is one line on stderr, or in REPORT with -o, so
** that it stays apart from the command's own messages:
**   maxrss_kib=N wall_s=S user_s=U sys_s=Y exit=E
** peak_rss exits with the command's status (128 + signal when killed,
** 127 when it could not be run).
*/
/* wait4() and ru_maxrss are BSD and Linux, not POSIX. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

static double seconds(struct timeval tv) {
    return (double)tv.tv_sec + (double)tv.tv_usec * 1e-6;
}

static int usage(void) {
    fputs("usage: peak_rss [-o REPORT] CMD [ARG...]\n", stderr);
    return 2;
}

/* The command's exit status as a shell would give it. */
static int exit_code(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 127;
}

static int write_report(const char *path, const struct rusage *ru, double wall,
                        int code) {
    FILE *f = path ? fopen(path, "w") : stderr;
    if (f == NULL) {
        fprintf(stderr, "peak_rss: %s: %s\n", path, strerror(errno));
        return -1;
    }
    /* Linux gives ru_maxrss in KiB. */
    fprintf(f, "maxrss_kib=%ld wall_s=%.3f user_s=%.3f sys_s=%.3f exit=%d\n",
            ru->ru_maxrss, wall, seconds(ru->ru_utime), seconds(ru->ru_stime),
            code);
    return f != stderr && fclose(f) != 0 ? -1 : 0;
}

int main(int argc, char **argv) {
    const char *report = NULL;
    int opt;
    /* '+': options stop at the command, whose own options pass through. */
    while ((opt = getopt(argc, argv, "+o:h")) != -1) {
        if (opt == 'o') report = optarg;
        else return usage();
    }
    if (optind >= argc) return usage();
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "peak_rss: fork: %s\n", strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execvp(argv[optind], argv + optind);
        fprintf(stderr, "peak_rss: %s: %s\n", argv[optind], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "peak_rss: wait4: %s\n", strerror(errno));
            return 127;
        }
    }
    double wall = now() - t0;
    int code = exit_code(status);
    if (write_report(report, &ru, wall, code) != 0) return 127;
    return code;
}
