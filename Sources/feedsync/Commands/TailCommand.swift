import ArgumentParser
import FeedSyncCore
import Foundation
import Glibc

/// `feedsync tail`: print spool items in delivery order; `-f` follows with inotify.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print spool items in delivery order (JSON Lines or text); -f follows new items.")

    @Option(name: .customLong("config"), help: "Read spool_dir from this config.") var configPath: String?
    @Option(name: .customLong("spool-dir"), help: "The spool directory (instead of --config).") var spoolDir: String?
    @Flag(name: .shortAndLong, help: "Follow: keep printing items as they are delivered.") var follow = false
    @Option(name: .short, help: "Print the last N items first (default 10).") var n: Int?
    @Option(help: "Print items delivered after the item file NAME.") var since: String?
    @Flag(name: .customLong("from-start"), help: "Print every item in the spool.") var fromStart = false
    @Option(help: "jsonl (default) or text (time, source, title, link).") var format: String = "jsonl"
    @Flag(help: "Move each printed item from new/ to cur/; with several consumers each item is printed once.")
    var consume = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if [n != nil, since != nil, fromStart].filter({ $0 }).count > 1 {
            throw ValidationError("use only one of -n, --since and --from-start")
        }
        if let n, n < 0 { throw ValidationError("-n must be 0 or more") }
        guard format == "jsonl" || format == "text" else { throw ValidationError("--format must be jsonl or text") }
        if configPath != nil && spoolDir != nil { throw ValidationError("use --config or --spool-dir, not both") }
    }

    func run() throws {
        _ = global.makeLogger()
        let dir = try Runtime.spoolDirectory(spoolDir: spoolDir, configPath: configPath)
        let reader = SpoolReader(root: dir)
        guard reader.exists else {
            StandardError.write("feedsync: \(dir) is not a spool (no new/ directory)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        // Folders created later (maildir_folders) are found by the rescan each second.
        let watcher = follow ? try DirectoryWatcher(paths: reader.newDirs) : nil

        var entries = reader.entries(includeCur: !consume)
        if let since {
            entries = entries.filter { $0.baseName > SpoolReader.baseName(since) }
        } else if !fromStart {
            let count = n ?? (consume ? Int.max : 10)
            if entries.count > count { entries.removeFirst(entries.count - count) }
        }
        var last = entries.last?.baseName ?? (since.map(SpoolReader.baseName) ?? "")
        if !fromStart && since == nil && entries.isEmpty, let newest = reader.entries(includeCur: true).last {
            last = max(last, newest.baseName)
        }
        if follow && !fromStart && since == nil && n == nil && !consume {
            // Like tail -f: start at the end after the last N.
            last = max(last, reader.entries(includeCur: true).last?.baseName ?? "")
        }
        for e in entries { emit(e, reader: reader) }
        guard let watcher else { return }
        while true {
            watcher.waitForChange(timeoutMillis: 1000)
            let fresh = reader.entries(includeCur: false).filter { $0.baseName > last }
            for e in fresh {
                emit(e, reader: reader)
                last = max(last, e.baseName)
            }
        }
    }

    private func emit(_ e: SpoolReader.Entry, reader: SpoolReader) {
        var path = e.path
        if consume {
            guard e.inNew, let moved = reader.consume(e) else { return }   // another consumer took it
            path = moved
        }
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let line: String
        if format == "text" {
            line = ItemSummary.textLine(data: data, fileName: e.name)
        } else {
            line = ItemSummary.jsonLine(data: data, fileName: e.name)
        }
        StandardOutput.write(line + "\n")
    }
}
