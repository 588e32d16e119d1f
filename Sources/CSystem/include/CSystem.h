#ifndef CSYSTEM_H
#define CSYSTEM_H
// Linux calls Glibc hides from Swift behind _GNU_SOURCE. One-line wrappers, no logic (STYLE.md rule 2).
#include <stddef.h>
#include <sys/types.h>

/// syncfs(2): flush the filesystem holding `fd` (one flush per spool batch instead of one per file).
int CSystem_syncfs(int fd);
/// renameat2(2) with RENAME_NOREPLACE: publish a spool file without ever replacing an existing one.
int CSystem_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
/// The value of RENAME_NOREPLACE's failure when the filesystem does not support it (EINVAL).
int CSystem_errno_einval(void);
/// pthread_setname_np(3) on the calling thread (at most 15 bytes: `top -H`, `perf` and gdb show it).
int CSystem_set_thread_name(const char *name);
/// pthread_getname_np(3) of the calling thread.
int CSystem_thread_name(char *buffer, size_t size);

#endif
