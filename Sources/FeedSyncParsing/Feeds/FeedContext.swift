import FeedSyncCore

/// What an open element's text becomes when it closes: a field of the feed or entry, or a
/// structural element (`item`, `image`, ...) whose own text is not used. `other` is any element
/// the builder has no meaning for (its name is kept to match the end tag).
enum Slot: Int, CaseIterable {
    case title, link, id, summary, subtitle, rights, language, author, publisher, published, updated
    case created, expired, category, itunesKeywords, mediaKeywords, description, content, info, generator
    case href, url, name, email, image, textInput, item, source, contributor, dimension, itunesImage
    case ttl, updatePeriod, updateFrequency, tags, other

    /// Values that are URI references, resolved against the base in effect.
    var isURI: Bool { self == .href || self == .id || self == .link || self == .url }
    /// Values that may hold HTML: sanitized, with relative links inside resolved.
    var isMarkup: Bool {
        switch self {
        case .content, .rights, .description, .info, .subtitle, .summary, .title: return true
        default: return false
        }
    }
}

/// Text fields by slot, without hashing.
struct SlotValues {
    private var storage = [String?](repeating: nil, count: Slot.allCases.count)
    subscript(slot: Slot) -> String? {
        get { storage[slot.rawValue] }
        set { storage[slot.rawValue] = newValue }
    }
}

/// The fields collected for one feed, entry, or a scratch scope (`<image>`, `<textinput>`,
/// `<source>`) whose values must not leak into the feed or entry around it.
final class FeedContext {
    /// Text fields (`title`, `link`, `id`, `summary`, `subtitle`, `rights`, `language`, `author`, ...).
    var values = SlotValues()
    /// Element depth each entry field was taken from: a shallower element wins over a deeper one
    /// (an `<id>` inside an entry's `<image>` must not replace the entry's own `<id>`).
    var depths = [Int](repeating: -1, count: Slot.allCases.count)
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

    /// Sets `slot` unless it is already set.
    func setDefault(_ slot: Slot, _ value: String) {
        if values[slot] == nil { values[slot] = value }
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
