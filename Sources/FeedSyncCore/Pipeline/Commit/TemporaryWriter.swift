import Dispatch
import Foundation

/// Step 1 of the commit protocol for a whole batch: render every named item and write it into
/// `tmp/`, spread over one lane per core.
///
/// Rendering and the kernel's file creation were a fifth of a cold sync's CPU, all of it on the
/// delivery thread, which is the pipeline's critical path (BENCHMARKS.md). The files are
/// independent (each has its own name, fixed before this step), so lanes change nothing the
/// protocol relies on: every file is complete in `tmp/` before `write` returns, and the one
/// `syncfs` after it still comes before the commit point.
struct TemporaryWriter {
    /// One file to write: which plan it belongs to, its name, and the item.
    struct File {
        var plan: Int
        var name: String
        var item: SpoolItem
    }

    let spool: Spool
    let format: SpoolFormat
    /// Lanes to use for a large batch.
    var lanes = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Below this many files a batch is written on the calling thread: handing a daemon's few
    /// items to other threads costs more than it saves.
    var laneThreshold = 64

    /// Writes `files`; returns the first failure of each plan that had one. A plan's files are
    /// not removed here: the caller removes every file of a failed plan after all lanes are done,
    /// so no lane can write one of them afterwards.
    func write(_ files: [File]) -> [Int: String] {
        let lanes = files.count < laneThreshold ? 1 : min(lanes, files.count)
        if lanes == 1 { return write(files, lane: 0, of: 1) }
        var failures = [[Int: String]](repeating: [:], count: lanes)
        failures.withUnsafeMutableBufferPointer { slots in
            // Each lane writes only its own slot.
            let slots = UncheckedSendable(slots)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                slots.value[lane] = write(files, lane: lane, of: lanes)
            }
        }
        return failures.reduce(into: [:]) { all, lane in all.merge(lane) { first, _ in first } }
    }

    /// The files of lane `lane`: every `count`-th, so each lane gets a share of every plan.
    private func write(_ files: [File], lane: Int, of count: Int) -> [Int: String] {
        var failures: [Int: String] = [:]
        for index in stride(from: lane, to: files.count, by: count) {
            let file = files[index]
            if failures[file.plan] != nil { continue }
            do {
                try spool.writeTemporary(name: file.name, contents: SpoolRenderer.render(file.item, format: format, fileName: file.name))
            } catch {
                failures[file.plan] = "\(error)"
            }
        }
        return failures
    }
}

/// A value handed to `concurrentPerform`'s lanes whose safety the caller guarantees (each lane
/// touches its own part).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
