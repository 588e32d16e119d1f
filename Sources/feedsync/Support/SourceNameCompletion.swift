import ArgumentParser
import FeedSyncCore
import Foundation

/// Shell completion of source names: the `name`s of the `[[source]]` tables of the config the
/// command line names with `--config` (else `$FEEDSYNC_CONFIG`, else /etc/feedsync/feedsync.toml).
///
/// It reads the TOML only, not the whole config: a config with an error elsewhere (the very thing
/// an operator may be fixing) still completes, and completing never touches files the config names.
enum SourceNameCompletion {
    static func names(words: [String], prefix: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: configPath(words: words)),
              let text = String(data: data, encoding: .utf8),
              let root = try? TOMLParser.parse(text),  // not a store or file error: no config, no names
              case let .array(tables)? = root["source"]?.value else { return [] }
        return tables.compactMap { node -> String? in
            guard case let .table(t) = node.value, case let .string(name)? = t["name"]?.value else { return nil }
            return name.hasPrefix(prefix) ? name : nil
        }
    }

    /// `--config F` or `--config=F` from the words (quotes the shell passes verbatim are removed).
    static func configPath(words: [String]) -> String {
        var path: String?
        for (i, word) in words.enumerated() {
            if word == "--config", i + 1 < words.count { path = words[i + 1] }
            if word.hasPrefix("--config=") { path = String(word.dropFirst("--config=".count)) }
        }
        guard let path, !path.isEmpty else { return ConfigLoader.defaultPath() }
        let unquoted = path.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return (unquoted as NSString).expandingTildeInPath
    }
}

extension CompletionKind {
    /// Completes the config's source names (`feedsync status --source <TAB>`).
    static var sourceNames: CompletionKind {
        .custom { words, _, prefix in SourceNameCompletion.names(words: words, prefix: prefix) }
    }

    /// Completes configuration files: directories and `*.toml`.
    static var configFile: CompletionKind { .file(extensions: ["toml"]) }
}
