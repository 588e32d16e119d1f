import FeedSyncCore
import Testing

/// `[consume]`: each key read, a command as a string or an array, problems located.
@Suite struct ConsumeSectionTests {
    let loader = ConfigLoader()

    @Test func readsEveryKey() throws {
        let c = try loader.load(text: """
            [consume]
            exec = ["curl", "-fsS", "--data-binary", "@-", "https://hooks.example/"]
            jobs = 4
            filter = ["news", "harbor-news"]
            consume_retries = 8
            """, path: "/etc/feedsync/feedsync.toml")
        #expect(c.consume?.exec.first == "curl" && c.consume?.exec.count == 5)
        #expect(c.consume?.jobs == 4 && c.consume?.filter == ["news", "harbor-news"] && c.consume?.retries == 8)
        let single = try loader.load(text: "[consume]\nexec = \"/usr/local/bin/h\"\n", path: "/x.toml")
        #expect(single.consume?.exec == ["/usr/local/bin/h"] && single.consume?.retries == nil)
    }

    @Test func problemsNameFileLineAndKey() {
        #expect(throws: ConfigError.self) { try loader.load(text: "[consume]\njobs = 0\n", path: "/x.toml") }
        do {
            _ = try loader.load(text: "[consume]\nexec = 3\nfilter = \"news\"\nretries = 2\n", path: "/x.toml")
        } catch {
            let lines = error.all.map(\.description)
            #expect(lines.contains { $0.hasPrefix("/x.toml:2: consume.exec:") })
            #expect(lines.contains { $0.hasPrefix("/x.toml:3: consume.filter:") })
            #expect(lines.contains { $0.hasPrefix("/x.toml:4: consume.retries: unknown key") })
        }
    }
}
