#ifndef CUTF8_H
#define CUTF8_H

#include <stddef.h>
#include <stdint.h>

/// Checks that `n` bytes at `p` are valid UTF-8, 32 bytes at a time with AVX2.
/// Returns 1 if they are valid and all ASCII, 0 if valid, -1 if not valid, and -2 if this CPU has
/// no AVX2 (the caller checks another way).
int cutf8_check_avx2(const uint8_t *p, size_t n);

#endif
