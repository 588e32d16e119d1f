import CLibXML2

/// A small main-content heuristic for page watch, used when `ContentExtractor` returns nothing: the
/// element whose text blocks hold the most text that is not link text (the idea of Readability's
/// paragraph scoring, reduced to what page watch needs). Run on a pruned page.
///
/// A text block is a `<p>`, `<pre>` or `<blockquote>`, or any other element that carries at least
/// `minimumOwnText` characters of text itself (not inside a block child): many sites write paragraphs
/// as `<div class="paragraph">` or as text separated by `<br>`.
enum MainContentFinder {
    static let paragraphTags: Set<String> = ["p", "pre", "blockquote"]
    static let minimumOwnText = 40

    /// Visible text of `node` minus the text of the links inside it.
    static func nonLinkTextLength(_ node: XMLNode) -> Int {
        var linkText = 0
        node.forEachElement(descend: { $0.tag != "a" }) { el in
            if el.tag == "a" { linkText += el.visibleTextLength }
        }
        return max(0, node.visibleTextLength - linkText)
    }

    /// Length of the text an element carries itself: its text children and inline children, not the
    /// text of block children (which are blocks of their own).
    static func ownTextLength(_ node: XMLNode) -> Int {
        var total = 0
        for child in node.children {
            if child.isText {
                total += XMLNode.collapseWhitespace(child.textContent).unicodeScalars.count
            } else if child.isElement, !XMLNode.blockElements.contains(child.tag), child.tag != "a" {
                total += child.visibleTextLength
            }
        }
        return total
    }

    /// Whether the element is a text block.
    static func isTextBlock(_ node: XMLNode) -> Bool {
        paragraphTags.contains(node.tag) || ownTextLength(node) >= minimumOwnText
    }

    /// The text blocks under `root` (outside `skip` subtrees), with their non-link text lengths.
    static func textBlocks(in root: XMLNode, skipping skip: Set<xmlNodePtr> = []) -> [(node: XMLNode, length: Int)] {
        var out: [(XMLNode, Int)] = []
        root.forEachElement(descend: { !skip.contains($0.ptr) && !paragraphTags.contains($0.tag) }) { el in
            guard !skip.contains(el.ptr), isTextBlock(el) else { return }
            let length = paragraphTags.contains(el.tag) ? nonLinkTextLength(el) : ownTextLength(el)
            if length > 0 { out.append((el, length)) }
        }
        return out
    }

    /// Total text-block text on the page outside `excluded` subtrees.
    static func paragraphTextLength(in body: XMLNode, excluding excluded: [XMLNode]) -> Int {
        textBlocks(in: body, skipping: Set(excluded.map(\.ptr))).reduce(0) { $0 + $1.length }
    }

    /// The element that holds the main text: each text block scores its parent fully and its
    /// grandparent half; the best scorer wins. The whole body when the page has no text blocks.
    static func mainNode(in body: XMLNode) -> XMLNode {
        var scores: [xmlNodePtr: Double] = [:]
        var nodes: [xmlNodePtr: XMLNode] = [:]
        func credit(_ node: XMLNode, _ amount: Double) {
            scores[node.ptr, default: 0] += amount
            nodes[node.ptr] = node
        }
        for (block, length) in textBlocks(in: body) {
            let value = Double(length)
            guard let parent = block.parent else { continue }
            credit(parent, value)
            if let grand = parent.parent, grand.ptr != body.ptr { credit(grand, value / 2) }
        }
        guard let best = scores.max(by: { $0.value < $1.value || ($0.value == $1.value && xmlXPathCmpNodes($0.key, $1.key) < 0) })
        else { return body }
        return nodes[best.key] ?? body
    }
}
