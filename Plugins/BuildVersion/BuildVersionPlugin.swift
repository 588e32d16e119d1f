import Foundation
import PackagePlugin

/// Embeds the version in the `feedsync` binary: `scripts/gen-version` writes `BuildVersion.swift`
/// from the VERSION file at the repository root (and `git describe` when the tree is a git checkout)
/// into the plugin's work directory, which SwiftPM compiles with the target. It runs again when
/// VERSION or the script changes; `scripts/package` starts from a fresh output so a release always
/// carries the commit it was built from.
@main
struct BuildVersionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let script = root.appendingPathComponent("scripts/gen-version")
        let versionFile = root.appendingPathComponent("VERSION")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildVersion.swift")
        return [
            .buildCommand(
                displayName: "Embedding VERSION in \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, versionFile.path, root.path, output.path],
                inputFiles: [script, versionFile],
                outputFiles: [output]),
        ]
    }
}
