import CUTF8

/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF), sixteen
/// bytes at a time.
///
/// UTF-8 is valid exactly when:
/// - a byte is a continuation byte (`10xxxxxx`) if and only if the byte before it is a lead
///   byte (`11xxxxxx`), or the one two before is a lead of three or four bytes (`>= E0`), or the
///   one three before is a lead of four bytes (`>= F0`);
/// - no byte is C0, C1 (overlong two-byte forms) or F5-FF (beyond U+10FFFF);
/// - the byte after E0 is A0 or more (no overlong three-byte forms), after ED below A0 (no
///   surrogates), after F0 90 or more (no overlong four-byte forms), after F4 below 90 (nothing
///   beyond U+10FFFF).
/// Each rule compares a block with the same block shifted by one, two or three bytes, so a block is
/// checked with a few vector comparisons and no branch per character. The bytes before the first
/// and after the last are taken as zero (ASCII), which makes a sequence cut off at the end fail the
/// first rule.
///
/// Where the CPU has AVX2, `cutf8_check_avx2` applies the same rules 32 bytes at a time (about
/// twice as fast); `checkPortable` is the version in Swift, used everywhere else.
enum UTF8Validator {
    static func isValid(_ buf: UnsafeBufferPointer<UInt8>) -> Bool { check(buf) != nil }

    /// nil if `buf` is not valid UTF-8; otherwise whether it is all ASCII.
    static func check(_ buf: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let p = buf.baseAddress else { return true }
        switch cutf8_check_avx2(p, buf.count) {
        case 1: return true
        case 0: return false
        case -1: return nil
        default: return checkPortable(buf)
        }
    }

    /// `check` with SIMD16 vectors, sixteen bytes at a time, on any CPU.
    static func checkPortable(_ buf: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = buf.count
        guard let p = buf.baseAddress, n > 0 else { return true }
        var state = State()
        if n < 16 {
            state.paddedBlock(p, from: 0, to: n)
        } else {
            state.paddedBlock(p, from: 0, to: 16)
            let raw = UnsafeRawPointer(p)
            var i = 16
            while i + 16 <= n {
                // A block of ASCII after three ASCII bytes breaks no rule: skipped with three loads.
                let before = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i - 8, as: UInt64.self))
                let first = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let second = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                if (first | second | (before >> 40)) & 0x8080_8080_8080_8080 == 0 {
                    i += 16
                    continue
                }
                state.block(raw.loadUnaligned(fromByteOffset: i, as: Block.self),
                            raw.loadUnaligned(fromByteOffset: i - 1, as: Block.self),
                            raw.loadUnaligned(fromByteOffset: i - 2, as: Block.self),
                            raw.loadUnaligned(fromByteOffset: i - 3, as: Block.self))
                i += 16
            }
            state.paddedBlock(p, from: i, to: n)  // the rest, possibly nothing: the end is checked
        }
        return state.result
    }

    private typealias Block = SIMD16<UInt8>

    private struct State {
        /// Non-zero bytes where a rule is broken.
        var bad = Block()
        /// Every byte checked, or-ed together: its high bit tells whether any was not ASCII.
        var bits = Block()

        /// nil if a rule was broken; otherwise whether every byte was ASCII.
        var result: Bool? {
            let (badLow, badHigh) = State.halves(bad), (low, high) = State.halves(bits)
            if badLow | badHigh != 0 { return nil }
            return (low | high) & 0x8080_8080_8080_8080 == 0
        }

        private static func halves(_ v: Block) -> (UInt64, UInt64) {
            withUnsafeBytes(of: v) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
        }

        /// Checks the block `cur` given the blocks one, two and three bytes before it.
        @inline(__always)
        mutating func block(_ cur: Block, _ p1: Block, _ p2: Block, _ p3: Block) {
            let isContinuation = (cur & Block(repeating: 0xC0)) .== Block(repeating: 0x80)
            let needsContinuation = (p1 .>= Block(repeating: 0xC0)) .| (p2 .>= Block(repeating: 0xE0))
                .| (p3 .>= Block(repeating: 0xF0))
            var wrong = isContinuation .^ needsContinuation
            wrong = wrong .| (cur .== Block(repeating: 0xC0)) .| (cur .== Block(repeating: 0xC1))
                .| (cur .>= Block(repeating: 0xF5))
            let belowA0 = cur .< Block(repeating: 0xA0), below90 = cur .< Block(repeating: 0x90)
            wrong = wrong .| ((p1 .== Block(repeating: 0xE0)) .& belowA0) .| ((p1 .== Block(repeating: 0xED)) .& .!belowA0)
            wrong = wrong .| ((p1 .== Block(repeating: 0xF0)) .& below90) .| ((p1 .== Block(repeating: 0xF4)) .& .!below90)
            bad |= Block().replacing(with: 0xFF, where: wrong)
            bits |= cur
        }

        /// Checks `p[from..<to]` (at most 16 bytes) through a zero-filled copy, with the up to
        /// three bytes before `from` as context.
        mutating func paddedBlock(_ p: UnsafePointer<UInt8>, from: Int, to: Int) {
            let context = min(from, 3)
            var copy: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &copy) { t in
                (t.baseAddress! + 3 - context).copyMemory(from: p + from - context, byteCount: to - from + context)
            }
            withUnsafeBytes(of: &copy) { t in
                block(t.loadUnaligned(fromByteOffset: 3, as: Block.self), t.loadUnaligned(fromByteOffset: 2, as: Block.self),
                      t.loadUnaligned(fromByteOffset: 1, as: Block.self), t.loadUnaligned(fromByteOffset: 0, as: Block.self))
            }
        }
    }
}

extension String {
    /// The text `bytes` spell, validated once, by `UTF8Validator`, and then copied.
    ///
    /// `String(decoding:as:)` validates with the standard library's checker, which takes about
    /// 0.7 ns a byte on text with many non-ASCII characters (most feed text); ours takes less than
    /// half of that, and a checked buffer is copied into a `String` without a second check.
    /// Every value the feed parser makes goes through here, so this is where the parser spends
    /// its time on UTF-8. Invalid bytes (there should be none: libxml2 checks what it reads, and
    /// what is built from its output is written in whole characters) are replaced with U+FFFD
    /// exactly as `String(decoding:as:)` does.
    init(checkedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count > 15, let ascii = UTF8Validator.check(bytes) else {
            // Short strings are stored inline and checked quickly by the standard library.
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        #if compiler(>=6.2)
        self = String(copying: unsafe UTF8Span(unchecked: bytes.span, isKnownASCII: ascii))
        #else
        self = String(decoding: bytes, as: UTF8.self)  // UTF8Span came with Swift 6.2
        #endif
    }

    init(checkedUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(checkedUTF8: $0) }
    }
}
