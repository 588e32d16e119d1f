#!/usr/bin/env python3
"""A fixed synthetic workload for the CPU ratchet (scripts/ratchets/cpu.sh): N feeds of K items
(RSS 2.0, Atom 1.0 and RSS 1.0 in turn) written as files, and a feedsync config that syncs them
through file: URLs. Deterministic (seeded): the same bytes on every machine and run. Items carry
what the core works on: HTML summaries with entities, content, links with tracking parameters,
guids, dates, and non-ASCII text (accents, Cyrillic, CJK, curly quotes).

usage: scripts/gen-cpu-workload.py DIR [N=40] [K=25]   writes DIR/feeds/*, DIR/feedsync.toml, DIR/xml.txt
"""
import os
import random
import sys

WORDS = ("government minister announced talks city council election market prices energy storm coast "
         "university research team found study health hospital court ruling police report water river "
         "company shares quarter growth football match season final museum exhibition artist festival "
         "Zürich café naïve São Paulo Łódź Straße résumé Kyiv’s Zelensky’s").split()
FOREIGN = ["Правительство объявило о новых мерах", "東京で新しい展示会が開かれた", "서울 시장 선거 결과",
           "مرحبا بالعالم", "Ελλάδα σήμερα", "Le marché de Noël ouvre ses portes"]


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(FOREIGN))
    return " ".join(words).capitalize() + "."


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def item_fields(rng, f, i):
    title = sentence(rng, rng.randint(5, 11))[:-1] + (" &amp; more" if i % 7 == 0 else "")
    link = "https://www.news%d.example/%d/story-%d?utm_source=rss&utm_medium=feed&id=%d" % (f, 2026, i, i)
    paras = ["<p>%s %s</p>" % (sentence(rng, rng.randint(12, 30)), sentence(rng, rng.randint(8, 20)))
             for _ in range(rng.randint(1, 4))]
    summary = "".join(paras) + ('<p><a href="%s">Read more &#8230;</a></p>' % esc(link))
    day = 1 + (f * 7 + i) % 28
    return title, link, summary, day


def rss20(rng, f, k):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>News %d</title>'
           '<link>https://www.news%d.example/</link><description>Feed %d</description>' % (f, f, f)]
    for i in range(k):
        title, link, summary, day = item_fields(rng, f, i)
        out.append("<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">news%d-%d</guid>"
                   "<pubDate>Mon, %02d Nov 2026 09:%02d:00 GMT</pubDate><category>World</category>"
                   "<description>%s</description></item>" % (title, esc(link), f, i, day, i % 60, esc(summary)))
    out.append("</channel></rss>\n")
    return "".join(out)


def atom(rng, f, k):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>News %d</title>'
           '<link href="https://www.news%d.example/"/><id>urn:news:%d</id><updated>2026-11-30T00:00:00Z</updated>' % (f, f, f)]
    for i in range(k):
        title, link, summary, day = item_fields(rng, f, i)
        out.append('<entry><title type="html">%s</title><link href="%s"/><id>urn:news:%d:%d</id>'
                   "<published>2026-11-%02dT09:%02d:00Z</published><updated>2026-11-%02dT10:00:00Z</updated>"
                   '<author><name>Reporter %d</name></author><summary type="html">%s</summary>'
                   '<content type="html">%s%s</content></entry>'
                   % (title, esc(link), f, i, day, i % 60, day, i % 5, esc(summary[:200]), esc(summary), esc(summary)))
    out.append("</feed>\n")
    return "".join(out)


def rss10(rng, f, k):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<channel rdf:about="https://www.news%d.example/"><title>News %d</title><link>https://www.news%d.example/</link>'
           "<description>Feed %d</description></channel>" % (f, f, f, f)]
    for i in range(k):
        title, link, summary, day = item_fields(rng, f, i)
        out.append('<item rdf:about="%s"><title>%s</title><link>%s</link><dc:date>2026-11-%02dT09:00:00Z</dc:date>'
                   "<description>%s</description></item>" % (esc(link), title, esc(link), day, esc(summary)))
    out.append("</rdf:RDF>\n")
    return "".join(out)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    rng = random.Random(20)
    os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
    makers = [(rss20, "rss"), (atom, "atom"), (rss10, "rdf")]
    config = ['state_dir = "%s/state"' % out, 'spool_dir = "%s/spool"' % out, "concurrency = 4", ""]
    files = []
    for f in range(n):
        make, ext = makers[f % len(makers)]
        path = os.path.join(out, "feeds", "feed-%03d.%s" % (f, ext))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(make(rng, f, k))
        files.append(path)
        config += ["[[source]]", 'name = "feed-%03d"' % f, 'url = "file://%s"' % path, ""]
    with open(os.path.join(out, "feedsync.toml"), "w") as fh:
        fh.write("\n".join(config))
    with open(os.path.join(out, "xml.txt"), "w") as fh:
        fh.write("\n".join(files) + "\n")


if __name__ == "__main__":
    main()
