/// Recognizes byline and dateline labels ("By Jane Doe - 11/18/19 11:04 PM EST", "Published:
/// Tuesday, November 19, 2019", "segunda-feira, 22 de janeiro de 2018 às 0:13") in the label form
/// of `BoilerplateLexicon.label` (lower case, digits and punctuation dropped).
enum DateLine {
    /// Month and weekday names in the languages of the lexicon (a date signal).
    static let calendarWords = Set<Substring>([
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "montag", "dienstag",
        "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
        "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro",
        "segunda", "terça", "quarta", "quinta", "sexta", "feira",
        "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
        "januari", "februari", "maart", "mei", "augustus",
        "ago", "today", "yesterday", "hours", "hour", "minutes", "min", "mins", "days", "heute", "gestern",
        "hier", "ayer", "hoy", "ontem", "hoje",
        // Chinese and Japanese dates ("2024年6月10日", "6/10(月)"): the unit characters remain.
        "年", "月", "日", "时", "分", "時", "今天", "昨天", "小时前", "分钟前", "今日", "昨日", "時間前", "分前",
    ])

    /// Words that may surround a date or name in such a line.
    static let fillerWords = Set<Substring>([
        "by", "on", "at", "published", "updated", "posted", "first", "last", "modified", "created", "date",
        "am", "pm", "a", "m", "p", "est", "edt", "cst", "cdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
        "ist", "jst", "ict", "wib", "and", "the", "of", "in", "to", "written", "story", "staff", "reporter",
        "correspondent", "editor", "news", "desk", "agency", "writer", "contributor", "photo", "photos",
        "von", "veröffentlicht", "aktualisiert", "am", "um", "uhr", "stand", "par", "publié", "le", "mis",
        "à", "jour", "h", "por", "publicado", "actualizado", "el", "de", "del", "las", "los", "às", "em",
        "atualizado", "di", "pubblicato", "alle", "ore", "il", "door", "gepubliceerd", "om", "op", "av",
        "read", "time", "reading", "share", "comments", "comment", "views", "view",
        // The labels of Chinese, Japanese and Thai datelines ("发布时间：... 来源：... 浏览次数：...").
        "发布时间", "发布日期", "发布", "时间", "日期", "来源", "作者", "编辑", "责任编辑", "记者", "浏览次数",
        "浏览", "点击", "阅读", "字号", "發布時間", "來源", "編輯", "配信", "更新", "公開", "投稿日", "更新日",
        "公開日", "最終更新", "โดย", "เผยแพร่", "อัปเดต", "วันที่",
    ])

    /// Three number groups joined by `.`, `/` or `-` ("20.11.2019", "11/18/19"), or a clock time ("10:43").
    static func looksLikeNumericDate(_ text: String) -> Bool {
        var groups = 0, run = 0
        var lastSep: Character?
        var clock = false
        var prev: Character = " "
        for ch in text {
            if ch.isASCII && ch.isNumber {
                run += 1
            } else {
                if run > 0 {
                    if ".-/".contains(ch) && (lastSep == nil || lastSep == ch) { groups += 1; lastSep = ch }
                    else { groups = lastSep != nil ? groups + 1 : 0; if groups >= 3 { return true }; groups = 0; lastSep = nil }
                    if ch == ":" && prev.isNumber { clock = true }
                }
                run = 0
            }
            prev = ch
        }
        if run > 0, lastSep != nil { groups += 1 }
        return groups >= 3 || clock
    }

    /// After the first word, most words start with a capital (or the script has no case), and the
    /// text does not end like a sentence.
    static func looksLikeNames(_ text: String) -> Bool {
        let t = text.trimmingWhitespace()
        if let last = t.last, ".!?。".contains(last) { return false }
        let words = t.split(whereSeparator: { $0.isWhitespace }).dropFirst()
        guard !words.isEmpty else { return false }
        var cased = 0, capital = 0
        for w in words {
            guard let f = w.first(where: { $0.isLetter }) else { continue }
            if f.isUppercase || f.isLowercase {
                cased += 1
                if f.isUppercase { capital += 1 }
            }
        }
        return cased == 0 || capital * 2 >= cased
    }

    static let byWords: Set<Substring> = ["by", "von", "par", "por", "di", "door", "av", "від", "от", "autor", "author"]

    /// Whether a short text is only a byline and/or a date. `author` is the metadata's author in label form.
    static func isDateLine(_ text: String, author: String?) -> Bool {
        let label = BoilerplateLexicon.label(text)
        let words = label.split(separator: " ")
        let digits = text.contains { $0.isNumber }
        // "2019-11-20 10:43", "20.11.2019": numbers and separators only (not a price, "$139.00").
        if words.isEmpty { return digits && looksLikeNumericDate(text) }
        guard words.count <= 16 else { return false }
        // A run of Chinese or Japanese is one "word" here however long it is: a line that ends
        // like a sentence ("2024年6月10日，记者来到现场。") is prose, not a dateline.
        if let last = text.trimmingWhitespace().last, "。！？".contains(last) { return false }
        let authorWords = Set((author ?? "").split(separator: " "))
        var dateSignal = digits && looksLikeNumericDate(text)
        var authorSignal = false
        var unknown = 0
        for w in words {
            if calendarWords.contains(w) { dateSignal = true; continue }
            if authorWords.contains(w) { authorSignal = true; continue }
            if fillerWords.contains(w) || byWords.contains(w) { continue }
            unknown += 1
        }
        // "By Jane Doe": a by-word first, then a few capitalized names, and no full stop ("By then it
        // was too late." is prose).
        if let first = words.first, byWords.contains(first), words.count <= 7, looksLikeNames(text) { return true }
        if authorSignal && unknown <= 1 && words.count <= authorWords.count + 10 { return true }
        return dateSignal && unknown <= 1
    }
}
