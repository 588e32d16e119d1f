import ArgumentParser
import FeedSyncCore
import FeedSyncPostgres
import FeedSyncStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `feedsync state import`: a state document into the configured state, which must be new.
struct StateImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a state document into the configured state, which must be empty.",
        discussion: """
        Takes the instance lock (run it while the daemon is stopped). The whole document is \
        imported in one transaction, or nothing is: a state that already holds anything, a \
        document of another format or of a newer version, a line that cannot be read, a record \
        given twice or a document cut off before its end line are refused, with the line number \
        and the cause. Into a shared state, the last spool name becomes this node's. \
        Exit status: 0 imported; 64 no --input and standard input is a terminal; 65 refused \
        (the state is not empty, or the document is bad); 66 the input cannot be opened; 74 the \
        state or the input failed; 75 another feedsync holds the lock; 78 invalid config.
        """)

    @OptionGroup var config: ConfigOption
    @Option(name: .customLong("input"), help: "Read the document from this file (default, or -: standard input).")
    var input: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try StateTransferSession(config: self.config, global: global)
        defer { withExtendedLifetime(session) {} }
        let (store, location) = (session.store, session.location)
        let source = input ?? "-"
        var reader = LineReader(handle: try openInput())
        var parser = StateDocumentParser()
        var progress = TransferProgress(verb: "imported")
        do {
            // Refused before the input is read: the common mistake costs nothing.
            let held = try store.contents()
            if !held.isEmpty { throw StateNotEmptyError(contents: held) }
            try store.importRecords { write in
                while let line = try reader.next() {
                    guard let record = try parser.parse(line) else { continue }
                    try write(record)
                    progress.count(record)
                }
                try parser.finish()
            }
        } catch {
            progress.finish()
            let (message, status) = Self.explain(error)
            StandardError.write("feedsync: state import into \(location): \(source == "-" ? "" : source + ": ")\(message); nothing was imported\n")
            throw ExitCode(status)
        }
        progress.finish()
        StandardOutput.write("imported \(progress.summary) into \(location)\n")
    }

    private func openInput() throws -> FileHandle {
        guard let input, input != "-" else {
            // Waiting for a document typed at the terminal is never what was meant.
            if input == nil, isatty(STDIN_FILENO) == 1 {
                StandardError.write("feedsync: state import reads the document from --input FILE or standard input, which is a terminal\n")
                throw ExitCode(ExitStatus.usage)
            }
            return .standardInput
        }
        guard let handle = FileHandle(forReadingAtPath: input) else {
            StandardError.write("feedsync: cannot open \(input): \(String(cString: strerror(errno)))\n")
            throw ExitCode(ExitStatus.noInput)
        }
        return handle
    }

    /// What to say and the exit status: the document or the state's contents are data errors
    /// (65), as is a record that breaks a key; anything else is the store or the input failing (74).
    static func explain(_ error: Error) -> (String, Int32) {
        switch error {
        case let e as StateDocumentError: return ("\(e)", ExitStatus.dataError)
        case let e as StateNotEmptyError: return ("\(e)", ExitStatus.dataError)
        case let e as StateRecordRefusedError:
            // The header is line 1 and every record one line after it.
            let duplicate = (e.cause as? SQLiteError)?.isConstraintViolation == true
                || (e.cause as? PostgresError)?.isUniqueViolation == true
            return ("line \(e.record + 1): \(duplicate ? "a record given twice" : "the state refused the record"): \(e.cause)",
                    duplicate ? ExitStatus.dataError : ExitStatus.ioError)
        default: return ("\(error)", ExitStatus.ioError)
        }
    }
}
