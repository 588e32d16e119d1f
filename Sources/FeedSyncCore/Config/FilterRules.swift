/// `[[filter]]` (global) and `[[source.filter]]` (one source) tables:
///
/// ```toml
/// [[filter]]
/// block = "(?i)sponsored|advertorial"   # or: keep = "..."
/// field = "title"                       # title, text, summary, content, author, category, link, any (default)
/// case_sensitive = false                # default
/// ```
///
/// A source's rules add to the global ones. Every problem is reported with its line, all at once.
enum FilterRules {
    static let keys = ["block", "keep", "field", "case_sensitive"]

    static func load(_ s: inout SourceSettings, _ node: TOMLNode, _ ctx: inout Context) throws(ConfigError) {
        guard case let .array(elems) = node.value else { throw ctx.error(node, "filter", "must be written as [[filter]] tables") }
        for elem in elems {
            guard case let .table(t) = elem.value else {
                ctx.report(ctx.error(elem, "filter", "must be written as [[filter]] tables"))
                continue
            }
            if let rule = rule(t, line: elem.line, ctx: &ctx) { s.filters.append(rule) }
        }
    }

    /// One table as a rule, or nil when it has problems (each reported).
    private static func rule(_ t: TOMLTable, line: Int, ctx: inout Context) -> FilterRule? {
        let before = ctx.problems.count
        var action: FilterRule.Action?
        var pattern: String?
        var field = FilterRule.Field.any
        var caseSensitive = false
        for (key, node) in t.entries {
            do throws(ConfigError) {
                switch key {
                case "block", "keep":
                    if action != nil { throw ctx.error(node, "filter.\(key)", "a filter has one of block or keep, not both") }
                    let p = try ctx.string(node, "filter.\(key)")
                    if let problem = FilterRule.problem(pattern: p) { throw ctx.error(node, "filter.\(key)", problem) }
                    action = FilterRule.Action(rawValue: key)
                    pattern = p
                case "field":
                    let f = try ctx.string(node, "filter.field")
                    guard let v = FilterRule.Field(rawValue: f) else {
                        throw ctx.error(node, "filter.field", "must be one of \(FilterRule.Field.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    field = v
                case "case_sensitive":
                    caseSensitive = try ctx.bool(node, "filter.case_sensitive")
                default:
                    throw ctx.error(node, "filter.\(key)", "unknown key in [[filter]] (expected one of \(keys.joined(separator: ", ")))")
                }
            } catch {
                ctx.report(error)
            }
        }
        guard ctx.problems.count == before else { return nil }
        guard let action, let pattern else {
            ctx.report(ConfigError(file: ctx.file, line: line, key: "filter", "a filter needs block = \"...\" or keep = \"...\""))
            return nil
        }
        let origin = "\(ctx.file.split(separator: "/").last.map(String.init) ?? ctx.file):\(line)"
        return FilterRule(action: action, field: field, pattern: pattern, caseSensitive: caseSensitive, origin: origin)
    }
}
