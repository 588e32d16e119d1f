/// Words and phrases that give boilerplate away, in the languages news sites are written in.
///
/// Two kinds: fragments of `class`/`id` values (matched as substrings of the lower-cased attribute
/// text, the way Readability's regular expressions do) and visible labels (matched against
/// `BoilerplateLexicon.label(_:)`, the text case-folded with digits and punctuation dropped, so
/// "Comments (12)", "12 comments" and "COMMENTS:" are all "comments").
enum BoilerplateLexicon {
    // MARK: class and id fragments

    /// Blocks that are almost never the article (Readability's "unlikely candidates", widened).
    static let unlikelyHints = [
        "-ad-", "ad-break", "adbox", "advert", "agegate", "banner", "breadcrumb", "combx", "comment", "community",
        "cookie", "consent", "cover-wrap", "disqus", "extra", "gdpr", "legends", "menu",
        "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
        "supplemental", "pagination", "pager", "popup", "yom-remote", "outbrain", "taboola", "modal",
        // Other languages' class names.
        "kommentar", "commentaire", "comentario", "commenti", "werbung", "anzeige", "publicidad", "publicite",
        "reklam",
    ]

    /// Page headers and footers; inside an article or list item they are its own (`Options.sectionChrome`).
    static let chromeHints = ["header", "footer"]

    /// Like `unlikelyHints`, but also common in section slugs and wrapper names
    /// (`id="sharing-with-a-single-developer"`): they only remove blocks that do not read as prose.
    static let weakUnlikelyHints = [
        "newsletter", "subscribe", "signup", "share", "sharing", "promo", "toolbar", "navbar",
        "masthead", "app-download", "appbanner", "app-banner", "teilen", "partager", "compartir", "condividi",
    ]

    /// Fragments of blocks that list other stories: furniture beside an article, but on a landing
    /// page possibly the items themselves (so they only count with `Options.relatedSections`).
    static let relatedHints = ["related"]

    /// Like `relatedHints`, but only for blocks that do not read as prose.
    static let weakRelatedHints = ["recirc", "most-popular", "mostpopular", "trending", "relacionad", "correlat",
                                   "verwandt"]

    /// Fragments that rescue an "unlikely" block: it may be the article's wrapper.
    static let maybeHints = ["and", "article", "body", "column", "content", "main", "shadow", "mathjax", "embed",
                             "artikel", "inhalt", "contenu", "conteudo", "contenido", "noticia", "materia"]

    /// Fragments that lower a block's score.
    static let negativeHints = [
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
        "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
        "sponsor", "shopping", "tags", "widget", "taboola", "newsletter", "subscribe", "recommend", "byline",
        "author", "caption", "credit", "social", "teaser", "kommentar", "commentaire", "comentario",
        "werbung", "anzeige", "publicidad", "relacionad", "correlat", "navigation", "breadcrumb", "copyright",
    ]

    /// Fragments that raise a block's score: where CMSs put the article.
    static let positiveHints = [
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog",
        "story", "artikel", "inhalt", "contenu", "texte", "conteudo", "contenido", "cuerpo", "noticia",
        "materia", "testo", "articolo", "tresc", "icerik", "haber", "berita", "detail", "prose", "rich-text",
        "richtext", "td-post", "single",
    ]

    /// ARIA roles of blocks that are never the article.
    static let boilerplateRoles: Set<String> = [
        "navigation", "menu", "menubar", "complementary", "banner", "contentinfo", "search", "dialog",
        "alertdialog", "tablist", "toolbar",
    ]

    // MARK: visible labels

    /// Headings that open a list of other articles.
    static let relatedLabels: Set<String> = labels([
        // English
        "related", "related articles", "related stories", "related posts", "related content", "related news",
        "related coverage", "related reading", "related links", "related topics", "related video",
        "related videos", "read next", "read also", "also read", "more stories", "more news",
        "more articles", "more on this", "more on this story", "more on this topic", "you may also like",
        "you might also like", "you may be interested in", "you might be interested in", "recommended",
        "recommended for you", "recommended stories", "recommended articles", "recommended reading",
        "most popular", "most read", "most viewed", "popular", "popular stories", "popular posts",
        "trending", "trending now", "trending stories", "top stories", "latest news", "latest stories",
        "latest articles", "in other news", "what to read next", "editor's picks", "editors picks",
        "around the web", "from the web", "sponsored", "sponsored content", "sponsored stories",
        "promoted stories", "more like this", "keep reading", "don't miss", "also on", "also in the news",
        "next article", "previous article", "more headlines", "up next", "watch next", "you may like",
        "related articles and features", "we recommend", "more to explore", "news feed",
        // German, French, Spanish, Portuguese, Italian, Dutch, Polish
        "weitere artikel", "mehr zum thema", "das könnte sie auch interessieren", "lesen sie auch",
        "auch interessant", "verwandte artikel", "ähnliche artikel", "meistgelesen", "meistgelesene artikel",
        "empfehlungen", "das könnte dich auch interessieren", "zum thema",
        "à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet", "articles similaires",
        "articles liés", "vous aimerez aussi", "les plus lus", "à voir aussi", "dans la même rubrique",
        "articles connexes", "à lire également", "nos autres articles",
        "noticias relacionadas", "artículos relacionados", "te puede interesar", "también te puede interesar",
        "lo más leído", "más noticias", "lee también", "ver también", "relacionado", "relacionados",
        "contenido relacionado", "más leídas", "te recomendamos",
        "notícias relacionadas", "leia também", "veja também", "artigos relacionados", "posts relacionados",
        "mais lidas", "você pode gostar", "matérias relacionadas",
        "articoli correlati", "leggi anche", "potrebbe interessarti", "ti potrebbe interessare",
        "i più letti", "correlati", "notizie correlate", "potrebbe interessarti anche",
        "lees ook", "gerelateerde artikelen", "meest gelezen", "ook interessant", "meer nieuws",
        "czytaj także", "czytaj też", "zobacz też", "zobacz także", "powiązane artykuły",
        "najczęściej czytane", "polecane",
        // Russian, Ukrainian, Turkish, Indonesian, Vietnamese, Nordic
        "читайте также", "похожие статьи", "похожие новости", "по теме", "популярное", "самое читаемое",
        "смотрите также", "другие новости", "новости по теме", "самые популярные", "популярные статьи",
        "рекомендуем", "вам также может понравиться", "последние новости", "читайте також", "схожі новини",
        "ilgili haberler", "benzer haberler", "bunlar da ilginizi çekebilir", "en çok okunanlar",
        "ilgili içerikler", "baca juga", "berita terkait", "artikel terkait", "terpopuler",
        "tin liên quan", "bài viết liên quan", "đọc thêm", "xem thêm",
        "läs också", "relaterade artiklar", "læs også", "les også", "relaterte saker",
        // Arabic, Hindi, Chinese, Japanese, Korean
        "اقرأ أيضا", "اقرأ أيضاً", "مقالات ذات صلة", "أخبار ذات صلة", "الأكثر قراءة",
        "यह भी पढ़ें", "संबंधित खबरें", "ये भी पढ़ें",
        "相关文章", "相关阅读", "相关新闻", "推荐阅读", "延伸阅读", "热门文章", "猜你喜欢", "相關文章",
        "相關新聞", "延伸閱讀", "推薦閱讀", "热门推荐", "相关推荐",
        "関連記事", "関連ニュース", "おすすめ記事", "人気記事", "こちらもおすすめ", "あわせて読みたい",
        "관련기사", "관련 기사", "추천 기사", "많이 본 뉴스", "인기 기사", "함께 볼만한 뉴스",
    ])

    /// Label prefixes of related-links headings ("More from Reuters", "More in Politics").
    static let relatedPrefixes = ["more from ", "more in ", "more on ", "more about ", "more by ",
                                  "other stories", "latest from ", "mehr aus ", "plus de ", "más de ", "mais de "]

    /// First and last words of English headings over lists of other stories ("More great stories").
    static let listOpeners: Set<Substring> = ["more", "other", "latest", "recent", "related", "popular", "trending",
                                              "top", "recommended", "similar", "featured", "most"]
    static let listNouns: Set<Substring> = ["stories", "news", "articles", "posts", "headlines", "videos", "reads",
                                            "content", "links", "coverage", "features", "galleries"]

    /// Headings and notices of comment widgets.
    static let commentLabels: Set<String> = labels([
        "comment", "comments", "leave a comment", "leave a reply", "post a comment", "add a comment",
        "add comment", "join the discussion", "join the conversation", "discussion", "no comments yet",
        "no comments", "responses", "reader comments", "show comments", "view comments", "load comments",
        "be the first to comment", "there are no comments yet", "comments are closed", "reply",
        "what do you think", "write a comment", "conversation", "comments for this thread are now closed",
        "kommentare", "kommentar schreiben", "kommentar", "commentaires", "laisser un commentaire",
        "commentaire", "réagir", "comentarios", "deja un comentario", "comentario", "deixe um comentário",
        "comentários", "deixe seu comentário", "commenti", "lascia un commento", "reacties",
        "komentarze", "комментарии", "комментариев", "yorumlar", "yorum yap", "评论", "評論", "留言",
        "发表评论", "网友评论", "コメント", "댓글", "التعليقات", "تعليقات", "komentar", "bình luận",
    ])

    /// Calls to action of app, newsletter and feature promos, matched inside short blocks.
    static let promoPhrases: [String] = [
        "download the app", "download our app", "get the app", "download app",
        "open in app", "get it on google play", "download on the app store", "available on the app store",
        "try our ai", "subscribe to our newsletter", "sign up for our newsletter", "sign up for the newsletter",
        "subscribe to the newsletter", "get our newsletter", "follow us on", "like us on facebook",
        "app herunterladen", "laden sie die app", "jetzt die app", "télécharger l'application",
        "téléchargez l'application", "téléchargez notre application", "descarga la app",
        "descargue la aplicación", "descarga nuestra app", "baixe o app", "baixe o aplicativo",
        "scarica l'app", "scarica la app", "скачать приложение", "скачайте приложение",
        "uygulamayı indir", "下载app", "下載app", "下载客户端", "アプリをダウンロード", "앱 다운로드",
        "حمل التطبيق", "unduh aplikasi",
    ]

    /// Comment-widget notices that stand for an empty comment list.
    static let commentNotices: Set<String> = Set([
        "no comments yet", "no comments", "be the first to comment", "there are no comments yet",
        "comments are closed", "there are no comments", "be the first to comment on this article",
        "noch keine kommentare", "aucun commentaire", "sin comentarios", "nenhum comentário",
        "nessun commento", "комментариев нет", "暂无评论", "コメントはまだありません", "댓글이 없습니다",
    ].map { label($0) })

    /// Whether a label (see `label(_:)`) is a call to action: an app, newsletter or feature promo.
    static func isPromo(_ label: String) -> Bool {
        let bytes = Array(label.utf8)
        for p in promoPhrases where ByteSearch.contains(bytes, p) { return true }
        // "Download Daily8 app today": a download verb with an app noun at most three words on.
        let words = label.split(separator: " ")
        for (i, w) in words.enumerated() where downloadVerbs.contains(w) {
            for j in (i + 1)..<min(words.count, i + 4) where appNouns.contains(words[j]) {
                return true
            }
        }
        // "Sign up for the free daily newsletter", "Subscribe to our sister title ... magazine".
        var cta = false, offer = false
        for (i, w) in words.enumerated() {
            if subscribeVerbs.contains(w) { cta = true }
            if w == "sign" || w == "click", i + 1 < words.count, words[i + 1] == "up" || words[i + 1] == "here" { cta = true }
            if offerNouns.contains(w) { offer = true }
        }
        return cta && offer
    }

    /// Only "download": "install the app" and "get an app approved" are how-to and news prose.
    static let downloadVerbs: Set<Substring> = ["download", "herunterladen", "télécharger", "téléchargez", "descarga",
                                                "descargue", "baixe", "scarica", "скачайте"]
    static let appNouns: Set<Substring> = ["app", "application", "aplicación", "aplicativo", "приложение"]
    static let subscribeVerbs: Set<Substring> = ["subscribe", "abonnieren", "abonnez", "inscrivez", "suscríbete",
                                                 "suscríbase", "inscreva", "assine", "iscriviti", "abbonati", "subskrybuj"]
    static let offerNouns: Set<Substring> = ["newsletter", "newsletters", "inbox", "magazine", "subscription", "issues",
                                             "trial", "infolettre", "boletín", "letterbox", "mailbox", "e-mail", "email",
                                             "podcast", "offer", "today", "free"]

    /// Labels that stand alone as ad slots, share prompts and other one-line furniture.
    static let furnitureLabels: Set<String> = labels([
        "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "anzeige", "werbung",
        "publicité", "publicidad", "pubblicità", "реклама", "广告", "광고", "إعلان", "reklam", "iklan",
        "share", "share this", "share this article", "share this story", "share this post", "share on facebook",
        "share on twitter", "tweet", "email", "print", "share via email", "copy link", "copied",
        "teilen", "partager", "compartir", "compartilhar", "condividi", "поделиться", "分享", "공유",
        "continue reading", "continue reading below", "story continues below", "article continues below",
        "scroll to continue with content", "skip advertisement", "weiterlesen", "lire la suite", "leer más",
        "read the full story", "click here", "read more", "leia mais", "más información", "اقرأ المزيد",
        "show more", "see more", "load more", "mehr lesen", "en savoir plus", "back to top", "top", "loading", "close", "skip to main content",
        "skip to content", "image", "photo", "video", "watch", "listen", "listen to this article",
        "subscribe", "sign up", "log in", "login", "register", "follow", "follow us", "newsletter",
        "tags", "topics", "filed under", "categories", "category", "schlagworte", "étiquettes", "etiquetas",
    ])

    /// Hosts whose links make a share or follow bar.
    static let socialHosts = [
        "facebook.com", "twitter.com", "x.com/intent", "x.com/share", "linkedin.com", "pinterest.", "reddit.com/submit",
        "wa.me/", "whatsapp", "t.me/", "telegram.me", "instagram.com", "youtube.com/c", "youtube.com/user",
        "youtube.com/@", "tumblr.com/share", "vk.com/share", "getpocket.com", "flipboard.com", "line.me",
        "xing.com", "weibo.com", "plus.google.com", "news.google.com", "tiktok.com/@", "threads.net",
        "bsky.app", "mailto:", "share.",
    ]

    /// Hosts of mobile app stores (their badges make promo blocks).
    static let appStoreHosts = ["apps.apple.com", "itunes.apple.com", "play.google.com", "appgallery.huawei.com",
                                "onelink.me", "app.link", "app.adjust.com"]

    /// Whether a short visible text is furniture by its wording alone: a one-line label
    /// ("Share this article"), a comment-widget heading or notice, or a call to action
    /// ("Get Started Now: Download the App"). For texts seen out of their block, such as link texts.
    static func isFurnitureText<S: StringProtocol>(_ text: S) -> Bool {
        let l = label(text)
        guard !l.isEmpty else { return false }
        return furnitureLabels.contains(l) || commentLabels.contains(l) || commentNotices.contains(l) || isPromo(l)
    }

    // MARK: helpers

    /// The label form of a visible text: lower-cased, digits and punctuation dropped, spaces collapsed.
    /// Works on Unicode scalars with an ASCII fast path: it runs over every short block of a page.
    static func label<S: StringProtocol>(_ text: S) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in text.unicodeScalars {
            let v = u.value
            var keep: Unicode.Scalar?
            if v < 0x80 {
                if v >= 65 && v <= 90 { keep = Unicode.Scalar(v + 32) }
                else if (v >= 97 && v <= 122) || v == 39 { keep = u }
            } else if v == 0x2019 {
                keep = "'"
            } else {
                let p = u.properties
                if p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark {
                    if p.changesWhenLowercased, let l = p.lowercaseMapping.unicodeScalars.first,
                       p.lowercaseMapping.unicodeScalars.count == 1 {
                        keep = l
                    } else {
                        keep = u
                    }
                }
            }
            if let k = keep {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(k)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    private static func labels(_ list: [String]) -> Set<String> { Set(list.map { label($0) }) }

    /// Whether the (lower-cased) haystack contains any of the fragments.
    static func containsAny(_ haystack: String, _ needles: [String]) -> Bool {
        if haystack.isEmpty { return false }
        let h = Array(haystack.utf8)
        for n in needles where ByteSearch.contains(h, n) { return true }
        return false
    }
}

/// Substring search over UTF-8 bytes (class names are short; no need for anything cleverer).
enum ByteSearch {
    static func contains(_ h: [UInt8], _ needle: String) -> Bool {
        var found = false
        needle.utf8.withContiguousStorageIfAvailable { n in
            let m = n.count, len = h.count
            guard m > 0, m <= len, let first = n.first else { return }
            var i = 0
            while i <= len - m {
                if h[i] == first {
                    var k = 1
                    while k < m && h[i + k] == n[k] { k += 1 }
                    if k == m { found = true; return }
                }
                i += 1
            }
        }
        return found
    }
}
