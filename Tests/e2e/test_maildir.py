"""spool_format = "maildir" end to end: Python's mailbox and notmuch read every message; a podcast
item's mail carries the enclosure URL, a changed page's mail its diff; List-Id names the source;
text parts are quoted-printable; maildir_folders files items into one Maildir++ folder per tag."""

import email.header
import json
import mailbox
import os
import shutil
import subprocess

import pytest

from harness import rss

PODCAST = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Talk, the podcast</title><link>http://pod.example/</link>
<description>d</description>
<item><guid>ep-12</guid><title>Episode 12: the new wall</title><link>http://pod.example/12</link>
<author>ada@pod.example (Ada Host)</author>
<description>We talk about the harbour wall and the ferry timetable.</description>
<enclosure url="http://pod.example/media/ep12.mp3" type="audio/mpeg" length="48211300"/></item>
</channel></rss>"""

PAGE = """<!doctype html><html><head><title>Opening hours | Town library</title></head><body>
<nav><a href="/">Home</a></nav><main><h1>Opening hours</h1>
<p>The town library is open from Monday to Friday, from nine in the morning until five in the
afternoon, and on Saturday mornings from ten until one, except on public holidays.</p>
<p>The reading room closes half an hour before the library. Returns can be left in the box by the
door at any time of day or night.</p></main><footer>Town council</footer></body></html>"""


def notmuch_messages(ws, root):
    """Indexes `root` with notmuch and returns what it counts and any file it could not read."""
    if shutil.which("notmuch") is None:
        pytest.fail("notmuch is not installed: run scripts/install-deps")
    cfg = ws.dir / "notmuch-config"
    cfg.write_text(f"[database]\npath={root}\n[new]\ntags=unread\nignore=.lock;.error;maildirfolder\n[user]\nname=t\n"
                   "primary_email=t@example.org\n[search]\nexclude_tags=\n")
    env = {**os.environ, "NOTMUCH_CONFIG": str(cfg)}
    new = subprocess.run(["notmuch", "new"], capture_output=True, text=True, env=env, timeout=60)
    assert new.returncode == 0, new.stderr
    count = int(subprocess.run(["notmuch", "count", "*"], capture_output=True, text=True, env=env).stdout)
    return count, new.stdout + new.stderr, env


def parts(msg):
    out = {}
    for p in msg.walk():
        if not p.is_multipart():
            out[p.get_content_type()] = (p["Content-Transfer-Encoding"], p.get_payload(decode=True).decode())
    return out


def test_podcast_and_changed_page_mail_read_by_mailbox_and_notmuch(server, ws):
    server.route("/pod.xml", body=PODCAST)
    server.route("/page", body=PAGE, content_type="text/html; charset=utf-8")
    ws.write_config([{"name": "pod", "url": server.url("/pod.xml")},
                     {"name": "library", "url": server.url("/page"), "type": "html"}], spool_format="maildir")
    assert ws.run("sync").returncode == 0
    server.route("/page", body=PAGE.replace("until five in the", "until six in the"), content_type="text/html; charset=utf-8")
    assert ws.run("sync").returncode == 0

    box = mailbox.Maildir(str(ws.spool), factory=None, create=False)
    msgs = list(box)
    assert len(msgs) == 3
    by_event = {}
    for m in msgs:
        assert m["List-Id"].endswith(f"<{m['X-Feedsync-Source']}.feedsync>")
        for ctype, (cte, _) in parts(m).items():
            assert ctype.startswith("text/") and cte == "quoted-printable", (ctype, cte)
        by_event.setdefault((m["X-Feedsync-Source"], m["X-Feedsync-Event"]), m)

    pod = by_event[("pod", "new")]
    sender = str(email.header.make_header(email.header.decode_header(pod["From"])))
    assert email.utils.parseaddr(sender) == ("Harbour Talk, the podcast", "pod@feedsync.invalid")
    assert pod["X-Feedsync-Author"] == "Ada Host"
    body = parts(pod)
    assert "http://pod.example/media/ep12.mp3 (audio/mpeg, 48211300 bytes)" in body["text/plain"][1]
    assert 'href="http://pod.example/media/ep12.mp3"' in body["text/html"][1]

    changed = parts(by_event[("library", "changed")])
    lines = changed["text/plain"][1].splitlines()
    assert any(l.startswith("-") and "five in the" in l for l in lines), lines
    assert any(l.startswith("+") and "six in the" in l for l in lines), lines
    assert "<pre>" in changed["text/html"][1] and "six in the" in changed["text/html"][1]
    # Quoted-printable keeps words greppable in the files themselves.
    raw = b"".join(p.read_bytes() for p in (ws.spool / "new").iterdir())
    assert b"ferry timetable" in raw

    count, out, env = notmuch_messages(ws, ws.spool)
    assert count == 3, out
    assert "Ignoring non-mail file" not in out, out
    found = subprocess.run(["notmuch", "search", "--output=files", "ep12.mp3"], capture_output=True, text=True, env=env)
    assert len(found.stdout.splitlines()) == 1, found.stdout


def folder_names(root):
    return sorted(n for n in os.listdir(root) if n.startswith(".") and (root / n / "new").is_dir())


def test_maildir_folders_file_items_per_first_tag_and_every_reader_finds_them(server, ws):
    from harness import items
    server.route("/w.xml", body=rss(items("w", 3)).decode())
    server.route("/t.xml", body=rss(items("t", 2)).decode())
    server.route("/m.xml", body=rss(items("m", 2)).decode())
    ws.write_config([{"name": "world", "url": server.url("/w.xml"), "tags": ["world", "news"]},
                     {"name": "tech", "url": server.url("/t.xml"), "tags": ["tech/gadgets"]},
                     {"name": "misc", "url": server.url("/m.xml")}],
                    spool_format="maildir", maildir_folders=True)
    assert ws.run("check").returncode == 0
    r = ws.run("sync", env={"FEEDSYNC_CRASH_AT": "mid-publish"})
    assert r.returncode != 0          # killed after the commit point, halfway through the renames
    r = ws.run("sync")                # recovery publishes the rest into their folders
    assert r.returncode == 0, r.stderr
    assert folder_names(ws.spool) == [".tech_gadgets", ".world"]
    assert len(os.listdir(ws.spool / ".world" / "new")) == 3
    assert len(os.listdir(ws.spool / ".tech_gadgets" / "new")) == 2
    assert len(os.listdir(ws.spool / "new")) == 2
    assert (ws.spool / ".world" / "maildirfolder").exists() and os.listdir(ws.spool / "tmp") == []

    box = mailbox.Maildir(str(ws.spool), factory=None, create=False)
    assert sorted(box.list_folders()) == ["tech_gadgets", "world"]
    assert len(list(box.get_folder("world"))) == 3 and len(list(box)) == 2
    count, out, _ = notmuch_messages(ws, ws.spool)
    assert count == 7, out

    tail = ws.run("tail", "--from-start", "--spool-dir", str(ws.spool), check_config=False)
    assert len(tail.stdout.splitlines()) == 7, tail.stderr
    # consume takes items from every folder and puts each back into its own folder's cur/.
    r = ws.run("consume", "--once", "--spool-dir", str(ws.spool), "--exec", "--", "true", check_config=False)
    assert r.returncode == 0, r.stderr
    assert len(os.listdir(ws.spool / ".world" / "cur")) == 3 and os.listdir(ws.spool / ".world" / "new") == []
    assert len(os.listdir(ws.spool / ".tech_gadgets" / "cur")) == 2
    assert len(os.listdir(ws.spool / "cur")) == 2

    # A lost state is rebuilt from the files in the folders too: nothing is delivered twice.
    for suffix in ("", "-wal", "-shm"):
        (ws.state / ("state.sqlite" + suffix)).unlink(missing_ok=True)
    r = ws.run("sync")
    assert r.returncode == 65, r.stderr
    r = ws.run("recover", "--config", str(ws.config), check_config=False)
    assert r.returncode == 0 and "recovered 7 delivered items of 3 sources" in r.stdout, r.stdout + r.stderr
    assert ws.run("sync").returncode == 0
    assert sum(len(os.listdir(ws.spool / d / s)) for d in (".", ".world", ".tech_gadgets") for s in ("new", "cur")) == 7


def test_maildir_folders_needs_the_maildir_format(ws):
    ws.write_config([{"name": "a", "url": "http://127.0.0.1:9/a.xml"}], maildir_folders=True)
    r = ws.run("check")
    assert r.returncode == 78 and 'maildir_folders: needs spool_format = "maildir"' in r.stderr, r.stderr
