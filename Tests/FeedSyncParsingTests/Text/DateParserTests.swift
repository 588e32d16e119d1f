import FeedSyncCore
import FeedSyncParsing
import Testing

@Suite struct DateParserTests {
    private func utc(_ s: String) -> String? { DateParser.parse(s)?.rfc3339 }

    @Test(arguments: [
        ("Sat, 01 Jun 2024 12:00:00 +0000", "2024-06-01T12:00:00Z"),
        ("Sat, 01 Jun 2024 12:00:00 GMT", "2024-06-01T12:00:00Z"),
        ("Sat, 01 Jun 2024 14:00:00 +0200", "2024-06-01T12:00:00Z"),
        ("Sat, 1 Jun 2024 12:00 EST", "2024-06-01T17:00:00Z"),
        ("Sat, 01 Jun 24 12:00:00 PDT", "2024-06-01T19:00:00Z"),
        ("01 Jun 2024 12:00:00 -0100", "2024-06-01T13:00:00Z"),
        ("Mon, 01 Jun 2024 12:00:00 UT", "2024-06-01T12:00:00Z"),  // wrong day name
        ("Sat, 01 June 2024", "2024-06-01T00:00:00Z"),
        ("Sat,01 Jun 2024 12:00:00 Z", "2024-06-01T12:00:00Z"),
        ("Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T23:41:00Z"),
        ("Thu, 30 Apr 2015 08:57:00 MEST", "2015-04-30T06:57:00Z"),
        ("Sat, 01 Jun 2024 12:00:00 +0000 (GMT)", "2024-06-01T12:00:00Z"),
        ("Sat, 01 Jun 2024 02:30:00 PM GMT", "2024-06-01T14:30:00Z"),
    ])
    func rfc822Variants(input: String, expected: String) {
        #expect(utc(input) == expected)
    }

    @Test(arguments: [
        ("2024-06-01T12:00:00Z", "2024-06-01T12:00:00Z"),
        ("2024-06-01T12:00:00.123+02:00", "2024-06-01T10:00:00Z"),
        ("2024-06-01T12:00:00-0500", "2024-06-01T17:00:00Z"),
        ("2024-06-01T12:00Z", "2024-06-01T12:00:00Z"),
        ("2024-06-01 12:00:00", "2024-06-01T12:00:00Z"),
        ("2024-06-01", "2024-06-01T00:00:00Z"),
        ("2024-06", "2024-06-01T00:00:00Z"),
        ("2024", "2024-01-01T00:00:00Z"),
        ("20240601", "2024-06-01T00:00:00Z"),
        ("2024-153", "2024-06-01T00:00:00Z"),
    ])
    func w3cdtfAndISO8601(input: String, expected: String) {
        #expect(utc(input) == expected)
    }

    /// Long digit runs in any ISO 8601 field are not dates, and never overflow (the fuzzer's
    /// `dates` target trapped on `3.2222...2-31`).
    @Test(arguments: [
        String(repeating: "2", count: 40) + "-31",
        "2024-" + String(repeating: "9", count: 30),
        String(repeating: "1", count: 25) + "-01-01",
        "2024-01-" + String(repeating: "0", count: 20) + "1",
    ])
    func longDigitRunsAreNotDates(_ s: String) {
        #expect(DateParser.parse(s) == nil)
    }

    @Test func asctimeWithZoneBeforeTheYear() {
        #expect(utc("Sun Jul 15 01:16:00 +0000 2012") == "2012-07-15T01:16:00Z")
        #expect(utc("Sun Jan  4 16:29:06 2004") == "2004-01-04T16:29:06Z")
    }

    @Test func regionalFormats() {
        #expect(utc("Κυρ, 11 Ιούλ 2004 12:00:00 EST") == "2004-07-11T17:00:00Z")
        #expect(utc("2004-július-13T9:15-05:00") == "2004-07-13T14:15:00Z")
        #expect(utc("2004-05-25 오후 11:23:17") == "2004-05-25T14:23:17Z")
        #expect(utc("2004년 05월 28일  01:31:15") == "2004-05-27T16:31:15Z")
        #expect(utc("Fri, 2006/09/15 08:19:53 EDT") == "2006-09-15T12:19:53Z")
    }

    @Test(arguments: ["", "yesterday", "Sun, 99 Jun 2009 12:00:00 GMT", "2003-12-31T25:14:55Z",
                      "2013-01-28T09:xx:00Z", "Sun, 16 Dec 2012 1:2:3:4 GMT", "9999-12-31T23:59:59-99:99",
                      "2013-01-28T11:30:00-06:00Textra"])
    func unparseableIsAbsentNeverNow(input: String) {
        #expect(DateParser.parse(input) == nil)
    }
}
