#!/usr/bin/env python3
"""Writes the non-UTF-8 fixture pages (list-*.html) in the bench generator's page shape
(li.item > h2 > a.item-link, time[datetime], div.summary), with our own text. Run from this directory."""
ITEMS_CP1251 = [
    ("Городской совет утвердил бюджет на следующий год", "Депутаты приняли документ большинством голосов; расходы на транспорт выросли на 12%.", "budget"),
    ("Новая линия трамвая откроется осенью", "Строительство завершено на 90%, испытания начнутся в августе.", "tram"),
    ("Учёные нашли новый вид лишайника", "Находку сделали в заповеднике на севере области.", "lichen"),
]
ITEMS_LATIN1 = [
    ("Café in Zürich wins the Straße prize", "The jury praised the crème brûlée &amp; the façade.", "cafe"),
    ("Müller named head of the Köln orchestra", "Señor Müller takes over in the new año; déjà vu for the board.", "muller"),
    ("Naïve art show opens at the old garçon hall", "Eighty paintings, most never shown before.", "naive"),
]


def page(enc, title, items, meta=True):
    o = ['<!DOCTYPE html>', '<html><head>']
    if meta:
        o.append('<meta charset="%s">' % enc)
    o.append('<title>%s</title></head><body>' % title)
    o.append('<header><nav><a href="/">Home</a> | <a href="/about">About</a></nav></header><main><h1>Latest</h1><ul class="news">')
    for i, (t, s, slug) in enumerate(items):
        o.append('<li class="item" id="item-%d"><h2><a class="item-link" href="/posts/%d-%s">%s</a></h2>'
                 '<time datetime="2024-06-0%dT12:00:00Z">0%d Jun 2024</time><div class="summary"><p>%s</p></div></li>'
                 % (i, i, slug, t, i + 1, i + 1, s))
    o.append('</ul></main><footer><p>&copy; 2024</p></footer></body></html>')
    return "\n".join(o)


open('list-windows-1251.html', 'wb').write(page('windows-1251', 'Новости города', ITEMS_CP1251).encode('cp1251'))
open('list-iso-8859-1.html', 'wb').write(page('iso-8859-1', 'Kultur in Köln', ITEMS_LATIN1).encode('latin-1'))
open('list-no-meta-cp1251.html', 'wb').write(page('windows-1251', 'Новости города', ITEMS_CP1251, meta=False).encode('cp1251'))
