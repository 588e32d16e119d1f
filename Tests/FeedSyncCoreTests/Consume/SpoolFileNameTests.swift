import FeedSyncCore
import Testing

@Suite("SpoolFileName")
struct SpoolFileNameTests {
    @Test func readsTheSourceOfWhatTheNamerWrites() {
        var namer = SpoolNamer()
        let json = namer.name(source: "harbor.news-1", id: "3f2a9c0d11aa22bb33", at: 1_764_000_000_000_000, format: .json)
        let mail = namer.name(source: "b", id: "00ff00ff00ff00ff00", at: 1_764_000_000_000_000, format: .maildir)
        #expect(SpoolFileName.source(of: json) == "harbor.news-1")
        #expect(SpoolFileName.source(of: mail) == "b")
    }

    @Test func aMaildirInfoSuffixIsIgnored() {
        #expect(SpoolFileName.source(of: "1764000000000000.000001.src.00ff00ff00ff00ff:2,S") == "src")
    }

    @Test func foreignNamesHaveNoSource() {
        for name in ["notes.txt", "1764000000000000.000001.00ff", "17640.000001.src.00ff",
                     "1764000000000000.000001..00ff", "1764000000000000.000001.src.xyz", ""] {
            #expect(SpoolFileName.source(of: name) == nil, "\(name)")
        }
    }
}
