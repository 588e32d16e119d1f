import ArgumentParser
import Dispatch
import FeedSyncCore
import FeedSyncParsing
import Foundation

extension ParseCommand {
    /// `parse -j N`: files parsed on N threads, results printed in file order at the end.
    func runParallel(request: ParseRequest) throws {
        let results = ParallelResults(count: files.count)
        let next = ParallelResults.Counter()
        let start = ParseTimings.now()
        let files = self.files
        let quiet = self.quiet
        // Plain threads: this runs on a Swift concurrency thread, where Dispatch's parallel loop
        // measured as running on one core.
        let done = DispatchSemaphore(value: 0)
        let workers = min(jobs, files.count)
        for _ in 0..<workers {
            let thread = Thread {
                defer { done.signal() }
                let parser = FeedParser()
            while let i = next.take(below: files.count) {
                guard let body = FileReader.contents(files[i]) else {
                    results.set(i, .failure("cannot read"), bytes: 0, entries: 0)
                    continue
                }
                do {
                    let doc = try parser.parse(body, request: request)
                    results.set(i, .success(quiet ? [] : JSONOutput.bytes(doc)), bytes: body.count,
                                entries: doc.entries.count)
                } catch {
                    results.set(i, .failure(String(describing: error)), bytes: body.count, entries: 0)
                }
            }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for _ in 0..<workers { done.wait() }
        var failed = false
        for (i, outcome) in results.outcomes.enumerated() {
            switch outcome {
            case .success(let json): if !quiet { JSONOutput.write(bytes: json) }
            case .failure(let message):
                FileHandle.standardError.write(Data("feedsync: \(files[i]): \(message)\n".utf8))
                failed = true
            case nil: break
            }
        }
        JSONOutput.flush()
        if stats {
            let seconds = Double(ParseTimings.now() - start) / 1e9
            let mb = Double(results.bytes) / 1_048_576
            let line = "files \(files.count) bytes \(results.bytes) entries \(results.entries) jobs \(jobs)\n"
                + "total_s \(String(format: "%.3f", seconds)) MBps \(String(format: "%.1f", mb / seconds))\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        if failed { throw ExitCode(1) }
    }
}

/// Per-file results filled in by worker threads.
final class ParallelResults: @unchecked Sendable {
    enum Outcome { case success([UInt8]), failure(String) }

    private let lock = NSLock()
    private(set) var outcomes: [Outcome?]
    private(set) var bytes = 0
    private(set) var entries = 0

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ outcome: Outcome, bytes: Int, entries: Int) {
        lock.lock()
        outcomes[i] = outcome
        self.bytes += bytes
        self.entries += entries
        lock.unlock()
    }

    /// Hands out indexes 0, 1, 2... to whichever thread asks next.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}
