import CLibXML2

/// Turns libxml2's names for elements and attributes into the builder's, caching by the interned
/// name pointers libxml2 hands out (the same element name is the same pointer within a parse).
final class FeedNameTable {
    private struct Key: Hashable {
        let uri: UnsafeRawPointer?
        let prefix: UnsafeRawPointer?
        let local: UnsafeRawPointer?
    }
    private var elements: [Key: ElementName] = [:]
    private var attributes: [Key: (name: String, qualified: String?)] = [:]

    /// The element's builder name (`dc:creator`, `title`, `svg:circle`) and what it means.
    func element(uri: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
                 local: UnsafePointer<xmlChar>?) -> ElementName {
        let key = Key(uri: UnsafeRawPointer(uri), prefix: UnsafeRawPointer(prefix), local: UnsafeRawPointer(local))
        if let hit = elements[key] { return hit }
        let uriString = uri.map { String(cString: $0) }
        let given = prefix.map { String(cString: $0) }
        let localName = (local.map { String(cString: $0) } ?? "").lowercased()
        let canonical = FeedNamespaces.prefix(for: uriString ?? "")
        let p = (canonical ?? given ?? "").lowercased()
        let value = ElementName(prefix: p, local: localName, namespaceURI: uriString)
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

/// An element's name as the builder knows it: prefix (the builder's for known namespaces, the
/// document's otherwise; "" for RSS/Atom/RDF/CDF), lower-case local name, and meaning.
struct ElementName {
    let prefix: String
    let local: String
    /// `prefix:local`, or `local` without a prefix.
    let key: String
    let namespaceURI: String?
    let element: FeedElement?
    /// A core element (no prefix) that is not part of an `<image>` / `<textinput>` block.
    let endsImage: Bool
    let endsTextInput: Bool

    init(prefix: String, local: String, namespaceURI: String?) {
        self.prefix = prefix
        self.local = local
        self.key = prefix.isEmpty ? local : prefix + ":" + local
        self.namespaceURI = namespaceURI
        self.element = FeedElement.byName[key]
        endsTextInput = prefix.isEmpty && !["title", "link", "description", "name"].contains(local)
        endsImage = prefix.isEmpty && !["title", "link", "description", "url", "href", "width", "height"].contains(local)
    }
}
