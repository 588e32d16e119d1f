/// The sanitizing pass's shortcut for the start tags feeds are made of (`<p>`, `<a href="https://...">`,
/// `<img src=... alt=...>`): an allowed element whose attributes all pass unchanged is written
/// straight from the fragment's bytes, without making a `String` per name and value.
///
/// It writes exactly what `unknownStartTag` would: every condition below is one under which the
/// general path keeps names and values as written. Anything else (a style, a relative or odd URI,
/// a duplicate name, a numeric reference without its `;`, SVG or MathML) returns false and takes
/// the general path.
extension SGMLRewriter {
    /// An attribute of a plain tag: its known lower-case name and where its value lies.
    struct PlainAttribute {
        var name: String
        var value: Range<Int>
    }

    /// Writes the start tag whose attributes begin at `k` and whose `>` (or `<`) is at `j`, if it is
    /// plain; false (having written nothing) if it is not.
    mutating func writePlainStartTag(_ raw: UnsafeBufferPointer<UInt8>, tag: String, info: HTMLTagInfo,
                                     attributesFrom k: Int, end j: Int) -> Bool {
        guard sanitizing, info.acceptable, svgDepth == 0, mathMLDepth == 0 else { return false }
        // Taken out of `plainScratch` (not copied), so that its buffer stays uniquely referenced
        // and is reused instead of reallocated; it is put back empty.
        var attrs: [PlainAttribute] = []
        swap(&attrs, &plainScratch)
        defer {
            if !attrs.isEmpty { attrs.removeAll(keepingCapacity: true) }
            swap(&attrs, &plainScratch)
        }
        var k = k
        while k < j {
            guard let m = SGMLRewriter.matchAttribute(raw, k) else { break }
            guard var r = m.value,
                  let (name, a) = HTMLAttributeInfo.entry(UnsafeBufferPointer(rebasing: raw[m.name])),
                  a.html, name != "style"
            else { return false }
            if r.count >= 2, raw[r.lowerBound] == raw[r.upperBound - 1],
               raw[r.lowerBound] == 0x27 || raw[r.lowerBound] == 0x22 {
                r = (r.lowerBound + 1)..<(r.upperBound - 1)
            } else if r.count == 1, raw[r.lowerBound] == 0x27 || raw[r.lowerBound] == 0x22 {
                r = r.lowerBound..<r.lowerBound
            }
            let value = UnsafeBufferPointer(rebasing: raw[r])
            guard SGMLRewriter.keepsReferences(value) else { return false }
            if a.isURI {
                guard URLResolver.isPlainHTTPURL(value) else { return false }
            } else if name == "rel" || name == "type" {
                // Lower-cased by the general path.
                guard !value.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) else { return false }
            }
            if attrs.contains(where: { $0.name == name }) { return false }
            attrs.append(PlainAttribute(name: name, value: r))
            k = m.end
        }
        if attrs.count > 1 { attrs.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) } }
        openStartTag(tag, info)
        for attr in attrs { writeAttribute(attr.name, UnsafeBufferPointer(rebasing: raw[attr.value])) }
        closeStartTag(info)
        return true
    }

    /// Whether `convertAttributeReferences` leaves the value as it is: no `&#` + digit.
    static func keepsReferences(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = ByteScan.find(0x26, in: v)
        while i < v.count {
            if i + 2 < v.count, v[i + 1] == 0x23, URLResolver.isDigit(v[i + 2]) { return false }
            i = ByteScan.find(0x26, in: v, from: i + 1)
        }
        return true
    }
}
