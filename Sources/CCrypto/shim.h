// OpenSSL's libcrypto (libssl-dev), for SHA-256 only. libcurl4-openssl links it already, so it adds
// no package at run time (Debian: libssl3).
//
// The one-shot SHA256() of OpenSSL 3 goes through EVP_Q_digest, which fetches the algorithm by name
// on every call (~10x the cost of hashing a 60-byte key); the SHA256_Init/Update/Final family calls
// the block function (SHA-NI where the CPU has it) directly. OpenSSL 3.0 marks that family
// deprecated, not removed (openssl/sha.h, OSSL_DEPRECATEDIN_3_0): the define below keeps the
// declarations free of the deprecation attribute.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
