import CUTF8
import FeedSyncCore
import Testing
@testable import FeedSyncParsing

/// The block-wise UTF-8 validator, against the standard library's, and the `String` made from
/// what it checked (every value the feed parser produces).
@Suite struct UTF8ValidatorTests {
    private func reference(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// The AVX2 check (where the CPU has it) and the portable one must agree; the tests hold
    /// both to the standard library.
    private func check(_ bytes: [UInt8]) -> Bool? {
        bytes.withUnsafeBufferPointer { b in
            let portable = UTF8Validator.checkPortable(b)
            let avx2 = b.baseAddress.map { cutf8_check_avx2($0, b.count) } ?? -2
            if avx2 != -2 {
                #expect(avx2 == (portable == nil ? -1 : portable! ? 1 : 0), "AVX2 and portable disagree on \(bytes)")
            }
            return portable
        }
    }

    /// Lead bytes, the edges of the continuation ranges and the bytes UTF-8 never uses.
    private static let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                         0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]

    @Test func knownCasesAreDecidedAsTheStandardLibraryDecidesThem() {
        let cases: [([UInt8], Bool)] = [
            ([], true), (Array("plain".utf8), true), (Array("café 東京 😀".utf8), true),
            ([0xC3], false),                          // cut off
            ([0xE6, 0x9D], false),                    // cut off
            ([0xF0, 0x9F, 0x98], false),              // cut off at the end of a 16-byte block below
            ([0x80], false),                          // a lone continuation byte
            ([0xC0, 0xAF], false), ([0xC1, 0xBF], false),  // overlong two-byte forms
            ([0xE0, 0x9F, 0xBF], false), ([0xE0, 0xA0, 0x80], true),
            ([0xED, 0xA0, 0x80], false), ([0xED, 0x9F, 0xBF], true),  // surrogates
            ([0xF0, 0x8F, 0xBF, 0xBF], false), ([0xF0, 0x90, 0x80, 0x80], true),
            ([0xF4, 0x8F, 0xBF, 0xBF], true), ([0xF4, 0x90, 0x80, 0x80], false),  // beyond U+10FFFF
            ([0xF5, 0x80, 0x80, 0x80], false), ([0xFF], false),
            ([0xC3, 0xA9, 0xA9], false),              // one continuation byte too many
        ]
        for (bytes, valid) in cases {
            #expect(reference(bytes) == valid)
            // At every offset across a block boundary, and at the very end of a long buffer.
            for pad in [0, 1, 13, 14, 15, 16, 17, 28, 29, 30, 31, 32, 33, 45, 61, 62, 63, 64, 65] {
                let padded = Array(repeating: UInt8(ascii: "a"), count: pad) + bytes
                #expect((check(padded) != nil) == valid, "\(bytes) after \(pad) bytes")
                #expect((check(padded + Array("tail".utf8)) != nil) == valid, "\(bytes) after \(pad) bytes, then text")
            }
        }
    }

    @Test func randomBytesAreDecidedAsTheStandardLibraryDecidesThem() {
        var rng = SeededRandom(state: 0x5EED_0F8)
        for _ in 0..<60_000 {
            let n = Int.random(in: 0...100, using: &rng)
            let bytes = (0..<n).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0...255, using: &rng) : Self.edges.randomElement(using: &rng)!
            }
            #expect((check(bytes) != nil) == reference(bytes), "\(bytes)")
        }
    }

    /// Valid text with one byte changed, inserted or removed: errors right next to valid
    /// multi-byte characters, where a block-wise check could miss them.
    @Test func validTextWithOneDefectIsDecidedAsTheStandardLibraryDecidesIt() {
        var rng = SeededRandom(state: 0xC0FFEE)
        let scalars: [ClosedRange<UInt32>] = [0x20...0x7E, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF]
        for round in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                let range = scalars.randomElement(using: &rng)!
                text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: range, using: &rng))!)
            }
            var bytes = Array(text.utf8)
            #expect(check(bytes) == bytes.allSatisfy { $0 < 0x80 })
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch round % 3 {
            case 0: bytes[at] = Self.edges.randomElement(using: &rng)!
            case 1: bytes.insert(Self.edges.randomElement(using: &rng)!, at: at)
            default: bytes.remove(at: at)
            }
            #expect((check(bytes) != nil) == reference(bytes), "\(bytes)")
        }
    }

    @Test func checkedStringsEqualDecodedOnes() {
        let samples: [[UInt8]] = [
            [], Array("short".utf8), Array(String(repeating: "Ελλάδα café 東京 😀 ", count: 9).utf8),
            Array(String(repeating: "ascii only, long enough ", count: 4).utf8),
            Array(String(repeating: "long text ", count: 4).utf8) + [0xC3],  // invalid: repaired
            Array(String(repeating: "x", count: 20).utf8) + [0xED, 0xA0, 0x80] + Array("y".utf8),
        ]
        for bytes in samples {
            let checked = bytes.withUnsafeBufferPointer { String(checkedUTF8: $0) }
            let decoded = String(decoding: bytes, as: UTF8.self)
            #expect(checked == decoded)
            #expect(Array(checked.utf8) == Array(decoded.utf8))
            #expect(checked.unicodeScalars.count == decoded.unicodeScalars.count)
        }
    }
}
