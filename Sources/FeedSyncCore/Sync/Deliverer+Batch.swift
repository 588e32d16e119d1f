import Foundation
import Logging

extension Deliverer {
    /// A file planned for one item.
    struct PlannedFile {
        var name: String
        var bytes: [UInt8]
        var item: KnownItem
        var spoolItem: SpoolItem
        var published = false
    }

    /// Everything one source's result will change.
    struct SourcePlan {
        var index: Int
        var state: SourceState
        var files: [PlannedFile] = []
        var recordOnly: [KnownItem] = []
        var touched: [String] = []
        var report: SourceReport
        /// A spool failure for this source: nothing unpublished is recorded, validators stay.
        var spoolFailure: String?
        var previousState: SourceState
        var retention: Double = 180 * 86_400
        /// Near-duplicate fingerprints of this source's new items.
        var fingerprints: [DuplicateRecord] = []
        /// Watched pages' new text.
        var pageTexts: [(source: String, key: String, text: String)] = []
        /// An HTML source's learned-boilerplate counters after this poll.
        var boilerplate: [BoilerplateLine]?
    }

    /// Diffs, writes and commits one batch. Never throws: every failure becomes a report.
    func process(_ results: [PollResult]) -> [SourceReport] {
        if needsRecovery {
            do { try recover(); needsRecovery = false } catch {
                return results.map { SourceReport(source: $0.source.name, status: .failed, message: "state recovery failed: \(error)") }
            }
        }
        let now = self.now
        var plans = results.enumerated().map { plan(index: $0.offset, result: $0.element, now: now) }

        if options.dryRun {
            pendingFingerprints.removeAll()
            return plans.map { p in
                var r = p.report
                r.wouldDeliver = p.files.map(\.spoolItem)
                return r
            }
        }
        guard let spool else { preconditionFailure("a Deliverer without a spool is only for dry runs") }

        // 2. Intents, durably, before any file can appear in new/.
        let intents = plans.flatMap { p in p.files.map { DeliveryIntent(file: $0.name, source: p.state.name, item: $0.item) } }
        do {
            try store.recordIntents(intents)
        } catch {
            return plans.map { failedReport($0, "state: cannot record delivery: \(error)") }
        }

        // 3. Files into tmp/, then one flush.
        var wroteAny = false
        for i in plans.indices where !plans[i].files.isEmpty {
            do {
                for f in plans[i].files { try spool.writeTemporary(name: f.name, contents: f.bytes); wroteAny = true }
            } catch {
                plans[i].spoolFailure = "\(error)"
                for f in plans[i].files { spool.removeTemporary(name: f.name) }
            }
        }
        if wroteAny {
            do { try spool.makeDurable() } catch {
                for i in plans.indices where plans[i].spoolFailure == nil && !plans[i].files.isEmpty {
                    plans[i].spoolFailure = "\(error)"
                    for f in plans[i].files { spool.removeTemporary(name: f.name) }
                }
            }
        }

        // 4. Publish, then make the renames durable.
        var publishedAny = false
        for i in plans.indices where plans[i].spoolFailure == nil {
            for j in plans[i].files.indices {
                do {
                    try spool.publish(name: plans[i].files[j].name)
                    plans[i].files[j].published = true
                    publishedAny = true
                } catch {
                    plans[i].spoolFailure = "\(error)"
                    for f in plans[i].files[j...] { spool.removeTemporary(name: f.name) }
                    break
                }
            }
        }
        if publishedAny {
            do { try spool.syncNew() } catch {
                // Files are in new/ but not durably: leave the intents for recovery to settle.
                needsRecovery = true
                return plans.map { failedReport($0, "\(error)") }
            }
        }

        // 5. One transaction.
        var batch = CommitBatch(now: now)
        var newStates: [SourceState] = []
        for i in plans.indices {
            var p = plans[i]
            let published = p.files.filter(\.published)
            for f in published { batch.items.append((p.state.name, f.item)) }
            batch.intents += p.files.map(\.name)
            if let failure = p.spoolFailure {
                // Keep the old validators so the next poll fetches the document again. A local
                // failure (full disk) is not the source's fault: no backoff, due again at once.
                var st = p.previousState
                st.lastAttempt = p.state.lastAttempt
                st.polls = p.state.polls
                st.lastStatus = "error"
                st.lastError = failure
                st.itemsDelivered += Int64(published.count)
                st.nextDue = now
                p.state = st
                p.report = SourceReport(source: st.name, status: .failed, message: failure)
                p.report.newItems = published.count
            } else {
                for item in p.recordOnly { batch.items.append((p.state.name, item)) }
                for key in p.touched { batch.touched.append((p.state.name, key)) }
                batch.fingerprints += p.fingerprints
                batch.pageTexts += p.pageTexts
                if let lines = p.boilerplate { batch.boilerplate.append((p.state.name, lines)) }
                p.state.itemsDelivered += Int64(published.count)
            }
            batch.sources.append(p.state)
            newStates.append(p.state)
            p.report.state = p.state
            plans[i] = p
        }
        do {
            try store.commit(batch)
            for p in plans where p.spoolFailure == nil && p.report.status == .ok {
                try store.pruneItems(source: p.state.name, before: Timestamp(seconds: now.seconds - Int64(p.retention)),
                                     keep: max(3 * p.state.feedLength, 1))
            }
        } catch {
            needsRecovery = true
            pendingFingerprints.removeAll()
            return plans.map { failedReport($0, "state: commit failed: \(error)") }
        }
        for s in newStates { states[s.name] = s }
        for f in batch.fingerprints { duplicateIndex.insert(f) }
        pendingFingerprints.removeAll()
        if duplicateIndex.removeExpired(now: now) > 0 {
            try? store.pruneFingerprints(before: Timestamp(seconds: now.seconds - duplicateIndex.windowSeconds))
        }
        return plans.map(\.report)
    }

    private func failedReport(_ p: SourcePlan, _ message: String) -> SourceReport {
        var r = SourceReport(source: p.state.name, status: .failed, message: message)
        r.duration = p.report.duration
        return r
    }

    /// Works out what one result changes, without touching disk (except state reads).
    func plan(index: Int, result r: PollResult, now: Timestamp) -> SourcePlan {
        let name = r.source.name
        let previous = states[name] ?? SourceState(name: name)
        var st = previous
        st.lastAttempt = r.startedAt
        st.polls += 1
        st.lastDuration = r.duration
        var plan = SourcePlan(index: index, state: st, report: SourceReport(source: name, status: .ok),
                              previousState: previous, retention: r.source.settings.retention)
        plan.report.duration = r.duration

        switch r.outcome {
        case let .fetchFailed(failure):
            plan.state.lastStatus = "error"
            plan.state.lastError = failure.message
            plan.state.lastHTTPStatus = failure.status
            if r.networkDown {
                // Not the source's fault: keep its failure count, no backoff.
                Scheduling.afterNetworkDown(&plan.state, source: r.source, now: now)
            } else {
                Scheduling.afterFailure(&plan.state, failure: failure, status: failure.status, source: r.source, now: now)
            }
            plan.report.status = .failed
            plan.report.message = failure.message
            plan.report.httpStatus = failure.status

        case let .parseFailed(error, response):
            plan.state.lastStatus = "error"
            plan.state.lastError = "unreadable document: \(error.message)"
            plan.state.lastHTTPStatus = response.status
            Scheduling.afterFailure(&plan.state, failure: nil, status: response.status, source: r.source, now: now)
            plan.report.status = .failed
            plan.report.message = "unreadable document: \(error.message)"
            plan.report.httpStatus = response.status

        case let .notModified(response):
            plan.state.lastStatus = "unchanged"
            plan.state.lastError = nil
            plan.state.lastHTTPStatus = 304
            plan.state.notModified += 1
            if let e = response.header("ETag") { plan.state.etag = e }
            if let lm = response.header("Last-Modified") { plan.state.lastModified = lm }
            plan.state.validatorsURL = r.requestURL
            Scheduling.afterSuccess(&plan.state, response: response, ttl: nil,
                                    source: AdaptiveInterval.effectiveSource(r.source, previous: plan.previousState, newItems: 0, now: now),
                                    now: now)
            plan.report.status = .unchanged
            plan.report.httpStatus = 304

        case let .document(doc, response):
            planDocument(&plan, doc: doc, response: response, result: r, now: now)
        }
        return plan
    }
}
