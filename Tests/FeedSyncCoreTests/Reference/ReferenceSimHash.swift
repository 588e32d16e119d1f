@testable import FeedSyncCore

/// Reference for `SimHash` (DifferentialTests.swift): the plain loop fingerprints were first
/// computed with. Persisted fingerprints must come out the same bits, so `SimHash` must add the same
/// values to each total in the same order.
struct ReferenceSimHash {
    private var totals = [Double](repeating: 0, count: 64)

    mutating func add(hash: UInt64, weight: Double) {
        var h = hash
        for bit in 0..<64 {
            totals[bit] += (h & 1) == 1 ? weight : -weight
            h >>= 1
        }
    }

    var fingerprint: UInt64 {
        var out: UInt64 = 0
        for bit in 0..<64 where totals[bit] > 0 { out |= 1 << UInt64(bit) }
        return out
    }
}
