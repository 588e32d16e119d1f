import ArgumentParser
import FeedSyncCore

@main
struct FeedSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedsync",
        abstract: "Polls RSS, Atom, JSON Feed and HTML sources and spools every new item as one file.",
        version: BuildVersion.display,
        subcommands: [RunCommand.self, SyncCommand.self, CheckCommand.self, StatusCommand.self, TailCommand.self,
                      TestCommand.self, ParseCommand.self, ExtractCommand.self, ImportOPMLCommand.self,
                      ExportOPMLCommand.self, RecoverCommand.self, StateCommand.self, ConsumeCommand.self])
}
