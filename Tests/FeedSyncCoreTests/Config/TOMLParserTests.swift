import FeedSyncCore
import Testing

@Suite struct TOMLParserTests {
    @Test func readsScalarsArraysAndInlineTables() throws {
        let t = try TOMLParser.parse("""
            # comment
            a = "x\\ty"   # trailing comment
            b = 'C:\\path'
            n = 1_000
            h = 0x1F
            f = 1.5
            yes = true
            list = [1, 2,
              3, ]  # multi-line
            inline = { k = "v", "quoted key" = 2 }
            ml = \"\"\"
            one
            two\"\"\"
            """)
        guard case .string("x\ty")? = t["a"]?.value else { Issue.record("a"); return }
        guard case .string("C:\\path")? = t["b"]?.value else { Issue.record("b"); return }
        guard case .integer(1000)? = t["n"]?.value, case .integer(31)? = t["h"]?.value else { Issue.record("ints"); return }
        guard case .float(1.5)? = t["f"]?.value, case .bool(true)? = t["yes"]?.value else { Issue.record("f/b"); return }
        guard case let .array(list)? = t["list"]?.value else { Issue.record("list"); return }
        #expect(list.count == 3)
        guard case let .table(inline)? = t["inline"]?.value else { Issue.record("inline"); return }
        #expect(inline.keys == ["k", "quoted key"])
        guard case .string("one\ntwo")? = t["ml"]?.value else { Issue.record("ml"); return }
        #expect(t["ml"]?.line == 11)
    }

    @Test func arrayOfTablesWithSubTablesAttachToTheLastElement() throws {
        let t = try TOMLParser.parse("""
            [[source]]
            name = "a"
            [source.select]
            item = "li"
            [[source]]
            name = "b"
            """)
        guard case let .array(sources)? = t["source"]?.value, sources.count == 2,
              case let .table(first) = sources[0].value, case let .table(second) = sources[1].value else {
            Issue.record("shape"); return
        }
        guard case let .table(sel)? = first["select"]?.value, case .string("li")? = sel["item"]?.value else {
            Issue.record("select"); return
        }
        #expect(second["select"] == nil)
        #expect(first.line == 1 && second.line == 5)
    }

    @Test func duplicateKeyIsAnErrorWithBothLines() {
        #expect {
            _ = try TOMLParser.parse("a = 1\nb = 2\na = 3\n")
        } throws: { error in
            guard let e = error as? TOMLError else { return false }
            return e.line == 3 && e.message.contains("line 1")
        }
    }

    @Test func unquotedStringIsAnErrorNamingTheLine() {
        #expect {
            _ = try TOMLParser.parse("\n\nname = hello\n")
        } throws: { error in
            (error as? TOMLError)?.line == 3
        }
    }

    @Test func unterminatedStringIsAnError() {
        #expect(throws: TOMLError.self) { _ = try TOMLParser.parse("a = \"oops\n") }
    }

    @Test func twoValuesOnOneLineIsAnError() {
        #expect(throws: TOMLError.self) { _ = try TOMLParser.parse("a = 1 b = 2\n") }
    }
}
