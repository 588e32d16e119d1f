import FeedSyncCore

/// What an open element's text becomes when it closes: a field of the feed or entry, or a
/// structural element (`item`, `image`, ...) whose own text is not used. `other` is any element
/// the builder has no meaning for (its name is kept to match the end tag).
enum Slot: Int, CaseIterable {
    case title, link, id, summary, subtitle, rights, language, author, publisher, published, updated
    case created, expired, category, itunesKeywords, mediaKeywords, description, content, info, generator
    case href, url, name, email, image, textInput, item, source, contributor, dimension, itunesImage
    case ttl, updatePeriod, updateFrequency, tags, webMaster, other

    /// Elements whose own text nobody reads (structure, or fields the model does not have).
    var isDiscarded: Bool {
        switch self {
        case .other, .dimension, .expired, .created, .generator, .itunesImage, .publisher, .contributor, .source,
             .image, .textInput, .item:
            return true
        default: return false
        }
    }

    /// Plain-text values whose child elements are markup around the text (`<category><b>Tech</b>
    /// news</category>`): the children's text is the value's, not text to drop.
    var keepsChildText: Bool { self == .category || self == .id }

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

extension Slot {
    /// Where a field the model uses is kept (others are read and dropped: a feed with 100,000
    /// entries should not carry their raw date strings and generator names).
    var keptIndex: Int? {
        switch self {
        case .title: return 0
        case .link: return 1
        case .id: return 2
        case .summary: return 3
        case .subtitle: return 4
        case .rights: return 5
        case .language: return 6
        case .author: return 7
        case .name: return 8
        default: return nil
        }
    }

    static let keptCount = 9
}

/// The kept text fields, without hashing or a separate allocation.
struct SlotValues {
    private var title, link, id, summary, subtitle, rights, language, author, name: String?
    subscript(slot: Slot) -> String? {
        get {
            switch slot {
            case .title: return title
            case .link: return link
            case .id: return id
            case .summary: return summary
            case .subtitle: return subtitle
            case .rights: return rights
            case .language: return language
            case .author: return author
            case .name: return name
            default: return nil
            }
        }
        set {
            switch slot {
            case .title: title = newValue
            case .link: link = newValue
            case .id: id = newValue
            case .summary: summary = newValue
            case .subtitle: subtitle = newValue
            case .rights: rights = newValue
            case .language: language = newValue
            case .author: author = newValue
            case .name: name = newValue
            default: break
            }
        }
    }
}

/// Element depth per kept field (-1: not set), stored inline.
struct SlotDepths {
    private var storage: (Int16, Int16, Int16, Int16, Int16, Int16, Int16, Int16, Int16) = (-1, -1, -1, -1, -1, -1, -1, -1, -1)
    subscript(index: Int) -> Int16 {
        get { withUnsafeBytes(of: storage) { $0.load(fromByteOffset: index * 2, as: Int16.self) } }
        set { withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: newValue, toByteOffset: index * 2, as: Int16.self) } }
    }
}

/// The fields collected for one feed, entry, or a scratch scope (`<image>`, `<textinput>`,
/// `<source>`) whose values must not leak into the feed or entry around it.
final class FeedContext {
    /// Text fields (`title`, `link`, `id`, `summary`, `subtitle`, `rights`, `language`, `author`, ...).
    var values = SlotValues()
    /// Element depth each entry field was taken from: a shallower element wins over a deeper one
    /// (an `<id>` inside an entry's `<image>` must not replace the entry's own `<id>`).
    var depths = SlotDepths()
    var links: [LinkBuilder] = []
    var categories: [TagBuilder] = []
    var authors: [PersonBuilder] = []
    /// The primary author: for Atom, merged from every `<name>`/`<email>`/`<uri>`; for RSS, the
    /// first author string that yielded a name or an e-mail address.
    var authorDetail: PersonBuilder?
    var contents: [String] = []
    /// Media RSS `<media:content>` files, offered as enclosures after the RSS/Atom ones.
    var mediaEnclosures: [Enclosure] = []
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
