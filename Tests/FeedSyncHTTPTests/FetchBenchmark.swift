import FeedSyncCore
@testable import FeedSyncHTTP
import Foundation
import Testing

/// Throughput and concurrency against the loopback fault server. Off unless FEEDSYNC_BENCH is
/// set; run it through scripts/bench-fetch.sh (release build). Prints one `BENCH` line.
@Suite("Fetch benchmark", .enabled(if: ProcessInfo.processInfo.environment["FEEDSYNC_BENCH"] != nil))
struct FetchBenchmark {
    static func setting(_ name: String, _ fallback: Double) -> Double {
        ProcessInfo.processInfo.environment[name].flatMap(Double.init) ?? fallback
    }

    @Test func loopbackThroughput() async throws {
        let count = Int(Self.setting("FEEDSYNC_BENCH_N", 2000))
        let concurrency = Int(Self.setting("FEEDSYNC_BENCH_CONCURRENCY", 64))
        let delay = Self.setting("FEEDSYNC_BENCH_DELAY", 0)
        let size = Int(Self.setting("FEEDSYNC_BENCH_BODY", 4000))
        let server = try await FaultServer()
        try server.route("/feed/*", ["body": String(repeating: "x", count: size), "delay": delay, "gzip": true])
        let fetcher = makeFetcher(concurrency: concurrency, perHost: concurrency)
        let started = now()
        let ok = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<count {
                group.addTask { await fetcher.fetch(request(server.url("/feed/\(i)"))).response?.body.count == size }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        let elapsed = now() - started
        let log = try server.log()
        let rate = Double(count) / elapsed
        let starts = log.requests.map(\.start)
        let spread = (starts.max() ?? 0) - (starts.min() ?? 0)
        print("BENCH urls=\(count) concurrency=\(concurrency) delay=\(delay)s body=\(size)B ok=\(ok) "
              + "elapsed=\(String(format: "%.2f", elapsed))s rate=\(Int(rate))/s "
              + "server_max_concurrent_requests=\(log.maxConcurrentRequests) "
              + "server_connections=\(log.connections) arrival_spread=\(String(format: "%.2f", spread))s peak_rss=\(peakRSSKilobytes() ?? -1)KB")
        #expect(ok == count)
        #expect(log.maxConcurrentRequests <= concurrency)
    }
}
