import ArgumentParser
import FeedSyncCore
import FeedSyncHTTP
import FeedSyncParsing
import FeedSyncStore
import Foundation

/// `feedsync test SOURCE|URL`: fetch once and show what would be delivered, touching no state.
/// Made for writing selectors: try `--item`, `--title`, ... until the items look right.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Fetch a source (or URL) once and print its items with keys and decisions; no state is touched.")

    @Argument(help: "A source name from the config, or a URL.") var target: String
    @Option(name: .customLong("config"), help: "Configuration file (default: $FEEDSYNC_CONFIG, else /etc/feedsync/feedsync.toml).")
    var configPath: String?
    @Option(help: "auto, rss, atom, jsonfeed or html.") var type: String?
    @Option(help: "Item selector (CSS subset or xpath:...).") var item: String?
    @Option(help: "Title selector.") var title: String?
    @Option(help: "Link selector (e.g. a@href).") var link: String?
    @Option(help: "Date selector.") var date: String?
    @Option(help: "Summary selector.") var summary: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger()
        var option = ConfigOption()
        option.path = configPath
        let config: Config? = configPath != nil || FileManager.default.fileExists(atPath: option.resolvedPath)
            ? try Runtime.loadConfig(option) : nil
        var source: SourceConfig
        if let named = config?.source(named: target) {
            source = named
        } else if target.contains("://") || target.hasPrefix("file:") {
            var settings = config?.defaults ?? SourceSettings()
            settings.initial = .all
            source = SourceConfig(name: "test", url: target, settings: settings)
        } else {
            StandardError.write("feedsync: '\(target)' is neither a source in the config nor a URL\n")
            throw ExitCode(ExitStatus.usage)
        }
        if let type {
            guard let t = SourceType(rawValue: type) else { throw ValidationError("--type must be auto, rss, atom, jsonfeed or html") }
            source.type = t
        }
        if let item {
            for s in [item, title, link, date, summary].compactMap({ $0 }) {
                if let problem = HTMLSourceParser.validate(selector: s) { throw ValidationError("\(s): \(problem)") }
            }
            source.type = .html
            source.select = SelectorSpec(item: item, title: title, link: link, date: date, summary: summary)
        }

        // Read-only look at the state, if there is one.
        var state: SourceState?
        var known: [String: KnownItem] = [:]
        var store: SQLiteStateStore?
        if let config, FileManager.default.fileExists(atPath: config.stateDir + "/state.sqlite") {
            store = try? SQLiteStateStore(path: config.stateDir + "/state.sqlite")
            state = try? store?.sourceStates()[source.name]
        }
        let fetcher = CurlFetcher(concurrency: 1, perHost: 1, hostDelay: 0)
        var request = SyncEngine.request(for: source, state: nil)
        request.etag = nil
        request.lastModified = nil
        let response: FetchResponse
        switch await fetcher.fetch(request) {
        case let .fetched(r): response = r
        case .notModified: StandardError.write("feedsync: unexpected 304\n"); throw ExitCode(ExitStatus.someFailed)
        case let .failed(f):
            StandardError.write("feedsync: \(source.name): \(URLRedaction.redact(source.url)): \(f.message)\n")
            throw ExitCode(ExitStatus.someFailed)
        }
        let doc: FeedDocument
        do {
            doc = try FeedParser().parse(response.body, request: ParseRequest(response: response, source: source))
        } catch {
            StandardError.write("feedsync: \(source.name): unreadable document: \(error.message)\n")
            throw ExitCode(ExitStatus.someFailed)
        }
        let ids = ItemIdentity.identities(for: doc.entries, source: source.name, rules: source.settings.identity)
        if let store { known = (try? store.knownItems(source: source.name, keys: ids.map(\.key))) ?? [:] }
        let diff = SourceDiff.compute(entries: doc.entries, source: source.name, settings: source.settings,
                                      known: known, firstSync: state?.lastSuccess == nil) { id in
            store?.previousItem(source: source.name, matching: id)
        }
        let delivered = Set(diff.deliveries.map(\.identity.key))
        let moved = Set(diff.recordOnly.map(\.identity.key))
        for (entry, id) in zip(doc.entries, ids) {
            var o = JSONObjectBuilder()
            o.add("key", id.key)
            o.add("rule", id.rule.rawValue)
            let decision = delivered.contains(id.key) ? "deliver" : known[id.key] != nil ? "known"
                : moved.contains(id.key) ? "record-only" : "skip"
            o.add("decision", decision)
            o.add("title", entry.title)
            o.add("link", entry.link)
            o.add("published", entry.published)
            o.add("summary", entry.summary.map { String($0.prefix(200)) })
            StandardOutput.write(o.value.serialized() + "\n")
        }
        logger.notice("test finished", metadata: [
            "source": "\(source.name)", "version": "\(doc.version)", "entries": "\(doc.entries.count)",
            "would_deliver": "\(diff.deliveries.count)", "bozo": "\(doc.bozo)",
        ])
    }
}
