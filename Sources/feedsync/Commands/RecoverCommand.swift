import ArgumentParser
import FeedSyncCore
import Foundation

/// `feedsync recover`: after the state was lost, rebuild what it knows of delivered items from the
/// spool's files, so the next sync does not deliver the archive again.
struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Rebuild the delivered items of a lost state from the spool's files.",
        discussion: """
        Reads every file in the spool's new/, cur/ and failed/ and records its (source, id) as \
        delivered, and the last file name issued. Run it when sync refuses to start because the \
        state is new or empty beside a spool that holds items. Items that were recorded without \
        being delivered (initial = "none", dropped duplicates) are not in the spool and will be \
        delivered by the next sync.
        """)

    @OptionGroup var config: ConfigOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.makeLogger()
        let config = try Runtime.loadConfig(self.config)
        let lock = try Runtime.lock(config, wait: false, logger: logger)
        defer { withExtendedLifetime(lock) {} }
        let store = try Runtime.openStore(config)
        let spool = try Runtime.openSpool(config)
        let rebuilt = SpoolRebuild.read(spool: spool)
        for path in rebuilt.unreadable { logger.warning("not a feedsync item; left alone", metadata: ["file": "\(path)"]) }
        var batch = CommitBatch(now: Timestamp(seconds: Int64(Date().timeIntervalSince1970)))
        batch.items = rebuilt.items
        do {
            if let last = rebuilt.lastName, last > (try store.lastSpoolName() ?? "") { batch.lastSpoolName = last }
            try store.commit(batch)
        } catch {
            StandardError.write("feedsync: state \(Runtime.stateLocation(config)): \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let sources = Set(rebuilt.items.map(\.source))
        StandardOutput.write("recovered \(rebuilt.items.count) delivered items of \(sources.count) sources from \(spool.root)\n")
    }
}
