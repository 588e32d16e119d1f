import FeedSyncCore
import Testing
@testable import FeedSyncParsing

/// The single-byte code pages decoded by table give what iconv gives, byte for byte.
@Suite struct SingleByteDecoderTests {
    private func viaTable(_ bytes: [UInt8], _ half: SingleByteDecoder.UpperHalf) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { SingleByteDecoder.decode($0, half) }
    }

    private func viaIconv(_ bytes: [UInt8], _ name: String) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { CharsetDecoder.decodeIconv($0, name: name) }
    }

    @Test func theCommonCodePagesHaveTables() {
        for name in ["CP1251", "CP1250", "ISO-8859-2", "ISO-8859-5", "ISO-8859-15", "KOI8-R", "IBM866", "MACINTOSH"] {
            #expect(SingleByteDecoder.upperHalf(iconvName: name) != nil, "\(name)")
        }
    }

    @Test func everyTableDecodesAsIconvDoes() {
        var rng = SeededRandom(state: 0x1251)
        for name in SingleByteDecoder.iconvNames {
            guard let half = SingleByteDecoder.upperHalf(iconvName: name) else { continue }
            for b in 0...255 {
                #expect(viaTable([UInt8(b)], half) == viaIconv([UInt8(b)], name), "\(name) byte \(b)")
            }
            // Text: ASCII runs of every length between upper bytes the code page defines.
            let defined = (0x80...0xFF).map(UInt8.init).filter { half[Int($0) - 0x80] != 0 }
            for _ in 0..<50 {
                var text = [UInt8]()
                for _ in 0..<rng.below(30) {
                    text += Array(repeating: UInt8(ascii: "a"), count: rng.below(20))
                    text.append(defined[rng.below(defined.count)])
                }
                #expect(viaTable(text, half) == viaIconv(text, name), "\(name) \(text)")
            }
        }
    }

    @Test func builtInTablesMatchTheirDefinitions() {
        let all = (0...255).map(UInt8.init)
        let latin1 = String(String.UnicodeScalarView(all.map { Unicode.Scalar($0) }))
        #expect(viaTable(all, SingleByteDecoder.latin1) == Array(latin1.utf8))
        #expect(viaTable([0x80, 0x41, 0x9F], SingleByteDecoder.windows1252) == Array("€AŸ".utf8))
        #expect(viaTable([0x81], SingleByteDecoder.windows1252) == nil)  // undefined in windows-1252
    }
}
