// File-system floor of a sync round (scripts/bench): what delivering N spool files costs the
// kernel and the disk alone, done the way feedsync's Committer does it (README, "Exactly once"):
// write every file into DIR/tmp/, one syncfs(2) for the batch, rename each into DIR/new/, one
// fsync(2) of new/. No parsing, no state: the least any spool writer can spend on the same files.
//
// usage: fsfloor DIR < sizes      (one file size in bytes per line; DIR is created, must not exist)
// prints: files=N bytes=B wall_s=W cpu_s=C (user + system of this process)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what, const char *path) {
    fprintf(stderr, "fsfloor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: fsfloor DIR < sizes\n"); return 64; }
    size_t cap = 1024, n = 0, maxSize = 0, total = 0;
    long *sizes = malloc(cap * sizeof *sizes);
    long size;
    while (scanf("%ld", &size) == 1) {
        if (size < 0) continue;
        if (n == cap) { cap *= 2; sizes = realloc(sizes, cap * sizeof *sizes); }
        if (!sizes) die("out of memory", "");
        sizes[n++] = size;
        if ((size_t)size > maxSize) maxSize = size;
        total += size;
    }
    char *content = malloc(maxSize + 1);
    if (!content) die("out of memory", "");
    memset(content, 'x', maxSize);

    char path[4096], target[4096];
    const char *dir = argv[1];
    double t0 = now();
    if (mkdir(dir, 0755) != 0) die("mkdir", dir);
    snprintf(path, sizeof path, "%s/tmp", dir);
    if (mkdir(path, 0755) != 0) die("mkdir", path);
    snprintf(path, sizeof path, "%s/new", dir);
    if (mkdir(path, 0755) != 0) die("mkdir", path);

    int syncFd = -1;
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/tmp/%016zu.json", dir, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) die("open", path);
        if (write(fd, content, sizes[i]) != sizes[i]) die("write", path);
        if (syncFd < 0) syncFd = fd; else close(fd);
    }
    if (syncFd >= 0) {
        if (syncfs(syncFd) != 0) die("syncfs", dir);
        close(syncFd);
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/tmp/%016zu.json", dir, i);
        snprintf(target, sizeof target, "%s/new/%016zu.json", dir, i);
        if (rename(path, target) != 0) die("rename", path);
    }
    snprintf(path, sizeof path, "%s/new", dir);
    int dirFd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0 || fsync(dirFd) != 0) die("fsync", path);
    close(dirFd);
    double wall = now() - t0;

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    printf("files=%zu bytes=%zu wall_s=%.3f cpu_s=%.3f\n", n, total, wall, cpu);
    return 0;
}
