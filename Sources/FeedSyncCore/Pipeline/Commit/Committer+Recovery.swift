extension Committer {
    /// Settles whatever an interrupted batch left, then sweeps `tmp/`:
    /// - a committed publication whose file is still in `tmp/` is published now (redo);
    /// - one whose file is gone from `tmp/` was published (a consumer may have moved it since):
    ///   nothing to do;
    /// - any other file in `tmp/` belongs to a batch that never reached its commit point: deleted
    ///   (the state does not know its item, so the next poll delivers it).
    ///
    /// Intents left by a feedsync from before the redo protocol (state schema 4) are settled the
    /// way that protocol did: an intent whose file was published is recorded as delivered.
    func recover() throws {
        try settleLegacyIntents()
        let pending = try store.pendingPublications()
        var redone = 0
        for name in pending where spool.temporaryExists(name: name) {
            try spool.publish(name: name)
            redone += 1
        }
        if redone > 0 { try spool.syncNew() }
        let swept = spool.temporaryFiles()
        for name in swept { spool.removeTemporary(name: name) }
        if !pending.isEmpty {
            var batch = CommitBatch(now: Timestamp(seconds: 0))
            batch.clearedPublications = pending
            try store.commit(batch)
        }
        published = []
        needsRecovery = false
        if redone > 0 || !swept.isEmpty {
            logger.notice("recovered an interrupted delivery", metadata: [
                "published": "\(redone)", "already_published": "\(pending.count - redone)", "dropped": "\(swept.count)"])
        }
    }

    private func settleLegacyIntents() throws {
        let intents = try store.pendingIntents()
        guard !intents.isEmpty else { return }
        var batch = CommitBatch(now: Timestamp(seconds: 0))
        var states = try store.sourceStates()
        for intent in intents {
            if spool.isDelivered(name: intent.file) {
                batch.items.append((intent.source, intent.item))
                states[intent.source]?.itemsDelivered += 1
            } else {
                spool.removeTemporary(name: intent.file)
            }
            batch.intents.append(intent.file)
        }
        batch.sources = Set(intents.map(\.source)).compactMap { states[$0] }
        try store.commit(batch)
    }
}
