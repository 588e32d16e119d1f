import FeedSyncCore

/// The fields collected for one feed, entry, or a scratch scope (`<image>`, `<textinput>`,
/// `<source>`) whose values must not leak into the feed or entry around it.
final class FeedContext {
    /// Text fields by name (`title`, `link`, `id`, `summary`, `subtitle`, `rights`, `language`,
    /// `author`, `updated`, ...), as the builder stored them.
    var values: [String: String] = [:]
    /// Element depth each entry field was taken from: a shallower element wins over a deeper one
    /// (an `<id>` inside an entry's `<image>` must not replace the entry's own `<id>`).
    var depths: [String: Int] = [:]
    var links: [LinkBuilder] = []
    var categories: [TagBuilder] = []
    var authors: [PersonBuilder] = []
    /// The primary author: for Atom, merged from every `<name>`/`<email>`/`<uri>`; for RSS, the
    /// first author string that yielded a name or an e-mail address.
    var authorDetail: PersonBuilder?
    var contents: [String] = []
    /// Plain text of the summary and of the first content (the spool's `text`).
    var summaryText: String?
    var contentText: String?
    /// nil: never seen; .some(nil): seen but unparseable (a later unparseable date erases an earlier one).
    var updated: Timestamp??
    var published: Timestamp??
    var guidIsLink = false

    /// Sets `key` unless it is already set.
    func setDefault(_ key: String, _ value: String) {
        if values[key] == nil { values[key] = value }
    }
}

/// A link as collected (`href` may still be missing while its element is open).
struct LinkBuilder {
    var href: String?
    var rel: String?
    var type: String?
    var title: String?
    var length: String?
    var hreflang: String?
}

/// A category as collected (`term` may come from the element's text after its attributes).
struct TagBuilder: Equatable {
    var term: String?
    var scheme: String?
    var label: String?
}

/// An author as collected. A class because the primary author and the last entry of the author
/// list can be one and the same record (an RSS author string fills both).
final class PersonBuilder {
    var name: String?
    var email: String?
    var href: String?
    init() {}
    var isEmpty: Bool { name == nil && email == nil && href == nil }

    subscript(key: PersonKey) -> String? {
        get {
            switch key {
            case .name: return name
            case .email: return email
            case .href: return href
            }
        }
        set {
            switch key {
            case .name: name = newValue
            case .email: email = newValue
            case .href: href = newValue
            }
        }
    }

    var person: Person? {
        isEmpty ? nil : Person(name: name, email: email, uri: href)
    }
}

enum PersonKey { case name, email, href }
