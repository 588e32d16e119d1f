import CCurl
import FeedSyncCore
#if canImport(Glibc)
import Glibc
#endif

// libcurl's callbacks. They must not capture anything (C function pointers), so each one gets
// its `Transfer` back from the user-data pointer, which holds an unretained reference: the loop
// keeps the transfer alive in its table for as long as the easy handle is in the multi handle.

/// CURLOPT_WRITEFUNCTION: body bytes, already content-decoded (gzip, deflate, br, zstd). Counting
/// here is what makes `maxBody` apply after decompression; returning less than given aborts the
/// transfer with CURLE_WRITE_ERROR, so a gzip bomb never occupies more than `maxBody` bytes.
let transferWrite: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, user in
    guard let user else { return 0 }
    let t = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
    let n = size * count
    guard n > 0, let data else { return n }
    if t.body.count + n > t.request.maxBody {
        t.bodyLimitHit = true
        return 0
    }
    t.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n))
    return n
}

/// CURLOPT_HEADERFUNCTION: one header line at a time, for every response of a redirect chain
/// (curl_easy_setopt(3) CURLOPT_HEADERFUNCTION: "called for each header of all responses").
let transferHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, user in
    guard let user else { return 0 }
    let t = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
    let n = size * count
    guard n > 0, let data else { return n }
    t.headerBytes += n
    if t.headerBytes > t.maxHeaderBytes {
        t.headerLimitHit = true
        return 0
    }
    let bytes = UnsafeRawBufferPointer(start: data, count: n)
    t.headerLine(bytes)
    return n
}

/// CURLOPT_OPENSOCKETFUNCTION: sees the resolved address of every connection libcurl opens,
/// including those for redirects, before any packet is sent. Refusing returns CURL_SOCKET_BAD,
/// which fails the transfer with CURLE_COULDNT_CONNECT; `refusedPeer` says why.
let transferOpenSocket: @convention(c) (UnsafeMutableRawPointer?, curlsocktype, UnsafeMutablePointer<curl_sockaddr>?) -> curl_socket_t = {
    user, _, address in
    guard let user, let address else { return CURL_SOCKET_BAD }
    let t = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
    let family = address.pointee.family
    guard let peer = PeerAddress(family: family, sockaddr: CCurl_sockaddr_addr(address)) else {
        t.refusedPeer = "address family \(family)"
        return CURL_SOCKET_BAD
    }
    if peer.isPrivate && !t.allowedPeers.contains(peer.description) {
        t.refusedPeer = peer.host
        return CURL_SOCKET_BAD
    }
    // SOCK_CLOEXEC: the daemon runs hooks; they must not inherit fetch sockets.
    return socket(family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
}

extension Transfer {
    /// Applies one raw header line to the response being received.
    func headerLine(_ raw: UnsafeRawBufferPointer) {
        var end = raw.count
        while end > 0, raw[end - 1] == UInt8(ascii: "\n") || raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<end])
        let line = HeaderText.decode(bytes)
        if line.hasPrefix("HTTP/") {
            // A new response: a redirect hop's or the final one's. Interim 1xx blocks also pass here.
            headers = []
            headerBytes = raw.count
            inHeaderBlock = true
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        } else if line.isEmpty {
            inHeaderBlock = false
            endOfHeaderBlock()
        } else if let first = line.first, first == " " || first == "\t", let last = headers.popLast() {
            headers.append((last.0, last.1 + " " + line.trimmingHTTPWhitespace))  // obs-fold, RFC 9112 §5.2
        } else if let colon = line.firstIndex(of: ":") {
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingHTTPWhitespace))
        }
    }

    /// A header block ended: if it was a redirect libcurl will follow, record the hop.
    private func endOfHeaderBlock() {
        guard request.maxRedirects > 0, (300...399).contains(status), status != 304,
              let location = headers.last(where: { $0.0.lowercased() == "location" })?.1,
              let easy else { return }
        // During the header callback EFFECTIVE_URL is still the URL of this response's request.
        let from = easy.string(CURLINFO_EFFECTIVE_URL) ?? request.url
        let to = CurlURL.resolve(location, against: from) ?? location
        redirects.append(RedirectHop(status: status, from: from, to: to))
    }
}

/// Header bytes to text: UTF-8 when valid, else ISO-8859-1 (RFC 9110 §5.5 obs-text), so no byte
/// is ever replaced.
enum HeaderText {
    static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
