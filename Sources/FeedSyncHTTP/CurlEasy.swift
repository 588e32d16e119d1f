import CCurl

/// Owns one `CURL` easy handle, its error buffer and the header list it points at.
///
/// Created, configured, driven and freed on the fetch loop's thread only. `deinit` runs
/// `curl_easy_cleanup`, which also writes the cookie jar when one is set.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: libcurl writes a detailed message here on failure.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Lists libcurl reads during the transfer without copying.
    private var lists: [CurlSlist] = []
    /// The URL of the request, for error messages.
    let url: String
    /// A share handle in use: it must outlive this handle (released after `deinit`'s cleanup).
    private var share: CurlShare?

    init(url: String) throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        guard let h = curl_easy_init() else {
            throw CurlError(easy: CURLE_FAILED_INIT, api: "curl_easy_init", url: url)
        }
        handle = h
        self.url = url
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        do {
            try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        } catch {
            curl_easy_cleanup(h)
            errorBuffer.deallocate()
            throw error
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// What libcurl wrote into the error buffer, if anything.
    var errorText: String? {
        let text = String(cString: errorBuffer)
        return text.isEmpty ? nil : text
    }

    /// The error for a failed transfer, carrying the error buffer's text.
    func error(_ code: CURLcode, api: String = "curl_multi_perform") -> CurlError {
        CurlError(easy: code, api: api, errorBuffer: errorText, url: url)
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(CCurl_easy_setopt_long(handle, option, value), "curl_easy_setopt(\(option.rawValue))", url: url)
    }

    func set(_ option: CURLoption, _ value: Bool) throws(CurlError) {
        try set(option, value ? 1 : 0)
    }

    /// String options: libcurl copies the string (CURLOPT_* docs, "the string is copied").
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(CCurl_easy_setopt_string(handle, option, value), "curl_easy_setopt(\(option.rawValue))", url: url)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(CCurl_easy_setopt_pointer(handle, option, pointer), "curl_easy_setopt(\(option.rawValue))", url: url)
    }

    /// Header lists are not copied: keep the list alive as long as the handle.
    func set(_ option: CURLoption, list: CurlSlist) throws(CurlError) {
        lists.append(list)
        try check(CCurl_easy_setopt_slist(handle, option, list.pointer), "curl_easy_setopt(\(option.rawValue))", url: url)
    }

    func setWriteFunction(_ cb: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int,
                          data: UnsafeMutableRawPointer) throws(CurlError) {
        try check(CCurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, cb), "curl_easy_setopt(WRITEFUNCTION)", url: url)
        try set(CURLOPT_WRITEDATA, pointer: data)
    }

    func setHeaderFunction(_ cb: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int,
                           data: UnsafeMutableRawPointer) throws(CurlError) {
        // Same C signature as the write callback, so the same typed wrapper serves.
        try check(CCurl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, cb), "curl_easy_setopt(HEADERFUNCTION)", url: url)
        try set(CURLOPT_HEADERDATA, pointer: data)
    }

    func setOpenSocketFunction(
        _ cb: @convention(c) (UnsafeMutableRawPointer?, curlsocktype, UnsafeMutablePointer<curl_sockaddr>?) -> curl_socket_t,
        data: UnsafeMutableRawPointer
    ) throws(CurlError) {
        try check(CCurl_easy_setopt_opensocket_callback(handle, CURLOPT_OPENSOCKETFUNCTION, cb),
                  "curl_easy_setopt(OPENSOCKETFUNCTION)", url: url)
        try set(CURLOPT_OPENSOCKETDATA, pointer: data)
    }

    /// Takes connections from `share`'s pool instead of the multi handle's.
    func use(_ share: CurlShare) throws(CurlError) {
        self.share = share
        try set(CURLOPT_SHARE, pointer: share.handle)
    }

    func long(_ info: CURLINFO) -> Int? {
        var value = 0
        return CCurl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : nil
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard CCurl_easy_getinfo_string(handle, info, &value) == CURLE_OK, let v = value else { return nil }
        return String(cString: v)
    }

    func offset(_ info: CURLINFO) -> Int64? {
        var value: curl_off_t = 0
        return CCurl_easy_getinfo_off_t(handle, info, &value) == CURLE_OK ? Int64(value) : nil
    }
}
