"""HTML sources end to end: selectors, automatic item blocks, page watch, feed autodiscovery, and
cross-source near-duplicates, over loopback with fixture pages written for these tests."""

import json
import sys
from pathlib import Path

from harness import ROOT, items, rss

FIXTURES = ROOT / "Tests" / "FeedSyncParsingTests" / "Fixtures" / "HTML"
sys.path.insert(0, str(ROOT / "Tests" / "Data" / "dedup-pairs"))
BOILERPLATE = ["Try Our AI Features", "DOWNLOAD THE APP", "No comments yet", "Share on Facebook",
               "Download on the App Store", "Get it on Google Play"]


def page(name):
    return (FIXTURES / name).read_text(encoding="utf-8")


def assert_no_boilerplate(got):
    blob = json.dumps(got, ensure_ascii=False)
    for phrase in BOILERPLATE:
        assert phrase not in blob, phrase


def test_selectors_extract_every_card(server, ws):
    server.route("/news/", body=page("landing-cards.html"), content_type="text/html; charset=utf-8")
    ws.write_config([{"name": "cards", "url": server.url("/news/"), "type": "html",
                      "select": {"item": "article.card", "title": "h2.card__title", "link": "h2 a@href",
                                 "date": "time@datetime", "summary": "p.card__teaser", "author": ".byline"}}])
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    got = ws.items()
    assert len(got) == 6
    flood = next(i for i in got if "flood" in i["link"])
    assert flood["title"] == "Council approves £40m flood defences for the old town"
    assert flood["link"] == "https://harbourtimes.example/news/world/flood-defences-approved"  # <base href>
    assert flood["published"] == "2025-07-04T07:10:00Z"
    assert "river wall" in flood["text"]
    assert_no_boilerplate(got)
    assert ws.run("sync").returncode == 0 and len(ws.items()) == 6


def test_automatic_item_blocks_without_selectors(server, ws):
    server.route("/news/", body=page("landing-cards.html"), content_type="text/html; charset=utf-8")
    ws.write_config([{"name": "cards", "url": server.url("/news/"), "type": "html"}])
    assert ws.run("sync").returncode == 0
    got = ws.items()
    assert len(got) == 6
    assert all(i["link"].startswith("https://harbourtimes.example/news/world/") for i in got)
    assert any(i["title"] == "Island ferry adds late sailings for the summer season" for i in got)
    assert_no_boilerplate(got)


def test_page_watch_delivers_the_article_then_a_change_with_a_diff(server, ws):
    original = page("seed-article.html")
    server.route("/article", body=original, content_type="text/html; charset=utf-8")
    ws.write_config([{"name": "watch", "url": server.url("/article"), "type": "html"}])
    assert ws.run("sync").returncode == 0
    [first] = ws.items()
    assert first["event"] == "new"
    assert "told US President Donald Trump by telephone" in first["text"]
    assert_no_boilerplate(first)
    assert ws.run("sync").returncode == 0
    assert len(ws.items()) == 1                      # unchanged page: nothing new
    changed = original.replace("The Kremlin said the call lasted almost an hour.",
                               "The Kremlin said the call lasted almost two hours.")
    assert changed != original
    server.route("/article", body=changed, content_type="text/html; charset=utf-8")
    assert ws.run("sync").returncode == 0
    got = ws.items()
    assert [i["event"] for i in got] == ["new", "changed"]
    assert got[1]["id"] == got[0]["id"]
    assert "+" in got[1]["diff"] and "two hours" in got[1]["diff"] and "almost an hour" in got[1]["diff"]
    assert_no_boilerplate(got)


def test_autodiscovery_polls_the_advertised_feed(server, ws):
    server.route("/blog/", body=page("feed-link.html"), content_type="text/html; charset=utf-8")
    server.route("/feed.xml", body=rss(items("disc", 3)).decode(), content_type="application/rss+xml")
    ws.write_config([{"name": "blog", "url": server.url("/blog/")}])
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    assert sorted(i["guid"] for i in ws.items()) == ["disc-0", "disc-1", "disc-2"]
    st = json.loads(ws.run("status", "--json").stdout)
    assert st["effective_url"] == server.url("/feed.xml")
    assert st["effective_url_reason"] == "feed autodiscovery"
    server.reset()
    assert ws.run("sync").returncode == 0
    assert [r["path"] for r in server.requests()] == ["/feed.xml"]   # straight to the feed


def test_same_story_from_two_outlets_is_marked_duplicate(server, ws):
    import stories_seed as seed  # the seed page's stories
    stories = [seed.SWAP_ARAB_NEWS, seed.HAMAS_TRUCE, seed.SWAP_AL_ARABIYA, seed.PUTIN_TRUMP]
    feeds = {}
    for n, s in enumerate(stories):
        feeds[f"outlet{n}"] = [{"guid": f"story-{n}", "title": s["title"], "link": f"http://example.org/{n}",
                                "description": s["text"]}]
    sources = []
    for name, its in feeds.items():
        server.route(f"/{name}.xml", body=rss(its).decode())
        sources.append({"name": name, "url": server.url(f"/{name}.xml")})
    # One source at a time, in order, so "first copy" is well defined.
    ws.write_config(sources)
    for s in sources:
        assert ws.run("sync", "--source", s["name"]).returncode == 0
    got = {i["source"]: i for i in ws.items()}
    swap = [n for n, s in enumerate(stories) if "prisoner swap" in s["title"]]
    assert len(swap) == 2
    first, second = (f"outlet{n}" for n in swap)
    assert "duplicate_of" not in got[first]
    assert got[second]["duplicate_of"] == {"id": got[first]["id"], "source": first}
    others = [f"outlet{n}" for n in range(len(stories)) if n not in swap]
    assert others and all("duplicate_of" not in got[o] for o in others)


def test_duplicates_drop_records_without_delivering(server, ws):
    text = ("Engineers finished the new river crossing on Tuesday after four years of work, the city said, "
            "and the first trams will run across it next month once safety checks are complete.")
    server.route("/a.xml", body=rss([{"guid": "a1", "title": "New river bridge opens", "description": text}]).decode())
    server.route("/b.xml", body=rss([{"guid": "b1", "title": "New river bridge opens", "description": text}]).decode())
    ws.write_config([{"name": "a", "url": server.url("/a.xml")},
                     {"name": "b", "url": server.url("/b.xml"), "duplicates": "drop"}])
    assert ws.run("sync", "--source", "a").returncode == 0
    assert ws.run("sync", "--source", "b").returncode == 0
    assert [i["source"] for i in ws.items()] == ["a"]


SPONSORED = "Sponsored · 2 min read"
CARD_STORIES = [
    ("tram-line", "Tram line reopens after track repairs", "Services resume on the eastern branch from Monday morning."),
    ("library-hours", "Central library extends its opening hours", "The reading rooms will stay open until nine on weekdays."),
    ("harbour-fees", "Harbour fees rise for private moorings", "Owners will pay eight percent more from the first of August."),
    ("park-concerts", "Summer concerts return to the riverside park", "Six free evenings are planned, the first on Saturday."),
]


def sponsored_landing_page(n):
    """A landing page with the first n stories as cards, each carrying the same meta line."""
    cards = "\n".join(f"""
      <article class="card">
        <h2><a href="/news/{slug}">{title}</a></h2>
        <div class="card__body"><p>{teaser}</p><p class="meta">{SPONSORED}</p></div>
      </article>""" for slug, title, teaser in CARD_STORIES[:n])
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Local</title></head>
<body><main>{cards}
</main></body></html>"""


def test_line_recurring_across_cards_is_learned_and_left_out_of_new_items(server, ws):
    ws.write_config([{"name": "local", "url": server.url("/local/"), "type": "html",
                      "select": {"item": "article.card", "title": "h2", "link": "h2 a@href",
                                 "summary": "div.card__body"}}])

    def poll(n):
        server.route("/local/", body=sponsored_landing_page(n), content_type="text/html; charset=utf-8")
        r = ws.run("sync")
        assert r.returncode == 0, r.stderr
        return {i["title"]: i for i in ws.items()}

    # Poll 1: two cards, two occurrences: not yet learned, the line is still in the text.
    got = poll(2)
    assert len(got) == 2
    assert all(SPONSORED in i["text"] for i in got.values())
    # Poll 2: the two known cards and a third make five occurrences over three items: learned,
    # so the new item's text leaves it out (its summary HTML is left alone).
    got = poll(3)
    third = got[CARD_STORIES[2][1]]
    assert SPONSORED not in third["text"]
    assert CARD_STORIES[2][2] in third["text"]
    assert SPONSORED in third["summary"]
    # It stays learned across runs (persisted), and the already delivered items are not re-sent.
    got = poll(4)
    assert len(got) == 4
    fourth = got[CARD_STORIES[3][1]]
    assert SPONSORED not in fourth["text"] and CARD_STORIES[3][2] in fourth["text"]
