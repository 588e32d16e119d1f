@testable import FeedSyncCore
import Foundation
import Testing

/// Quoted-printable text parts: lossless, short lines, nothing that can end a MIME part.
@Suite struct QuotedPrintableTests {
    /// RFC 2045 §6.7 decoding, as a mail reader does it (CRLF line breaks become "\n").
    func decode(_ encoded: String) -> String {
        var out = [UInt8]()
        let lines = encoded.components(separatedBy: "\r\n")
        for (n, line) in lines.enumerated() where n < lines.count - 1 {
            var bytes = Array(line.utf8)[...]
            var soft = false
            if bytes.last == UInt8(ascii: "=") { bytes = bytes.dropLast(); soft = true }
            var i = bytes.startIndex
            while i < bytes.endIndex {
                if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.endIndex,
                   let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    out.append(v); i += 3
                } else {
                    out.append(bytes[i]); i += 1
                }
            }
            if !soft && n < lines.count - 2 { out.append(0x0A) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    let samples = [
        "", "plain words", "Zürich: новости — 東京 🚋", "a = b", "trailing space \nnext\t",
        "--feedsync-abc\n--feedsync-abc--", String(repeating: "long line of words ", count: 40),
        String(repeating: "é", count: 100), String(repeating: "-", count: 200), "x\r\ny\rz\n",
    ]

    @Test func decodesBackToTheText() {
        for s in samples {
            let normalized = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            #expect(decode(QuotedPrintable.encode(s)) == normalized, "\(s)")
        }
    }

    @Test func linesStayShortAndNeverLookLikeABoundary() {
        for s in samples {
            for line in QuotedPrintable.encode(s).components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 76, "\(line)")
                #expect(!line.hasPrefix("-"), "\(line)")
                #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "\(line)")
                #expect(line.unicodeScalars.allSatisfy { $0.isASCII })
            }
        }
    }

    @Test func wordsStayReadableForGrep() {
        #expect(QuotedPrintable.encode("The harbour wall began on Monday.").contains("The harbour wall began on Monday."))
    }
}
