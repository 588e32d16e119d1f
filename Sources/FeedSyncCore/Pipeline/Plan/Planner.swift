/// The Plan stage: what one polled source changes. Pure: the poll, the source's last committed
/// state and the prefetched `PlanInputs` come in as values, `now` is passed in, and the result is a
/// `SourcePlan` for the Commit stage (or for `test` and `--dry-run` to print). No store, no spool,
/// no clock.
public enum Planner {
    /// - Parameters:
    ///   - previous: the source's state as last committed (nil: never polled).
    ///   - duplicates: the batch's view of delivered stories; the plan's new items join it.
    public static func plan(_ p: PolledSource, previous: SourceState?, inputs: PlanInputs,
                            duplicates: inout DuplicateView, now: Timestamp) -> SourcePlan {
        let previous = previous ?? SourceState(name: p.source.name)
        var plan = SourcePlan(source: p.source, polledURL: p.requestURL, previousState: previous,
                              state: StateTransition.attempted(previous, polled: p),
                              report: SourceReport(source: p.source.name, status: .ok))
        plan.report.duration = p.duration
        plan.discoveredFeed = p.discoveredFeed
        switch p.outcome {
        case let .fetchFailed(failure):
            StateTransition.fetchFailed(&plan.state, failure, networkDown: p.networkDown, source: p.source, now: now)
            plan.report.status = .failed
            plan.report.message = failure.message
            plan.report.httpStatus = failure.status
        case let .parseFailed(error, response):
            let message = "unreadable document: \(error.message)"
            StateTransition.unusable(&plan.state, message: message, status: response.status, source: p.source, now: now)
            plan.report.status = .failed
            plan.report.message = message
            plan.report.httpStatus = response.status
        case let .notModified(response):
            StateTransition.notModified(&plan.state, response, requestURL: p.requestURL, previous: previous,
                                        source: p.source, now: now)
            plan.report.status = .unchanged
            plan.report.httpStatus = 304
        case let .document(parsed):
            planDocument(&plan, parsed, polled: p, inputs: inputs, duplicates: &duplicates, now: now)
        }
        return plan
    }

    /// Diffs a document (or compares a watched page's text), learns and strips boilerplate lines,
    /// marks or drops cross-source duplicates, and moves the state forward.
    static func planDocument(_ plan: inout SourcePlan, _ parsed: ParsedDocument, polled p: PolledSource,
                             inputs: PlanInputs, duplicates: inout DuplicateView, now: Timestamp) {
        let source = p.source
        var doc = parsed.document
        let ids = parsed.identities
        let diff: SourceDiff
        var changeDiff: String?
        var boilerplateOnly = Set<String>()
        if doc.htmlExtraction == .page {
            guard let entry = doc.entries.first, let id = ids.first else {
                diff = SourceDiff()
                plan.document = doc
                return finish(&plan, parsed, polled: p, diff: diff, now: now)
            }
            (diff, changeDiff) = PageWatch.diff(entry: entry, identity: id, inputs: inputs)
            plan.pageTexts.append((id.key, entry.text ?? ""))
        } else {
            if doc.version == "html", !doc.entries.isEmpty {
                let (texts, lines) = LearnedBoilerplate.apply(previous: inputs.boilerplate,
                                                              entries: zip(ids, doc.entries).map { ($0.key, $1.text) }, now: now)
                for i in doc.entries.indices {
                    if doc.entries[i].text?.isEmpty == false, texts[i]?.isEmpty == true { boilerplateOnly.insert(ids[i].key) }
                    doc.entries[i].text = texts[i].flatMap { $0.isEmpty ? nil : $0 }
                }
                plan.boilerplate = lines
            }
            diff = SourceDiff.compute(entries: doc.entries, identities: ids, settings: source.settings,
                                      inputs: inputs, firstSync: plan.previousState.lastSuccess == nil)
        }
        var verdicts = diff.verdicts
        let filter = ItemFilter(source.settings.filters)
        let fingerprints = Dictionary(zip(ids.map(\.key), parsed.fingerprints), uniquingKeysWith: { a, _ in a })
        // Items are read by every consumer of the spool: never the URL's credentials (once per source).
        let sourceURL = URLRedaction.redact(source.url)
        for d in diff.deliveries {
            var item = SpoolItem(id: d.identity.key, event: d.event, source: source.name, sourceURL: sourceURL,
                                 feedTitle: doc.feed.title, feedLink: doc.feed.link, entry: d.entry, fetchedAt: p.startedAt)
            item.previousHash = d.previousHash
            item.tags = source.tags
            item.diff = d.event == .changed ? changeDiff : nil
            let known = KnownItem(key: d.identity.key, linkCanonical: d.identity.linkCanonical, titleDate: d.identity.titleDate,
                                  contentHash: d.identity.contentHash, firstSeen: d.firstSeen ?? now, lastSeen: now, file: nil)
            if d.event == .new, !filter.isEmpty, let rule = filter.blockingRule(for: d.entry) {
                verdicts[d.identity.key] = .filtered(rule: rule.description)
                plan.report.filtered += 1
                plan.recordOnly.append(known)
                continue
            }
            if d.event == .new, source.settings.duplicates != .off, let fingerprint = fingerprints[d.identity.key] ?? nil {
                let record = DuplicateRecord(id: d.identity.key, source: source.name, fingerprint: fingerprint, time: now)
                let first = duplicates.firstCopy(of: record, now: now)
                plan.fingerprints.append(record)
                if let first {
                    plan.report.duplicates += 1
                    if source.settings.duplicates == .drop {
                        verdicts[d.identity.key] = .dropped(duplicateOf: first.id, source: first.source)
                        plan.recordOnly.append(known)
                        continue
                    }
                    verdicts[d.identity.key] = .duplicate(of: first.id, source: first.source)
                    item.duplicateOf = (first.id, first.source)
                }
            }
            plan.deliveries.append(PlannedDelivery(item: item, known: known))
        }
        plan.recordOnly += diff.recordOnly.map { id, first in
            KnownItem(key: id.key, linkCanonical: id.linkCanonical, titleDate: id.titleDate, contentHash: id.contentHash,
                      firstSeen: first ?? now, lastSeen: now, file: nil)
        }
        plan.touched = diff.touched
        plan.document = doc
        var seen = Set<String>()
        plan.decisions = ids.map { id in
            let verdict = seen.insert(id.key).inserted ? verdicts[id.key] ?? .known : .repeated
            return EntryDecision(key: id.key, rule: id.rule, verdict: verdict, boilerplateOnly: boilerplateOnly.contains(id.key))
        }
        if diff.identityMoves > 0 { plan.notices.append(.rekeyed(items: diff.identityMoves)) }
        if parsed.entriesDropped > 0 { plan.notices.append(.entriesDropped(parsed.entriesDropped)) }
        if diff.overLimit > 0 { plan.notices.append(.overLimit(items: diff.overLimit, limit: source.settings.maxItems)) }
        plan.report.identityMoves = diff.identityMoves
        finish(&plan, parsed, polled: p, diff: diff, now: now)
    }

    private static func finish(_ plan: inout SourcePlan, _ parsed: ParsedDocument, polled p: PolledSource,
                               diff: SourceDiff, now: Timestamp) {
        plan.report.newItems = plan.deliveries.filter { $0.item.event == .new }.count
        plan.report.updatedItems = plan.deliveries.count - plan.report.newItems
        plan.report.httpStatus = parsed.response.status
        plan.state.itemsFiltered += Int64(plan.report.filtered)
        StateTransition.documentRead(&plan.state, parsed, polled: p, previous: plan.previousState,
                                     newItems: plan.report.newItems, notices: &plan.notices, now: now)
    }
}
