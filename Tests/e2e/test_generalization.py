"""Pages and feeds unlike the ones the parser was tuned on, end to end over loopback: an article page
with a grid of related-story cards read with type = "auto", and a feed URL that starts answering
with a bot challenge instead of its feed."""

import json

from harness import ROOT, items, rss

FIXTURES = ROOT / "Tests" / "FeedSyncParsingTests" / "Fixtures" / "HTML"
BOILERPLATE = ["Try Our AI Features", "Explore what Newsloop AI", "Comments", "No comments yet", "DOWNLOAD THE APP",
               "Download the App", "app-store", "play-store", "Orange background", "Privacy", "Sign in"]
CARDS = {
    "/world/eu-rail-passes-expand-9f21": "EU expands free rail passes for young travellers",
    "/world/eu-free-rail-pass-young-c3a0": "EU to expand free rail passes for young travelers",
    "/business/sleeper-car-maker-orders-77b1": "Sleeper car maker doubles output after record orders",
    "/world/airport-slots-cut-schiphol-5d4e": "Court allows Schiphol to cut flights by ten percent",
}

CHALLENGE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="390"><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray={ray}"></script>
</head><body><div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title">127.0.0.1</h1>
<h2 class="h2">Checking if the site connection is secure</h2><div id="challenge-stage"></div>
<div class="core-msg">127.0.0.1 needs to review the security of your connection before proceeding.</div>
</div></div><div class="footer">Ray ID: <code>{ray}</code></div></body></html>"""


def test_auto_article_page_delivers_the_article_and_every_related_card(server, ws):
    page = (FIXTURES / "article-related-cards.html").read_text(encoding="utf-8")
    server.route("/world/night-trains", body=page, content_type="text/html; charset=utf-8")
    url = server.url("/world/night-trains")
    ws.write_config([{"name": "newsloop", "url": url, "type": "auto"}])
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    got = ws.items()
    by_link = {i["link"]: i for i in got}
    article = by_link.get(url)
    assert article is not None, sorted(by_link)
    assert article["title"] == "Dutch parliament backs plan to reopen night trains to Vienna"
    assert "eleven million euros" in article["text"]
    for path, title in CARDS.items():
        card = by_link.get(server.url(path))
        assert card is not None, (path, sorted(by_link))
        assert card["title"] == title
    assert len(got) == 1 + len(CARDS)
    blob = json.dumps(got, ensure_ascii=False)
    for phrase in BOILERPLATE:
        assert phrase not in blob, phrase
    # The same page again: nothing new.
    assert ws.run("sync").returncode == 0
    assert len(ws.items()) == len(got)


def test_feed_url_answering_with_a_bot_challenge_fails_and_delivers_nothing(server, ws):
    server.route("/feed.xml", body=rss(items("chal", 3)).decode(), content_type="application/rss+xml", etag='"feed-v1"')
    ws.write_config([{"name": "news", "url": server.url("/feed.xml")}])
    assert ws.run("sync").returncode == 0
    assert sorted(i["guid"] for i in ws.items()) == ["chal-0", "chal-1", "chal-2"]
    [before] = [json.loads(line) for line in ws.run("status", "--json").stdout.splitlines() if line.strip()]
    assert before["etag"] == '"feed-v1"' and before["items_delivered"] == 3
    for ray in ("8f2a91c0ce4d12ab", "91bb03aa7e21c9f0"):   # the token changes from one answer to the next
        server.route("/feed.xml", body=CHALLENGE.format(ray=ray), content_type="text/html; charset=UTF-8")
        r = ws.run("sync", "--force")                          # past the backoff of the failure before
        assert r.returncode != 0
        out = (r.stdout + r.stderr).replace('\\"', '"')          # log values are quoted
        assert 'expected a feed, got an HTML page: a bot challenge page ("Just a moment...")' in out
        assert len(ws.items()) == 3                            # no page item, no "changed" item
    [st] = [json.loads(line) for line in ws.run("status", "--json").stdout.splitlines() if line.strip()]
    assert "Just a moment" in st["last_error"]
    assert st["etag"] == '"feed-v1"' and st["items_delivered"] == 3     # validators and items kept
    # The feed comes back: nothing is delivered again.
    server.route("/feed.xml", body=rss(items("chal", 3)).decode(), content_type="application/rss+xml")
    assert ws.run("sync", "--force").returncode == 0
    assert len(ws.items()) == 3
