import CLibXML2

/// Turns libxml2's names for elements and attributes into the builder's, caching by the interned
/// name pointers libxml2 hands out (the same element name is the same pointer within a parse).
final class FeedNameTable {
    private struct Key: Equatable {
        let uri: UnsafeRawPointer?
        let prefix: UnsafeRawPointer?
        let local: UnsafeRawPointer?
        /// A cheap hash of the three pointers (no SipHash: keys come from libxml2, not attackers).
        var hash: Int {
            let a = UInt(bitPattern: uri), b = UInt(bitPattern: prefix), c = UInt(bitPattern: local)
            return Int(bitPattern: (c &* 0x9E37_79B9_7F4A_7C15) ^ (a &* 0xC2B2_AE3D_27D4_EB4F) ^ (b >> 3))
        }
    }
    private var elements = PointerTable<ElementName>()
    private var attributes = PointerTable<(name: String, qualified: String?)>()

    /// A small open-addressing hash table keyed by name pointers.
    private struct PointerTable<Value> {
        private var keys: [Key?] = Array(repeating: nil, count: 64)
        private var values: [Value?] = Array(repeating: nil, count: 64)
        private var count = 0

        subscript(key: Key) -> Value? {
            get {
                let mask = keys.count - 1
                var i = key.hash & mask
                while let k = keys[i] {
                    if k == key { return values[i] }
                    i = (i + 1) & mask
                }
                return nil
            }
            set {
                guard let newValue else { return }
                if (count + 1) * 2 > keys.count { grow() }
                let mask = keys.count - 1
                var i = key.hash & mask
                while let k = keys[i], k != key { i = (i + 1) & mask }
                if keys[i] == nil { count += 1 }
                keys[i] = key
                values[i] = newValue
            }
        }

        private mutating func grow() {
            let oldKeys = keys, oldValues = values
            keys = Array(repeating: nil, count: oldKeys.count * 2)
            values = Array(repeating: nil, count: oldKeys.count * 2)
            count = 0
            for (k, v) in zip(oldKeys, oldValues) { if let k, let v { self[k] = v } }
        }
    }

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
/// A class: every start and end tag hands one out of the name table, and a reference is one
/// retain where a struct of four strings was four.
final class ElementName {
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
        switch local {
        case "title", "link", "description": (endsTextInput, endsImage) = (false, false)
        case "name": (endsTextInput, endsImage) = (false, prefix.isEmpty)
        case "url", "href", "width", "height": (endsTextInput, endsImage) = (prefix.isEmpty, false)
        default: (endsTextInput, endsImage) = (prefix.isEmpty, prefix.isEmpty)
        }
    }
}
