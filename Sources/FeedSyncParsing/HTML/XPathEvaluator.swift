import CLibXML2

/// A compiled XPath expression (`xmlXPathCompExprPtr`), freed in `deinit`. Compiling once per parse
/// instead of once per item keeps selector sources cheap on long pages.
final class CompiledXPath {
    fileprivate let expr: xmlXPathCompExprPtr

    init?(_ xpath: String) {
        LibXML.initialize()
        guard let expr = xmlXPathCompile(xpath) else { return nil }
        self.expr = expr
    }

    deinit { xmlXPathFreeCompExpr(expr) }
}

/// What an XPath evaluation produced: nodes (elements, attributes, text) or a scalar as text
/// (`string(...)`, `count(...)`, booleans).
enum XPathResult {
    case nodes([XMLNode])
    case scalar(String)

    /// The value a single-valued field takes: the first node's value, or the scalar.
    var firstValue: XMLNode? {
        if case .nodes(let nodes) = self { return nodes.first }
        return nil
    }
}

/// Evaluates compiled expressions against one document, owning the `xmlXPathContextPtr`.
/// Valid only while the tree it was made for is alive.
final class XPathEvaluator {
    private let context: xmlXPathContextPtr
    private let tree: XMLTree

    init?(tree: XMLTree) {
        guard let context = xmlXPathNewContext(tree.doc) else { return nil }
        self.context = context
        self.tree = tree
    }

    deinit { xmlXPathFreeContext(context) }

    /// Evaluates `expr` with `node` as the context node; errors evaluate to no nodes.
    func evaluate(_ expr: CompiledXPath, at node: XMLNode) -> XPathResult {
        context.pointee.node = node.ptr
        guard let result = xmlXPathCompiledEval(expr.expr, context) else { return .nodes([]) }
        defer { xmlXPathFreeObject(result) }
        if result.pointee.type == XPATH_NODESET {
            guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return .nodes([]) }
            // Namespace nodes (`namespace::*`) are `xmlNs`, not `xmlNode`: only node kinds that carry a
            // value are handed out. `type` sits at the same offset in both structs, by libxml2's design.
            let wanted: Set<UInt32> = [XML_ELEMENT_NODE.rawValue, XML_ATTRIBUTE_NODE.rawValue,
                                       XML_TEXT_NODE.rawValue, XML_CDATA_SECTION_NODE.rawValue]
            return .nodes((0..<Int(set.pointee.nodeNr)).compactMap { i -> XMLNode? in
                guard let n = set.pointee.nodeTab[i], wanted.contains(n.pointee.type.rawValue) else { return nil }
                return XMLNode(n)
            })
        }
        guard let s = xmlXPathCastToString(result) else { return .scalar("") }
        defer { CLibXML2_free(s) }
        return .scalar(String(cString: s))
    }
}
