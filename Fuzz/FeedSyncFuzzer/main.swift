import CFuzzerDriver
import FeedSyncFuzzing
import Glibc

/// libFuzzer's entry: runs the target named by FEEDSYNC_FUZZ_TARGET (see `FuzzTargets.all`).
/// Built only by scripts/fuzz (`-sanitize=fuzzer,address -parse-as-library`).
nonisolated(unsafe) private var target: (@Sendable ([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target?(bytes)
    return 0
}

/// The process entry under SwiftPM's name for it (see CFuzzerDriver.h).
@_cdecl("FeedSyncFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    let name = getenv("FEEDSYNC_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let t = FuzzTargets.all[name] else {
        print("FEEDSYNC_FUZZ_TARGET must be one of: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))")
        return 2
    }
    target = t
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
}
