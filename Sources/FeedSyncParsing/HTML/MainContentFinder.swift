import CLibXML2

/// A small main-content heuristic for page watch, used when `ContentExtractor` returns nothing: the
/// element whose paragraphs hold the most text that is not link text (the idea of Readability's
/// paragraph scoring, reduced to what page watch needs). Run on a pruned page.
enum MainContentFinder {
    static let paragraphTags: Set<String> = ["p", "pre", "blockquote"]

    /// Visible text of `node` minus the text of the links inside it.
    static func nonLinkTextLength(_ node: XMLNode) -> Int {
        var linkText = 0
        node.forEachElement(descend: { $0.tag != "a" }) { el in
            if el.tag == "a" { linkText += el.visibleTextLength }
        }
        return max(0, node.visibleTextLength - linkText)
    }

    /// Total non-link paragraph text on the page outside `excluded` subtrees.
    static func paragraphTextLength(in body: XMLNode, excluding excluded: [XMLNode]) -> Int {
        let skip = Set(excluded.map(\.ptr))
        var total = 0
        body.forEachElement(descend: { !skip.contains($0.ptr) && !paragraphTags.contains($0.tag) }) { el in
            if paragraphTags.contains(el.tag), !skip.contains(el.ptr) { total += nonLinkTextLength(el) }
        }
        return total
    }

    /// The element that holds the main text: each paragraph scores its parent fully and its
    /// grandparent half; the best scorer wins. The whole body when the page has no paragraphs.
    static func mainNode(in body: XMLNode) -> XMLNode {
        var scores: [xmlNodePtr: Double] = [:]
        var nodes: [xmlNodePtr: XMLNode] = [:]
        body.forEachElement(descend: { !paragraphTags.contains($0.tag) }) { el in
            guard paragraphTags.contains(el.tag) else { return }
            let length = Double(nonLinkTextLength(el))
            guard length > 0, let parent = el.parent else { return }
            scores[parent.ptr, default: 0] += length
            nodes[parent.ptr] = parent
            if let grand = parent.parent, grand.ptr != body.ptr {
                scores[grand.ptr, default: 0] += length / 2
                nodes[grand.ptr] = grand
            }
        }
        guard let best = scores.max(by: { $0.value < $1.value || ($0.value == $1.value && xmlXPathCmpNodes($0.key, $1.key) < 0) })
        else { return body }
        return nodes[best.key] ?? body
    }
}
