import ArgumentParser

/// `feedsync state`: the state as a document, to move it between stores or keep a copy.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Export the state as a document, or import one into a new state.",
        discussion: """
        The document is JSON Lines: a header naming the format and its version, one line per \
        record (sources, delivered items and their tombstones, near-duplicate fingerprints, \
        watched pages' texts, learned boilerplate, the last spool name), and an end line with \
        the number of records. Export from SQLite and import into PostgreSQL to move to a \
        shared state (README, "Several machines"), or back into SQLite to restore a copy.
        """,
        subcommands: [StateExportCommand.self, StateImportCommand.self])
}
