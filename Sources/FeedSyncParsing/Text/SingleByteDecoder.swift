import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Single-byte encodings (ISO-8859-x, windows-125x, KOI8, the DOS and Mac code pages) decoded
/// with a table of their upper halves, as most non-UTF-8 feeds are.
///
/// The tables of the code pages glibc converts are read from iconv itself, once per process: each
/// byte from 0x80 to 0xFF converted alone. A code page joins only if every ASCII byte converts to
/// itself and every upper byte to one character or to an error (then the byte is invalid, as it
/// is for iconv). Code pages where glibc composes characters across bytes (windows-1255,
/// windows-1258) are not on the list: they keep going through iconv.
enum SingleByteDecoder {
    /// An upper half: the code point of bytes 0x80-0xFF, 0 where the byte is undefined.
    typealias UpperHalf = [UInt16]

    static let latin1: UpperHalf = (0x80...0xFF).map { UInt16($0) }

    static let windows1252: UpperHalf = (0x80...0xFF).map { b in
        b >= 0xA0 ? UInt16(b) : UInt16(HTMLEntities.windows1252(UInt32(b)) ?? 0)
    }

    /// glibc names whose tables are read from iconv.
    static let iconvNames = [
        "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8",
        "ISO-8859-9", "ISO-8859-10", "ISO-8859-11", "ISO-8859-13", "ISO-8859-14", "ISO-8859-15", "ISO-8859-16",
        "CP1250", "CP1251", "CP1253", "CP1254", "CP1256", "CP1257",
        "KOI8-R", "KOI8-U", "KOI8-T", "MAC-CYRILLIC", "MAC-CENTRALEUROPE", "MAC-IS", "MACINTOSH",
        "IBM437", "IBM850", "IBM852", "IBM855", "IBM857", "IBM860", "IBM861", "IBM862", "IBM863", "IBM865",
        "IBM866", "CP737", "IBM775", "CP874", "TIS-620", "CP1125", "CP856",
    ]

    /// The upper half of a code page iconv converts, if it is on the list and passes the checks.
    /// Read on first use (a few hundred iconv calls), then kept.
    static func upperHalf(iconvName name: String) -> UpperHalf? {
        guard listed.contains(name) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let known = fromIconv[name] { return known }
        let half = readUpperHalf(name)
        fromIconv[name] = .some(half)
        return half
    }

    private static let listed = Set(iconvNames)
    private static let lock = NSLock()
    nonisolated(unsafe) private static var fromIconv: [String: UpperHalf?] = [:]  // guarded by `lock`

    private static func readUpperHalf(_ name: String) -> UpperHalf? {
        let cd = iconv_open("UTF-32LE", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        /// The one character byte `b` converts to; 0 if it is invalid; nil if it is anything else.
        func convert(_ b: UInt8) -> UInt32? {
            var input = b
            var output: (UInt32, UInt32) = (0, 0)
            _ = iconv(cd, nil, nil, nil, nil)  // the initial state
            return withUnsafeMutableBytes(of: &output) { out -> UInt32? in
                withUnsafeMutablePointer(to: &input) { inp -> UInt32? in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inp).assumingMemoryBound(to: CChar.self)
                    var inLeft = 1
                    var outPtr: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
                    var outLeft = out.count
                    let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    if rc == -1 { return errno == EILSEQ ? 0 : nil }
                    // Exactly one character, and nothing held back for the next byte.
                    var flushPtr = outPtr
                    var flushLeft = outLeft
                    guard out.count - outLeft == 4, iconv(cd, nil, nil, &flushPtr, &flushLeft) != -1,
                          flushLeft == outLeft else { return nil }
                    return out.load(as: UInt32.self)
                }
            }
        }
        for b in UInt8(0)..<0x80 where convert(b) != UInt32(b) { return nil }
        var half = UpperHalf()
        for b in UInt8(0x80)...0xFF {
            guard let cp = convert(b), cp <= 0xFFFF, !(0xD800...0xDFFF).contains(cp) else { return nil }
            half.append(UInt16(cp))
        }
        return half
    }

    /// `buf` decoded to UTF-8; nil if it holds a byte the code page does not define.
    static func decode(_ buf: UnsafeBufferPointer<UInt8>, _ half: UpperHalf) -> [UInt8]? {
        // Never an uninitialized array of capacity 0: the stdlib then writes the count into the
        // shared empty-array storage, a data race ThreadSanitizer reports against any reader.
        guard let p = buf.baseAddress, !buf.isEmpty else { return [] }
        let n = buf.count
        let raw = UnsafeRawPointer(p)
        let highs: UInt64 = 0x8080_8080_8080_8080
        return half.withUnsafeBufferPointer { t -> [UInt8]? in
            // First the exact size: bytes beyond one per upper byte. Eight bytes at a time: a
            // word of ASCII is skipped whole, any other is looked at byte by byte.
            var extra = 0
            var i = 0
            while i < n {
                let end = min(i + 8, n)
                if end - i == 8, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highs == 0 {
                    i = end
                    continue
                }
                while i < end {
                    let b = p[i]
                    i += 1
                    guard b >= 0x80 else { continue }
                    let cp = t[Int(b) - 0x80]
                    if cp == 0 { return nil }
                    extra += cp < 0x800 ? 1 : 2
                }
            }
            return [UInt8](unsafeUninitializedCapacity: n + extra) { out, count in
                let o = out.baseAddress!
                var j = 0
                var i = 0
                while i < n {
                    let end = min(i + 8, n)
                    if end - i == 8 {
                        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        if word & highs == 0 {
                            UnsafeMutableRawPointer(o + j).storeBytes(of: word, as: UInt64.self)
                            i = end
                            j += 8
                            continue
                        }
                    }
                    while i < end {
                        let b = p[i]
                        i += 1
                        if b < 0x80 {
                            o[j] = b
                            j += 1
                            continue
                        }
                        let cp = t[Int(b) - 0x80]
                        if cp < 0x800 {
                            o[j] = UInt8(0xC0 | (cp >> 6))
                            o[j + 1] = UInt8(0x80 | (cp & 0x3F))
                            j += 2
                        } else {
                            o[j] = UInt8(0xE0 | (cp >> 12))
                            o[j + 1] = UInt8(0x80 | ((cp >> 6) & 0x3F))
                            o[j + 2] = UInt8(0x80 | (cp & 0x3F))
                            j += 3
                        }
                    }
                }
                count = j
            }
        }
    }
}
