import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

/// `deny_private` is checked when a socket opens, so a connection must never carry a transfer whose
/// policy is stricter than the one that opened it (issue 16.1). The server's port is exempted for
/// the strict transfers that must reach it (see DenyPrivateTests), which exempts nothing else.
@Suite("connection pools per policy")
struct ConnectionPoolTests {
    @Test func aConnectionOpenedWithoutTheCheckIsNotReusedByAStrictTransfer() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "x"])
        let fetcher = makeFetcher(perHost: 1)
        #expect(await fetcher.fetch(request(server.url("/feed"))).bodyText == "x")
        // The open connection from the first fetch is to a loopback peer: reusing it would skip the check.
        let failure = try #require(await fetcher.fetch(request(server.url("/feed")) { $0.denyPrivate = true }).failure)
        #expect(failure.kind == .forbidden)
        #expect(failure.message.contains("deny_private"))
        #expect(try server.requests("/feed").count == 1)
    }

    @Test func strictTransfersReuseTheConnectionsStrictTransfersOpened() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "x"])
        let fetcher = makeFetcher(perHost: 1, allowedPeers: ["127.0.0.1:\(server.port)"])
        for _ in 0..<4 {
            #expect(await fetcher.fetch(request(server.url("/feed")) { $0.denyPrivate = true }).bodyText == "x")
        }
        #expect(try server.log().connections == 1)
    }

    @Test func eachPolicyKeepsItsOwnPool() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "x"])
        let fetcher = makeFetcher(perHost: 1, allowedPeers: ["127.0.0.1:\(server.port)"])
        for strict in [false, true, false, true, false, true] {
            #expect(await fetcher.fetch(request(server.url("/feed")) { $0.denyPrivate = strict }).bodyText == "x")
        }
        // One connection per pool, each reused: never one connection for both.
        #expect(try server.log().connections == 2)
    }
}
