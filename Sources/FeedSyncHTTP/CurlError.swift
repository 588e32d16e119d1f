import CCurl
import FeedSyncCore

/// The one error type of this module: a libcurl result code, libcurl's own words for it and the
/// URL it happened on (credentials removed).
///
/// Easy-handle codes (`CURLcode`) and multi-handle codes (`CURLMcode`) share this type; `api` says
/// which call produced the code so that a log line points at the failing call.
struct CurlError: Error, Sendable, CustomStringConvertible {
    /// Which family the raw code belongs to.
    enum Domain: Sendable { case easy, multi, url }

    var domain: Domain
    /// The raw `CURLcode`, `CURLMcode` or `CURLUcode` value.
    var code: Int32
    /// The libcurl call or option that failed, e.g. `curl_easy_setopt(CURLOPT_CAINFO)`.
    var api: String
    /// The text of curl's error buffer when it has one, else `curl_easy_strerror`.
    var message: String
    /// The request URL with any user-info removed.
    var url: String

    init(easy code: CURLcode, api: String, errorBuffer: String? = nil, url: String) {
        domain = .easy
        self.code = Int32(bitPattern: code.rawValue)
        self.api = api
        if let text = errorBuffer, !text.isEmpty {
            message = text
        } else {
            message = String(cString: curl_easy_strerror(code))
        }
        self.url = URLRedaction.redact(url)
    }

    init(multi code: CURLMcode, api: String, url: String = "") {
        domain = .multi
        self.code = code.rawValue
        self.api = api
        message = String(cString: curl_multi_strerror(code))
        self.url = URLRedaction.redact(url)
    }

    init(url code: CURLUcode, api: String, url: String) {
        domain = .url
        self.code = Int32(bitPattern: code.rawValue)
        self.api = api
        message = String(cString: curl_url_strerror(code))
        self.url = URLRedaction.redact(url)
    }

    var description: String { "\(message) (\(api), code \(code)) for \(url)" }

    /// How the sync engine should read this failure.
    var kind: FetchFailure.Kind {
        if domain == .url {
            return CURLUcode(rawValue: UInt32(bitPattern: code)) == CURLUE_UNSUPPORTED_SCHEME ? .forbidden : .other
        }
        guard domain == .easy else { return .other }
        switch CURLcode(rawValue: UInt32(bitPattern: code)) {
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns
        case CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            return .connect
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            return .tls
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL:
            // PROTOCOLS_STR / REDIR_PROTOCOLS_STR refused the scheme (e.g. a redirect to file:).
            return .forbidden
        case CURLE_FILESIZE_EXCEEDED:
            return .tooLarge
        default:
            return .other
        }
    }

    /// The value handed to the caller.
    var failure: FetchFailure {
        FetchFailure(kind: kind, message: "\(message) (\(url))")
    }
}

/// Check a `CURLcode` where the call is made.
@inline(__always)
func check(_ code: CURLcode, _ api: @autoclosure () -> String, url: @autoclosure () -> String) throws(CurlError) {
    if code != CURLE_OK { throw CurlError(easy: code, api: api(), url: url()) }
}
