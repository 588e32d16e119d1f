@testable import FeedSyncCore
import Foundation
import Testing

/// The Commit stage's first step in lanes: every file complete in `tmp/`, and a failure charged to
/// its own plan only.
@Suite struct TemporaryWriterTests {
    func spool() throws -> Spool {
        try Spool(root: NSTemporaryDirectory() + "feedsync-tmpwriter-\(UUID().uuidString)")
    }

    func item(_ n: Int) -> SpoolItem {
        var e = FeedEntry()
        e.title = "item \(n) – ünïcode"
        e.link = "https://example.org/\(n)"
        return SpoolItem(id: "k\(n)", event: .new, source: "s\(n % 3)", sourceURL: "https://example.org/feed",
                         feedTitle: nil, feedLink: nil, entry: e, fetchedAt: Timestamp(seconds: 1_700_000_000))
    }

    @Test(arguments: [1, 2, 4])
    func lanesWriteEveryFileAsTheCallingThreadWould(lanes: Int) throws {
        let spool = try spool()
        let files = (0..<300).map { TemporaryWriter.File(plan: $0 % 3, name: "f\($0).json", item: item($0)) }
        var writer = TemporaryWriter(spool: spool, format: .json)
        writer.lanes = lanes
        writer.laneThreshold = 1
        #expect(writer.write(files).isEmpty)
        #expect(Set(spool.temporaryFiles()) == Set(files.map(\.name)))
        for f in files {
            let written = FileManager.default.contents(atPath: spool.tmpDir + "/" + f.name)
            #expect(written.map(Array.init) == SpoolRenderer.render(f.item, format: .json, fileName: f.name))
        }
    }

    @Test func aFailureIsChargedToItsPlanAndTheOthersAreWritten() throws {
        let spool = try spool()
        // A name longer than NAME_MAX cannot be created (ENAMETOOLONG).
        var files = (0..<200).map { TemporaryWriter.File(plan: $0 % 4, name: "f\($0).json", item: item($0)) }
        files[101].name = String(repeating: "x", count: 300)   // plan 1
        var writer = TemporaryWriter(spool: spool, format: .json)
        writer.lanes = 2
        writer.laneThreshold = 1
        let failures = writer.write(files)
        #expect(Array(failures.keys) == [1])
        #expect(failures[1]?.contains(spool.tmpDir) == true)
        let written = Set(spool.temporaryFiles())
        for f in files where f.plan != 1 { #expect(written.contains(f.name)) }
    }
}
