/*
** maxrss.c: run a command and write its peak resident set size, in KiB,
** to a file, so that a shell test can check that memory stays bounded
** without timing anything.
**
**   maxrss FILE COMMAND [ARG...]
**
** Exit status: the command's, 128 + N when signal N ended it, 127 when
** it could not be run, 2 on usage errors.
** See LICENSE for copyright and licence.
*/
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fputs("usage: maxrss FILE COMMAND [ARG...]\n", stderr);
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("maxrss: fork");
        return 127;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        perror("maxrss: waitpid");
        return 127;
    }
    /* only the one child has been waited for: RUSAGE_CHILDREN is its own */
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    FILE *f = fopen(argv[1], "w");
    if (f == NULL || fprintf(f, "%ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0) {
        perror(argv[1]);
        return 127;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
