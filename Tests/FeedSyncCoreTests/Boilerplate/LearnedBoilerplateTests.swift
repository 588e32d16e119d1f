import FeedSyncCore
import Testing

@Suite struct LearnedBoilerplateTests {
    typealias Entry = (key: String, text: String?)

    /// Runs polls in order, threading the counters; returns the last poll's texts and counters.
    func run(_ polls: [[Entry]], capacity: Int = LearnedBoilerplate.defaultCapacity) -> (texts: [String?], lines: [BoilerplateLine]) {
        var lines: [BoilerplateLine] = []
        var texts: [String?] = []
        for (i, poll) in polls.enumerated() {
            (texts, lines) = LearnedBoilerplate.apply(previous: lines, entries: poll, now: Timestamp(seconds: Int64(i + 1)),
                                                     capacity: capacity)
        }
        return (texts, lines)
    }

    @Test func bylineRecurringAcrossItemsIsLearnedAtTheThresholdAndStripped() {
        let card = { (n: Int) -> Entry in ("k\(n)", "Story number \(n) happened today.\nArab News  ·  an hour ago") }
        // Two occurrences in two items: below the occurrence threshold, kept.
        let early = run([[card(1), card(2)]])
        #expect(early.texts == [card(1).text, card(2).text])
        // The third occurrence (another item, case and spacing differing) reaches it: stripped.
        let later = run([[card(1), card(2)], [("k3", "Story three.\narab news · AN HOUR AGO")]])
        #expect(later.texts == ["Story three."])
    }

    @Test func watchedArticleParagraphsAreNeverStripped() {
        let article = "Leaders met on Friday.\n\nThe Kremlin said the call lasted almost an hour.\n\nRead more"
        let polls = Array(repeating: [Entry(key: "page", text: article)], count: 20)
        let out = run(polls)
        #expect(out.texts == [article])
        #expect(out.lines.allSatisfy { $0.items == 1 && $0.occurrences == 20 })
    }

    @Test func lineSeenInOnlyOneItemIsNeverStripped() {
        let polls = (0..<10).map { n in [Entry(key: "a", text: "Sponsored"), Entry(key: "b\(n)", text: "Fresh story \(n)")] }
        #expect(run(polls).texts == ["Sponsored", "Fresh story 9"])
    }

    @Test func longLinesAreNeverLearned() {
        let long = String(repeating: "word ", count: 40)  // 199 characters
        let polls = (0..<5).map { n in [Entry(key: "k\(n)", text: long)] }
        let out = run(polls)
        #expect(out.texts == [long])
        #expect(out.lines.isEmpty)
    }

    @Test func strippingCollapsesTheBlankLinesLeftBehind() {
        let text = { (n: Int) in "Sponsored\n\nBody \(n).\n\nRead more\n" }
        let out = run([[("a", text(1)), ("b", text(2)), ("c", text(3))]])
        #expect(out.texts == ["Body 1.", "Body 2.", "Body 3."])
    }

    @Test func countersAreBoundedEvictingTheLeastRecentlySeen() {
        var polls: [[Entry]] = []
        polls.append([("old1", "Sponsored\nOld only line"), ("old2", "Sponsored")])
        for p in 0..<4 {  // 4 polls x 3 new lines each, all more recent than "old only line"
            polls.append((0..<3).map { ("n\(p)-\($0)", "Sponsored\nline \(p)-\($0)") })
        }
        let out = run(polls, capacity: 5)
        #expect(out.lines.count == 5)
        // Kept: the 4 lines of the last poll and the newest of the poll before; the first poll's are gone.
        #expect(out.lines.filter { $0.lastSeen == Timestamp(seconds: 5) }.count == 4)
        #expect(out.lines.allSatisfy { $0.lastSeen >= Timestamp(seconds: 4) })
        // The recurring line stays learned: it is always among the most recently seen.
        #expect(out.texts == ["line 3-0", "line 3-1", "line 3-2"])
    }

    @Test func nilTextStaysNil() {
        #expect(run([[("a", nil), ("b", "x")]]).texts == [nil, "x"])
    }
}
