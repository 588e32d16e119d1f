import FeedSyncCore
@testable import FeedSyncHTTP
import Foundation
import Testing

@Suite("Concurrency and cancellation")
struct ConcurrencyTests {
    @Test func twoHundredConcurrentRequestsAllCompleteCorrectly() async throws {
        let server = try await FaultServer()
        try server.route("/feed/*", ["body": "same", "delay": 0.05])
        let fetcher = makeFetcher(concurrency: 64, perHost: 64)
        let bodies = await withTaskGroup(of: (Int, String?).self) { group in
            for i in 0..<200 {
                group.addTask { (i, await fetcher.fetch(request(server.url("/feed/\(i)"))).response?.effectiveURL) }
            }
            return await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(bodies.count == 200)
        for i in 0..<200 { #expect(bodies[i] == server.url("/feed/\(i)")) }
        let log = try server.log()
        #expect(log.requests.count == 200)
        #expect(log.maxConcurrentRequests <= 64)
        #expect(log.maxConcurrentRequests > 8)  // they really ran side by side
    }

    @Test func slowResponsesFromOneHostOverlap() async throws {
        // Guards against transfers queueing behind the first connection to a host (as
        // CURLOPT_PIPEWAIT does on plain http): then the other requests would reach the server
        // only after the first 2-second response. Measured on the server's side: all 20 must
        // arrive well within one response time.
        let server = try await FaultServer()
        try server.route("/slow/*", ["body": "x", "delay": 2])
        let fetcher = makeFetcher(concurrency: 20, perHost: 20)
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<20 { group.addTask { _ = await fetcher.fetch(request(server.url("/slow/\(i)"))) } }
        }
        let log = try server.log()
        let starts = log.requests.map(\.start)
        let spread = (starts.max() ?? 0) - (starts.min() ?? 0)
        #expect(starts.count == 20)
        #expect(spread < 1.5, "arrivals spread over \(spread) s")
        #expect(log.maxConcurrentRequests == 20)
    }

    @Test func cancellingTheTaskStopsARunningTransfer() async throws {
        let server = try await FaultServer()
        try server.route("/hang", ["body": "late", "delay": 10 * timeScale])
        let fetcher = makeFetcher()
        let task = Task { await fetcher.fetch(request(server.url("/hang")) { $0.timeout = 30 * timeScale }) }
        try await Task.sleep(for: .milliseconds(300))
        let started = now()
        task.cancel()
        let result = await task.value
        #expect(result.failure?.kind == .cancelled)
        #expect(now() - started < 3 * timeScale)  // not cancelled, it would take 10 s
    }

    @Test func cancellingAQueuedRequestLeavesTheOthersAlone() async throws {
        let server = try await FaultServer()
        // Scaled, but under the 20 s a silent server is given before it counts as stalled.
        try server.route("/slow", ["body": "first", "delay": min(3 * timeScale, 12)])
        try server.route("/queued", ["body": "second"])
        let fetcher = makeFetcher(concurrency: 1, perHost: 1)
        let first = Task { await fetcher.fetch(request(server.url("/slow")) { $0.timeout = 10 * timeScale }) }
        // Wait until the first occupies the only slot, so the second must queue.
        while try server.requests("/slow").isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        let second = Task { await fetcher.fetch(request(server.url("/queued"))) }
        try await Task.sleep(for: .milliseconds(200))
        second.cancel()
        #expect(await second.value.failure?.kind == .cancelled)
        #expect(await first.value.bodyText == "first")
        #expect(try server.requests("/queued").isEmpty)
    }

    @Test func alreadyCancelledTaskDoesNotFetch() async throws {
        let server = try await FaultServer()
        try server.route("/x", ["body": "x"])
        let fetcher = makeFetcher()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await fetcher.fetch(request(server.url("/x")))
        }
        #expect(await task.value.failure?.kind == .cancelled)
        #expect(try server.requests("/x").isEmpty)
    }

    @Test func fetcherCanBeReleasedWhileIdle() async throws {
        let server = try await FaultServer()
        try server.route("/x", ["body": "x"])
        for _ in 0..<5 {
            let fetcher = makeFetcher()
            #expect(await fetcher.fetch(request(server.url("/x"))).bodyText == "x")
        }
    }
}
