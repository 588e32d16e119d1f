import ArgumentParser
import FeedSyncCore
import Foundation

/// `feedsync status`: one line per configured source (a header, then name, state, last success,
/// failures, next due, items delivered and why it is held back), or one JSON object per source.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One line per source: state, last success, failures, next due, items delivered.")

    static let header = ["SOURCE", "STATE", "LAST SUCCESS", "FAILURES", "NEXT DUE", "ITEMS", "DETAIL"]

    @OptionGroup var config: ConfigOption
    @Flag(help: "Print one JSON object per source.") var json = false
    @Flag(help: "Only sources whose last poll failed, or that are disabled.") var failing = false
    @Option(name: .customLong("source"), help: "Only this source (repeatable).",
            completion: .sourceNames) var sources: [String] = []
    @OptionGroup var global: GlobalOptions

    func run() throws {
        _ = global.makeLogger()
        let c = try Runtime.loadConfig(config)
        let unknown = sources.filter { name in !c.sources.contains { $0.name == name } }
        if !unknown.isEmpty {
            StandardError.write("feedsync: no source named \(unknown.joined(separator: ", ")) in \(config.resolvedPath)\n")
            throw ExitCode(ExitStatus.usage)
        }
        let store = try Runtime.openStore(c)
        let states: [String: SourceState]
        do { states = try store.sourceStates() } catch {
            StandardError.write("feedsync: state: \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        let rows = c.sources
            .filter { sources.isEmpty || sources.contains($0.name) }
            .map { SourceStatusRow(source: $0, state: states[$0.name], now: now) }
            .filter { !failing || $0.isFailing }
        if json {
            StandardOutput.write(rows.map { $0.json.serialized() + "\n" }.joined())
        } else {
            StandardOutput.write(Self.table([Self.header] + rows.map(\.cells)))
        }
        do { StandardOutput.write(try Self.clusterSection(c, json: json)) } catch {
            StandardError.write("feedsync: state \(Runtime.stateLocation(c)): \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
    }

    /// Columns padded to their widest cell, two spaces apart; the last column is not padded.
    static func table(_ lines: [[String]]) -> String {
        guard let columns = lines.first?.count else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for line in lines { for (i, cell) in line.enumerated() where i < columns { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for line in lines {
            var text = ""
            for (i, cell) in line.enumerated() {
                text += i == columns - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            while text.last == " " { text.removeLast() }
            out += text + "\n"
        }
        return out
    }
}
