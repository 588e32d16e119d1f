/// Per-document limits that keep one hostile document from holding a parser for long.
///
/// libxml2 (2.9) checks each attribute of a start tag against all earlier ones, in its XML and its
/// HTML parser alike, before any callback runs: one element with 100,000 attributes (1.1 MB)
/// takes 42 s in a single call that no callback can interrupt. `StartTagScanner` refuses such
/// documents in one pass over the bytes before libxml2 sees them; `timeBudget` bounds the rest.
public struct ParseLimits: Sendable, Equatable {
    /// Attributes one start tag may have (namespace declarations and attributes that a DTD
    /// declares with defaults count too). Real feeds and pages stay below 50; at this limit
    /// libxml2's duplicate check costs about 5 ms.
    public var maxAttributesPerElement: Int
    /// Bytes one start tag may span, from `<` to `>`.
    public var maxStartTagBytes: Int
    /// CPU time one document's parse may take (checked every few hundred callbacks and between
    /// 64 KB chunks); past it the parse stops with a `ParseError` that names the budget. The
    /// current task's cancellation stops it the same way. A 20 MB feed takes about 0.3 s.
    public var timeBudget: Duration

    public init(maxAttributesPerElement: Int = 1_000, maxStartTagBytes: Int = 1 << 20,
                timeBudget: Duration = .seconds(5)) {
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxStartTagBytes = maxStartTagBytes
        self.timeBudget = timeBudget
    }

    /// The budget in nanoseconds, saturating (a budget of years means "no budget").
    var timeBudgetNanoseconds: UInt64 {
        let (seconds, attoseconds) = timeBudget.components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        let (sum, overflow2) = whole.addingReportingOverflow(UInt64(max(0, attoseconds) / 1_000_000_000))
        return overflow2 ? .max : sum
    }
}
