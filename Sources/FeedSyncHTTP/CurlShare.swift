import CCurl

/// Owns a `CURLSH` share handle that holds a connection cache of its own.
///
/// Why: `deny_private` is checked when a socket opens (the open-socket callback). A transfer that
/// reuses a pooled connection opens no socket, so a connection a `deny_private = false` source
/// opened to a private address would serve a `deny_private = true` source to the same host. Easy
/// handles that use this share take their connections from its cache instead of the multi
/// handle's (curl_share_setopt(3), CURL_LOCK_DATA_CONNECT), so strict transfers only ever reuse
/// connections that strict transfers opened, and each pool keeps its own reuse. The other settings
/// that decide where a connection may go (TLS verification and CA file, proxy) are part of
/// libcurl's own reuse check; `deny_private` is the one policy libcurl cannot see.
///
/// Driven on the fetch loop's thread only, which is why it needs no lock callbacks.
final class CurlShare {
    let handle: UnsafeMutableRawPointer

    init() throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        guard let h = curl_share_init() else {
            throw CurlError(easy: CURLE_OUT_OF_MEMORY, api: "curl_share_init", url: "")
        }
        let rc = CCurl_share_setopt_long(h, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_CONNECT.rawValue))
        guard rc == CURLSHE_OK else {
            curl_share_cleanup(h)
            throw CurlError(easy: CURLE_FAILED_INIT, api: "curl_share_setopt(CURL_LOCK_DATA_CONNECT): "
                            + String(cString: curl_share_strerror(rc)), url: "")
        }
        handle = h
    }

    /// Every easy handle using the share must be gone first (the loop frees them before this).
    deinit { curl_share_cleanup(handle) }
}
