import ArgumentParser
import FeedSyncCore
import FeedSyncParsing

/// `--item`, `--title`, ...: selectors for reading an HTML page's items, as `[source.select]` would
/// (`test` and `parse`).
struct SelectorOptions: ParsableArguments {
    @Option(help: "Item selector (CSS subset or xpath:...); reads the page as type html.") var item: String?
    @Option(help: "Title selector.") var title: String?
    @Option(help: "Link selector (e.g. a@href).") var link: String?
    @Option(name: .customLong("date-selector"), help: "Date selector (e.g. time@datetime).") var date: String?
    @Option(help: "Summary selector.") var summary: String?

    func validate() throws {
        guard item != nil else {
            if [title, link, date, summary].contains(where: { $0 != nil }) { throw ValidationError("--title, --link, --date-selector and --summary need --item") }
            return
        }
        for s in [item, title, link, date, summary].compactMap({ $0 }) {
            if let problem = HTMLSourceParser.validate(selector: s) { throw ValidationError("\(s): \(problem)") }
        }
    }

    /// The selectors, or nil without `--item`.
    var spec: SelectorSpec? {
        item.map { SelectorSpec(item: $0, title: title, link: link, date: date, summary: summary) }
    }
}
