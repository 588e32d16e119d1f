import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

@Suite("Politeness")
struct PolitenessTests {
    @Test func perHostCapIsNeverExceeded() async throws {
        let server = try await FaultServer()
        try server.route("/slow/*", ["body": "x", "delay": 0.2])
        let fetcher = makeFetcher(concurrency: 32, perHost: 2)
        let results = await withTaskGroup(of: FetchResult.self) { group in
            for i in 0..<12 { group.addTask { await fetcher.fetch(request(server.url("/slow/\(i)"))) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.response != nil })
        let log = try server.log()
        #expect(log.maxConcurrentConnections == 2)
        #expect(log.maxConcurrentRequests == 2)
    }

    @Test func globalCapHoldsAcrossHosts() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/slow/*", ["body": "x", "delay": 0.2])
        let fetcher = makeFetcher(concurrency: 3, perHost: 10)
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<12 {
                // 127.0.0.1 and localhost are two hosts to the per-host rule.
                let base = i % 2 == 0 ? "http://127.0.0.1:\(server.ports[0])" : "http://localhost:\(server.ports[1])"
                group.addTask { _ = await fetcher.fetch(request(base + "/slow/\(i)")) }
            }
        }
        let log = try server.log()
        #expect(log.requests.count == 12)
        #expect(log.maxConcurrentRequests == 3)
    }

    @Test func hostDelaySpacesRequestStarts() async throws {
        let server = try await FaultServer()
        try server.route("/p/*", ["body": "x"])
        let fetcher = makeFetcher(concurrency: 8, perHost: 8, hostDelay: 0.5)
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<4 { group.addTask { _ = await fetcher.fetch(request(server.url("/p/\(i)"))) } }
        }
        let starts = try server.log().requests.map(\.start).sorted()
        #expect(starts.count == 4)
        for (a, b) in zip(starts, starts.dropFirst()) {
            // Measured at the server: a reused connection arrives sooner after its start than a
            // new one, so allow some slack below the 0.5 s gap (without the rule it is ~0).
            #expect(b - a > 0.4, "gap \(b - a) s")
        }
    }

    @Test func perRequestHostDelayAppliesAcrossFetches() async throws {
        let server = try await FaultServer()
        try server.route("/p/*", ["body": "x"])
        let fetcher = makeFetcher()
        let started = now()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<3 {
                group.addTask { _ = await fetcher.fetch(request(server.url("/p/\(i)")) { $0.hostDelay = 0.4 }) }
            }
        }
        #expect(now() - started >= 0.75)
    }

    @Test func slowHostDoesNotHoldBackOtherHosts() async throws {
        let server = try await FaultServer(ports: 2)
        try server.route("/slow", ["body": "x", "delay": 4 * timeScale])
        try server.route("/fast", ["body": "y"])
        let fetcher = makeFetcher(concurrency: 8, perHost: 1)
        let slowURL = "http://127.0.0.1:\(server.ports[0])/slow"
        async let a = fetcher.fetch(request(slowURL))
        async let b = fetcher.fetch(request(slowURL))  // queued behind the first on its host
        try await Task.sleep(for: .milliseconds(100))
        let started = now()
        let fast = await fetcher.fetch(request("http://localhost:\(server.ports[1])/fast"))
        #expect(fast.bodyText == "y")
        #expect(now() - started < 2.5 * timeScale)  // held back, it would wait 4 s or more
        _ = await (a, b)
    }
}
