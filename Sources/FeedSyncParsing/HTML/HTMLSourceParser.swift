import FeedSyncCore

/// Turns an HTML page into a `FeedDocument` (`version: "html"`): by selectors when the source has
/// them, else by feed autodiscovery / repeated-block detection / page watch (see the HTML sources issue).
public enum HTMLSourceParser {
    public static func parse(_ body: [UInt8], request: ParseRequest) throws(ParseError) -> FeedDocument {
        throw ParseError("HTML sources are not implemented yet")
    }
}
