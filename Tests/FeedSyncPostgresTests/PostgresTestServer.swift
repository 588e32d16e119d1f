import FeedSyncPostgres
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One throwaway PostgreSQL cluster for the whole test process (`scripts/pg-cluster`: Debian's
/// postgresql, its own data directory, loopback only), and a fresh database per test.
///
/// Without the server binaries the tests skip with one line; with `FEEDSYNC_REQUIRE_POSTGRES=1`
/// (CI) that is a failure instead.
enum PostgresTestServer {
    /// The cluster's data folder, removed (and the server stopped) when the test process exits.
    nonisolated(unsafe) static var clusterDir: String?

    /// The server's URL, or nil (with the reason) when PostgreSQL is not installed.
    static let server: Result<String, SkipReason> = start()

    struct SkipReason: Error, CustomStringConvertible { var description: String }

    static var repo: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    private static func start() -> Result<String, SkipReason> {
        let dir = NSTemporaryDirectory() + "feedsync-pg-\(getpid())"
        let (status, out) = run([repo + "/scripts/pg-cluster", "start", dir])
        if status == 77 { return .failure(SkipReason(description: out.trimmingCharacters(in: .whitespacesAndNewlines))) }
        guard status == 0, let url = out.split(separator: "\n").last.map(String.init) else {
            return .failure(SkipReason(description: "scripts/pg-cluster start failed (\(status)): \(out)"))
        }
        clusterDir = dir
        atexit {
            if let dir = PostgresTestServer.clusterDir { _ = PostgresTestServer.run([PostgresTestServer.repo + "/scripts/pg-cluster", "kill", dir]) }
        }
        return .success(url)
    }

    /// A fresh database on the shared cluster: its URL, or nil when the tests skip.
    static func database() throws -> String? {
        switch server {
        case let .failure(reason):
            if ProcessInfo.processInfo.environment["FEEDSYNC_REQUIRE_POSTGRES"] == "1" {
                Issue.record("FEEDSYNC_REQUIRE_POSTGRES=1 but \(reason)")
            } else {
                print(reason.description)
            }
            return nil
        case let .success(url):
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try PostgresConnection(url: url, password: nil, displayURL: url).execute("CREATE DATABASE \(name)")
            return url.replacingOccurrences(of: "/postgres", with: "/" + name)
        }
    }

    /// Runs a command, returning its exit status and its standard output and error. posix_spawn
    /// and waitpid, not Foundation's Process: the script leaves a server running, and Process
    /// never reaped the script's exit here (the test hung on a zombie).
    @discardableResult
    static func run(_ argv: [String]) -> (Int32, String) {
        let outPath = NSTemporaryDirectory() + "feedsync-pg-run-\(UUID().uuidString)"
        defer { unlink(outPath) }
        let quoted = argv.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let shell = ["/bin/sh", "-c", "\(quoted) >'\(outPath)' 2>&1 </dev/null"]
        var cArgs = shell.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &cArgs, environ) == 0 else { return (127, "cannot spawn /bin/sh") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let out = FileManager.default.contents(atPath: outPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), out)
    }
}
