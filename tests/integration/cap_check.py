#!/usr/bin/env python3
"""cap_check.py - check CAP 1.2 documents and an Atom feed of them.

The OASIS CAP 1.2 schema (CAP-v1.2.xsd) cannot be fetched here and no
Debian package ships it, so its rules are written out from the spec
(CAP-v1.2-os, section 3.2): the elements of <alert>, <info>, <area>,
<geocode>, <eventCode>, <parameter> in their order and cardinality, the
enumerations, the dateTime form (no "Z", no fractions), the characters an
identifier or sender may hold, and the references' "sender,identifier,sent"
triples.  Usage:
  cap_check.py cap FILE...            each a valid CAP 1.2 alert
  cap_check.py chain FILE...          and each references all before it
  cap_check.py atom FEED BASEURL OUT  a valid Atom feed; the CAP link of
                                       each entry fetched into OUT/<n>.xml
"""
import re
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
ATOM = "{http://www.w3.org/2005/Atom}"
DT = re.compile(r"^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$")
NOSEP = re.compile(r"^[^\s,<&]+$")

# (name, min, max, enumeration or check) in schema order
ALERT = [("identifier", 1, 1, NOSEP), ("sender", 1, 1, NOSEP),
         ("sent", 1, 1, DT),
         ("status", 1, 1, {"Actual", "Exercise", "System", "Test", "Draft"}),
         ("msgType", 1, 1, {"Alert", "Update", "Cancel", "Ack", "Error"}),
         ("source", 0, 1, None),
         ("scope", 1, 1, {"Public", "Restricted", "Private"}),
         ("restriction", 0, 1, None), ("addresses", 0, 1, None),
         ("code", 0, None, None), ("note", 0, 1, None),
         ("references", 0, 1, None), ("incidents", 0, 1, None),
         ("info", 0, None, "info")]
INFO = [("language", 0, 1, re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")),
        ("category", 1, None, {"Geo", "Met", "Safety", "Security", "Rescue",
                               "Fire", "Health", "Env", "Transport", "Infra",
                               "CBRNE", "Other"}),
        ("event", 1, 1, None),
        ("responseType", 0, None, {"Shelter", "Evacuate", "Prepare",
                                   "Execute", "Avoid", "Monitor", "Assess",
                                   "AllClear", "None"}),
        ("urgency", 1, 1, {"Immediate", "Expected", "Future", "Past",
                           "Unknown"}),
        ("severity", 1, 1, {"Extreme", "Severe", "Moderate", "Minor",
                            "Unknown"}),
        ("certainty", 1, 1, {"Observed", "Likely", "Possible", "Unlikely",
                             "Unknown"}),
        ("audience", 0, 1, None), ("eventCode", 0, None, "pair"),
        ("effective", 0, 1, DT), ("onset", 0, 1, DT), ("expires", 0, 1, DT),
        ("senderName", 0, 1, None), ("headline", 0, 1, None),
        ("description", 0, 1, None), ("instruction", 0, 1, None),
        ("web", 0, 1, None), ("contact", 0, 1, None),
        ("parameter", 0, None, "pair"), ("resource", 0, None, "resource"),
        ("area", 0, None, "area")]
AREA = [("areaDesc", 1, 1, None), ("polygon", 0, None, None),
        ("circle", 0, None, None), ("geocode", 0, None, "pair"),
        ("altitude", 0, 1, None), ("ceiling", 0, 1, None)]
PAIR = [("valueName", 1, 1, None), ("value", 1, 1, None)]
RESOURCE = [("resourceDesc", 1, 1, None), ("mimeType", 1, 1, None),
            ("size", 0, 1, None), ("uri", 0, 1, None),
            ("derefUri", 0, 1, None), ("digest", 0, 1, None)]
NESTED = {"info": INFO, "area": AREA, "pair": PAIR, "resource": RESOURCE}


def seq(el, rules, where, errs):
    """The children of el follow rules: order, counts, values."""
    kids = list(el)
    i = 0
    for name, lo, hi, check in rules:
        n = 0
        while i < len(kids) and kids[i].tag == CAP + name:
            k = kids[i]
            if isinstance(check, str):
                seq(k, NESTED[check], where + "/" + name, errs)
            else:
                text = k.text or ""
                if len(k):
                    errs.append("%s/%s: has child elements" % (where, name))
                if text.strip() == "":
                    errs.append("%s/%s: empty" % (where, name))
                if isinstance(check, set) and text not in check:
                    errs.append("%s/%s: %r not one of %s" %
                                (where, name, text, sorted(check)))
                elif hasattr(check, "match") and not check.match(text):
                    errs.append("%s/%s: %r malformed" % (where, name, text))
            n += 1
            i += 1
        if n < lo:
            errs.append("%s: %s missing" % (where, name))
        if hi is not None and n > hi:
            errs.append("%s: %d %s, at most %d" % (where, n, name, hi))
    for k in kids[i:]:
        errs.append("%s: unexpected or misplaced %s" % (where, k.tag))


def cap_errors(root):
    errs = []
    if root.tag != CAP + "alert":
        return ["root is %s, not {%s}alert" % (root.tag, CAP[1:-1])]
    seq(root, ALERT, "alert", errs)
    t = lambda n: root.findtext(CAP + n)
    mt = t("msgType")
    refs = t("references")
    if mt in ("Update", "Cancel", "Ack", "Error") and not refs:
        errs.append("alert: a %s needs references" % mt)
    for r in (refs or "").split():
        p = r.split(",")
        if len(p) != 3 or not all(NOSEP.match(x) for x in p) or \
                not DT.match(p[2]):
            errs.append("references: %r is not sender,identifier,sent" % r)
    if t("status") != "Actual" and t("scope") == "Restricted" and \
            not t("restriction"):
        errs.append("alert: Restricted scope needs restriction")
    return errs


def parse(path):
    return ET.parse(path).getroot()


def triple(root):
    t = lambda n: root.findtext(CAP + n)
    return "%s,%s,%s" % (t("sender"), t("identifier"), t("sent"))


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    bad = 0
    if mode in ("cap", "chain"):
        roots = []
        for f in args:
            root = parse(f)
            errs = cap_errors(root)
            for e in errs:
                print("# %s: %s" % (f, e))
            bad += bool(errs)
            roots.append(root)
        if mode == "chain":
            seen = []
            for f, root in zip(args, roots):
                refs = (root.findtext(CAP + "references") or "").split()
                if refs != seen:
                    print("# %s: references %s, want %s" % (f, refs, seen))
                    bad += 1
                seen.append(triple(root))
        sys.exit(1 if bad else 0)
    if mode == "atom":
        feed, base, out = args
        root = parse(feed)
        errs = []
        if root.tag != ATOM + "feed":
            errs.append("root is not atom:feed")
        for n in ("id", "title", "updated"):
            if len(root.findall(ATOM + n)) != 1:
                errs.append("feed: needs exactly one %s" % n)
        entries = root.findall(ATOM + "entry")
        has_author = root.find(ATOM + "author/" + ATOM + "name") is not None
        ids = set()
        rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?"
                             r"(Z|[+-]\d\d:\d\d)$")
        for n in ("updated",):
            if not rfc3339.match(root.findtext(ATOM + n) or ""):
                errs.append("feed: updated is not RFC 3339")
        for i, e in enumerate(entries):
            for n in ("id", "title", "updated"):
                if len(e.findall(ATOM + n)) != 1:
                    errs.append("entry %d: needs exactly one %s" % (i, n))
            if not rfc3339.match(e.findtext(ATOM + "updated") or ""):
                errs.append("entry %d: updated is not RFC 3339" % i)
            if e.findtext(ATOM + "id") in ids:
                errs.append("entry %d: id repeated" % i)
            ids.add(e.findtext(ATOM + "id"))
            if not has_author and e.find(ATOM + "author") is None:
                errs.append("entry %d: no author (nor the feed's)" % i)
            links = [l for l in e.findall(ATOM + "link")
                     if l.get("rel", "alternate") == "alternate" and
                     l.get("type") == "application/cap+xml"]
            if len(links) != 1 or e.find(ATOM + "summary") is None:
                errs.append("entry %d: one CAP alternate link, a summary" % i)
                continue
            url = urllib.parse.urljoin(base, links[0].get("href"))
            with urllib.request.urlopen(url) as r:
                ctype = r.headers.get("Content-Type")
                body = r.read()
            if ctype != "application/cap+xml":
                errs.append("entry %d: %s is %s" % (i, url, ctype))
            path = "%s/%d.xml" % (out, i)
            open(path, "wb").write(body)
            for x in cap_errors(parse(path)):
                errs.append("entry %d: %s: %s" % (i, url, x))
        for e in errs:
            print("# " + e)
        print(len(entries))
        sys.exit(1 if errs else 0)
    sys.exit(2)


if __name__ == "__main__":
    main()
