"""[[filter]] rules end to end: block and keep on each field over loopback; filtered items are
never delivered, are counted, and `test` shows the rule; a bad pattern is a located error."""

import json

from harness import rss


def story(guid, title, description="Plain body.", link=None):
    return {"guid": guid, "title": title, "description": description, "link": link or f"http://news.example/{guid}"}


STORIES = [
    story("t1", "SPONSORED: the best mattress"),
    story("x1", "Council budget", description="Contains an advertorial paragraph."),
    story("a1", "Harbour news"),          # its author is added below
    story("c1", "Match report"),          # its category is added below
    story("l1", "Local fair", link="http://ads.example/click?id=1"),
    story("ok", "Library opens late on Thursdays"),
]


def test_block_rules_on_each_field_keep_items_out_and_are_counted(server, ws):
    body = rss(STORIES).decode()
    body = body.replace("<title>Harbour news</title>", "<title>Harbour news</title><author>pr@brand.example (Brand Desk)</author>")
    body = body.replace("<title>Match report</title>", "<title>Match report</title><category>Betting</category>")
    server.route("/feed.xml", body=body)
    ws.write_config([{"name": "news", "url": server.url("/feed.xml")}])
    ws.config.write_text(ws.config.read_text() + """
[[source.filter]]
block = "^sponsored"
field = "title"

[[source.filter]]
block = "advertorial"
field = "text"

[[source.filter]]
block = "brand\\\\.example"
field = "author"

[[source.filter]]
block = "betting"
field = "category"

[[source.filter]]
block = "ads\\\\.example"
field = "link"
""")
    r = ws.run("check")
    assert r.returncode == 0, r.stderr
    shown = ws.run("test", "news", "--config", str(ws.config), check_config=False)
    assert shown.returncode == 0, shown.stderr
    decisions = {o["title"]: o["decision"] for o in map(json.loads, shown.stdout.splitlines())}
    assert decisions["Library opens late on Thursdays"] == "deliver"
    assert decisions["SPONSORED: the best mattress"].startswith('filtered (block title ~ "^sponsored" (feedsync.toml:')
    assert all(d.startswith("filtered (block ") for t, d in decisions.items() if t != "Library opens late on Thursdays"), decisions
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    assert [i["title"] for i in ws.items()] == ["Library opens late on Thursdays"]
    st = json.loads(ws.run("status", "--json").stdout.splitlines()[0])
    assert st["items_filtered"] == 5
    # Recorded as seen: a second sync evaluates nothing again and delivers nothing.
    assert ws.run("sync").returncode == 0
    assert len(ws.items()) == 1


def test_global_keep_rules_let_only_matching_items_through(server, ws):
    server.route("/a.xml", body=rss(STORIES).decode())
    server.route("/b.xml", body=rss([story("b1", "Library news"), story("b2", "Weather")]).decode())
    ws.write_config([{"name": "a", "url": server.url("/a.xml")}, {"name": "b", "url": server.url("/b.xml")}])
    ws.config.write_text(ws.config.read_text().replace("\n[[source]]", """
[[filter]]
keep = "library"
field = "any"

[[source]]""", 1))
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    assert sorted(i["title"] for i in ws.items()) == ["Library news", "Library opens late on Thursdays"]


def test_an_invalid_pattern_is_a_located_error(ws):
    ws.write_config([{"name": "a", "url": "file:/dev/null"}])
    ws.config.write_text(ws.config.read_text() + '\n[[source.filter]]\nblock = "(unclosed"\n')
    r = ws.run("check")
    assert r.returncode == 78
    line = len(ws.config.read_text().splitlines())
    assert f"feedsync.toml:{line}: filter.block: invalid regular expression" in r.stderr
