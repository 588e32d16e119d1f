import FeedSyncCore
import FeedSyncStore
import Foundation
import Testing

/// The delivery thread's group commit (the daemon's): polls that arrive within the window share
/// one batch, which shows in the spool names (a batch names its files with one timestamp).
///
/// Each test bounds its wait with a watchdog that stops the thread (which ends any wait) after
/// two minutes and fails the test, so a broken window fails instead of hanging, and a slow
/// machine (the full suite on 2 cores starves the cooperative pool for seconds) never fails it.
@Suite struct GroupCommitTests {
    var f = PipelineFixture()

    /// Delivers one single-item poll per source, the n-th `stagger * n` seconds after the first.
    func deliverTogether(_ d: DeliveryThread, sources: Int, stagger: Double = 0) async -> [SourceReport] {
        await withTaskGroup(of: SourceReport.self) { group in
            for n in 0..<sources {
                group.addTask {
                    try? await Task.sleep(for: .seconds(stagger * Double(n)))
                    let source = SourceConfig(name: "s\(n)", url: "https://example.org/\(n)")
                    return await d.deliver(PipelineFixture.document(["i\(n)"], source: source)).report
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Runs `body`; true when it finished before the watchdog had to stop `d`.
    func finishesInTime(_ d: DeliveryThread, _ body: () async -> Void) async -> Bool {
        let watchdog = Task { try await Task.sleep(for: .seconds(120)); d.stop() }
        await body()
        watchdog.cancel()
        return (try? await watchdog.value) == nil
    }

    /// The batch timestamps of the files in `new/` (the first part of each name).
    func batchStamps() throws -> Set<Substring> {
        Set(try f.newFiles().map { $0.split(separator: ".")[0] })
    }

    @Test func pollsWaitForEachOtherUntilTheBatchIsFull() async throws {
        let d = try f.open(gatherWindow: 600, gatherLimit: 4)
        var reports: [SourceReport] = []
        let inTime = await finishesInTime(d) { reports = await deliverTogether(d, sources: 4, stagger: 0.05) }
        d.stop()
        #expect(inTime, "a full batch does not wait for the window")
        #expect(reports.count == 4 && reports.allSatisfy { $0.status == .ok && $0.newItems == 1 })
        #expect(try f.newFiles().count == 4)
        #expect(try batchStamps().count == 1, "one batch")
    }

    @Test func theWindowClosesABatchThatIsNotFull() async throws {
        let d = try f.open(gatherWindow: 0.2, gatherLimit: 64)
        var reports: [SourceReport] = []
        let inTime = await finishesInTime(d) { reports = await deliverTogether(d, sources: 1) }
        d.stop()
        #expect(inTime)
        #expect(reports.first?.status == .ok && reports.first?.newItems == 1)
        #expect(try f.newFiles().count == 1)
    }
}
