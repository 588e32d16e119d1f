import Foundation
import PackagePlugin

/// Embeds the version in the binary. `scripts/gen-version` writes, into the plugin's work directory:
/// for FeedSyncCore, `BuildVersion.version` from the VERSION file at the repository root (the
/// User-Agent and metrics use it); for the `feedsync` executable, `BuildRevision.gitDescribe`, the
/// tree's `git describe` when it is a git checkout. Both rerun when VERSION or the script changes;
/// `scripts/package` removes the executable's output first, so a release carries the commit it was
/// built from while a new commit recompiles only the executable target.
@main
struct BuildVersionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let script = root.appendingPathComponent("scripts/gen-version")
        let versionFile = root.appendingPathComponent("VERSION")
        let kind = target.name == "FeedSyncCore" ? "version" : "revision"
        let output = context.pluginWorkDirectoryURL.appendingPathComponent(kind == "version" ? "BuildVersion.swift" : "BuildRevision.swift")
        return [
            .buildCommand(
                displayName: "Embedding the \(kind) in \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, kind, versionFile.path, root.path, output.path],
                inputFiles: [script, versionFile],
                outputFiles: [output]),
        ]
    }
}
