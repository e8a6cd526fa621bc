/*
** walk.c: a folder given as FILE, walked whole: its files that match
** --glob and its folders, in name order.  Symbolic links are followed,
** but each folder is walked once, known by its device and inode: a link
** back to a folder the walk is in (a loop) is reported as an error and
** not followed, a second way into a folder already walked is a note.  A
** folder that cannot be read is reported, never skipped in silence.
** See LICENSE for copyright and licence.
*/
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct frame {
    dev_t dev;
    ino_t ino;
    const char *path;
} frame;

typedef struct walker {
    const walk_ops *o;
    keyset seen;              /* every folder entered, with the path it was entered by */
    frame *stack;             /* the folders the walk is in */
    size_t depth, cap;
    bool nomem;
} walker;

static void walk_dir(walker *w, const char *path);

static void skip(walker *w, const char *path, bool failed, const char *fmt, const char *arg) {
    char msg[4200];
    snprintf(msg, sizeof msg, fmt, arg);
    w->o->skip(path, msg, failed, w->o->ctx);
}

static bool is_link(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* A folder 'st' reached by 'path': walked unless the walk is in it, or was. */
static void enter(walker *w, const char *path, const struct stat *st) {
    for (size_t i = 0; i < w->depth; i++)
        if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino) {
            skip(w, path, true, is_link(path) ? "a symbolic link back to %s, a folder it is in: "
                                                "a loop, not followed"
                                              : "a folder loop back to %s: not followed",
                 w->stack[i].path);
            return;
        }
    const char *first = NULL;
    int r = keyset_add(&w->seen, (uint64_t)st->st_dev, (uint64_t)st->st_ino, path, &first);
    if (r == 0) skip(w, path, false, "the folder %s, already walked; skipped", first);
    if (r <= 0) {
        w->nomem |= r < 0;
        return;
    }
    if (w->depth == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        frame *p = realloc(w->stack, cap * sizeof *p);
        if (p == NULL) {
            w->nomem = true;
            return;
        }
        w->stack = p;
        w->cap = cap;
    }
    w->stack[w->depth++] = (frame){st->st_dev, st->st_ino, path};
    walk_dir(w, path);
    w->depth--;
}

static void visit(walker *w, const char *dir, const char *name) {
    char *sub = malloc(strlen(dir) + strlen(name) + 2);
    if (sub == NULL) {
        w->nomem = true;
        return;
    }
    sprintf(sub, "%s/%s", dir, name);
    struct stat st;
    if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) enter(w, sub, &st);
    else if (fnmatch(w->o->glob, name, 0) == 0) w->o->file(sub, w->o->ctx);
    free(sub);
}

static int visible(const struct dirent *e) { return e->d_name[0] != '.'; }

static void walk_dir(walker *w, const char *path) {
    struct dirent **list;
    int n = scandir(path, &list, visible, alphasort);
    if (n < 0) {
        skip(w, path, true, "cannot read the folder: %s", strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        if (!w->nomem && !stop_requested()) visit(w, path, list[i]->d_name);
        free(list[i]);
    }
    free(list);
}

bool walk_folder(const char *path, const walk_ops *o) {
    walker w = {.o = o};
    struct stat st;
    if (stat(path, &st) != 0) skip(&w, path, true, "cannot read the folder: %s", strerror(errno));
    else enter(&w, path, &st);
    keyset_free(&w.seen);
    free(w.stack);
    return !w.nomem;
}
