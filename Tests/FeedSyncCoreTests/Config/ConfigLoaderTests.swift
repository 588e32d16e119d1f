import FeedSyncCore
import Testing

@Suite struct ConfigLoaderTests {
    let loader = ConfigLoader()

    @Test func readsEveryKeyOfTheContractExample() throws {
        let c = try loader.load(text: """
            state_dir   = "/var/lib/feedsync"
            spool_dir   = "/var/spool/feedsync"
            user_agent  = "feedsync/1.0 (+https://example.org/feedsync)"
            concurrency = 64
            per_host    = 2
            interval    = "30m"
            timeout     = "30s"
            max_body    = "20MB"
            spool_format = "json"
            initial     = "all"
            duplicates  = "mark"
            on_update   = "ignore"

            [[source]]
            name = "arabnews-world"
            url  = "https://www.arabnews.com/rss.xml"
            interval = "15m"
            headers = { Authorization = "Bearer x" }

            [[source]]
            name = "daily8-world"
            url  = "https://example.org/world"
            type = "html"
            [source.select]
            item  = "article.card"
            title = "h2"
            link  = "a@href"
            date  = "time@datetime"
            summary = "p.excerpt"
            """, path: "/etc/feedsync/feedsync.toml")
        #expect(c.concurrency == 64 && c.perHost == 2)
        #expect(c.defaults.interval == 1800 && c.defaults.timeout == 30 && c.defaults.maxBody == 20 << 20)
        #expect(c.sources.count == 2)
        #expect(c.sources[0].settings.interval == 900)
        #expect(c.sources[0].settings.timeout == 30)
        #expect(c.sources[0].settings.headers == [.init(name: "Authorization", value: "Bearer x")])
        #expect(c.sources[1].type == .html)
        #expect(c.sources[1].select?.link == "a@href")
        #expect(c.sources[1].line == 20)
    }

    @Test func unknownKeyNamesFileLineAndKeyWithASuggestion() {
        #expect {
            _ = try loader.load(text: "intervall = \"5m\"\n", path: "f.toml")
        } throws: { error in
            "\(error)" == "f.toml:1: intervall: unknown key (did you mean 'interval'?)"
        }
    }

    @Test func unknownKeyInsideASourceIsRejected() {
        #expect {
            _ = try loader.load(text: "[[source]]\nname = \"a\"\nurl = \"http://x/\"\nfoo = 1\n", path: "f.toml")
        } throws: { error in
            let e = error as? ConfigError
            return e?.line == 4 && e?.key == "foo"
        }
    }

    @Test func duplicateSourceNamesAreRejected() {
        #expect {
            _ = try loader.load(text: """
                [[source]]
                name = "a"
                url = "http://x/1"
                [[source]]
                name = "a"
                url = "http://x/2"
                """, path: "f.toml")
        } throws: { error in
            let e = error as? ConfigError
            return e?.line == 4 && (e?.message.contains("first defined on line 1") ?? false)
        }
    }

    @Test func badValuesAreRejected() {
        for (text, key) in [("timeout = \"soon\"", "timeout"), ("max_body = \"lots\"", "max_body"),
                            ("initial = \"latest:x\"", "initial"), ("concurrency = 0", "concurrency"),
                            ("spool_format = \"mbox\"", "spool_format")] {
            #expect(throws: ConfigError.self, "\(key)") { _ = try loader.load(text: text + "\n", path: "f") }
        }
    }

    @Test func sourceNamesAreRestricted() {
        #expect(throws: ConfigError.self) {
            _ = try loader.load(text: "[[source]]\nname = \"Has Space\"\nurl = \"http://x/\"\n", path: "f")
        }
    }

    @Test func onlyHTTPHTTPSAndFileURLs() throws {
        #expect(throws: ConfigError.self) {
            _ = try loader.load(text: "[[source]]\nname = \"a\"\nurl = \"ftp://x/\"\n", path: "f")
        }
        let c = try loader.load(text: "[[source]]\nname = \"a\"\nurl = \"file:feeds/a.xml\"\n", path: "/etc/fs/c.toml")
        #expect(c.sources[0].url == "file:///etc/fs/feeds/a.xml")
    }

    @Test func globalOnlyKeysAreRefusedPerSource() {
        #expect {
            _ = try loader.load(text: "[[source]]\nname = \"a\"\nurl = \"http://x/\"\nspool_dir = \"/x\"\n", path: "f")
        } throws: { error in
            (error as? ConfigError)?.message.contains("global") ?? false
        }
    }

    @Test func relativeDirectoriesResolveAgainstTheConfigFile() throws {
        let c = try loader.load(text: "state_dir = \"../run/state\"\n", path: "/opt/fs/Config/demo.toml")
        #expect(c.stateDir == "/opt/fs/run/state")
    }

    @Test func durationsAndSizes() {
        #expect(DurationParser.seconds("1h30m") == 5400)
        #expect(DurationParser.seconds("2d") == 172_800)
        #expect(DurationParser.seconds("250ms") == 0.25)
        #expect(DurationParser.seconds("10") == nil)  // a unit is required
        #expect(DurationParser.seconds("m") == nil)
        #expect(DurationParser.seconds("5x") == nil)
        #expect(SizeParser.bytes("20MB") == 20 << 20)
        #expect(SizeParser.bytes("512KB") == 512 << 10)
        #expect(SizeParser.bytes("1GB") == 1 << 30)
        #expect(SizeParser.bytes("-1") == nil)
    }
}
