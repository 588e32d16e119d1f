import Logging

extension Deliverer {
    /// Plans a parsed document: diff against the state (or, for a watched page, compare its text),
    /// mark or drop cross-source duplicates, render the files, and update the source's state.
    func planDocument(_ plan: inout SourcePlan, doc: FeedDocument, response: FetchResponse,
                      result r: PollResult, now: Timestamp) {
        let source = r.source
        let diff: SourceDiff
        var diffs: [String: String] = [:]
        var doc = doc
        do {
            if doc.htmlExtraction == .page {
                (diff, diffs) = try planPageWatch(doc: doc, source: source, plan: &plan)
            } else {
                var ids = r.identities
                if doc.version == "html" {
                    ids = try stripLearnedBoilerplate(&doc, source: source, identities: ids, plan: &plan, now: now)
                }
                diff = try diffEntries(doc: doc, source: source, identities: ids,
                                       firstSync: plan.previousState.lastSuccess == nil)
            }
        } catch {
            plan.report.status = .failed
            plan.report.message = "state: \(error)"
            plan.state = plan.previousState
            return
        }
        if diff.identityMoves > 0 {
            logger.info("items re-keyed upstream, not delivered again",
                        metadata: ["source": "\(source.name)", "items": "\(diff.identityMoves)"])
        }
        for d in diff.deliveries {
            var item = SpoolItem(id: d.identity.key, event: d.event, source: source.name, sourceURL: source.url,
                                 feedTitle: doc.feed.title, feedLink: doc.feed.link, entry: d.entry, fetchedAt: r.startedAt)
            item.previousHash = d.previousHash
            item.diff = diffs[d.identity.key]
            let known = KnownItem(key: d.identity.key, linkCanonical: d.identity.linkCanonical, titleDate: d.identity.titleDate,
                                  contentHash: d.identity.contentHash, firstSeen: d.firstSeen ?? now, lastSeen: now, file: nil)
            if d.event == .new, source.settings.duplicates != .off,
               let fingerprint = r.fingerprints[d.identity.key]
                ?? DuplicateFingerprint.make(title: d.entry.title.map(InlineText.plain), text: d.entry.text) {
                let record = DuplicateRecord(id: d.identity.key, source: source.name, fingerprint: fingerprint, time: now)
                let first = firstCopy(of: record, now: now)
                plan.fingerprints.append(record)
                pendingFingerprints.append(record)
                if let first {
                    plan.report.duplicates += 1
                    if source.settings.duplicates == .drop {
                        plan.recordOnly.append(known)
                        continue
                    }
                    item.duplicateOf = (first.id, first.source)
                }
            }
            let name = namer.name(source: source.name, id: d.identity.key, at: nowMicros, format: options.spoolFormat)
            var fileItem = known
            fileItem.file = name
            plan.files.append(PlannedFile(name: name, bytes: SpoolRenderer.render(item, format: options.spoolFormat, fileName: name),
                                          item: fileItem, spoolItem: item))
        }
        plan.recordOnly += diff.recordOnly.map { id, first in
            KnownItem(key: id.key, linkCanonical: id.linkCanonical, titleDate: id.titleDate, contentHash: id.contentHash,
                      firstSeen: first ?? now, lastSeen: now, file: nil)
        }
        plan.touched = diff.touched
        plan.report.newItems = plan.files.filter { $0.spoolItem.event == .new }.count
        plan.report.updatedItems = plan.files.filter { $0.spoolItem.event != .new }.count
        plan.report.identityMoves = diff.identityMoves
        plan.report.httpStatus = response.status

        plan.state.lastStatus = "ok"
        plan.state.lastError = nil
        plan.state.lastHTTPStatus = response.status
        plan.state.etag = response.header("ETag")
        plan.state.lastModified = response.header("Last-Modified")
        plan.state.validatorsURL = r.requestURL
        plan.state.feedLength = doc.entries.count
        plan.state.feedTitle = doc.feed.title ?? plan.state.feedTitle
        plan.state.feedLink = doc.feed.link ?? plan.state.feedLink
        if let feed = r.discoveredFeed, feed != plan.state.movedTo {
            logger.notice("the page advertises a feed; polling the feed from now on (config unchanged)",
                          metadata: ["source": "\(source.name)", "page": "\(source.url)", "feed": "\(feed)"])
            plan.state.movedTo = feed
            plan.state.movedFrom = source.url
            plan.state.movedReason = "feed autodiscovery"
        } else if let target = response.permanentRedirectTarget, target != plan.state.movedTo {
            logger.notice("source moved permanently; polling the new URL from now on (config unchanged)",
                          metadata: ["source": "\(source.name)", "from": "\(source.url)", "to": "\(target)"])
            plan.state.movedTo = target
            plan.state.movedFrom = source.url
            plan.state.movedReason = "permanent redirect"
        }
        let scheduled = AdaptiveInterval.effectiveSource(source, previous: plan.previousState,
                                                         newItems: plan.report.newItems, now: now)
        Scheduling.afterSuccess(&plan.state, response: response, ttl: doc.ttlSeconds, source: scheduled, now: now)
    }

    /// Counts this poll's lines of an HTML source's entries and removes learned boilerplate lines
    /// from their plain `text` (never `summary`/`content`, nor the identity, which does not hash
    /// `text`). Not for page watch: with one item it never learns by design, and a page keyed by
    /// content would look like a new item at every change. Returns the identities it computed.
    private func stripLearnedBoilerplate(_ doc: inout FeedDocument, source: SourceConfig, identities: [ItemIdentity]?,
                                         plan: inout SourcePlan, now: Timestamp) throws -> [ItemIdentity] {
        let ids = identities ?? ItemIdentity.identities(for: doc.entries, source: source.name, rules: source.settings.identity)
        guard !doc.entries.isEmpty, ids.count == doc.entries.count else { return ids }
        let previous = try store.boilerplateLines(source: source.name)
        let (texts, lines) = LearnedBoilerplate.apply(previous: previous,
                                                      entries: zip(ids, doc.entries).map { ($0.key, $1.text) }, now: now)
        for i in doc.entries.indices { doc.entries[i].text = texts[i].flatMap { $0.isEmpty ? nil : $0 } }
        plan.boilerplate = lines
        return ids
    }

    /// The identity rules of README "Item identity" against the state.
    private func diffEntries(doc: FeedDocument, source: SourceConfig, identities: [ItemIdentity]?,
                             firstSync: Bool) throws -> SourceDiff {
        let ids = identities ?? ItemIdentity.identities(for: doc.entries, source: source.name, rules: source.settings.identity)
        let known = try store.knownItems(source: source.name, keys: ids.map(\.key))
        return SourceDiff.compute(entries: doc.entries, source: source.name, settings: source.settings,
                                  known: known, firstSync: firstSync, identities: ids) { id in
            store.previousItem(source: source.name, matching: id)
        }
    }

    /// Page watch: the page is one item keyed by its URL; when its main text changes, it is delivered
    /// again as a `changed` event with a unified diff of the text.
    private func planPageWatch(doc: FeedDocument, source: SourceConfig,
                               plan: inout SourcePlan) throws -> (SourceDiff, [String: String]) {
        var diff = SourceDiff()
        guard let entry = doc.entries.first else { return (diff, [:]) }
        let text = entry.text ?? ""
        var id = ItemIdentity.identities(for: [entry], source: source.name, rules: [.guid, .link, .content])[0]
        id.contentHash = String(SHA256.hex(InlineText.collapse(text)).prefix(16))
        let known = try store.knownItems(source: source.name, keys: [id.key])[id.key]
        var diffs: [String: String] = [:]
        if let known {
            diff.touched.append(id.key)
            if known.contentHash != id.contentHash {
                let old = try store.pageText(source: source.name, key: id.key) ?? ""
                diffs[id.key] = UnifiedDiff.diff(old: old, new: text)
                diff.deliveries.append(.init(entry: entry, identity: id, event: .changed,
                                             previousHash: known.contentHash, firstSeen: known.firstSeen))
            }
        } else {
            diff.deliveries.append(.init(entry: entry, identity: id, event: .new, previousHash: nil, firstSeen: nil))
        }
        plan.pageTexts.append((source.name, id.key, text))
        return (diff, diffs)
    }

    /// The first delivered copy of a story from another source, in the index or earlier in this batch.
    private func firstCopy(of record: DuplicateRecord, now: Timestamp) -> DuplicateRecord? {
        let fromBatch = pendingFingerprints.first {
            $0.source != record.source && ($0.fingerprint ^ record.fingerprint).nonzeroBitCount <= duplicateIndex.maxDistance
        }
        return duplicateIndex.firstCopy(of: record.fingerprint, excludingSource: record.source, now: now)?.record ?? fromBatch
    }
}
