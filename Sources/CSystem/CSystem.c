#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "CSystem.h"

int CSystem_syncfs(int fd) { return syncfs(fd); }
int CSystem_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return renameat2(olddirfd, oldpath, newdirfd, newpath, RENAME_NOREPLACE);
}
int CSystem_errno_einval(void) { return EINVAL; }
int CSystem_set_thread_name(const char *name) { return pthread_setname_np(pthread_self(), name); }
int CSystem_thread_name(char *buffer, size_t size) { return pthread_getname_np(pthread_self(), buffer, size); }
