import Logging

/// The Commit stage: the exactly-once writer of the spool and the state, and its recovery. Nothing
/// else: what to deliver was decided by the Plan stage.
///
/// The protocol (README, "Exactly once"), per batch of plans:
/// 1. name and render each item, write every file into `tmp/`, then one `syncfs` makes them durable;
/// 2. one transaction records the items as delivered, moves the sources' states forward, and
///    records each file name as a pending publication: **the commit point**;
/// 3. rename each file into `new/` (never replacing), then `fsync(new/)`;
/// 4. the next batch's transaction clears the publications of this one.
///
/// A crash before 2 leaves files in `tmp/` that no committed record names: recovery deletes them,
/// and since the state did not move, the next poll delivers those items again. A crash after 2
/// leaves committed publications: recovery redoes each rename whose file is still in `tmp/`. Whether
/// a published file is still in `new/` never matters, so a consumer that moves or deletes it can
/// never cause a second delivery.
public final class Committer {
    let store: StateStore
    let spool: Spool
    let format: SpoolFormat
    /// `maildir_folders`: items are published into a Maildir++ folder per first tag.
    let folders: Bool
    let logger: Logger
    private var namer: SpoolNamer
    private let writer: TemporaryWriter
    /// Files published by the last batch, whose publication records the next commit clears.
    var published: [String] = []
    /// A batch failed after its commit point may have been reached: recover before the next one.
    var needsRecovery = false

    /// Opens the Commit stage and settles whatever an interrupted batch left (`recover`).
    public init(store: StateStore, spool: Spool, format: SpoolFormat, folders: Bool = false, logger: Logger) throws {
        self.store = store; self.spool = spool; self.format = format; self.logger = logger
        self.folders = folders && format == .maildir
        namer = SpoolNamer(after: try store.lastSpoolName())
        writer = TemporaryWriter(spool: spool, format: format)
        try recover()
    }

    /// Carries out `plans` (their reports and states are updated to what was committed) and returns
    /// the near-duplicate fingerprints that were committed. Never throws: a failure fails the plans
    /// it touches and leaves their sources' states as they were.
    public func commit(_ plans: inout [SourcePlan], now: Timestamp, nowMicros: Int64) -> [DuplicateRecord] {
        if needsRecovery {
            do { try recover() } catch {
                for i in plans.indices { fail(&plans[i], "state recovery failed: \(error)", now: now) }
                return []
            }
        }
        // 1. Files into tmp/ (named here, in spool order; written in lanes), then one flush.
        var files: [[(name: String, known: KnownItem, publication: String)]] = plans.map { _ in [] }
        var writes: [TemporaryWriter.File] = []
        for i in plans.indices where !plans[i].deliveries.isEmpty {
            for d in plans[i].deliveries {
                let name = namer.name(source: plans[i].source.name, id: d.known.key, at: nowMicros, format: format)
                var known = d.known
                known.file = name
                files[i].append((name, known, folders ? MaildirFolder.publication(name, tags: d.item.tags) : name))
                writes.append(.init(plan: i, name: name, item: d.item))
            }
        }
        var spoolFailure = writer.write(writes)
        for i in spoolFailure.keys { for f in files[i] { spool.removeTemporary(name: f.name) } }
        if files.contains(where: { !$0.isEmpty }) {
            do { try spool.makeDurable() } catch {
                for i in plans.indices where spoolFailure[i] == nil && !files[i].isEmpty {
                    spoolFailure[i] = "\(error)"
                    for f in files[i] { spool.removeTemporary(name: f.name) }
                }
            }
        }

        // 2. The commit point.
        var batch = CommitBatch(now: now)
        batch.clearedPublications = published
        batch.lastSpoolName = namer.lastName
        var committed: [DuplicateRecord] = []
        for i in plans.indices {
            if let failure = spoolFailure[i] {
                fail(&plans[i], failure, now: now)
                files[i] = []
            } else {
                let p = plans[i]
                batch.items += files[i].map { (p.source.name, $0.known) } + p.recordOnly.map { (p.source.name, $0) }
                batch.touched += p.touched.map { (p.source.name, $0) }
                batch.publications += files[i].map(\.publication)
                batch.fingerprints += p.fingerprints
                batch.pageTexts += p.pageTexts.map { (p.source.name, $0.key, $0.text) }
                if let lines = p.boilerplate { batch.boilerplate.append((p.source.name, lines)) }
                plans[i].state.itemsDelivered += Int64(files[i].count)
            }
            plans[i].report.state = plans[i].state
            batch.sources.append(plans[i].state)
        }
        CrashPoint.reached("before-commit")
        do {
            try store.commit(batch)
            committed = batch.fingerprints
            published = batch.publications
        } catch {
            // Whether the transaction reached the disk is for recovery to find out from the store.
            needsRecovery = true
            for i in plans.indices { fail(&plans[i], "state: commit failed: \(error)", now: now) }
            return []
        }

        // 3. Publish. The items are delivered from here on; a failed rename is redone by recovery.
        CrashPoint.reached("after-commit")
        do {
            for (i, name) in batch.publications.enumerated() {
                try spool.publish(name: name)
                if i == batch.publications.count / 2 { CrashPoint.reached("mid-publish") }
            }
            if !batch.publications.isEmpty {
                try spool.syncNew()
                CrashPoint.reached("after-publish")
            }
        } catch {
            needsRecovery = true
            logger.error("publishing committed items failed; retried before the next batch", metadata: ["error": "\(error)"])
        }
        prune(plans, now: now)
        return committed
    }

    /// A plan that could not be carried out: the source keeps its old validators, so the next poll
    /// fetches the document again; a local failure (full disk) is not the source's fault: no backoff,
    /// due again at once.
    private func fail(_ plan: inout SourcePlan, _ message: String, now: Timestamp) {
        var st = plan.previousState
        st.lastAttempt = plan.state.lastAttempt
        st.polls = plan.state.polls
        st.lastStatus = "error"
        st.lastError = message
        st.nextDue = now
        plan.state = st
        let duration = plan.report.duration
        plan.report = SourceReport(source: st.name, status: .failed, message: message)
        plan.report.duration = duration
        plan.report.state = nil
    }

    /// Drops tombstones past each polled source's retention (housekeeping: a failure is logged).
    private func prune(_ plans: [SourcePlan], now: Timestamp) {
        for p in plans where p.report.status == .ok {
            let before = Timestamp(seconds: now.seconds - Int64(p.source.settings.retention))
            do {
                try store.pruneItems(source: p.state.name, before: before, keep: max(3 * p.state.feedLength, 1))
            } catch {
                logger.warning("pruning old items failed", metadata: ["source": "\(p.state.name)", "error": "\(error)"])
            }
        }
    }
}
