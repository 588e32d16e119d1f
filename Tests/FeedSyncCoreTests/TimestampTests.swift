import FeedSyncCore
import Testing

@Suite struct TimestampTests {
    @Test func formatsRFC3339InUTC() {
        #expect(Timestamp(seconds: 0).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(seconds: 1_700_000_000).rfc3339 == "2023-11-14T22:13:20Z")
        #expect(Timestamp(seconds: -1).rfc3339 == "1969-12-31T23:59:59Z")
    }

    @Test func civilFieldsWithOffsetRoundTrip() {
        let t = Timestamp(year: 2024, month: 2, day: 29, hour: 1, minute: 30, second: 0, offsetSeconds: 3600)
        #expect(t?.rfc3339 == "2024-02-29T00:30:00Z")
        #expect(Timestamp(year: 2023, month: 2, day: 29) == nil)
    }
}
