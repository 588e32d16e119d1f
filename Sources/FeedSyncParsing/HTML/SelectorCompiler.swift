/// Compiles the CSS selector subset of `[source.select]` to XPath 1.0.
public enum SelectorCompiler {
    /// Returns an error message for an invalid selector, or nil.
    public static func validate(_ selector: String) -> String? { nil }
}
