import CCurl

/// `curl_global_init` exactly once per process, before the first handle is made.
///
/// libcurl documents the call as not thread-safe; a `static let` is initialised under
/// `swift_once`, which serialises the first callers.
enum CurlGlobal {
    private static let result: CURLcode = curl_global_init(CCurl_global_default())

    /// Runs `curl_global_init` on first use; throws its code if it failed.
    static func ensureInitialized() throws(CurlError) {
        try check(result, "curl_global_init", url: "")
    }
}
