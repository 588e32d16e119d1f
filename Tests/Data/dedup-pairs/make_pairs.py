#!/usr/bin/env python3
"""Builds pairs.jsonl, the labelled near-duplicate set, from the hand-written stories (stories.py) and
the seed page's stories (stories_seed.py). Deterministic: run it from this directory and the output is
byte-identical.

Positives ("duplicate") are the same copy as different outlets publish it: another headline, a
dateline added or removed, house spelling (defence/defense, per cent), quote style, the last sentences
cut, a credit line or one background sentence added, two sentences swapped, a few words changed.
Negatives ("distinct") are different stories on the same topic, later stories that reuse whole
background sentences of an earlier one (follow-ups), results stories written to one template, and
different headlines of one topic for title-only items.
"""
import json
import random
import re

from stories import STORIES, FOLLOW_UPS
from stories_seed import SWAP_ARAB_NEWS, SWAP_AL_ARABIYA, HAMAS_TRUCE, PUTIN_TRUMP

rng = random.Random(20250704)

SPELLING = [("defence", "defense"), ("organisation", "organization"), ("centre", "center"),
            ("programme", "program"), ("labour", "labor"), ("favour", "favor"), ("analysed", "analyzed"),
            ("anaesthetists", "anesthetists"), ("mobilisation", "mobilization"), ("kilometres", "kilometers"),
            ("metres", "meters"), ("metre", "meter"), ("neighbouring", "neighboring"), ("travellers", "travelers"),
            ("apologised", "apologized"), ("criticised", "criticized"), ("finalise", "finalize")]
SYNONYMS = [("more than", "over"), ("about", "around"), ("said on", "announced on"), ("began", "started"),
            ("shortly after", "soon after"), ("nearly", "almost"), ("warned", "cautioned"), ("people", "residents"),
            ("expected to", "set to"), ("called for", "urged"), ("rose", "climbed"), ("fell", "dropped")]
TAILS = ["(Reporting by Anna Berg; Editing by Tom Holt)", "Additional reporting by agencies.",
         "This story has been updated with additional details.", "(Writing by Lena Park; editing by Mark Dunn)",
         "-- With assistance from Erik Sand."]
BACKGROUND = ["It was not immediately clear how the decision would be received.",
              "Officials did not give further details.", "The announcement came late in the day.",
              "Reaction on social media was swift."]
MONTHS = ["July 3", "July 4", "Oct 9", "March 12"]


def sentences(text):
    return re.split(r"(?<=[.!?'])\s+(?=[A-Z'‘\"(])", text.strip())


def strip_dateline(text):
    return re.sub(r"^[A-Z][A-Z ]+(?:,[^:(]*)?(?:\([^)]*\))?\s*[:\-—]+\s*", "", text)


def variant(story, seed):
    r = random.Random(seed)
    text = strip_dateline(story["text"])
    ss = sentences(text)
    if r.random() < 0.5 and len(ss) > 5:                    # cut from the bottom, as editors do
        ss = ss[: len(ss) - r.randint(1, max(1, int(len(ss) * 0.3)))]
    if r.random() < 0.2 and len(ss) > 4:                    # two middle sentences swapped
        i = r.randint(1, len(ss) - 3)
        ss[i], ss[i + 1] = ss[i + 1], ss[i]
    if r.random() < 0.3:                                    # one background sentence added
        ss.insert(r.randint(2, len(ss)), r.choice(BACKGROUND))
    text = " ".join(ss)
    if r.random() < 0.6:
        a, b = (0, 1) if r.random() < 0.5 else (1, 0)
        for pair in SPELLING:
            text = re.sub(r"\b%s\b" % pair[a], pair[b], text)
        text = re.sub(r"(\d)%", r"\1 per cent" if a == 0 else r"\1 percent", text)
    if r.random() < 0.5:
        for old, new in r.sample(SYNONYMS, 3):
            text = re.sub(r"\b%s\b" % old, new, text, count=1)
    if r.random() < 0.3:
        text = re.sub(r"(^|\s)'", r"\1“", text)
        text = text.replace("'", "”").replace("n”t", "n't").replace("”s ", "'s ")
    d = story.get("dateline")
    style = r.randint(0, 3)
    if d and style == 1:
        text = "%s: %s" % (d, text)
    elif d and style == 2:
        text = "%s (Reuters) - %s" % (d.title(), text)
    elif d and style == 3:
        text = "%s, %s (AP) — %s" % (d, r.choice(MONTHS), text)
    if r.random() < 0.4:
        text = text + " " + r.choice(TAILS)
    title = story["alt_title"] if r.random() < 0.5 and story.get("alt_title") else story["title"]
    if r.random() < 0.3:
        title = title.title() if r.random() < 0.5 else title.upper()
    return {"title": title, "text": text}


def cosmetic_title(title, r):
    """The same headline as another outlet's template prints it."""
    t = title
    choice = r.randint(0, 4)
    if choice == 0:
        t = t.title()
    elif choice == 1:
        t = t.upper()
    elif choice == 2:
        t = t.replace(", ", " and ", 1) if ", " in t else t + "."
    elif choice == 3:
        t = t.replace("'", "’").rstrip(".") + " - report"
    else:
        t = "UPDATE: " + t
    return t


pairs = []


def add(kind, label, a, b, note=""):
    pairs.append({"id": "%s-%03d" % (kind, sum(1 for p in pairs if p["kind"] == kind) + 1),
                  "kind": kind, "label": label, "a": a, "b": b, "note": note})


def item(story):
    return {"title": story["title"], "text": story["text"]}


# The seed page: the same Arab News / Al Arabiya copy must match; the other two stories must not.
add("seed", "duplicate", SWAP_ARAB_NEWS, SWAP_AL_ARABIYA, "seed: Zelensky/Zelenskyy, KYIV dateline")
add("seed", "duplicate", SWAP_ARAB_NEWS, variant(dict(SWAP_AL_ARABIYA, dateline="KYIV"), 11), "seed copy, outlet rewrite")
add("seed", "distinct", HAMAS_TRUCE, PUTIN_TRUMP, "seed: Gaza truce vs Putin-Trump call")
add("seed", "distinct", HAMAS_TRUCE, SWAP_ARAB_NEWS)
add("seed", "distinct", PUTIN_TRUMP, SWAP_ARAB_NEWS, "same war, different stories")
add("seed", "distinct", PUTIN_TRUMP, SWAP_AL_ARABIYA, "same war, different stories")

by_key = {s["key"]: s for s in STORIES}
variants = {}
for n, s in enumerate(STORIES):
    v1, v2 = variant(s, 1000 + n), variant(s, 2000 + n)
    variants[s["key"]] = (v1, v2)
    add("rewrite", "duplicate", item(s), v1, s["key"])
    add("rewrite", "duplicate", item(s), v2, s["key"])
    add("rewrite", "duplicate", v1, v2, s["key"])

topics = {}
for s in STORIES:
    topics.setdefault(s["topic"], []).append(s)
for topic, group in topics.items():
    kind = "template" if topic in ("earnings", "rates") else "same-topic"
    for i in range(len(group)):
        for j in range(i + 1, len(group)):
            a, b = group[i], group[j]
            add(kind, "distinct", item(a), item(b), "%s / %s" % (a["key"], b["key"]))
            if rng.random() < 0.5:
                add(kind, "distinct", variants[a["key"]][0], variants[b["key"]][1], "%s / %s rewritten" % (a["key"], b["key"]))

for f in FOLLOW_UPS:
    orig = by_key[f["follows"]]
    follow = {"title": f["title"], "text": f["text"]}
    add("follow-up", "distinct", item(orig), follow, f["follows"])
    add("follow-up", "distinct", variants[f["follows"]][0], follow, f["follows"] + " rewritten")

# Title-only items (aggregators and HTML lists often carry no text).
tr = random.Random(99)
for s in tr.sample(STORIES, 24):
    add("title-only", "duplicate", {"title": s["title"], "text": ""}, {"title": cosmetic_title(s["title"], tr), "text": ""}, s["key"])
add("title-only", "duplicate", {"title": SWAP_ARAB_NEWS["title"], "text": ""},
    {"title": "Russia and Ukraine announce fresh prisoner swap", "text": ""}, "seed headline")
for topic, group in topics.items():
    for i, j in [(0, 1), (2, 3)]:
        add("title-only", "distinct", {"title": group[i]["title"], "text": ""}, {"title": group[j]["title"], "text": ""},
            "%s / %s" % (group[i]["key"], group[j]["key"]))

with open("pairs.jsonl", "w", encoding="utf-8") as fh:
    for p in pairs:
        fh.write(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n")

counts = {}
for p in pairs:
    counts.setdefault((p["kind"], p["label"]), 0)
    counts[(p["kind"], p["label"])] += 1
print(len(pairs), "pairs")
for k in sorted(counts):
    print(" ", k, counts[k])
