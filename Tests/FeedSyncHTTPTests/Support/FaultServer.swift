import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs Tests/Support/faultserver.py as a child process on 127.0.0.1 and drives it over its
/// stdin/stdout command channel (so test setup never goes through the fetcher under test and
/// never shows up in the server's request log or connection counters).
final class FaultServer: @unchecked Sendable {
    /// One request as the server saw it.
    struct Request: Decodable {
        var method: String
        var path: String
        var headers: [[String]]
        var port: Int
        var conn: Int
        var start: Double
        var end: Double?
        var status: Int?

        /// The value of a request header as received, case-insensitive name.
        func header(_ name: String) -> String? {
            headers.last { $0.first?.lowercased() == name.lowercased() }.flatMap { $0.count > 1 ? $0[1] : nil }
        }
    }

    /// The server's log and counters.
    struct Log: Decodable {
        var requests: [Request]
        var connections: Int
        var maxConcurrentConnections: Int
        var maxConcurrentRequests: Int

        enum CodingKeys: String, CodingKey {
            case requests, connections
            case maxConcurrentConnections = "max_concurrent_connections"
            case maxConcurrentRequests = "max_concurrent_requests"
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Serving ports (all share routes and log).
    let ports: [Int]
    private let process: Process
    private let input: FileHandle
    private let outputFD: Int32
    private let lock = NSLock()

    /// Tests/Support, found from this file's path.
    static let support = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Support
        .deletingLastPathComponent()   // FeedSyncHTTPTests
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Support").path
    static let script = support + "/faultserver.py"
    /// The self-signed certificate `--tls` serves (for 127.0.0.1 and localhost).
    static let certificate = support + "/tls-cert.pem"
    /// `http` or `https`.
    let scheme: String

    /// What starting the child produced; built off the cooperative pool (see `init`).
    private struct Launch: @unchecked Sendable {
        var process: Process
        var input: FileHandle
        var outputFD: Int32
        var ports: [Int]
    }

    /// Starts the server and waits for its hello line. The blocking start runs on a Dispatch
    /// thread: blocking the test's cooperative pool (2 threads here) would stall every other
    /// test running in parallel and skew their timings.
    init(ports count: Int = 1, tls: Bool = false) async throws {
        let launch = try await withCheckedThrowingContinuation { (c: CheckedContinuation<Launch, Error>) in
            DispatchQueue.global().async { c.resume(with: Result { try Self.launch(ports: count, tls: tls) }) }
        }
        scheme = tls ? "https" : "http"
        process = launch.process
        input = launch.input
        outputFD = launch.outputFD
        ports = launch.ports
    }

    private static func launch(ports count: Int, tls: Bool) throws -> Launch {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--ports", String(count)]
            + (tls ? ["--tls", Self.certificate, Self.support + "/tls-key.pem"] : [])
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let fd = stdout.fileHandleForReading.fileDescriptor
        let hello = try Self.readLine(fd)
        struct Hello: Decodable { var ports: [Int] }
        guard let info = try? JSONDecoder().decode(Hello.self, from: Data(hello.utf8)) else {
            process.terminate()
            throw Failure(description: "faultserver said: \(hello)")
        }
        return Launch(process: process, input: stdin.fileHandleForWriting, outputFD: fd, ports: info.ports)
    }

    /// SIGKILL, not SIGTERM: a child started from a Dispatch thread inherits its blocked signals, and
    /// end of stdin is not seen while a sibling server started at the same moment holds a copy of
    /// the pipe. Both happened at once and two deinits held the cooperative pool's two threads in
    /// `waitUntilExit` for good, which stopped the whole test run.
    deinit {
        try? input.close()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var port: Int { ports[0] }

    /// `http://127.0.0.1:PORT/path` (or https) on serving port `index`.
    func url(_ path: String, port index: Int = 0) -> String { "\(scheme)://127.0.0.1:\(ports[index])\(path)" }

    func route(_ path: String, _ spec: [String: Any]) throws {
        _ = try command(["op": "route", "path": path, "spec": spec])
    }

    func log() throws -> Log {
        try JSONDecoder().decode(Log.self, from: command(["op": "log"]))
    }

    /// Requests for one path (query included), in arrival order.
    func requests(_ path: String) throws -> [Request] { try log().requests.filter { $0.path == path } }

    func reset() throws { _ = try command(["op": "reset"]) }

    private func command(_ object: [String: Any]) throws -> Data {
        var line = try JSONSerialization.data(withJSONObject: object)
        line.append(UInt8(ascii: "\n"))
        lock.lock()
        defer { lock.unlock() }
        try input.write(contentsOf: line)
        return Data(try Self.readLine(outputFD).utf8)
    }

    private static func readLine(_ fd: Int32) throws -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { throw Failure(description: "faultserver closed its output") }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
