import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

/// Configured headers go to the configured origin only (issue 16.8): after a redirect to another
/// scheme, host or port they are not sent, unless `headersOnRedirect`. The server's two ports are
/// two origins on one address.
@Suite("header scope on redirects")
struct HeaderScopeTests {
    private func scoped(_ url: String, onRedirect: Bool = false) -> FetchRequest {
        request(url) {
            $0.headers = [("X-Api-Key", "secret-key"), ("Accept", "application/rss+xml")]
            $0.headersOnRedirect = onRedirect
        }
    }

    @Test func headersAreNotSentToAnotherOrigin() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/start", ["status": 302, "redirect": server.url("/end", port: 1)])
        try server.route("/end", ["body": "ok"])
        let response = try #require(await makeFetcher().fetch(scoped(server.url("/start"))).response)
        #expect(String(decoding: response.body, as: UTF8.self) == "ok")
        #expect(response.redirects.map(\.to) == [server.url("/end", port: 1)])
        #expect(try server.requests("/start").first?.header("X-Api-Key") == "secret-key")
        let end = try #require(try server.requests("/end").first)
        #expect(end.header("X-Api-Key") == nil)
        // The default Accept replaces the configured one there.
        #expect(end.header("Accept")?.contains("application/atom+xml") == true)
    }

    @Test func headersFollowASameOriginRedirect() async throws {
        let server = try await FaultServer()
        try server.route("/start", ["status": 301, "redirect": "/end"])
        try server.route("/end", ["body": "ok"])
        #expect(await makeFetcher().fetch(scoped(server.url("/start"))).bodyText == "ok")
        #expect(try server.requests("/end").first?.header("X-Api-Key") == "secret-key")
    }

    @Test func headersComeBackWhenTheChainReturnsToTheOrigin() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/start", ["status": 302, "redirect": server.url("/away", port: 1)])
        try server.route("/away", ["status": 302, "redirect": server.url("/home", port: 0)])
        try server.route("/home", ["body": "ok"])
        #expect(await makeFetcher().fetch(scoped(server.url("/start"))).bodyText == "ok")
        #expect(try server.requests("/away").first?.header("X-Api-Key") == nil)
        #expect(try server.requests("/home").first?.header("X-Api-Key") == "secret-key")
    }

    @Test func optInSendsThemEverywhere() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/start", ["status": 302, "redirect": server.url("/end", port: 1)])
        try server.route("/end", ["body": "ok"])
        #expect(await makeFetcher().fetch(scoped(server.url("/start"), onRedirect: true)).bodyText == "ok")
        #expect(try server.requests("/end").first?.header("X-Api-Key") == "secret-key")
    }

    @Test func aMovedSourceKeepsItsHeadersForTheConfiguredOrigin() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/moved", ["body": "ok"])
        // A permanent redirect moved the source to port 1; the configured URL is on port 0.
        var r = scoped(server.url("/moved", port: 1))
        r.headersOrigin = server.url("/configured")
        #expect(await makeFetcher().fetch(r).bodyText == "ok")
        #expect(try server.requests("/moved").first?.header("X-Api-Key") == nil)
    }

    @Test func credentialsStayOnTheFirstOrigin() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/start", ["status": 302, "redirect": server.url("/end", port: 1)])
        try server.route("/end", ["body": "ok"])
        var r = scoped(server.url("/start"))
        r.username = "user"
        r.password = "pw"
        #expect(await makeFetcher().fetch(r).bodyText == "ok")
        #expect(try server.requests("/start").first?.header("Authorization") != nil)
        #expect(try server.requests("/end").first?.header("Authorization") == nil)
    }

    @Test func originIsSchemeHostAndPortWithDefaultPorts() {
        #expect(Transfer.sameOrigin("http://Example.org/a", "http://example.org:80/b?q"))
        #expect(Transfer.sameOrigin("https://example.org/", "https://example.org:443/x"))
        #expect(!Transfer.sameOrigin("http://example.org/", "https://example.org/"))
        #expect(!Transfer.sameOrigin("http://example.org/", "http://example.org:8080/"))
        #expect(!Transfer.sameOrigin("http://example.org/", "http://api.example.org/"))
        #expect(!Transfer.sameOrigin("http://example.org/", "not a url"))
    }

    // Redirects followed hop by hop keep the behaviour of libcurl's own following.

    @Test func chainIsRecordedAndPermanentPrefixKept() async throws {
        let server = try await FaultServer()
        try server.route("/a", ["status": 308, "redirect": "/b"])
        try server.route("/b", ["status": 301, "redirect": "/c"])
        try server.route("/c", ["status": 307, "redirect": "/d"])
        try server.route("/d", ["body": "end"])
        let response = try #require(await makeFetcher().fetch(scoped(server.url("/a"))).response)
        #expect(response.redirects.map(\.status) == [308, 301, 307])
        #expect(response.effectiveURL == server.url("/d"))
        #expect(response.permanentRedirectTarget == server.url("/c"))
    }

    @Test func fiveHopsSucceedSixFailAndALoopSaysLoop() async throws {
        let server = try await FaultServer()
        for i in 0..<6 { try server.route("/h\(i)", ["status": 302, "redirect": "/h\(i + 1)"]) }
        try server.route("/h6", ["body": "end"])
        try server.route("/x", ["status": 302, "redirect": "/y"])
        try server.route("/y", ["status": 302, "redirect": "/x"])
        let fetcher = makeFetcher()
        #expect(await fetcher.fetch(scoped(server.url("/h1"))).response?.redirects.count == 5)
        let six = try #require(await fetcher.fetch(scoped(server.url("/h0"))).failure)
        #expect(six.kind == .tooManyRedirects && !six.message.contains("loop"))
        let loop = try #require(await fetcher.fetch(scoped(server.url("/x"))).failure)
        #expect(loop.kind == .tooManyRedirects && loop.message.contains("loop"))
    }

    @Test func redirectToFileIsRefused() async throws {
        let server = try await FaultServer()
        try server.route("/evil", ["status": 301, "redirect": "file:///etc/passwd"])
        let failure = try #require(await makeFetcher().fetch(scoped(server.url("/evil"))).failure)
        #expect(failure.kind == .forbidden)
        #expect(failure.message.contains("file:///etc/passwd"))
    }

    @Test func aPrivateRedirectTargetIsStillRefused() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/public", ["status": 302, "redirect": server.url("/internal", port: 1)])
        try server.route("/internal", ["body": "secret"])
        let fetcher = makeFetcher(allowedPeers: ["127.0.0.1:\(server.ports[0])"])
        var r = scoped(server.url("/public"))
        r.denyPrivate = true
        let failure = try #require(await fetcher.fetch(r).failure)
        #expect(failure.kind == .forbidden)
        #expect(try server.log().requests.map(\.path) == ["/public"])
    }
}
