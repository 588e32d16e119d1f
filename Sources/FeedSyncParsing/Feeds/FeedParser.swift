import FeedSyncCore

/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF, JSON Feed and HTML (selectors) into the neutral model.
public struct FeedParser: FeedParsing {
    public init() {}

    public func parse(_ body: [UInt8], request: ParseRequest) throws(ParseError) -> FeedDocument {
        throw ParseError("not implemented")
    }
}
