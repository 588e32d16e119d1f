import CCrypto

/// SHA-256 (FIPS 180-4), used for item keys, content hashes and deterministic spool names.
///
/// libcrypto's block function (SHA-NI where the CPU has it): measured 8x the pure-Swift version
/// it replaced on 60-byte keys and 1.5 KB item contents (README, "Benchmarks"). The parts of a key
/// are fed one after the other (`update`), so no joined copy of them is ever built.
public struct SHA256 {
    private var context = SHA256_CTX()

    /// A hash with nothing fed yet.
    public init() {
        _ = SHA256_Init(&context)
    }

    /// Feeds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = SHA256_Update(&context, base, bytes.count)
    }

    /// Feeds a string's UTF-8 bytes.
    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Feeds one byte (a separator).
    public mutating func update(byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    /// The 32-byte digest; the hash cannot be fed afterwards.
    public mutating func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            _ = SHA256_Final(buffer.baseAddress, &context)
            count = 32
        }
    }

    /// Lower-case hex of the first `prefix` hex digits of the digest (at most 64).
    public mutating func finalizeHex(prefix: Int = 64) -> String {
        let digest = finalize()
        let digits = max(0, min(prefix, 64))
        return String(unsafeUninitializedCapacity: digits) { out in
            for i in 0..<digits {
                let b = digest[i >> 1]
                let nibble = i & 1 == 0 ? b >> 4 : b & 15
                out[i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return digits
        }
    }

    /// The 32-byte digest of `message`.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        var h = SHA256()
        message.withUnsafeBytes { h.update($0) }
        return h.finalize()
    }

    /// Lower-case hex of the digest.
    public static func hex(_ message: [UInt8]) -> String {
        var h = SHA256()
        message.withUnsafeBytes { h.update($0) }
        return h.finalizeHex()
    }

    /// Lower-case hex of the digest of the string's UTF-8 bytes.
    public static func hex(_ string: String) -> String {
        var h = SHA256()
        h.update(string)
        return h.finalizeHex()
    }
}
