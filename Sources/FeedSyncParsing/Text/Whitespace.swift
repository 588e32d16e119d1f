/// The whitespace sets the parsers trim, each under one name, with the specification it comes from.
/// Byte-level sets never touch a non-ASCII character; `trimmingWhitespace` is the Unicode one, for
/// text a reader sees.
extension UInt8 {
    /// Space, tab, LF, VT, FF, CR, and the file/group/record/unit separators: what Python's
    /// `str.strip()` removes from the ASCII range (the conformance corpus' expectations).
    @inline(__always) var isASCIIWhitespace: Bool {
        self == 0x20 || (self >= 0x09 && self <= 0x0D) || (self >= 0x1C && self <= 0x1F)
    }

    /// HTTP's optional whitespace (RFC 9110 §5.6.3): space and horizontal tab.
    @inline(__always) var isHTTPWhitespace: Bool { self == 0x20 || self == 0x09 }

    /// WHATWG URL's "C0 control or space": U+0000 to U+0020, stripped from the ends of a URL.
    @inline(__always) var isC0ControlOrSpace: Bool { self <= 0x20 }
}

extension StringProtocol {
    /// The string without leading and trailing bytes in `set` (an ASCII set).
    func trimming(_ set: (UInt8) -> Bool, leading: Bool = true, trailing: Bool = true) -> String {
        let whole = Substring(self)
        let u = whole.utf8
        var start = u.startIndex
        var end = u.endIndex
        if leading { while start < end, set(u[start]) { start = u.index(after: start) } }
        if trailing { while end > start, set(u[u.index(before: end)]) { end = u.index(before: end) } }
        return String(whole[start..<end])
    }

    /// Without leading and trailing `isASCIIWhitespace` (feed text, charset labels, URLs).
    func trimmingASCIIWhitespace() -> String { trimming(\.isASCIIWhitespace) }

    /// Without leading and trailing spaces and tabs (HTTP header and `<meta>` parameter values).
    func trimmingHTTPWhitespace() -> String { trimming(\.isHTTPWhitespace) }

    /// Without leading C0 controls and spaces (the start of URL parsing).
    func trimmingLeadingC0ControlOrSpace() -> String { trimming(\.isC0ControlOrSpace, trailing: false) }

    /// Without leading and trailing Unicode whitespace, no-break spaces included (text a reader
    /// sees: extracted lines, datelines).
    func trimmingWhitespace() -> Substring {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return Substring(s)
    }
}

