import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

@Suite("HTTP status outcomes")
struct StatusTests {
    @Test(arguments: [404, 410, 500])
    func errorStatusIsAFailureWithTheStatus(status: Int) async throws {
        let server = try await FaultServer()
        try server.route("/s", ["status": status, "body": "oops"])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/s"))).failure)
        #expect(failure.kind == .httpStatus)
        #expect(failure.status == status)
        #expect(failure.retryAfter == nil)
    }

    @Test func tooManyRequestsCarriesRawRetryAfterSeconds() async throws {
        let server = try await FaultServer()
        try server.route("/busy", ["status": 429, "retry_after": "120"])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/busy"))).failure)
        #expect(failure.kind == .httpStatus)
        #expect(failure.status == 429)
        #expect(failure.retryAfter == "120")
    }

    @Test func unavailableCarriesRawRetryAfterDate() async throws {
        let server = try await FaultServer()
        let date = "Wed, 21 Oct 2037 07:28:00 GMT"
        try server.route("/down", ["status": 503, "retry_after": date])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/down"))).failure)
        #expect(failure.status == 503)
        #expect(failure.retryAfter == date)
        #expect(failure.headers.contains { $0.0 == "Retry-After" && $0.1 == date })
    }

    @Test func noContentIsFetchedWithEmptyBody() async throws {
        let server = try await FaultServer()
        try server.route("/empty", ["status": 204])
        let response = try #require(await makeFetcher().fetch(request(server.url("/empty"))).response)
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
    }
}
