#if canImport(Glibc)
import Glibc
#endif

/// Fast searches over UTF-8 buffers, eight bytes at a time (text between markup is long, and
/// most of it holds none of the bytes the parsers look for).
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }

    @inline(__always)
    private static func word(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
    }

    /// The first index at or after `from` holding `a`, or `p.count`.
    static func find(_ a: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        guard from < p.count, let base = p.baseAddress else { return p.count }
        guard let hit = memchr(base + from, Int32(a), p.count - from) else { return p.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The first index at or after `from` holding `a` or `b`, or `p.count`.
    static func find(_ a: UInt8, _ b: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        var i = from
        let n = p.count
        let ma = ones &* UInt64(a), mb = ones &* UInt64(b)
        while i + 8 <= n {
            let w = word(p, i)
            if hasZeroByte(w ^ ma) || hasZeroByte(w ^ mb) { break }
            i += 8
        }
        while i < n {
            let c = p[i]
            if c == a || c == b { return i }
            i += 1
        }
        return n
    }

    /// The first index at or after `from` holding `a`, `b` or `c`, or `p.count`.
    static func find(_ a: UInt8, _ b: UInt8, _ c: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        var i = from
        let n = p.count
        let ma = ones &* UInt64(a), mb = ones &* UInt64(b), mc = ones &* UInt64(c)
        while i + 8 <= n {
            let w = word(p, i)
            if hasZeroByte(w ^ ma) || hasZeroByte(w ^ mb) || hasZeroByte(w ^ mc) { break }
            i += 8
        }
        while i < n {
            let x = p[i]
            if x == a || x == b || x == c { return i }
            i += 1
        }
        return n
    }

    /// The first index at or after `from` where `needle` starts, or `p.count` (an empty needle is
    /// found at `from`).
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        guard let first = needle.first else { return min(from, p.count) }
        var i = find(first, in: p, from: from)
        while i + needle.count <= p.count {
            if memcmp(p.baseAddress! + i, needle.baseAddress!, needle.count) == 0 { return i }
            i = find(first, in: p, from: i + 1)
        }
        return p.count
    }

    /// `p` with every non-overlapping occurrence of `needle` (left to right) replaced by
    /// `replacement`; nil when there is none (most calls: decided without copying anything).
    static func replacingAll(_ needle: UnsafeBufferPointer<UInt8>, in p: UnsafeBufferPointer<UInt8>,
                             with replacement: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard !needle.isEmpty else { return nil }
        var i = find(needle, in: p)
        guard i < p.count else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(p.count)
        var copied = 0
        while i < p.count {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<i]))
            out.append(contentsOf: replacement)
            copied = i + needle.count
            i = find(needle, in: p, from: copied)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied...]))
        return out
    }

    /// The first index at or after `from` of a byte >= 0x80, or `p.count`.
    static func findNonASCII(in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        var i = from
        let n = p.count
        while i + 8 <= n {
            if word(p, i) & highs != 0 { break }
            i += 8
        }
        while i < n {
            if p[i] >= 0x80 { return i }
            i += 1
        }
        return n
    }
}
