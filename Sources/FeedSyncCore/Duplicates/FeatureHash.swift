/// The 64-bit hashes SimHash is built on: FNV-1a over UTF-8 bytes, then a finalizer.
///
/// FNV-1a is simple and stable across runs and platforms (fingerprints are persisted, so the hash must
/// never depend on a per-process seed as Swift's `Hasher` does), but its high bits mix poorly for short
/// inputs; SimHash uses every bit, so each hash goes through MurmurHash3's 64-bit finalizer (`fmix64`).
public enum FeatureHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/) of the string's UTF-8 bytes.
    public static func fnv1a(_ s: String) -> UInt64 {
        var h = offsetBasis
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* prime
        }
        return h
    }

    /// MurmurHash3's `fmix64`: every input bit affects every output bit.
    public static func mix(_ k0: UInt64) -> UInt64 {
        var k = k0
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// The hash of a word sequence (a shingle), from the words' own hashes; order matters.
    static func combine(_ hashes: ArraySlice<UInt64>) -> UInt64 {
        var h = offsetBasis
        for w in hashes { h = (h ^ w) &* prime; h = h.rotatedLeft(by: 23) }
        return mix(h)
    }

    /// `combine` of a two-word shingle.
    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var h = ((offsetBasis ^ a) &* prime).rotatedLeft(by: 23)
        h = ((h ^ b) &* prime).rotatedLeft(by: 23)
        return mix(h)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
