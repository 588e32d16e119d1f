/// A 64-bit SimHash (Charikar, "Similarity estimation techniques from rounding algorithms", 2002):
/// each feature votes with its weight on every bit according to its hash; the fingerprint keeps the
/// bits with a positive total. Similar feature sets give fingerprints at a small Hamming distance
/// (about 64 x angle / pi between the weighted feature vectors).
///
/// The 64 totals are eight 8-lane vectors: a feature adds +weight or -weight to every lane at once.
/// Each total still receives the same additions in the same order, so fingerprints are the same
/// bits as with one scalar loop (fingerprints are persisted).
public struct SimHash {
    private var totals = [SIMD8<Double>](repeating: .zero, count: 8)
    /// Whether any feature was added.
    public private(set) var isEmpty = true

    private static let laneBits = SIMD8<UInt64>(1, 2, 4, 8, 16, 32, 64, 128)

    /// A SimHash with no features yet.
    public init() {}

    /// Adds one feature (already hashed) with a weight.
    public mutating func add(hash: UInt64, weight: Double) {
        isEmpty = false
        let plus = SIMD8<Double>(repeating: weight), minus = SIMD8<Double>(repeating: -weight)
        totals.withUnsafeMutableBufferPointer { totals in
            for chunk in 0..<8 {
                let byte = SIMD8<UInt64>(repeating: (hash >> UInt64(chunk * 8)) & 0xFF)
                totals[chunk] += minus.replacing(with: plus, where: (byte & Self.laneBits) .!= 0)
            }
        }
    }

    /// The fingerprint.
    public var fingerprint: UInt64 {
        var out: UInt64 = 0
        for bit in 0..<64 where totals[bit / 8][bit % 8] > 0 { out |= 1 << UInt64(bit) }
        return out
    }

    /// Number of differing bits.
    @inlinable public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}
