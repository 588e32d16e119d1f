"""full_text end to end: a loopback feed of summaries whose links lead to real article pages
(../shared/extract, served from where they are, never copied) is delivered with each article's
main content, the same text `feedsync extract` finds on those pages; article fetches keep
per_host; a failed article still delivers its item; known items are never fetched again."""

import json
import os
import subprocess
import sys

import pytest

from harness import ROOT, feedsync_binary, rss

SHARED_EXTRACT = ROOT.parent / "shared" / "extract"
CORPORA = ["aeb/dev", "readability/dev"]


def shared_cases():
    """The real (not synthetic) cases of the extraction corpora, or a skip (a failure in CI)."""
    if not (SHARED_EXTRACT / "score.py").is_file():
        line = "skipped: full text F1: ../shared/extract not found"
        if os.environ.get("FEEDSYNC_REQUIRE_SHARED") == "1":
            pytest.fail(line.replace("skipped", "failed") + " (FEEDSYNC_REQUIRE_SHARED=1)")
        pytest.skip(line)
    cases = []
    for corpus in CORPORA:
        folder = SHARED_EXTRACT / corpus
        for c in json.loads((folder / "cases.json").read_text()):
            if not c.get("synthetic"):
                cases.append({**c, "path": str(folder / c["input_file"]), "slug": f"{corpus.split('/')[0]}-{c['id'][:24]}"})
    return cases


def scorer():
    sys.path.insert(0, str(SHARED_EXTRACT))
    import score  # the corpus's own metric, read where it lies
    return score


def max_overlap(requests):
    """The most requests in progress at once, from the server's start/end times."""
    events = sorted([(r["start"], 1) for r in requests] + [(r["end"], -1) for r in requests], key=lambda e: (e[0], e[1]))
    peak = cur = 0
    for _, d in events:
        cur += d
        peak = max(peak, cur)
    return peak


def article_requests(server):
    return [r for r in server.requests() if r["path"].startswith("/a/")]


def test_articles_are_delivered_as_extract_reads_them(server, ws):
    cases = shared_cases()
    score = scorer()
    for c in cases:
        # A small delay per article makes two transfers at once visible at the server.
        server.route(f"/a/{c['slug']}.html", file=c["path"], content_type="text/html", delay=0.02)
    entries = [{"guid": c["slug"], "title": f"Story {c['slug']}", "link": server.url(f"/a/{c['slug']}.html"),
                "description": "A two-line teaser of the story."} for c in cases]
    server.route("/feed.xml", body=rss(entries).decode())
    ws.write_config([{"name": "articles", "url": server.url("/feed.xml"), "full_text": "auto"}], per_host=1)
    assert ws.run("check").returncode == 0

    r = ws.run("sync", timeout=900)
    assert r.returncode == 0, r.stderr
    items = {i["guid"]: i for i in ws.items()}
    assert len(items) == len(cases)
    assert not [i for i in items.values() if "full_text_error" in i], [i["full_text_error"] for i in items.values() if "full_text_error" in i][:3]

    same = 0
    ours, theirs = [], []
    for c in cases:
        item = items[c["slug"]]
        assert item["summary"] == "A two-line teaser of the story."
        # What `feedsync extract` finds on the same bytes, given what the server sent.
        ex = subprocess.run([feedsync_binary(), "extract", "--url", server.url(f"/a/{c['slug']}.html"),
                             "--content-type", "text/html", c["path"]], capture_output=True, text=True, timeout=60)
        assert ex.returncode == 0, ex.stderr
        extracted = json.loads(ex.stdout)["text"]
        same += item.get("text", "") == extracted
        ours.append(score.prf(item.get("text", ""), c["expected_text"])[2])
        theirs.append(score.prf(extracted, c["expected_text"])[2])
    mean_ours, mean_theirs = sum(ours) / len(ours), sum(theirs) / len(theirs)
    print(f"full text: {len(cases)} articles, mean F1 {mean_ours:.4f} (feedsync extract: {mean_theirs:.4f}), "
          f"{same} texts identical")
    assert same == len(cases)
    assert abs(mean_ours - mean_theirs) < 1e-9

    fetched = article_requests(server)
    assert len(fetched) == len(cases)
    everything = server.requests()
    print(f"per_host = 1: max concurrent requests at the server {max_overlap(everything)} "
          f"(articles only: {max_overlap(fetched)})")
    assert max_overlap(everything) == 1


PAGE = """<!doctype html><html><head><title>Harbour works | Harbour News</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour works begin</h1>
<p>Work on the new harbour wall began on Monday, the council said, after two years of planning and a
public inquiry that drew more than four hundred letters from residents and fishermen.</p>
<p>The wall will protect the old quay from winter storms. Contractors expect the first section to be
finished by the spring, when the ferry timetable returns to normal.</p>
<p>Fishermen said they welcomed the work but asked for the slipway to stay open during the summer.</p>
</article><footer>Copyright Harbour News. Subscribe to our newsletter.</footer></body></html>"""


def story(n, link):
    return {"guid": f"s{n}", "title": f"Story {n}", "link": link, "description": f"Teaser {n}."}


def test_failed_articles_still_deliver_and_known_items_are_never_fetched_again(server, ws):
    server.route("/a/ok.html", body=PAGE, content_type="text/html")
    server.route("/a/gone.html", status=404, body="not here", content_type="text/html")
    server.route("/a/slow.html", body=PAGE, content_type="text/html", delay=5)
    server.route("/a/pdf", body="%PDF-1.4", content_type="application/pdf")
    # A hostile page: one start tag of 100,000 attributes (quadratic in libxml2's duplicate check).
    hostile = "<html><body><p " + " ".join(f"a{i}=\"x\"" for i in range(100_000)) + ">x</p></body></html>"
    server.route("/a/hostile.html", body=hostile, content_type="text/html")
    entries = [story(1, server.url("/a/ok.html")), story(2, server.url("/a/gone.html")),
               story(3, server.url("/a/slow.html")), story(4, "file:///etc/passwd"), story(5, server.url("/a/pdf")),
               story(7, server.url("/a/hostile.html"))]
    server.route("/feed.xml", body=rss(entries).decode())
    ws.write_config([{"name": "news", "url": server.url("/feed.xml"), "full_text": True, "timeout": "1s"}])

    # test (like --dry-run) plans without fetching articles.
    shown = ws.run("test", "news", "--config", str(ws.config), check_config=False)
    assert shown.returncode == 0, shown.stderr
    assert article_requests(server) == []

    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    items = {i["guid"]: i for i in ws.items()}
    assert set(items) == {"s1", "s2", "s3", "s4", "s5", "s7"}
    ok = items["s1"]
    assert "harbour wall began on Monday" in ok["text"] and "newsletter" not in ok["text"]
    assert "<p>" in ok["content"] and ok["summary"] == "Teaser 1."
    assert "full_text_error" not in ok
    assert "404" in items["s2"]["full_text_error"] and items["s2"]["text"] == "Teaser 2."
    assert items["s3"]["full_text_error"] and items["s3"]["text"] == "Teaser 3."
    assert items["s4"]["full_text_error"] == "the item has no http(s) link"
    assert "not HTML" in items["s5"]["full_text_error"]
    assert "refused" in items["s7"]["full_text_error"] and items["s7"]["text"] == "Teaser 7."
    print("full_text_error:", {k: i["full_text_error"] for k, i in items.items() if "full_text_error" in i})

    # A second sync: every item is known, no article is fetched; a new item's article is.
    server.reset()
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    assert article_requests(server) == []
    server.route("/a/new.html", body=PAGE, content_type="text/html")
    server.route("/feed.xml", body=rss(entries + [story(6, server.url("/a/new.html"))]).decode())
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    assert [q["path"] for q in article_requests(server)] == ["/a/new.html"]
    assert len(ws.items()) == 7


def test_full_text_takes_true_false_or_auto(ws):
    ws.write_config([{"name": "news", "url": "http://127.0.0.1:9/feed.xml", "full_text": "always"}])
    r = ws.run("check")
    assert r.returncode == 78
    assert "full_text: must be true, false or \"auto\"" in r.stderr


@pytest.mark.parametrize("point", ["before-commit", "after-commit"])
def test_a_kill_between_article_fetch_and_publication_still_delivers_each_item_once(server, ws, point):
    for n in range(4):
        server.route(f"/a/{n}.html", body=PAGE, content_type="text/html")
    server.route("/feed.xml", body=rss([story(n, server.url(f"/a/{n}.html")) for n in range(4)]).decode())
    ws.write_config([{"name": "news", "url": server.url("/feed.xml"), "full_text": True}])
    r = ws.run("sync", env={"FEEDSYNC_CRASH_AT": point})
    if r.returncode == 0:
        pytest.skip("this binary has no crash points (a release build): run the e2e tests on the debug build")
    assert len(article_requests(server)) == 4
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    items = ws.items()
    assert sorted(i["guid"] for i in items) == [f"s{n}" for n in range(4)]
    assert all("harbour wall" in i["text"] and "full_text_error" not in i for i in items)
    # Before the commit point nothing was recorded: the items are new again, their articles fetched
    # again. After it the items are delivered (recovery publishes them): nothing is fetched again.
    assert len(article_requests(server)) == (8 if point == "before-commit" else 4)


def test_deny_private_holds_for_articles(server, ws):
    # A local feed (file:, so deny_private does not refuse the feed itself) linking to a loopback
    # article: the article is refused like any private address, and the item still delivered.
    server.route("/a/ok.html", body=PAGE, content_type="text/html")
    (ws.dir / "feed.xml").write_bytes(rss([story(1, server.url("/a/ok.html"))]))
    ws.write_config([{"name": "local", "url": "file:feed.xml", "full_text": True, "deny_private": True}])
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    [item] = ws.items()
    assert item["text"] == "Teaser 1." and item["full_text_error"], item
    print("deny_private:", item["full_text_error"])
    assert article_requests(server) == []
