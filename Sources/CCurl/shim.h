#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
// Typed wrappers for libcurl's variadic functions, which Swift cannot call. No logic here.
#include <curl/curl.h>

static inline CURLcode CCurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_write_callback(CURL *h, CURLoption o,
    size_t (*cb)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, o, cb); }
static inline CURLcode CCurl_easy_setopt_xferinfo_callback(CURL *h, CURLoption o,
    int (*cb)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t)) { return curl_easy_setopt(h, o, cb); }
static inline CURLcode CCurl_easy_setopt_opensocket_callback(CURL *h, CURLoption o,
    curl_socket_t (*cb)(void *, curlsocktype, struct curl_sockaddr *)) { return curl_easy_setopt(h, o, cb); }

static inline CURLcode CCurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode CCurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode CCurl_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode CCurl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

static inline CURLSHcode CCurl_share_setopt_long(CURLSH *s, CURLSHoption o, long v) { return curl_share_setopt(s, o, v); }
static inline CURLMcode CCurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

/// Macros Swift cannot import (casts inside the definition).
static inline long CCurl_auth_basic(void) { return (long)CURLAUTH_BASIC; }
static inline long CCurl_global_default(void) { return (long)CURL_GLOBAL_DEFAULT; }

/// `struct curl_sockaddr` ends in a `struct sockaddr` that curl sizes for IPv6; Swift would copy
/// only its first 16 bytes, so hand out the address of the member instead.
static inline const struct sockaddr *CCurl_sockaddr_addr(const struct curl_sockaddr *a) { return &a->addr; }

/// CURLMsg keeps the transfer result in a union Swift cannot read.
static inline CURLcode CCurl_msg_result(const CURLMsg *msg) { return msg->data.result; }

#endif
