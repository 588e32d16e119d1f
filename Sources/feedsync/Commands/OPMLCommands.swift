import ArgumentParser
import FeedSyncCore
import FeedSyncParsing
import FeedSyncStore
import Foundation
import Glibc

/// `feedsync import-opml FILE [--append CONFIG]`: OPML subscriptions in, `[[source]]` entries out.
struct ImportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-opml",
        abstract: "Print an OPML subscription list as [[source]] entries, or add them to a config.",
        discussion: """
        Names are derived from feed titles ([a-z0-9._-], unique). With --append, feeds whose URL the \
        config already has are skipped, names stay unique against the config's, and the result is \
        validated before the file is replaced (atomically, keeping its permissions).
        """)

    @Argument(help: "The OPML file.") var file: String
    @Option(name: .customLong("append"), help: "Add the entries to this config file instead of printing them.")
    var append: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        _ = global.makeLogger()
        guard let data = FileManager.default.contents(atPath: file) else {
            StandardError.write("feedsync: cannot read \(file)\n")
            throw ExitCode(ExitStatus.usage)
        }
        let doc: OPMLDocument
        do { doc = try OPMLReader.read(Array(data)) } catch {
            StandardError.write("feedsync: \(file): \(error)\n")
            throw ExitCode(65)  // EX_DATAERR
        }
        if doc.repaired { StandardError.write("feedsync: \(file): not well-formed XML; repaired (check the result)\n") }

        var existing: Config?
        var existingText = ""
        if let append {
            do {
                existing = try Runtime.configLoader.load(path: append)
            } catch {
                StandardError.write("feedsync: \(error)\n")
                throw ExitCode(ExitStatus.config)
            }
            existingText = (try? String(contentsOfFile: append, encoding: .utf8)) ?? ""
        }
        let outcome = OPMLImport.entries(for: doc.feeds, takenNames: Set(existing?.sources.map(\.name) ?? []),
                                         knownURLs: Set(existing?.sources.map(\.url) ?? []))
        for (feed, reason) in outcome.rejected {
            StandardError.write("feedsync: skipped \(feed.title.map { "'\($0)' " } ?? "")(\(reason))\n")
        }
        let header = "\n# Imported from \((file as NSString).lastPathComponent) by feedsync import-opml\n"
        let toml = outcome.entries.isEmpty ? "" : header + OPMLImport.toml(outcome.entries)
        guard let append else {
            StandardOutput.write(toml.isEmpty ? "" : String(toml.dropFirst()))
            StandardError.write("feedsync: \(outcome.entries.count) source(s)\(outcome.duplicates.isEmpty ? "" : ", \(outcome.duplicates.count) duplicate(s) skipped")\n")
            return
        }
        guard !outcome.entries.isEmpty else {
            StandardError.write("feedsync: nothing to add to \(append) (\(outcome.duplicates.count) feed(s) already there)\n")
            return
        }
        var text = existingText
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += toml
        do {
            _ = try Runtime.configLoader.load(text: text, path: append)
        } catch {
            StandardError.write("feedsync: the result would not be a valid config, \(append) left unchanged: \(error)\n")
            throw ExitCode(ExitStatus.config)
        }
        try Self.replace(append, with: text)
        StandardError.write("feedsync: added \(outcome.entries.count) source(s) to \(append)"
            + "\(outcome.duplicates.isEmpty ? "" : ", \(outcome.duplicates.count) already there")\n")
    }

    /// Replaces a file atomically (temporary file, fsync, rename), keeping its mode.
    static func replace(_ path: String, with text: String) throws {
        var st = stat()
        let mode: mode_t = stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644
        let tmp = path + ".feedsync-\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            StandardError.write("feedsync: cannot create \(tmp): \(String(cString: strerror(errno)))\n")
            throw ExitCode(ExitStatus.cantCreate)
        }
        let bytes = Array(text.utf8)
        var offset = 0
        var failed: Int32 = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; failed = errno; break }
            offset += n
        }
        if failed == 0 && fsync(fd) != 0 { failed = errno }
        if close(fd) != 0 && failed == 0 { failed = errno }
        if failed == 0 && rename(tmp, path) != 0 { failed = errno }
        if failed != 0 {
            unlink(tmp)
            StandardError.write("feedsync: cannot write \(path): \(String(cString: strerror(failed)))\n")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

/// `feedsync export-opml`: every configured source as OPML 2.0.
struct ExportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-opml",
        abstract: "Print every configured source as an OPML 2.0 subscription list.",
        discussion: """
        Titles and site links come from the state when it is readable, else the source names are used. \
        Each outline carries the source's name and type as feedsync:name and feedsync:type (namespace \
        \(OPMLNamespace.feedsync)), so import-opml restores them; credentials in URLs are removed.
        """)

    @OptionGroup var config: ConfigOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.makeLogger()
        let c = try Runtime.loadConfig(config)
        // Feed titles and site links come from the state when it can be read; the export works
        // without them (the source names stand in), and says why they are missing.
        var states: [String: SourceState] = [:]
        let statePath = c.stateDir + "/state.sqlite"
        if access(statePath, R_OK | W_OK) == 0 {
            do {
                states = try SQLiteStateStore(path: statePath).sourceStates()
            } catch {
                logger.warning("cannot read the state: feeds are exported without their titles",
                               metadata: ["state": "\(statePath)", "error": "\(error)"])
            }
        }
        // URLs lose their user-info (credentials never leave the config); names and types travel
        // in the feedsync namespace, which other readers ignore.
        let feeds = c.sources.map { s in
            OPMLFeed(title: states[s.name]?.feedTitle ?? s.name, xmlURL: URLRedaction.redact(s.url),
                     htmlURL: states[s.name]?.feedLink.map(URLRedaction.redact),
                     categories: s.tags, name: s.name, type: s.type == .auto ? nil : s.type.rawValue)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        StandardOutput.write(OPMLWriter.render(title: "feedsync subscriptions", feeds: feeds,
                                               dateCreated: formatter.string(from: Date())))
    }
}
