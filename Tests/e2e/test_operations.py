"""What an operator sees: `--version`, `status` (one line per source, agreeing with `--json`), JSON
logs with typed values and syslog priorities, OPML export/import, and bash completion of source
names. The real binary, real files, a real loopback server for the 410 case."""

import json
import os
import subprocess
import tomllib
import xml.etree.ElementTree as ET

from harness import ROOT, feedsync_binary, items, rss

OPML_NS = "https://github.com/feedsync/feedsync/opml/1"
SYSLOG = {"trace": 7, "debug": 7, "info": 6, "notice": 5, "warning": 4, "error": 3, "critical": 2}


def feed_file(ws, name, n=2):
    path = ws.feeds / f"{name}.xml"
    path.write_bytes(rss(items(name, n)))
    return "file:" + str(path)


def test_version_is_the_version_file():
    r = subprocess.run([feedsync_binary(), "--version"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[0] == (ROOT / "VERSION").read_text().split()[0]


def test_status_for_200_sources_is_200_lines_and_a_header(ws):
    url = feed_file(ws, "shared")
    ws.write_config([{"name": f"source-{i:03}", "url": url} for i in range(200)])
    r = ws.run("status")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 201
    assert lines[0].split() == ["SOURCE", "STATE", "LAST", "SUCCESS", "FAILURES", "NEXT", "DUE", "ITEMS", "DETAIL"]
    assert lines[1].split()[:6] == ["source-000", "never", "-", "0", "now", "0"]


def test_status_agrees_with_json_and_a_gone_source_says_disabled(server, ws):
    server.route("/gone.xml", status=410, body="gone", content_type="text/plain")
    ws.write_config([{"name": "fine", "url": feed_file(ws, "fine", 3)},
                     {"name": "gone", "url": server.url("/gone.xml")}])
    ws.run("sync")
    table = {line.split()[0]: line.split() for line in ws.run("status").stdout.splitlines()[1:]}
    js = {j["source"]: j for j in map(json.loads, ws.run("status", "--json").stdout.splitlines())}
    assert table["gone"][1] == "disabled" == js["gone"]["status"]
    assert table["gone"][4] == "-" and "next_due" not in js["gone"] and js["gone"]["due_now"] is False
    assert table["fine"][1] == "ok" == js["fine"]["status"]
    assert table["fine"][5] == "3" and js["fine"]["items_delivered"] == 3
    assert table["fine"][2] == js["fine"]["last_success"]
    failing = ws.run("status", "--failing").stdout.splitlines()
    assert [line.split()[0] for line in failing[1:]] == ["gone"]
    only = ws.run("status", "--source", "fine", "--json").stdout.splitlines()
    assert [json.loads(line)["source"] for line in only] == ["fine"]
    assert ws.run("status", "--source", "nope").returncode == 64


def test_json_logs_keep_numbers_typed_and_carry_the_syslog_priority(ws):
    ws.write_config([{"name": "a", "url": feed_file(ws, "a", 2)}])
    r = ws.run("sync", "--log-format", "json", "--log-level", "debug")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stderr.splitlines()]
    assert lines, "no log lines at debug level"
    for line in lines:
        assert line["priority"] == SYSLOG[line["level"]]
        assert isinstance(line["priority"], int)
    typed = [v for line in lines for k, v in line.items() if k in ("duration_ms", "items.new", "http.status")]
    assert typed and all(isinstance(v, int) for v in typed), typed
    assert all(isinstance(line.get("source", ""), str) for line in lines)


def test_export_then_import_keeps_names_types_and_tags_and_drops_credentials(ws):
    ws.write_config([
        {"name": "alpha.news", "url": "https://reader:s3cret@feeds.example.org/alpha.xml", "type": "rss",
         "tags": ["news", "world"]},
        {"name": "beta", "url": "https://example.net/atom", "type": "atom", "tags": ["tech"]},
        {"name": "gamma_json", "url": "https://example.com/feed.json", "type": "jsonfeed"},
        {"name": "delta", "url": "http://example.com/auto.xml"},
    ])
    r = ws.run("export-opml", "--config", str(ws.config))
    assert r.returncode == 0, r.stderr
    assert "s3cret" not in r.stdout and "reader" not in r.stdout
    outlines = ET.fromstring(r.stdout).findall(".//outline")
    assert [o.get(f"{{{OPML_NS}}}name") for o in outlines] == ["alpha.news", "beta", "gamma_json", "delta"]
    exported = ws.dir / "export.opml"
    exported.write_text(r.stdout)
    back = ws.run("import-opml", str(exported))
    assert back.returncode == 0, back.stderr
    sources = tomllib.loads(back.stdout)["source"]
    assert [(s["name"], s["url"], s.get("type", "auto"), s.get("tags", [])) for s in sources] == [
        ("alpha.news", "https://feeds.example.org/alpha.xml", "rss", ["news", "world"]),
        ("beta", "https://example.net/atom", "atom", ["tech"]),
        ("gamma_json", "https://example.com/feed.json", "jsonfeed", []),
        ("delta", "http://example.com/auto.xml", "auto", []),
    ]


def test_import_reads_opml_categories_as_tags(ws):
    opml = ws.dir / "tagged.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><head/><body>'
                    '<outline type="rss" text="T" xmlUrl="https://example.org/t.xml" category="/News/World,tech"/>'
                    '</body></opml>')
    r = ws.run("import-opml", str(opml))
    assert r.returncode == 0, r.stderr
    assert tomllib.loads(r.stdout)["source"][0]["tags"] == ["News/World", "tech"]


def complete(ws, words):
    """Runs the generated bash completion function for `words` (the last one being completed) as
    bash does on TAB: COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT set, then `_feedsync CMD CUR PREV`."""
    script = ws.dir / "feedsync.bash"
    script.write_text(subprocess.run([feedsync_binary(), "--generate-completion-script", "bash"],
                                     capture_output=True, text=True, check=True).stdout)
    line = " ".join([feedsync_binary()] + words)
    probe = f"""
source {script}
COMP_WORDS=({feedsync_binary()} {" ".join(w if w else "''" for w in words)})
COMP_CWORD={len(words)}
COMP_LINE={json.dumps(line)}
COMP_POINT=${{#COMP_LINE}}
_feedsync feedsync {json.dumps(words[-1])} {json.dumps(words[-2])}
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    r = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30,
                       env={**os.environ, "FEEDSYNC_CONFIG": ""})
    assert r.returncode == 0, r.stderr
    return set(r.stdout.split())


def test_bash_completes_source_names_from_the_config(ws):
    ws.write_config([{"name": n, "url": "https://example.org/" + n} for n in ("harbor", "lab-notes", "town")])
    assert complete(ws, ["status", "--config", str(ws.config), "--source", ""]) == {"harbor", "lab-notes", "town"}
    assert complete(ws, ["status", "--config", str(ws.config), "--source", "la"]) == {"lab-notes"}


def test_bash_completes_log_levels_and_formats(ws):
    assert complete(ws, ["status", "--log-format", ""]) == {"text", "json"}
    assert "warning" in complete(ws, ["check", "--log-level", ""])


def metric_samples(path):
    samples = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            samples[key] = float(value)
    return samples


def test_metrics_count_failures_across_runs_and_report_never_succeeded_as_zero(ws):
    metrics = ws.dir / "feedsync.prom"
    ws.write_config([{"name": "fine", "url": feed_file(ws, "fine")},
                     {"name": "broken", "url": "file:" + str(ws.dir / "missing.xml")}], metrics_file=str(metrics))
    version = (ROOT / "VERSION").read_text().split()[0]
    for run in (1, 2):
        assert ws.run("sync", "--force").returncode == 1
        s = metric_samples(metrics)
        assert s['feedsync_source_failures_total{source="broken"}'] == run
        assert s['feedsync_source_failures_total{source="fine"}'] == 0
    assert s['feedsync_source_last_success_timestamp_seconds{source="broken"}'] == 0
    assert s['feedsync_source_last_success_timestamp_seconds{source="fine"}'] > 0
    assert s[f'feedsync_build_info{{version="{version}"}}'] == 1


def test_tags_travel_in_items_and_status(ws):
    ws.write_config([{"name": "a", "url": feed_file(ws, "a", 2), "tags": ["local", "weekly"]}])
    assert ws.run("sync").returncode == 0
    assert all(i["tags"] == ["local", "weekly"] for i in ws.items()) and len(ws.items()) == 2
    st = json.loads(ws.run("status", "--json").stdout)
    assert st["tags"] == ["local", "weekly"]


def test_bash_completes_source_names_for_sync_and_test(ws):
    ws.write_config([{"name": n, "url": "https://example.org/" + n} for n in ("harbor", "lab-notes")])
    assert complete(ws, ["sync", "--config", str(ws.config), "--source", ""]) == {"harbor", "lab-notes"}


def test_the_cron_line_is_silent_when_nothing_is_due_or_new(ws):
    """README's cron example: `feedsync sync --due --wait`. Cron mails whatever a job prints."""
    ws.write_config([{"name": f"s{i}", "url": feed_file(ws, f"s{i}", 2)} for i in range(16)])
    first = ws.run("sync", "--due", "--wait")
    assert first.returncode == 0 and "sync finished" in first.stderr     # something new: it says so
    again = ws.run("sync", "--due", "--wait")
    assert again.returncode == 0
    assert again.stdout == "" and again.stderr == "", again.stderr
