#!/usr/bin/env python3
"""Writes the hostile documents of issues 3 and 16 into DIR (for scripts/check-hostile.sh).

usage: make-hostile-docs.py DIR SECRET_FILE
"""
import os
import sys

out, secret = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


write("xxe-file.xml", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://%s">]>'
      '<rss version="2.0"><channel><title>a &x; b</title></channel></rss>' % secret)
write("xxe-parameter.xml", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY %% p SYSTEM "file://%s"> %%p;]>'
      '<rss version="2.0"><channel><title>t</title></channel></rss>' % secret)
write("external-dtd.xml", '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">'
      '<rss version="2.0"><channel><title>t</title></channel></rss>')
laughs = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
prev = "lol"
for i in range(1, 10):
    laughs += '<!ENTITY lol%d "%s">' % (i, ("&%s;" % prev) * 10)
    prev = "lol%d" % i
write("billion-laughs.xml", laughs + ']><rss version="2.0"><channel><title>&lol9;</title></channel></rss>')
write("quadratic-blowup.xml", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "%s">]><rss version="2.0">'
      '<channel><title>%s</title></channel></rss>' % ("a" * 100000, "&a;" * 20000))
with open(os.path.join(out, "text-node-100mb.xml"), "wb") as f:
    f.write(b'<rss version="2.0"><channel><title>')
    chunk = b"x" * (1 << 20)
    for _ in range(100):
        f.write(chunk)
    f.write(b"</title></channel></rss>")
write("nested-100000.xml", '<rss version="2.0"><channel><title>deep</title><item><description>'
      + "<x>" * 100000 + "</x>" * 100000 + "</description></item></channel></rss>")
write("unclosed-100000.xml", '<rss version="2.0"><channel><title>deep</title>' + "<x>" * 100000)
# libxml2 checks each attribute against all earlier ones: quadratic in the attributes of one tag.
attrs = " ".join('a%d="v"' % i for i in range(100000))
write("attributes-100000.xml", '<rss version="2.0"><channel><title>t</title><item %s><title>x</title></item>'
      '</channel></rss>' % attrs)
write("attributes-valueless.xml", '<html><body><div %s>x</div></body></html>'
      % " ".join("b%d" % i for i in range(100000)))
write("attributes-in-entity.xml", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "&#60;x %s/>">]>'
      '<rss version="2.0"><channel><title>&e;</title></channel></rss>' % attrs.replace('"', "'"))
write("attributes-declared.xml", '<?xml version="1.0"?><!DOCTYPE rss [%s]><rss version="2.0"><channel>'
      '<item/></channel></rss>' % "".join("<!ATTLIST item d%d CDATA 'v'>" % i for i in range(100000)))
write("namespaces-100000.xml", '<rss version="2.0"><channel><item %s/></channel></rss>'
      % " ".join('xmlns:p%d="urn:%d"' % (i, i) for i in range(100000)))
