import CCurl

/// Owns a `curl_slist` (request headers). libcurl reads the list during the transfer without
/// copying it, so the list must outlive the easy handle that uses it: `CurlEasy` keeps a
/// reference.
final class CurlSlist {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init(_ lines: [String]) throws(CurlError) {
        for line in lines {
            guard let next = curl_slist_append(pointer, line) else {
                throw CurlError(easy: CURLE_OUT_OF_MEMORY, api: "curl_slist_append", url: "")
            }
            pointer = next
        }
    }

    deinit { curl_slist_free_all(pointer) }
}
