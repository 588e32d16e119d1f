import FeedSyncCore
import Foundation
import Testing

/// Values an attacker or a typo can put in a config file: each is a located error, never a trap.
@Suite struct ConfigHardeningTests {
    let loader = ConfigLoader()

    private func problems(_ text: String) -> [ConfigError] {
        do {
            _ = try loader.load(text: text, path: "f.toml")
            return []
        } catch {
            return error.all
        }
    }

    @Test(arguments: ["interval", "timeout", "retention", "connect_timeout", "min_interval", "max_interval",
                      "max_retry_after", "shutdown_timeout", "duplicate_window", "host_delay"])
    func hugeDurationsAreLocatedErrors(key: String) {
        for value in ["99999999999999999999d", "1e400s", "3651d", "999999999999999999999999999999w"] {
            let p = problems("# comment\n\(key) = \"\(value)\"\n")
            #expect(p.count == 1, "\(key) = \(value)")
            #expect(p.first?.line == 2 && p.first?.key == key, "\(p)")
        }
        #expect(problems("\(key) = \"3650d\"\n").isEmpty || key == "min_interval")
    }

    @Test func hugeSizesAreLocatedErrors() {
        for value in ["\"99999999999GB\"", "\"2GB\"", "\"1e30B\"", "9223372036854775807"] {
            let p = problems("max_body = \(value)\n")
            #expect(p.count == 1 && p.first?.line == 1 && p.first?.key == "max_body", "\(value): \(p)")
        }
        #expect(problems("max_body = \"1GB\"\n").isEmpty)
    }

    @Test func aBareNumberIsNotADuration() {
        for text in ["interval = 30", "interval = \"30\"", "timeout = 1.5"] {
            let p = problems(text + "\n")
            #expect(p.count == 1 && p.first?.line == 1, "\(text): \(p)")
        }
        #expect(problems("interval = 30\n").first?.message.contains("needs a unit") == true)
        #expect(problems("host_delay = 0\n").isEmpty)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for text in [String(repeating: "[", count: 100_000), "a = " + String(repeating: "[", count: 100_000),
                     "a = " + String(repeating: "{ b = ", count: 100_000),
                     (0..<100_000).map { "k\($0)" }.joined(separator: ".") + " = 1"] {
            let p = problems(text + "\n")
            #expect(!p.isEmpty && p.allSatisfy { $0.line == 1 })
        }
    }

    @Test func minIntervalAboveMaxIntervalIsAnError() {
        let global = problems("min_interval = \"2h\"\nmax_interval = \"1h\"\n")
        #expect(global.count == 1 && global.first?.line == 1 && global.first?.key == "min_interval")
        let source = problems("[[source]]\nname = \"a\"\nurl = \"http://x/\"\nmax_interval = \"1m\"\n")
        #expect(source.count == 1 && source.first?.line == 4 && source.first?.key == "max_interval")
    }

    @Test func sourceNamesMustFitInSpoolFileNames() {
        let long = String(repeating: "a", count: 220)
        let p = problems("[[source]]\nname = \"\(long)\"\nurl = \"http://x/\"\n")
        #expect(p.count == 1 && p.first?.line == 2 && p.first?.key == "name")
        // The longest accepted name still yields a spool file name under NAME_MAX (255 bytes),
        // with room for a mail client's ":2,FLAGS" suffix.
        let longest = String(repeating: "z", count: ConfigLoader.maxNameLength)
        #expect(problems("[[source]]\nname = \"\(longest)\"\nurl = \"http://x/\"\n").isEmpty)
        var namer = SpoolNamer()
        let file = namer.name(source: longest, id: String(repeating: "f", count: 64), at: Int64.max, format: .json)
        #expect(file.utf8.count + ":2,DFPRST".utf8.count <= 255)
    }

    @Test func filesThatMustExistAndProxiesThatMustParse() {
        let p = problems("""
            ca_file = "/nonexistent/ca.pem"
            proxy = "not a url"
            [[source]]
            name = "a"
            url = "http://x/"
            password_file = "/nonexistent/pw"
            proxy = "ftp://proxy:21"
            """)
        #expect(p.map(\.line) == [1, 2, 6, 7])
        #expect(p.map(\.key) == ["ca_file", "proxy", "password_file", "proxy"])
        #expect(problems("metrics_file = \"/nonexistent/dir/feedsync.prom\"\n").first?.key == "metrics_file")
        #expect(problems("metrics_file = \"/tmp/feedsync.prom\"\n").isEmpty)
        #expect(problems("proxy = \"socks5h://127.0.0.1:1080\"\n").isEmpty)
        #expect(problems("proxy = \"http://user:pw@proxy.example:3128\"\n").isEmpty)
    }

    @Test func syntaxErrorsAreAllReported() {
        let p = problems("interval = \n user_agent = \"x\"\ntimeout = 'unterminated\n[[source]\nname = \"ok\"\n")
        #expect(p.map(\.line) == [1, 3, 4])
    }

    @Test func invalidUTF8IsLocated() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f.toml")
        try Data(Array("a = \"x\"\n\nb = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)).write(to: file)
        #expect {
            _ = try loader.load(path: file.path)
        } throws: { error in
            let e = error as? ConfigError
            return e?.line == 3 && e?.message.contains("UTF-8") == true
        }
    }

    @Test func loadingIsLinearInTheNumberOfSources() throws {
        func text(_ n: Int) -> String {
            (0..<n).map { "[[source]]\nname = \"s\($0)\"\nurl = \"http://127.0.0.1/\($0)\"\ninterval = \"1h\"\n" }.joined()
        }
        func seconds(_ n: Int) throws -> Double {
            let t = text(n)
            let start = Date()
            let c = try loader.load(text: t, path: "f.toml")
            #expect(c.sources.count == n)
            return Date().timeIntervalSince(start)
        }
        _ = try seconds(500)  // warm up
        let small = try seconds(2_000), large = try seconds(8_000)
        // Four times the sources: a quadratic loader takes 16 times as long; allow noise up to 8.
        #expect(large < max(small, 0.05) * 8, "2,000 sources \(small) s, 8,000 sources \(large) s")
    }
}
