/// `[[filter]]` rules, Miniflux-style: an item matching any `block` rule is not delivered; when
/// there are `keep` rules, an item matching none of them is not delivered either. Global rules
/// and a source's own rules apply together. A filtered item is recorded as seen (never delivered,
/// never evaluated again). Pure: the Plan stage asks, with the entry in hand.
public struct FilterRule: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable { case block, keep }
    public enum Field: String, Sendable, CaseIterable { case title, text, summary, content, author, category, link, any }

    public var action: Action
    public var field: Field
    /// A regular expression (Swift `Regex` syntax, PCRE-like), searched anywhere in the field.
    public var pattern: String
    public var caseSensitive: Bool
    /// Where the rule was written, for `test` and logs (`file:line`).
    public var origin: String

    public init(action: Action, field: Field, pattern: String, caseSensitive: Bool = false, origin: String = "") {
        self.action = action; self.field = field; self.pattern = pattern
        self.caseSensitive = caseSensitive; self.origin = origin
    }

    /// The rule as `test` shows it: `block title ~ "(?i)sponsored" (feedsync.toml:12)`.
    public var description: String {
        "\(action.rawValue) \(field.rawValue) ~ \"\(pattern)\"" + (origin.isEmpty ? "" : " (\(origin))")
    }

    /// Why `pattern` is not a valid regular expression, or nil.
    public static func problem(pattern: String) -> String? {
        do { _ = try Regex(pattern); return nil } catch { return "invalid regular expression: \(error)" }
    }
}

/// A set of rules compiled once per plan.
public struct ItemFilter: @unchecked Sendable {
    // `Regex<AnyRegexOutput>` is not declared Sendable; the compiled rules are never mutated.
    private let rules: [(rule: FilterRule, regex: Regex<AnyRegexOutput>)]

    /// Compiles `rules`; a rule whose pattern does not compile is left out (the config loader
    /// refuses such rules with `file:line`, so none reaches here).
    public init(_ rules: [FilterRule]) {
        self.rules = rules.compactMap { rule in
            guard let regex = try? Regex(rule.pattern) else { return nil }
            return (rule, rule.caseSensitive ? regex : regex.ignoresCase())
        }
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// The rule that filters `entry` out, or nil to deliver it. For "no keep rule matched", the
    /// first keep rule stands for the set.
    public func blockingRule(for entry: FeedEntry) -> FilterRule? {
        var keeps: [FilterRule] = []
        var kept = false
        for (rule, regex) in rules {
            let matched = Self.values(of: rule.field, in: entry).contains { $0.contains(regex) }
            switch rule.action {
            case .block where matched: return rule
            case .block: continue
            case .keep:
                keeps.append(rule)
                kept = kept || matched
            }
        }
        return keeps.isEmpty || kept ? nil : keeps[0]
    }

    static func values(of field: FilterRule.Field, in e: FeedEntry) -> [String] {
        switch field {
        case .title: return e.title.map { [InlineText.plain($0)] } ?? []
        case .text: return e.text.map { [$0] } ?? []
        case .summary: return e.summary.map { [$0] } ?? []
        case .content: return e.content.map { [$0] } ?? []
        case .author: return (e.authors.isEmpty ? (e.author.map { [$0] } ?? []) : e.authors).flatMap { [$0.name, $0.email].compactMap { $0 } }
        case .category: return e.categories.flatMap { [$0.term, $0.label].compactMap { $0 } }
        case .link: return ([e.link] + e.links.map(\.href)).compactMap { $0 }
        case .any: return FilterRule.Field.allCases.filter { $0 != .any }.flatMap { values(of: $0, in: e) }
        }
    }
}
