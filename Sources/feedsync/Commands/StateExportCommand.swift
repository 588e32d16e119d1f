import ArgumentParser
import FeedSyncCore
import Foundation

/// `feedsync state export`: the configured state (SQLite or PostgreSQL) as a state document.
struct StateExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the state as a document (JSON Lines) to standard output or a file.",
        discussion: """
        Takes the instance lock (run it while the daemon is stopped) and first settles an \
        interrupted delivery as sync does when it starts (committed files still in the spool's \
        tmp/ are published), so the document records nothing the spool does not hold. Reads one \
        consistent view of the state. A file is written with mode 0600 and removed again if the \
        export fails. Exit status: 0 exported; 73 the file cannot be created; 74 the state, \
        the spool or the output failed; 75 another feedsync holds the lock; 78 invalid config.
        """)

    @OptionGroup var config: ConfigOption
    @Option(name: .customLong("output"), help: "Write the document to this file (default, or -: standard output).")
    var output: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try StateTransferSession(config: self.config, global: global)
        defer { withExtendedLifetime(session) {} }
        let (config, store, location) = (session.config, session.store, session.location)
        do {
            _ = try Committer(store: store, spool: try Runtime.openSpool(config), format: config.spoolFormat,
                              folders: config.maildirFolders, logger: session.logger)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            StandardError.write("feedsync: state \(location): settling an interrupted delivery failed: \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let sink = try DocumentOutput.open(output)
        var progress = TransferProgress(verb: "exported")
        var writer = StateDocumentWriter()
        do {
            let header = StateDocumentHeader(feedsyncVersion: BuildVersion.version, store: store.storeKind,
                                             schema: Int64(store.schemaVersion),
                                             exported: Timestamp(seconds: Int64(Date().timeIntervalSince1970)))
            try sink.write(writer.header(header))
            try store.exportRecords { record in
                try sink.write(writer.line(record))
                progress.count(record)
            }
            try sink.write(writer.end())
            try sink.close()
        } catch {
            progress.finish()
            sink.discard()
            StandardError.write("feedsync: state export from \(location) failed: \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        progress.finish()
        StandardError.write("exported \(progress.summary) from \(location)\(sink.name.map { " to \($0)" } ?? "")\n")
    }
}
