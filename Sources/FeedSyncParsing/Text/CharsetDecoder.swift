#if canImport(Glibc)
import Glibc
#endif

/// Converts bytes in a named character encoding to UTF-8, strictly: any byte sequence that is not
/// valid in the encoding fails the whole conversion (so the caller can try the next candidate, as
/// RFC 3023 sniffing requires).
///
/// UTF-8, ASCII, ISO-8859-1, windows-1252 and UTF-16/32 are converted here, and so are the
/// single-byte code pages `SingleByteDecoder` has tables for; everything else goes through
/// iconv(3) under the name glibc knows it by.
enum CharsetDecoder {
    enum Kind: Equatable {
        case utf8, ascii
        case utf16(bigEndian: Bool?), utf32(bigEndian: Bool?)
        case table(SingleByteDecoder.UpperHalf)  // a single-byte code page
        case iconv(String)
    }

    /// The converter for an encoding label (case-insensitive; `-`, `_` and spaces are equivalent);
    /// nil only for an empty label.
    static func kind(for label: String) -> Kind? {
        if let k = common[label] { return k }
        let key = normalize(label)
        if key.isEmpty { return nil }
        if let k = known[key] { return k }
        return .iconv(label.uppercased())
    }

    /// Lower-case, with `-` and spaces folded to `_` (Python codec lookup rules).
    static func normalize(_ label: String) -> String {
        var out = ""
        for ch in label.trimmingASCIIWhitespace().lowercased() {
            out.append(ch == "-" || ch == " " ? "_" : ch)
        }
        return out
    }

    /// Decodes `bytes[from...]` to UTF-8; nil if the bytes are invalid in that encoding or the
    /// encoding is unknown.
    static func decode(_ bytes: [UInt8], from start: Int = 0, as kind: Kind) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { whole in
            let buf = UnsafeBufferPointer(rebasing: whole[start...])
            switch kind {
            case .utf8: return UTF8Validator.isValid(buf) ? Array(buf) : nil
            case .ascii:
                for b in buf where b >= 0x80 { return nil }
                return Array(buf)
            case .table(let table): return SingleByteDecoder.decode(buf, table)
            case .utf16(let big): return decodeUTF16(buf, bigEndian: big)
            case .utf32(let big): return decodeUTF32(buf, bigEndian: big)
            case .iconv(let name):
                if let half = SingleByteDecoder.upperHalf(iconvName: name) { return SingleByteDecoder.decode(buf, half) }
                return decodeIconv(buf, name: name)
            }
        }
    }

    private static func decodeUTF16(_ buf: UnsafeBufferPointer<UInt8>, bigEndian: Bool?) -> [UInt8]? {
        var i = 0
        var big = bigEndian ?? false
        if bigEndian == nil, buf.count >= 2 {
            // Python's "utf-16": a BOM decides and is consumed; without one, little-endian.
            if buf[0] == 0xFE && buf[1] == 0xFF { big = true; i = 2 } else if buf[0] == 0xFF && buf[1] == 0xFE { i = 2 }
        }
        guard (buf.count - i) % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(buf.count)
        while i + 1 < buf.count {
            let u = big ? UInt32(buf[i]) << 8 | UInt32(buf[i + 1]) : UInt32(buf[i + 1]) << 8 | UInt32(buf[i])
            i += 2
            if u >= 0xD800 && u <= 0xDBFF {
                guard i + 1 < buf.count else { return nil }
                let l = big ? UInt32(buf[i]) << 8 | UInt32(buf[i + 1]) : UInt32(buf[i + 1]) << 8 | UInt32(buf[i])
                guard l >= 0xDC00 && l <= 0xDFFF else { return nil }
                i += 2
                out.appendUTF8(0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00))
            } else if u >= 0xDC00 && u <= 0xDFFF {
                return nil
            } else {
                out.appendUTF8(u)
            }
        }
        return out
    }

    private static func decodeUTF32(_ buf: UnsafeBufferPointer<UInt8>, bigEndian: Bool?) -> [UInt8]? {
        var i = 0
        var big = bigEndian ?? false
        if bigEndian == nil, buf.count >= 4 {
            if buf[0] == 0 && buf[1] == 0 && buf[2] == 0xFE && buf[3] == 0xFF { big = true; i = 4 }
            else if buf[0] == 0xFF && buf[1] == 0xFE && buf[2] == 0 && buf[3] == 0 { i = 4 }
        }
        guard (buf.count - i) % 4 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(buf.count / 2)
        while i + 3 < buf.count {
            let v = big
                ? UInt32(buf[i]) << 24 | UInt32(buf[i + 1]) << 16 | UInt32(buf[i + 2]) << 8 | UInt32(buf[i + 3])
                : UInt32(buf[i + 3]) << 24 | UInt32(buf[i + 2]) << 16 | UInt32(buf[i + 1]) << 8 | UInt32(buf[i])
            i += 4
            guard v <= 0x10FFFF, !(v >= 0xD800 && v <= 0xDFFF) else { return nil }
            out.appendUTF8(v)
        }
        return out
    }

    static func decodeIconv(_ buf: UnsafeBufferPointer<UInt8>, name: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        if buf.isEmpty { return [] }
        var out = [UInt8](repeating: 0, count: buf.count * 4 + 16)
        var produced = 0
        let ok: Bool = out.withUnsafeMutableBufferPointer { outBuf in
            guard let inBase = buf.baseAddress, let outBase = outBuf.baseAddress else { return false }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = buf.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = outBuf.count
            let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            produced = outBuf.count - outLeft
            // (size_t)-1 is an invalid or incomplete sequence: strict decoding fails.
            return rc != -1 && inLeft == 0
        }
        guard ok else { return nil }
        out.removeSubrange(produced...)
        return out
    }

    /// The labels nearly every document uses, as written: no normalizing for them.
    private static let common: [String: Kind] = {
        var m: [String: Kind] = [:]
        for label in ["utf-8", "UTF-8", "us-ascii", "iso-8859-1", "ISO-8859-1", "windows-1252", "iso-8859-2",
                      "windows-1251", "Windows-1251", "windows-1250"] {
            m[label] = known[normalize(label)] ?? .iconv(label.uppercased())
        }
        return m
    }()

    /// Labels (normalized) that map to a built-in converter or to a specific iconv name.
    private static let known: [String: Kind] = {
        var m: [String: Kind] = [:]
        for l in ["utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001"] { m[l] = .utf8 }
        for l in ["ascii", "us_ascii", "646", "us", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986",
                  "cp367", "csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_646.irv:1991", "iso_ir_6"] {
            m[l] = .ascii
        }
        for l in ["latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819", "ibm819",
                  "iso_ir_100", "iso_8859_1:1987", "iso_8859_1_1987", "csisolatin1"] {
            m[l] = .table(SingleByteDecoder.latin1)
        }
        for l in ["cp1252", "windows_1252", "1252"] { m[l] = .table(SingleByteDecoder.windows1252) }
        for l in ["utf_16", "utf16", "u16"] { m[l] = .utf16(bigEndian: nil) }
        for l in ["utf_16_be", "utf_16be", "unicodebigunmarked"] { m[l] = .utf16(bigEndian: true) }
        for l in ["utf_16_le", "utf_16le", "unicodelittleunmarked"] { m[l] = .utf16(bigEndian: false) }
        for l in ["utf_32", "utf32", "u32"] { m[l] = .utf32(bigEndian: nil) }
        for l in ["utf_32_be", "utf_32be"] { m[l] = .utf32(bigEndian: true) }
        for l in ["utf_32_le", "utf_32le"] { m[l] = .utf32(bigEndian: false) }
        for l in ["mac_greek", "macgreek"] { m[l] = .table(CharsetTables.macGreek) }
        for l in ["mac_turkish", "macturkish"] { m[l] = .table(CharsetTables.macTurkish) }
        let iconvNames: [String: [String]] = [
            "IBM037": ["cp037", "ibm037", "ibm039", "csibm037", "ebcdic_cp_us", "ebcdic_cp_ca", "ebcdic_cp_wt",
                       "ebcdic_cp_nl"],
            "IBM500": ["cp500", "ibm500", "csibm500", "ebcdic_cp_be", "ebcdic_cp_ch"],
            "IBM1140": ["cp1140", "ibm1140"],
            "IBM437": ["cp437", "437", "ibm437", "cspc8codepage437"],
            "IBM850": ["cp850", "850", "ibm850", "cspc850multilingual"],
            "IBM852": ["cp852", "852", "ibm852", "cspcp852"],
            "IBM855": ["cp855", "855", "ibm855", "csibm855"],
            "CP856": ["cp856"],
            "IBM857": ["cp857", "857", "ibm857", "csibm857"],
            "IBM860": ["cp860", "860", "ibm860", "csibm860"],
            "IBM861": ["cp861", "861", "ibm861", "csibm861", "cp_is"],
            "IBM862": ["cp862", "862", "ibm862", "cspc862latinhebrew"],
            "IBM863": ["cp863", "863", "ibm863", "csibm863"],
            "IBM864": ["cp864", "864", "ibm864", "csibm864"],
            "IBM865": ["cp865", "865", "ibm865", "csibm865"],
            "IBM866": ["cp866", "866", "ibm866", "csibm866"],
            "CP737": ["cp737"], "IBM775": ["cp775", "ibm775", "cspc775baltic"],
            "CP874": ["cp874"], "CP875": ["cp875"], "CP1125": ["cp1125", "1125", "ibm1125", "cp866u", "ruscii"],
            "CP1250": ["cp1250", "windows_1250"], "CP1251": ["cp1251", "windows_1251"],
            "CP1253": ["cp1253", "windows_1253"], "CP1254": ["cp1254", "windows_1254"],
            "CP1255": ["cp1255", "windows_1255"], "CP1256": ["cp1256", "windows_1256"],
            "CP1257": ["cp1257", "windows_1257"], "CP1258": ["cp1258", "windows_1258"],
            "KOI8-R": ["koi8_r", "cskoi8r"], "KOI8-U": ["koi8_u"], "KOI8-T": ["koi8_t"],
            "MAC-CYRILLIC": ["mac_cyrillic", "maccyrillic"],
            "MAC-CENTRALEUROPE": ["mac_latin2", "maclatin2", "maccentraleurope", "mac_centeuro"],
            "MAC-IS": ["mac_iceland", "maciceland"],
            "MACINTOSH": ["mac_roman", "macroman", "macintosh"],
            "BIG5": ["big5", "big5_tw", "csbig5"], "BIG5-HKSCS": ["big5hkscs", "big5_hkscs", "hkscs"],
            "GB18030": ["gb18030", "gb18030_2000", "gb2312", "chinese", "csiso58gb231280", "euc_cn", "euccn",
                        "eucgb2312_cn", "gb2312_1980", "gb2312_80", "iso_ir_58"],
            "GBK": ["gbk", "936", "cp936", "ms936"],
            "EUC-KR": ["euc_kr", "euckr", "korean", "ksc5601", "ks_c_5601", "ks_c_5601_1987", "ksx1001", "ks_x_1001"],
            "CP949": ["cp949", "949", "ms949", "uhc"],
            "EUC-JP": ["euc_jp", "eucjp", "ujis", "u_jis"],
            "SHIFT_JIS": ["shift_jis", "csshiftjis", "shiftjis", "sjis", "s_jis"],
            "CP932": ["cp932", "932", "ms932", "mskanji", "ms_kanji"],
            "ISO-2022-JP": ["iso2022_jp", "csiso2022jp", "iso2022jp", "iso_2022_jp"],
            "TIS-620": ["tis_620", "tis620", "tis_620_0", "tis_620_2529_0", "tis_620_2529_1", "iso_ir_166"],
        ]
        for (iconvName, labels) in iconvNames { for l in labels { m[l] = .iconv(iconvName) } }
        for n in 2...16 where n != 12 {
            for l in ["iso_8859_\(n)", "iso8859_\(n)"] { m[l] = .iconv("ISO-8859-\(n)") }
        }
        return m
    }()
}
