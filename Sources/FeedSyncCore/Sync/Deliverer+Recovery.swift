extension Deliverer {
    /// Settles a batch a crash (or a failed commit) interrupted, then sweeps `tmp/`.
    ///
    /// Each intent's file is either in `new/`/`cur/` (published: record the item as delivered, so it is
    /// never delivered again) or not (never published: drop the intent and any temporary copy; the
    /// item is still unknown to the state, so the next poll delivers it).
    func recover() throws {
        guard let spool else { return }
        let intents = try store.pendingIntents()
        if !intents.isEmpty {
            var batch = CommitBatch(now: now)
            var published = 0
            for intent in intents {
                if spool.isDelivered(name: intent.file) {
                    batch.items.append((intent.source, intent.item))
                    published += 1
                    if var st = states[intent.source] {
                        st.itemsDelivered += 1
                        states[intent.source] = st
                    }
                } else {
                    spool.removeTemporary(name: intent.file)
                }
                batch.intents.append(intent.file)
            }
            batch.sources = Array(Set(intents.map(\.source))).compactMap { states[$0] }
            try store.commit(batch)
            logger.notice("recovered an interrupted delivery",
                          metadata: ["published": "\(published)", "dropped": "\(intents.count - published)"])
        }
        for name in spool.temporaryFiles() { spool.removeTemporary(name: name) }
    }
}
