import FeedSyncCore
import Testing

@Suite("HTTPDate")
struct HTTPDateTests {
    let expected = Timestamp(year: 1994, month: 11, day: 6, hour: 8, minute: 49, second: 37)

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                      "Sun Nov  6 08:49:37 1994", "06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 09:49:37 +0100"])
    func acceptsEveryRFC9110Form(text: String) {
        #expect(HTTPDate.parse(text) == expected)
    }

    @Test(arguments: ["", "tomorrow", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z",
                      "Sun, 06 Nov 1994 25:49:37 GMT"])
    func rejectsNonDates(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func formatsIMFFixdate() throws {
        #expect(HTTPDate.format(try #require(expected)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(Timestamp(seconds: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test func twoDigitYearsBelow70AreThisCentury() {
        #expect(HTTPDate.parse("Monday, 01-Jan-35 00:00:00 GMT") == Timestamp(year: 2035, month: 1, day: 1))
    }
}

@Suite("RetryAfter")
struct RetryAfterTests {
    let now = Timestamp(seconds: 1_800_000_000)

    @Test func secondsAreAddedToNow() {
        #expect(RetryAfter.until("120", now: now) == Timestamp(seconds: now.seconds + 120))
        #expect(RetryAfter.until(" 120 ", now: now) == Timestamp(seconds: now.seconds + 120))
    }

    @Test func httpDateIsTakenAsIs() {
        let later = Timestamp(seconds: now.seconds + 3600)
        #expect(RetryAfter.until(HTTPDate.format(later), now: now) == later)
    }

    @Test func longWaitsAreCappedInBothForms() {
        let cap: Int64 = 2 * 86_400
        let capped = Timestamp(seconds: now.seconds + cap)
        #expect(RetryAfter.until("9999999", now: now, cap: cap) == capped)
        #expect(RetryAfter.until("99999999999999999999999", now: now, cap: cap) == capped)
        #expect(RetryAfter.until(HTTPDate.format(Timestamp(seconds: now.seconds + 30 * 86_400)), now: now, cap: cap) == capped)
    }

    @Test func pastZeroAndGarbageImposeNothing() {
        #expect(RetryAfter.until(HTTPDate.format(Timestamp(seconds: now.seconds - 10)), now: now) == nil)
        #expect(RetryAfter.until("0", now: now) == nil)
        #expect(RetryAfter.until("-5", now: now) == nil)
        #expect(RetryAfter.until("soon", now: now) == nil)
        #expect(RetryAfter.until(nil, now: now) == nil)
    }
}

@Suite("CacheHints")
struct CacheHintsTests {
    let now = Timestamp(seconds: 1_800_000_000)

    @Test func maxAgeMinusAge() {
        #expect(CacheHints.httpFreshness(headers: [("Cache-Control", "public, max-age=3600")], now: now) == 3600)
        #expect(CacheHints.httpFreshness(headers: [("cache-control", "max-age=\"600\""), ("Age", "100")], now: now) == 500)
    }

    @Test func noCacheAndNoStoreGiveNoHint() {
        #expect(CacheHints.httpFreshness(headers: [("Cache-Control", "no-cache, max-age=3600")], now: now) == nil)
        #expect(CacheHints.httpFreshness(headers: [("Cache-Control", "no-store")], now: now) == nil)
    }

    @Test func expiresIsMeasuredFromTheDateHeader() {
        let date = Timestamp(seconds: now.seconds - 50)  // the server's clock is behind ours
        let headers = [("Date", HTTPDate.format(date)), ("Expires", HTTPDate.format(Timestamp(seconds: date.seconds + 900)))]
        #expect(CacheHints.httpFreshness(headers: headers, now: now) == 900)
    }

    @Test func maxAgeBeatsExpiresAndInvalidExpiresIsExpired() {
        let headers = [("Expires", HTTPDate.format(Timestamp(seconds: now.seconds + 9000))), ("Cache-Control", "max-age=60")]
        #expect(CacheHints.httpFreshness(headers: headers, now: now) == 60)
        #expect(CacheHints.httpFreshness(headers: [("Expires", "0")], now: now) == 0)
        #expect(CacheHints.httpFreshness(headers: [], now: now) == nil)
    }

    @Test func feedTTLCountsWhenLonger() {
        #expect(CacheHints.freshness(headers: [("Cache-Control", "max-age=60")], now: now, feedTTL: 3600) == 3600)
        #expect(CacheHints.freshness(headers: [("Cache-Control", "max-age=7200")], now: now, feedTTL: 3600) == 7200)
        #expect(CacheHints.freshness(headers: [], now: now, feedTTL: nil) == nil)
    }
}
