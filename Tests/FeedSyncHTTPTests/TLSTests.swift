import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

/// Against faultserver's HTTPS mode with a self-signed certificate (Tests/Support/tls-cert.pem).
@Suite("TLS options")
struct TLSTests {
    @Test func untrustedCertificateIsATLSFailure() async throws {
        let server = try await FaultServer(tls: true)
        try server.route("/feed", ["body": "secure"])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/feed"))).failure)
        #expect(failure.kind == .tls)
        #expect(failure.message.contains("certificate"))
    }

    @Test func caFileMakesTheCertificateTrusted() async throws {
        let server = try await FaultServer(tls: true)
        try server.route("/feed", ["body": "secure"])
        let result = await makeFetcher().fetch(request(server.url("/feed")) { $0.caFile = FaultServer.certificate })
        #expect(result.bodyText == "secure")
    }

    @Test func tlsVerifyFalseAcceptsAnyCertificate() async throws {
        let server = try await FaultServer(tls: true)
        try server.route("/feed", ["body": "secure"])
        let result = await makeFetcher().fetch(request(server.url("/feed")) { $0.tlsVerify = false })
        #expect(result.bodyText == "secure")
    }

    @Test func missingCAFileFails() async throws {
        let server = try await FaultServer(tls: true)
        try server.route("/feed", ["body": "secure"])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/feed")) {
            $0.caFile = "/nonexistent/ca.pem"
        }).failure)
        #expect(failure.kind == .tls)
    }
}
