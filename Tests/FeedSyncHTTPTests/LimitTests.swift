import FeedSyncCore
@testable import FeedSyncHTTP
import Foundation
import Testing

@Suite("Limits", .serialized)
struct LimitTests {
    @Test func bodyAtTheLimitPassesAndOneByteMoreFails() async throws {
        let server = try await FaultServer()
        try server.route("/b", ["body": String(repeating: "a", count: 1000)])
        let fetcher = makeFetcher()
        #expect(await fetcher.fetch(request(server.url("/b")) { $0.maxBody = 1000 }).response?.body.count == 1000)
        let failure = try #require(await fetcher.fetch(request(server.url("/b")) { $0.maxBody = 999 }).failure)
        #expect(failure.kind == .tooLarge)
    }

    @Test func maxBodyCountsDecodedBytes() async throws {
        let server = try await FaultServer()
        // 100 KB of text compresses to a few hundred bytes on the wire.
        try server.route("/gz", ["body": String(repeating: "z", count: 100_000), "gzip": true])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/gz")) { $0.maxBody = 50_000 }).failure)
        #expect(failure.kind == .tooLarge)
    }

    @Test func gzipBombStopsAtMaxBodyWithBoundedMemory() async throws {
        let server = try await FaultServer()
        // 1 GB of zeros once inflated (about 1 MB on the wire). Enough to fail the memory bound
        // loudly if the limit broke, without a broken build eating a shared machine's RAM.
        try server.route("/bomb", ["gzip_bomb": 1_000_000_000])
        let canReset = resetPeakRSS()
        let before = try #require(peakRSSKilobytes())
        let started = now()
        let failure = try #require(await makeFetcher().fetch(request(server.url("/bomb")) { $0.maxBody = 8 << 20 }).failure)
        let peak = try #require(peakRSSKilobytes())
        #expect(failure.kind == .tooLarge)
        #expect(now() - started < 10)
        // The body buffer may reach 8 MB (and its doubling growth 16 MB); 10 GB must never show.
        #expect(peak - before < 64 * 1024, "peak RSS grew by \(peak - before) KB (reset: \(canReset))")
    }

    @Test func dribblingServerIsCutOffWithinTimeout() async throws {
        let server = try await FaultServer()
        try server.route("/slow", ["body": String(repeating: "x", count: 100), "dribble": 1.0])
        let started = now()
        let failure = try #require(await makeFetcher().fetch(request(server.url("/slow")) { $0.timeout = 2 }).failure)
        let elapsed = now() - started
        #expect(failure.kind == .timeout)
        #expect(elapsed >= 1.9 && elapsed < 6, "took \(elapsed) s")  // the whole body takes 100 s
    }

    @Test func lowSpeedLimitCutsOffBeforeTheTotalTimeout() async throws {
        let server = try await FaultServer()
        try server.route("/slow", ["body": String(repeating: "x", count: 100), "dribble": 1.0])
        let started = now()
        let failure = try #require(await makeFetcher().fetch(request(server.url("/slow")) {
            $0.timeout = 30
            $0.lowSpeedLimit = 100
            $0.lowSpeedTime = 2
        }).failure)
        #expect(failure.kind == .timeout)
        #expect(now() - started < 5)
    }

    @Test func silentServerTimesOut() async throws {
        let server = try await FaultServer()
        try server.route("/hang", ["body": "late", "delay": 8])
        let started = now()
        let failure = try #require(await makeFetcher().fetch(request(server.url("/hang")) { $0.timeout = 1 }).failure)
        #expect(failure.kind == .timeout)
        #expect(now() - started < 5)
    }

    @Test func oversizedHeadersFail() async throws {
        let server = try await FaultServer()
        try server.route("/h", ["body": "x", "headers": [["X-Big", String(repeating: "h", count: 20_000)]]])
        let failure = try #require(await makeFetcher(maxHeaderBytes: 8_000).fetch(request(server.url("/h"))).failure)
        #expect(failure.kind == .tooLarge)
        #expect(failure.message.contains("headers"))
    }

    @Test func closedPortIsAConnectError() async throws {
        var server: FaultServer? = try await FaultServer()
        let url = try #require(server).url("/x")
        let port = try #require(server).port
        server = nil  // stops it: nothing listens on the port any more
        try await Task.sleep(for: .milliseconds(200))
        let failure = try #require(await makeFetcher().fetch(request(url)).failure)
        #expect(failure.kind == .connect, "port \(port): \(failure)")
    }

    @Test func serverClosingWithoutAnswerFails() async throws {
        let server = try await FaultServer()
        try server.route("/drop", ["close": true])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/drop"))).failure)
        #expect(failure.kind != .httpStatus)
    }
}
