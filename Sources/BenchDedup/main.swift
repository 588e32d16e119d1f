// Benchmark of near-duplicate detection (run by scripts/bench-dedup.sh): indexes N fingerprints
// (default 1,000,000), then times Q `firstCopy` lookups (default 10,000), half near stored
// fingerprints (0...maxDistance+3 bits away), half random; also times fingerprinting of news-sized texts.
// Prints one JSON object. Peak memory is the process's VmHWM from /proc/self/status.
import FeedSyncCore
import Foundation

func memoryKB(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? -1
    }
    return -1
}

/// Wall-clock and CPU seconds of `body` (CPU time of this thread: on a shared machine the wall clock
/// also measures the other processes).
func seconds(_ body: () -> Void) -> (wall: Double, cpu: Double) {
    func cpuNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuNow()
    body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuNow() - cpuStart)
}

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 1_000_000 : 1_000_000
let q = args.count > 2 ? Int(args[2]) ?? 10_000 : 10_000
let k = NearDuplicateIndex.defaultMaxDistance
let now = Timestamp(seconds: 1_751_600_000)
var rng = SeededRandom(state: 20_250_704)

// Records as the engine would add them: hex item keys, a few hundred sources, times over the window.
var records: [DuplicateRecord] = []
records.reserveCapacity(n)
for i in 0..<n {
    let fp = rng.next()
    records.append(DuplicateRecord(id: String(fp &* 31 &+ UInt64(i), radix: 16), source: "source-\(i % 300)",
                                   fingerprint: fp, time: Timestamp(seconds: now.seconds - Int64(i % 250_000))))
}
let rssBeforeIndex = memoryKB("VmRSS")

var index = NearDuplicateIndex()
let insertSeconds = seconds { for r in records { index.insert(r) } }
let rssAfterIndex = memoryKB("VmRSS")
let indexBytes = index.memoryBytes
// The start-up path: the same records restored in one go (one freeze).
let restoreSeconds = seconds { _ = NearDuplicateIndex(records: records).count }

var queries: [UInt64] = []
for i in 0..<q {
    if i % 2 == 0 {
        var fp = records[Int(rng.next() % UInt64(n))].fingerprint
        for _ in 0..<Int(rng.next() % UInt64(k + 4)) { fp ^= 1 << (rng.next() % 64) }
        queries.append(fp)
    } else {
        queries.append(rng.next())
    }
}
var hits = 0
let lookupSeconds = seconds {
    for fp in queries where index.firstCopy(of: fp, excludingSource: "source-0", now: now) != nil { hits += 1 }
}

// Fingerprinting cost on a typical news text (~120 words) with a title.
let text = String(repeating: "Arland and Velmor exchanged 120 prisoners of war on Tuesday, the largest swap since fighting broke out along their border two years ago. ", count: 5)
var sink: UInt64 = 0
let fingerprintCount = 20_000
let fingerprintSeconds = seconds {
    for i in 0..<fingerprintCount { sink ^= DuplicateFingerprint.make(title: "Item \(i)", text: "\(i) " + text) ?? 0 }
}

func r3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
let result: [String: Any] = [
    "fingerprints": n, "lookups": q, "max_distance": k, "lookup_hits": hits,
    "insert_seconds": r3(insertSeconds.wall), "insert_cpu_seconds": r3(insertSeconds.cpu),
    "restore_cpu_seconds": r3(restoreSeconds.cpu),
    "lookup_seconds": r3(lookupSeconds.wall), "lookup_cpu_seconds": r3(lookupSeconds.cpu),
    "lookups_per_second": Int(Double(q) / lookupSeconds.wall),
    "lookups_per_cpu_second": Int(Double(q) / lookupSeconds.cpu),
    "microseconds_per_lookup_cpu": (lookupSeconds.cpu / Double(q) * 1e7).rounded() / 10,
    "fingerprints_per_cpu_second": Int(Double(fingerprintCount) / fingerprintSeconds.cpu),
    "index_mb": r3(Double(indexBytes) / 1_048_576),
    "index_rss_growth_mb": r3(Double(rssAfterIndex - rssBeforeIndex) / 1024),
    "peak_rss_mb": r3(Double(memoryKB("VmHWM")) / 1024),
    "checksum": String(sink, radix: 16),
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
