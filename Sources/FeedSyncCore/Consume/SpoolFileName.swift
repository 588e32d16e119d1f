/// Reading a spool file name (`SpoolNamer`'s format) back:
/// `<delivery time, µs, 16 digits>.<sequence, 6 digits>.<source>.<id prefix>[.json][:2,FLAGS]`.
///
/// Consumers use it to filter and order items by source without opening the files.
public enum SpoolFileName {
    /// The source part of an item file name, or nil for a name feedsync did not write.
    /// Source names may contain dots; the time and sequence come first and the id prefix last.
    public static func source(of name: String) -> String? {
        var base = Substring(name)
        if let colon = base.firstIndex(of: ":") { base = base[..<colon] }
        if base.hasSuffix(".json") { base = base.dropLast(5) }
        let parts = base.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4,
              parts[0].count == 16, parts[0].allSatisfy(\.isASCIIDigit),
              parts[1].count == 6, parts[1].allSatisfy(\.isASCIIDigit),
              let last = parts.last, !last.isEmpty, last.allSatisfy(\.isHexDigitASCII) else { return nil }
        let source = parts[2..<(parts.count - 1)].joined(separator: ".")
        return source.isEmpty ? nil : source
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isHexDigitASCII: Bool { isASCIIDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self) }
}
