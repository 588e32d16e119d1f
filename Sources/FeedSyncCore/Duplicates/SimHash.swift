/// A 64-bit SimHash (Charikar, "Similarity estimation techniques from rounding algorithms", 2002):
/// each feature votes with its weight on every bit according to its hash; the fingerprint keeps the
/// bits with a positive total. Similar feature sets give fingerprints at a small Hamming distance
/// (about 64 x angle / pi between the weighted feature vectors).
public struct SimHash {
    private var totals = [Double](repeating: 0, count: 64)
    /// Whether any feature was added.
    public private(set) var isEmpty = true

    /// A SimHash with no features yet.
    public init() {}

    /// Adds one feature (already hashed) with a weight.
    public mutating func add(hash: UInt64, weight: Double) {
        isEmpty = false
        var h = hash
        totals.withUnsafeMutableBufferPointer { totals in
            for bit in 0..<64 {
                totals[bit] += (h & 1) == 1 ? weight : -weight
                h >>= 1
            }
        }
    }

    /// The fingerprint.
    public var fingerprint: UInt64 {
        var out: UInt64 = 0
        for bit in 0..<64 where totals[bit] > 0 { out |= 1 << UInt64(bit) }
        return out
    }

    /// Number of differing bits.
    @inlinable public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}
