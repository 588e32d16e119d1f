#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "CSystem.h"

int CSystem_syncfs(int fd) { return syncfs(fd); }
int CSystem_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return renameat2(olddirfd, oldpath, newdirfd, newpath, RENAME_NOREPLACE);
}
int CSystem_errno_einval(void) { return EINVAL; }
