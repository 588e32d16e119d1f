@testable import FeedSyncHTTP
import CCurl
import FeedSyncCore
import Testing

@Suite("AddressPolicy")
struct AddressPolicyTests {
    @Test(arguments: [[127, 0, 0, 1], [10, 1, 2, 3], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 1, 1],
                      [169, 254, 169, 254], [0, 0, 0, 0], [100, 64, 0, 1], [255, 255, 255, 255]] as [[UInt8]])
    func privateIPv4IsRefused(address: [UInt8]) {
        #expect(AddressPolicy.isPrivate(ipv4: address))
    }

    @Test(arguments: [[8, 8, 8, 8], [172, 32, 0, 1], [93, 184, 216, 34], [100, 128, 0, 1], [192, 169, 0, 1]] as [[UInt8]])
    func publicIPv4IsAllowed(address: [UInt8]) {
        #expect(!AddressPolicy.isPrivate(ipv4: address))
    }

    static func v6(_ groups: [UInt16]) -> [UInt8] { groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] } }

    @Test func privateIPv6IsRefused() {
        #expect(AddressPolicy.isPrivate(ipv6: Self.v6([0, 0, 0, 0, 0, 0, 0, 1])))             // ::1
        #expect(AddressPolicy.isPrivate(ipv6: Self.v6([0, 0, 0, 0, 0, 0, 0, 0])))             // ::
        #expect(AddressPolicy.isPrivate(ipv6: Self.v6([0xfe80, 0, 0, 0, 1, 2, 3, 4])))        // link-local
        #expect(AddressPolicy.isPrivate(ipv6: Self.v6([0xfd12, 0x3456, 0, 0, 0, 0, 0, 1])))   // unique-local
        #expect(AddressPolicy.isPrivate(ipv6: Self.v6([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1])))   // ::ffff:127.0.0.1
        #expect(AddressPolicy.isPrivate(ipv6: Self.v6([0x64, 0xff9b, 0, 0, 0, 0, 0x0a00, 1])))  // NAT64 of 10.0.0.1
    }

    @Test func publicIPv6IsAllowed() {
        #expect(!AddressPolicy.isPrivate(ipv6: Self.v6([0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8888])))
        #expect(!AddressPolicy.isPrivate(ipv6: Self.v6([0, 0, 0, 0, 0, 0xffff, 0x0808, 0x0808])))  // ::ffff:8.8.8.8
    }
}

@Suite("AdmissionQueue")
struct AdmissionQueueTests {
    typealias Q = AdmissionQueue<Int>

    @Test func perHostCapHoldsAndReleases() {
        var q = Q(concurrency: 10, perHost: 2)
        for i in 0..<4 { q.enqueue(.init(id: i, host: "a", hostDelay: 0)) }
        let first = q.admit(now: 0).start.map(\.id)
        let second = q.admit(now: 0).start.map(\.id)
        q.finished(host: "a")
        let third = q.admit(now: 0).start.map(\.id)
        #expect(first == [0, 1])
        #expect(second.isEmpty)
        #expect(third == [2])
    }

    @Test func sameHostStartsInQueueOrderWhileOtherHostsPass() {
        var q = Q(concurrency: 10, perHost: 1)
        q.enqueue(.init(id: 0, host: "a", hostDelay: 0))
        q.enqueue(.init(id: 1, host: "a", hostDelay: 0))
        q.enqueue(.init(id: 2, host: "b", hostDelay: 0))
        q.enqueue(.init(id: 3, host: "a", hostDelay: 0))
        let a1 = q.admit(now: 0).start.map(\.id)
        #expect(a1 == [0, 2])
        q.finished(host: "a")
        let a2 = q.admit(now: 0).start.map(\.id)
        #expect(a2 == [1])
        q.finished(host: "a")
        let a3 = q.admit(now: 0).start.map(\.id)
        #expect(a3 == [3])
    }

    @Test func globalCapHolds() {
        var q = Q(concurrency: 2, perHost: 5)
        for i in 0..<4 { q.enqueue(.init(id: i, host: "h\(i)", hostDelay: 0)) }
        let a4 = q.admit(now: 0).start.map(\.id)
        #expect(a4 == [0, 1])
        q.finished(host: "h0")
        let a5 = q.admit(now: 0).start.map(\.id)
        #expect(a5 == [2])
    }

    @Test func hostDelaySpacesStartsAndSaysWhenToRetry() {
        var q = Q(concurrency: 10, perHost: 10)
        for i in 0..<2 { q.enqueue(.init(id: i, host: "a", hostDelay: 5)) }
        let a6 = q.admit(now: 100).start.map(\.id)
        #expect(a6 == [0])
        let held = q.admit(now: 102)
        #expect(held.start.isEmpty)
        #expect(held.retryAt == 105)
        let a7 = q.admit(now: 105).start.map(\.id)
        #expect(a7 == [1])
    }

    @Test func fileURLsAreNotLimitedPerHost() {
        var q = Q(concurrency: 10, perHost: 1)
        for i in 0..<3 { q.enqueue(.init(id: i, host: "", hostDelay: 9)) }
        let a8 = q.admit(now: 0).start.count
        #expect(a8 == 3)
    }

    @Test func removingAWaitingEntry() {
        var q = Q(concurrency: 1, perHost: 1)
        q.enqueue(.init(id: 0, host: "a", hostDelay: 0))
        q.enqueue(.init(id: 1, host: "a", hostDelay: 0))
        _ = q.admit(now: 0)
        let removed = q.removeWaiting(1)
        let removedAgain = q.removeWaiting(1)
        #expect(removed)
        #expect(!removedAgain)
        q.finished(host: "a")
        let a9 = q.admit(now: 0).start.isEmpty
        #expect(a9)
    }
}

@Suite("Small HTTP helpers")
struct HelperTests {
    @Test func userInfoIsRedacted() {
        #expect(URLRedaction.redact("https://u:p@host/x?y=@z") == "https://host/x?y=@z")
        #expect(URLRedaction.redact("https://host/a@b") == "https://host/a@b")
        #expect(URLRedaction.redact("file:///tmp/x") == "file:///tmp/x")
    }

    @Test func headerLinesDropInjectedLineBreaks() {
        let t = Transfer(id: 1, request: FetchRequest(source: "s", url: "http://h/", headers: [("X-A", "1\r\nX-Evil: 1")],
                                                      etag: "\"ok\"", lastModified: "bad\ndate"),
                         host: "h", hostDelay: 0, maxHeaderBytes: 1000, allowedPeers: [])
        let lines = t.headerLines()
        #expect(lines.contains("If-None-Match: \"ok\""))
        #expect(!lines.contains { $0.contains("Evil") || $0.contains("If-Modified-Since") })
    }

    @Test func emptyHeaderValueIsSentEmpty() {
        let t = Transfer(id: 1, request: FetchRequest(source: "s", url: "http://h/", headers: [("X-Empty", "")]),
                         host: "h", hostDelay: 0, maxHeaderBytes: 1000, allowedPeers: [])
        #expect(t.headerLines().contains("X-Empty;"))
    }

    @Test func locationIsResolvedLikeRFC3986() {
        #expect(CurlURL.resolve("../c?q", against: "http://h/a/b/feed") == "http://h/a/c?q")
        #expect(CurlURL.resolve("//other/x", against: "https://h/a") == "https://other/x")
    }
}

@Suite("CurlError")
struct CurlErrorTests {
    @Test func codesMapToFailureKinds() {
        func kind(_ code: CURLcode) -> FetchFailure.Kind { CurlError(easy: code, api: "t", url: "u").kind }
        #expect(kind(CURLE_OPERATION_TIMEDOUT) == .timeout)
        #expect(kind(CURLE_COULDNT_RESOLVE_HOST) == .dns)
        #expect(kind(CURLE_COULDNT_CONNECT) == .connect)
        #expect(kind(CURLE_PEER_FAILED_VERIFICATION) == .tls)
        #expect(kind(CURLE_TOO_MANY_REDIRECTS) == .tooManyRedirects)
        #expect(kind(CURLE_UNSUPPORTED_PROTOCOL) == .forbidden)
        #expect(kind(CURLE_PARTIAL_FILE) == .other)
    }

    @Test func messageKeepsCurlsTextAndTheRedactedURL() {
        let error = CurlError(easy: CURLE_COULDNT_CONNECT, api: "curl_multi_perform",
                              errorBuffer: "Failed to connect to h port 1", url: "http://u:pw@h:1/x")
        #expect(error.failure.message == "Failed to connect to h port 1 (http://h:1/x)")
        #expect(error.description.contains("curl_multi_perform"))
    }
}
