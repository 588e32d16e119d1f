import CSystem
import FeedSyncCore
import Foundation
import Testing

/// The Poll stage parses on `ParseThreads`, not on the cooperative pool, and a cancelled poll still
/// stops its parse. The fetcher and parser here are stand-ins: what is under test is where the parse
/// runs and what it sees.
@Suite struct ParseThreadsTests {
    struct OneBody: Fetcher {
        func fetch(_ request: FetchRequest) async -> FetchResult {
            .fetched(FetchResponse(status: 200, effectiveURL: request.url, body: Array("<rss/>".utf8)))
        }
    }

    /// Spins (as a long parse does) for `seconds` or until its task is cancelled, recording the
    /// thread it ran on and whether it saw the cancellation.
    final class SpinningParser: FeedParsing, @unchecked Sendable {
        let seconds: Double
        let lock = NSLock()
        var threadNames: [String] = []
        var sawCancellation = false
        var running = 0, peak = 0
        init(seconds: Double) { self.seconds = seconds }

        func parse(_ body: [UInt8], request: ParseRequest) throws(ParseError) -> FeedDocument {
            var buffer = [CChar](repeating: 0, count: 32)
            let name = CSystem_thread_name(&buffer, buffer.count) == 0
                ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
            lock.lock(); running += 1; peak = max(peak, running); lock.unlock()
            defer { lock.lock(); running -= 1; lock.unlock() }
            let end = Date().addingTimeInterval(seconds)
            var cancelled = false
            while Date() < end {
                if Task.isCancelled { cancelled = true; break }
            }
            lock.lock(); threadNames.append(name); sawCancellation = sawCancellation || cancelled; lock.unlock()
            if cancelled { throw ParseError("cancelled") }
            return FeedDocument(version: "rss20")
        }
    }

    let source = SourceConfig(name: "s", url: "https://example.org/feed")

    @Test func pollsParseOnTheParseThreads() async {
        let parser = SpinningParser(seconds: 0)
        let poller = Poller(fetcher: OneBody(), parser: parser)
        for _ in 0..<4 { _ = await poller.poll(source, state: nil) }
        #expect(parser.threadNames.count == 4)
        #expect(parser.threadNames.allSatisfy { $0.hasPrefix(ParseThreads.threadNamePrefix) }, "\(parser.threadNames)")
    }

    @Test func aCancelledPollStopsItsParse() async {
        let parser = SpinningParser(seconds: 30)
        // Threads of its own: the shared ones may be busy with other tests' parses.
        let poller = Poller(fetcher: OneBody(), parser: parser, parseThreads: ParseThreads(count: 1))
        let source = self.source
        let started = Date()
        let poll = Task { await poller.poll(source, state: nil) }
        try? await Task.sleep(nanoseconds: 100_000_000)
        poll.cancel()
        let polled = await poll.value
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(parser.sawCancellation)
        guard case .parseFailed = polled.outcome else {
            Issue.record("expected a failed parse, got \(polled.outcome)"); return
        }
    }

    /// Six spinning jobs on two parse threads: two at a time, never more, never fewer.
    @Test func asManyJobsAtOnceAsThreads() async {
        let threads = ParseThreads(count: 2)
        let parser = SpinningParser(seconds: 0.3)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    await withTaskExecutorPreference(threads) {
                        _ = try? parser.parse([], request: ParseRequest())
                    }
                }
            }
        }
        #expect(parser.threadNames.count == 6)
        #expect(parser.peak == 2, "\(parser.peak) jobs at once on 2 threads")
    }
}
