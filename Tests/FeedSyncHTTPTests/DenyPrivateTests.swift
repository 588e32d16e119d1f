import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

/// The test server can only live on loopback, which `denyPrivate` refuses. To prove that a
/// *redirect* to a private address is refused (not just the first hop), the fetcher is built
/// with one `ip:port` exempt (the server's first port, standing in for "a public server"), and
/// that server redirects to its second port, 127.0.0.1 with another port, which stays refused.
/// The exemption is per ip:port, so it cannot hide the check on the redirect's connection.
@Suite("deny_private")
struct DenyPrivateTests {
    @Test func loopbackAddressIsRefused() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "x"])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/feed")) { $0.denyPrivate = true }).failure)
        #expect(failure.kind == .forbidden)
        #expect(failure.message.contains("127.0.0.1"))
        #expect(try server.log().connections == 0)
    }

    @Test func loopbackNameIsRefusedAfterResolution() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "x"])
        let url = "http://localhost:\(server.port)/feed"
        let failure = try #require(await makeFetcher().fetch(request(url) { $0.denyPrivate = true }).failure)
        #expect(failure.kind == .forbidden)
        #expect(try server.log().connections == 0)
    }

    @Test func redirectToPrivateAddressIsRefused() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/public", ["status": 302, "redirect": server.url("/internal", port: 1)])
        try server.route("/internal", ["body": "secret"])
        let fetcher = makeFetcher(allowedPeers: ["127.0.0.1:\(server.ports[0])"])
        let failure = try #require(await fetcher.fetch(request(server.url("/public")) { $0.denyPrivate = true }).failure)
        #expect(failure.kind == .forbidden)
        let log = try server.log()
        #expect(log.requests.map(\.path) == ["/public"])
    }

    @Test func sameRedirectSucceedsWithoutDenyPrivate() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/public", ["status": 302, "redirect": server.url("/internal", port: 1)])
        try server.route("/internal", ["body": "secret"])
        let fetcher = makeFetcher(allowedPeers: ["127.0.0.1:\(server.ports[0])"])
        #expect(await fetcher.fetch(request(server.url("/public"))).bodyText == "secret")
    }

    @Test func exemptPeerIsReachable() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "ok"])
        let fetcher = makeFetcher(allowedPeers: ["127.0.0.1:\(server.port)"])
        #expect(await fetcher.fetch(request(server.url("/feed")) { $0.denyPrivate = true }).bodyText == "ok")
    }
}
