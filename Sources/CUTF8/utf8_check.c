// UTF-8 validation with AVX2, the same rules as UTF8Validator.swift (which is the portable
// version and the specification): a byte is a continuation byte exactly when the byte before it
// is a lead byte, or the one two before leads three or four bytes, or the one three before leads
// four; C0, C1 and F5-FF never occur; the byte after E0 is A0 or more, after ED below A0, after
// F0 90 or more, after F4 below 90. Bytes before the start and after the end count as zero.

#include "CUTF8.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

AVX2 static inline __m256i splat(uint8_t c) { return _mm256_set1_epi8((char)c); }
AVX2 static inline __m256i at_least(__m256i v, uint8_t c) { return _mm256_cmpeq_epi8(_mm256_max_epu8(v, splat(c)), v); }
AVX2 static inline __m256i equal(__m256i v, uint8_t c) { return _mm256_cmpeq_epi8(v, splat(c)); }

/// Checks the 32 bytes at `q`, with the three bytes before `q` as context.
AVX2 static inline void check_block(const uint8_t *q, __m256i *bad, __m256i *bits) {
    __m256i cur = _mm256_loadu_si256((const __m256i *)q);
    __m256i p1 = _mm256_loadu_si256((const __m256i *)(q - 1));
    __m256i p2 = _mm256_loadu_si256((const __m256i *)(q - 2));
    __m256i p3 = _mm256_loadu_si256((const __m256i *)(q - 3));
    __m256i continuation = equal(_mm256_and_si256(cur, splat(0xC0)), 0x80);
    __m256i needed = _mm256_or_si256(_mm256_or_si256(at_least(p1, 0xC0), at_least(p2, 0xE0)), at_least(p3, 0xF0));
    __m256i wrong = _mm256_xor_si256(continuation, needed);
    wrong = _mm256_or_si256(wrong, _mm256_or_si256(_mm256_or_si256(equal(cur, 0xC0), equal(cur, 0xC1)), at_least(cur, 0xF5)));
    __m256i from_a0 = at_least(cur, 0xA0), from_90 = at_least(cur, 0x90);
    wrong = _mm256_or_si256(wrong, _mm256_andnot_si256(from_a0, equal(p1, 0xE0)));
    wrong = _mm256_or_si256(wrong, _mm256_and_si256(from_a0, equal(p1, 0xED)));
    wrong = _mm256_or_si256(wrong, _mm256_andnot_si256(from_90, equal(p1, 0xF0)));
    wrong = _mm256_or_si256(wrong, _mm256_and_si256(from_90, equal(p1, 0xF4)));
    *bad = _mm256_or_si256(*bad, wrong);
    *bits = _mm256_or_si256(*bits, cur);
}

/// Checks `p[from..<to]` (at most 32 bytes) through a zero-filled copy, with up to three bytes
/// before `from` as context.
AVX2 static inline void check_padded(const uint8_t *p, size_t from, size_t to, __m256i *bad, __m256i *bits) {
    uint8_t copy[3 + 32] = {0};
    size_t context = from < 3 ? from : 3;
    memcpy(copy + 3 - context, p + from - context, to - from + context);
    check_block(copy + 3, bad, bits);
}

AVX2 static int check(const uint8_t *p, size_t n) {
    __m256i bad = _mm256_setzero_si256(), bits = _mm256_setzero_si256();
    // The last block is always a padded one with at least one zero after the last byte: the
    // first rule at that zero catches a sequence cut off (its lead is one of the three before).
    if (n < 32) {
        check_padded(p, 0, n, &bad, &bits);
    } else {
        check_padded(p, 0, 32, &bad, &bits);
        size_t i = 32;
        for (; i + 32 <= n; i += 32) {
            // A block of ASCII after three ASCII bytes breaks no rule.
            __m256i around = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i)),
                                             _mm256_loadu_si256((const __m256i *)(p + i - 3)));
            if (_mm256_movemask_epi8(around) == 0) continue;
            check_block(p + i, &bad, &bits);
        }
        check_padded(p, i, n, &bad, &bits);  // the rest, possibly nothing: the end is checked
    }
    if (!_mm256_testz_si256(bad, bad)) return -1;
    return _mm256_movemask_epi8(bits) == 0 ? 1 : 0;
}

int cutf8_check_avx2(const uint8_t *p, size_t n) {
    if (!__builtin_cpu_supports("avx2")) return -2;
    return check(p, n);
}

#else

int cutf8_check_avx2(const uint8_t *p, size_t n) {
    (void)p;
    (void)n;
    return -2;
}

#endif
