import CCurl

/// Owns the `CURLM` multi handle. Only the fetch loop's thread drives it; `wakeup()` is the one
/// call other threads make (documented thread-safe: curl_multi_wakeup(3)).
final class CurlMulti: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer

    init() throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        guard let h = curl_multi_init() else {
            throw CurlError(multi: CURLM_OUT_OF_MEMORY, api: "curl_multi_init")
        }
        handle = h
    }

    deinit { curl_multi_cleanup(handle) }

    /// Interrupts a `poll` in progress on the loop thread. Safe from any thread.
    func wakeup() {
        _ = curl_multi_wakeup(handle)  // fails only for a bad handle, which `self` rules out
    }

    func add(_ easy: CurlEasy) throws(CurlError) {
        let rc = curl_multi_add_handle(handle, easy.handle)
        if rc != CURLM_OK { throw CurlError(multi: rc, api: "curl_multi_add_handle", url: easy.url) }
    }

    func remove(_ easy: CurlEasy) throws(CurlError) {
        let rc = curl_multi_remove_handle(handle, easy.handle)
        if rc != CURLM_OK { throw CurlError(multi: rc, api: "curl_multi_remove_handle", url: easy.url) }
    }

    func perform() throws(CurlError) {
        var running: Int32 = 0
        let rc = curl_multi_perform(handle, &running)
        if rc != CURLM_OK { throw CurlError(multi: rc, api: "curl_multi_perform") }
    }

    /// Waits for socket activity, libcurl's own timers, `wakeup()` or `timeoutMs`.
    func poll(timeoutMs: Int32) throws(CurlError) {
        let rc = curl_multi_poll(handle, nil, 0, timeoutMs, nil)
        if rc != CURLM_OK { throw CurlError(multi: rc, api: "curl_multi_poll") }
    }

    /// Completed transfers since the last call: (easy handle, result).
    func completed() -> [(UnsafeMutableRawPointer, CURLcode)] {
        var done: [(UnsafeMutableRawPointer, CURLcode)] = []
        var left: Int32 = 0
        while let msg = curl_multi_info_read(handle, &left) {
            if msg.pointee.msg == CURLMSG_DONE, let easy = msg.pointee.easy_handle {
                done.append((easy, CCurl_msg_result(msg)))
            }
        }
        return done
    }

    func set(_ option: CURLMoption, _ value: Int) throws(CurlError) {
        let rc = CCurl_multi_setopt_long(handle, option, value)
        if rc != CURLM_OK { throw CurlError(multi: rc, api: "curl_multi_setopt(\(option.rawValue))") }
    }
}
