@testable import FeedSyncParsing
import FeedSyncCore
import Testing

@Suite("date_format parsing")
struct DateFormatParserTests {
    func parse(_ value: String, _ format: String) throws -> Timestamp? { try DateFormatParser(format).parse(value) }

    @Test func numericDayMonthYearWithTime() throws {
        #expect(try parse("03.07.2025 14:05", "%d.%m.%Y %H:%M") == Timestamp(year: 2025, month: 7, day: 3, hour: 14, minute: 5))
    }

    @Test func englishMonthNamesAnyCase() throws {
        #expect(try parse("Jul 3, 2025", "%b %e, %Y") == Timestamp(year: 2025, month: 7, day: 3))
        #expect(try parse("3 SEPTEMBER 2025", "%d %B %Y") == Timestamp(year: 2025, month: 9, day: 3))
        #expect(try parse("Sept 3 2025", "%b %d %Y") == Timestamp(year: 2025, month: 9, day: 3))
    }

    @Test func twelveHourClock() throws {
        #expect(try parse("07/03/25 2:05 PM", "%m/%d/%y %I:%M %p") == Timestamp(year: 2025, month: 7, day: 3, hour: 14, minute: 5))
        #expect(try parse("07/03/25 12:05 am", "%D %I:%M %p") == Timestamp(year: 2025, month: 7, day: 3, hour: 0, minute: 5))
    }

    @Test func numericZoneOffsetIsApplied() throws {
        #expect(try parse("2025-07-03T14:05:00+02:00", "%FT%T%z") == Timestamp(year: 2025, month: 7, day: 3, hour: 12, minute: 5))
    }

    @Test func namedZoneIsApplied() throws {
        #expect(try parse("Thu, 03 Jul 2025 09:00 EDT", "%a, %d %b %Y %H:%M %Z") == Timestamp(year: 2025, month: 7, day: 3, hour: 13))
    }

    @Test func unixSeconds() throws {
        #expect(try parse("1751551500", "%s") == Timestamp(seconds: 1_751_551_500))
    }

    @Test func formatWithoutAYearGivesNothing() throws {
        #expect(try parse("3 July", "%d %B") == nil)
    }

    @Test func trailingGarbageDoesNotMatch() throws {
        #expect(try parse("03.07.2025 late", "%d.%m.%Y") == nil)
    }

    @Test func impossibleDateGivesNothing() throws {
        #expect(try parse("31.02.2025", "%d.%m.%Y") == nil)
    }

    @Test func unknownDirectiveIsAConfigError() {
        #expect(throws: ParseError("invalid date_format \"%d %Q\": unknown directive '%Q'")) { try DateFormatParser("%d %Q") }
    }
}
