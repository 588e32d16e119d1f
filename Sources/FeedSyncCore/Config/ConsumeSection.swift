/// The `[consume]` table: what `feedsync consume --config FILE` runs when its command line does
/// not say (each option given on the command line wins), so a unit can run a consumer from the
/// config alone.
public struct ConsumeSection: Sendable, Equatable {
    /// The handler and its arguments (`exec = ["cmd", "arg"]`, or one path as a string). No shell.
    public var exec: [String] = []
    /// Handlers running at once (`--jobs`).
    public var jobs: Int?
    /// Source names or tags whose items this consumer takes (`--filter`).
    public var filter: [String] = []
    /// Retries of a failing item before it is parked (`--retries`); default 5.
    public var retries: Int?

    public init() {}

    static let keys = ["exec", "jobs", "filter", "consume_retries"]

    /// Reads `[consume]`; every problem is reported at its line.
    static func load(_ node: TOMLNode, _ ctx: inout Context) throws(ConfigError) -> ConsumeSection {
        guard case let .table(t) = node.value else {
            throw ctx.error(node, "consume", "must be a table: [consume] with exec, jobs, filter, consume_retries")
        }
        var section = ConsumeSection()
        for (key, value) in t.entries {
            do throws(ConfigError) {
                switch key {
                case "exec":
                    switch value.value {
                    case let .string(s): section.exec = [s]
                    case let .array(elems): section.exec = try elems.map { e throws(ConfigError) in try ctx.string(e, "consume.exec") }
                    default: throw ctx.error(value, "consume.exec", "must be a command: \"/path\" or [\"cmd\", \"arg\", ...]")
                    }
                    guard let first = section.exec.first, !first.isEmpty else {
                        throw ctx.error(value, "consume.exec", "must name a command")
                    }
                case "jobs":
                    let n = try ctx.positiveInt(value, "consume.jobs")
                    guard n <= 1024 else { throw ctx.error(value, "consume.jobs", "must be 1 to 1024") }
                    section.jobs = n
                case "filter":
                    guard case let .array(elems) = value.value else {
                        throw ctx.error(value, "consume.filter", "must be an array of source names or tags, e.g. [\"news\"]")
                    }
                    section.filter = try elems.map { e throws(ConfigError) in try ctx.string(e, "consume.filter") }
                case "consume_retries":
                    guard case let .integer(i) = value.value, (0...1000).contains(i) else {
                        throw ctx.error(value, "consume.consume_retries", "must be a whole number from 0 to 1000")
                    }
                    section.retries = Int(i)
                default:
                    throw ctx.error(value, "consume.\(key)", "unknown key (known: \(keys.joined(separator: ", ")))")
                }
            } catch {
                ctx.report(error)
            }
        }
        return section
    }
}
