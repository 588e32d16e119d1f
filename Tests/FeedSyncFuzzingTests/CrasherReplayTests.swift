import FeedSyncFuzzing
import Foundation
import Testing

/// Every input a fuzzer found a crash or a hang with stays here (Crashers/<target>/), replayed on
/// every test run: a regression traps this process.
@Suite struct CrasherReplayTests {
    private static func directory(_ target: String) throws -> URL {
        let root = try #require(Bundle.module.url(forResource: "Crashers", withExtension: nil))
        return root.appendingPathComponent(target)
    }

    @Test(arguments: FuzzTargets.all.keys.sorted())
    func everyCrasherReplaysCleanly(target: String) throws {
        let run = try #require(FuzzTargets.all[target])
        let dir = try Self.directory(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
        for name in names.sorted() {
            run(Array(try Data(contentsOf: dir.appendingPathComponent(name))))
        }
    }

    @Test func everyTargetHasACrasherDirectory() throws {
        for target in FuzzTargets.all.keys {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: try Self.directory(target).path, isDirectory: &isDirectory) && isDirectory.boolValue,
                    "Crashers/\(target) missing")
        }
    }

    @Test(arguments: FuzzTargets.all.keys.sorted())
    func targetsTakeEdgeInputs(target: String) throws {
        let run = try #require(FuzzTargets.all[target])
        for input in [[], [0], [0xFF], Array("\n\n\n\n\n".utf8), Array(repeating: UInt8(ascii: "<"), count: 1000)] as [[UInt8]] {
            run(input)
        }
    }
}
