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
        /// When the spin began and ended (cancelled or done).
        var startedAt: Date?, stoppedAt: Date?
        var running = 0, peak = 0
        init(seconds: Double) { self.seconds = seconds }

        func parse(_ body: [UInt8], request: ParseRequest) throws(ParseError) -> FeedDocument {
            var buffer = [CChar](repeating: 0, count: 32)
            let name = CSystem_thread_name(&buffer, buffer.count) == 0
                ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
            lock.lock(); running += 1; peak = max(peak, running); lock.unlock()
            defer { lock.lock(); running -= 1; lock.unlock() }
            let begin = Date()
            lock.lock(); startedAt = begin; lock.unlock()
            let end = begin.addingTimeInterval(seconds)
            var cancelled = false
            while Date() < end {
                if Task.isCancelled { cancelled = true; break }
            }
            lock.lock(); threadNames.append(name); sawCancellation = sawCancellation || cancelled; stoppedAt = Date(); lock.unlock()
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
        let poll = Task { await poller.poll(source, state: nil) }
        try? await Task.sleep(nanoseconds: 100_000_000)
        // Timed on the parse thread, not the test's clock: the test's own sleeps and awaits run on a
        // cooperative pool that parallel tests on 2 cores held for 42 s once.
        let cancelledAt = Date()
        poll.cancel()
        let polled = await poll.value
        #expect(parser.sawCancellation)
        // Once the parse runs and the cancel is made (whichever came last), it stops within 5 s.
        let after = parser.stoppedAt.flatMap { stop in parser.startedAt.map { stop.timeIntervalSince(max($0, cancelledAt)) } }
        #expect(after.map { $0 < 5 } ?? false, "the parse went on \(after ?? -1) s after the cancel")
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
