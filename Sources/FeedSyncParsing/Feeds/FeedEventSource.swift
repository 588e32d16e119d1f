import CLibXML2

/// Turns libxml2's names for elements and attributes into the builder's, caching by the interned
/// name pointers libxml2 hands out (the same element name is the same pointer within a parse).
final class FeedNameTable {
    private struct Key: Hashable {
        let uri: UnsafeRawPointer?
        let prefix: UnsafeRawPointer?
        let local: UnsafeRawPointer?
    }
    private var elements: [Key: (name: String, uri: String?)] = [:]
    private var attributes: [Key: (name: String, qualified: String?)] = [:]

    /// The element's builder name (`dc:creator`, `title`, `svg:circle`) and namespace URI.
    func element(uri: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
                 local: UnsafePointer<xmlChar>?) -> (name: String, uri: String?) {
        let key = Key(uri: UnsafeRawPointer(uri), prefix: UnsafeRawPointer(prefix), local: UnsafeRawPointer(local))
        if let hit = elements[key] { return hit }
        let uriString = uri.map { String(cString: $0) }
        let given = prefix.map { String(cString: $0) }
        let localName = local.map { String(cString: $0) } ?? ""
        let canonical = FeedNamespaces.prefix(for: uriString ?? "")
        let p = canonical ?? given ?? ""
        let name = (p.isEmpty ? localName : p + ":" + localName).lowercased()
        let value = (name, uriString)
        elements[key] = value
        return value
    }

    /// The attribute's builder name; for a namespace the builder does not know, also the name as
    /// written (`foo:bar`), under which the value is reported too.
    func attribute(uri: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
                   local: UnsafePointer<xmlChar>?) -> (name: String, qualified: String?) {
        let key = Key(uri: UnsafeRawPointer(uri), prefix: UnsafeRawPointer(prefix), local: UnsafeRawPointer(local))
        if let hit = attributes[key] { return hit }
        let localName = local.map { String(cString: $0) } ?? ""
        var value: (String, String?) = (localName.lowercased(), nil)
        if let uri {
            let uriString = String(cString: uri)
            if let canonical = FeedNamespaces.prefix(for: uriString), !canonical.isEmpty {
                value = ((canonical + ":" + localName).lowercased(), nil)
            } else if let prefix {
                value = (localName.lowercased(), (String(cString: prefix) + ":" + localName).lowercased())
            }
        }
        attributes[key] = value
        return value
    }
}

extension FeedBuilder.Attributes {
    /// Adds an attribute; a later value for the same name replaces the earlier one in place.
    mutating func set(_ name: String, _ value: String) {
        if let i = firstIndex(where: { $0.name == name }) { self[i].value = value } else { append((name, value)) }
    }
}
