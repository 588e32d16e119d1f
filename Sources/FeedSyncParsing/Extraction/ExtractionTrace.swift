/// Collects a human-readable account of the decisions one extraction made (which blocks were
/// removed and why, which container won), for `feedsync extract --trace`.
final class ExtractionTrace {
    private(set) var lines: [String] = []
    let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func note(_ message: @autoclosure () -> String) {
        if enabled { lines.append(message()) }
    }

    /// A short description of a node for trace lines: `div.class#id "first words…" (N chars)`.
    static func describe(_ n: XMLNode, stats: StatsCache? = nil) -> String {
        if n.isText { return "#text \"\(String(n.textValue.collapsingWhitespace().prefix(40)))\"" }
        var s = n.name
        if let c = n.attribute("class"), !c.isEmpty { s += "." + c.split(separator: " ").prefix(3).joined(separator: ".") }
        if let i = n.attribute("id"), !i.isEmpty { s += "#" + i }
        let text = n.textContent.collapsingWhitespace()
        s += " \"\(String(text.prefix(50)))\""
        if let stats { s += " (\(stats.stats(n).chars) chars)" }
        return s
    }
}
