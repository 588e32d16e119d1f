/// Which bits of a fingerprint one table of `NearDuplicateIndex` indexes: `bits` bits from `shift`.
struct SubstringLayout: Sendable, Equatable {
    let shift: Int
    let bits: Int

    @inline(__always) func key(_ fingerprint: UInt64) -> UInt16 {
        UInt16(truncatingIfNeeded: (fingerprint >> UInt64(shift)) & ((1 << UInt64(bits)) - 1))
    }

    /// 64 bits split into `count` contiguous substrings, the first ones one bit longer when 64 does not
    /// divide evenly (5 tables: 13, 13, 13, 13, 12).
    static func split(into count: Int) -> [SubstringLayout] {
        var out: [SubstringLayout] = []
        var shift = 0
        for i in 0..<count {
            let bits = 64 / count + (i < 64 % count ? 1 : 0)
            out.append(SubstringLayout(shift: shift, bits: bits))
            shift += bits
        }
        return out
    }

    /// The table count (4...8, so keys fit 16 bits) with the lowest expected lookup cost at a million
    /// uniformly spread records: probes x 100 (a probe is a few cache misses) + candidates x 1.5 (a
    /// candidate is a sequential read and a popcount), in nanoseconds as measured on this kind of machine.
    static func bestTableCount(maxDistance k: Int, records: Double = 1_000_000) -> Int {
        func binomial(_ n: Int, _ r: Int) -> Double {
            guard r >= 0, r <= n else { return 0 }
            var x = 1.0
            for i in 0..<r { x = x * Double(n - i) / Double(i + 1) }
            return x
        }
        var best = (count: 4, cost: Double.infinity)
        for m in 4...8 {
            let radius = k / m
            var cost = 0.0
            for sub in split(into: m) {
                let probes = (0...radius).reduce(0.0) { $0 + binomial(sub.bits, $1) }
                cost += probes * 100 + probes * records / Double(1 << sub.bits) * 1.5
            }
            if cost < best.cost { best = (m, cost) }
        }
        return best.count
    }
}
