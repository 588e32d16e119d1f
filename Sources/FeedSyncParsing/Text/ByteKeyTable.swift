/// A read-mostly hash table keyed by short byte strings (tag, attribute and entity names), looked
/// up straight from the document's bytes: no `String` is made per lookup, and the hash is a cheap
/// FNV-1a (keys are a fixed vocabulary, not attacker-chosen table contents).
struct ByteKeyTable<Value> {
    /// Every key's bytes, one after the other; slot `i` holds the key at `keyStart[i]` of length
    /// `keyLength[i]` (-1: empty slot). Flat, so that a lookup reads bytes and retains nothing.
    private var keyBytes: [UInt8] = []
    private var keyStart: [Int32]
    private var keyLength: [Int32]
    private var values: [Value?]
    private let mask: Int

    /// Builds the table; with `caseInsensitive`, keys are stored lower-case and lookups fold ASCII.
    init(_ entries: [(String, Value)], caseInsensitive: Bool) {
        var size = 16
        while size < entries.count * 3 { size *= 2 }
        keyStart = Array(repeating: 0, count: size)
        keyLength = Array(repeating: -1, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        self.caseInsensitive = caseInsensitive
        for (k, v) in entries {
            let bytes = Array(caseInsensitive ? k.lowercased().utf8 : k.utf8)
            var i = ByteKeyTable.hash(bytes, fold: false) & mask
            while keyLength[i] >= 0, !keyBytes.withUnsafeBufferPointer({ key(i, in: $0).elementsEqual(bytes) }) {
                i = (i + 1) & mask
            }
            if keyLength[i] < 0 {
                keyStart[i] = Int32(keyBytes.count)
                keyLength[i] = Int32(bytes.count)
                keyBytes.append(contentsOf: bytes)
            }
            values[i] = v
        }
    }

    private let caseInsensitive: Bool

    @inline(__always)
    private func key(_ i: Int, in all: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = Int(keyStart[i])
        return UnsafeBufferPointer(rebasing: all[start..<(start + Int(keyLength[i]))])
    }

    @inline(__always)
    private static func hash<C: Collection>(_ bytes: C, fold: Bool) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            let c = fold && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The value for the name spelled by `bytes`.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        var i = ByteKeyTable.hash(bytes, fold: caseInsensitive) & mask
        let found: Int? = keyBytes.withUnsafeBufferPointer { all in
            while keyLength[i] >= 0 {
                if Int(keyLength[i]) == bytes.count && equal(key(i, in: all), bytes) { return i }
                i = (i + 1) & mask
            }
            return nil
        }
        return found.flatMap { values[$0] }
    }

    @inline(__always)
    private func equal(_ key: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for j in 0..<key.count {
            var c = bytes[j]
            if caseInsensitive && c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if key[j] != c { return false }
        }
        return true
    }
}

extension ByteKeyTable: Sendable where Value: Sendable {}
