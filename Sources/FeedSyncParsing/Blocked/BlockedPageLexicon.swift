/// The wording and markup that bot challenges, login walls and parked domains share, across the
/// services that serve them (lower-case).
enum BlockedPageLexicon {
    /// Titles challenge pages start with ("Just a moment...", "Attention Required! | ...").
    static let challengeTitles = [
        "just a moment", "attention required", "please wait", "one more step", "security check",
        "checking your browser", "ddos protection", "robot check", "are you a robot", "are you human",
        "pardon our interruption", "access denied", "verify you are human", "human verification",
        "bot verification", "captcha",
    ]

    /// What a challenge says it is doing, in its text or title.
    static let challengePhrases = [
        "checking your browser", "checking if the site connection is secure", "verify you are human",
        "verifying you are human", "verify that you are human", "verify you are not a robot",
        "confirm you are not a robot", "prove you are human", "complete the security check",
        "please complete the captcha", "solve the captcha", "enable javascript and cookies to continue",
        "unusual traffic from your computer", "automated queries", "needs to review the security of your connection",
        "this process is automatic", "ddos protection by", "request unsuccessful. incapsula",
        "we need to make sure you're not a robot", "press & hold", "access to this page has been denied",
    ]

    /// Markup of challenge scripts and captcha widgets (script paths, element ids, classes).
    static let challengeMarkers = [
        "cf-chl", "cf_chl", "/cdn-cgi/challenge-platform", "challenges.cloudflare.com", "cf-browser-verification",
        "g-recaptcha", "recaptcha/api.js", "h-captcha", "hcaptcha.com", "captcha-delivery.com", "geo.captcha",
        "_incapsula_resource", "px-captcha", "perimeterx", "awswaf", "sucuri_cloudproxy", "ddos-guard",
        "cf-turnstile", "friendlycaptcha", "arkoselabs", "funcaptcha",
    ]

    /// Parked-domain wording.
    static let parkedPhrases = [
        "this domain is for sale", "this domain may be for sale", "domain is for sale", "buy this domain",
        "the domain name is for sale", "this domain name is for sale", "is parked free", "domain parking",
        "this domain has expired", "this domain is parked", "parked by", "make an offer on this domain",
        "inquire about this domain",
    ]

    /// Scripts and links of parking services.
    static let parkingMarkers = [
        "sedoparking", "parkingcrew", "bodis.com", "above.com/marketplace", "dan.com/buy-domain",
        "afternic.com", "hugedomains.com", "parklogic", "domainmarket.com",
    ]

    /// What a sign-in form is called.
    static let loginPhrases = [
        "sign in", "log in", "login", "signin", "log on", "logon", "anmelden", "connexion", "iniciar sesión",
        "accedi", "inloggen", "登录", "ログイン", "로그인", "войти",
    ]
}
