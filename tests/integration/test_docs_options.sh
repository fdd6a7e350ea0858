#!/bin/bash
# test_docs_options.sh - every option the code has is documented everywhere
# the docs say it is.
#
# The list of options comes from the running code: the keys printed by
# `outaged --check-config` (conf_dump walks the opts[] of conf_opts.c in order).
# Options unset by default are left out of that output, so the test loads a
# second file that sets each of them (and one feed, for the feeds[] members,
# and one source, for sources.<name>.priority); as a cross-check, the names
# in the opts[] of conf_opts.c must be exactly the dumped options.  Then:
#
#   - config/outaged.json: has every option that has a default, at the
#     default's value (except the source-tree paths and the example source);
#     an option unset by default must be one the page names as such;
#   - docs/configuration.md: every option is in a table row (`| \`name\` |`)
#     of its "Options" part, and every option in such a row exists;
#   - docs/outaged.8: every section (first level of the names) is listed in
#     CONFIGURATION as ".It Li NAME";
#   - docs/configuration.md's --check-config example equals the real output
#     for the shipped file.
#
# Catches: an option added to opts[] but not to the example file, the
# reference or the man page (issue 11, item 5: no "news" section), a
# documented option the code no longer has, a changed default.
. "$(dirname "$0")/lib.sh"

cat > "$T/defaults.json" <<JSON
{ "regions": { "packs": "" } }
JSON
cat > "$T/full.json" <<JSON
{ "regions": { "packs": "" },
  "mqtt": { "username": "u", "password": "p",
            "tls": { "cafile": "/x", "capath": "/x", "certfile": "/x",
                     "keyfile": "/x" } },
  "delivery": { "public_url": "https://x.example", "smtp": {
                "username": "u", "password": "p" } },
  "feeds": [ { "url": "https://x.example/f.rss", "name": "f" } ],
  "sources": { "s": { "priority": 1 } } }
JSON
"$OUTAGED" -c "$T/defaults.json" --check-config > "$T/defaults.out" 2>"$T/defaults.err"
check "check-config runs on the defaults" test -s "$T/defaults.out"
"$OUTAGED" -c "$T/full.json" --check-config > "$T/full.out" 2>"$T/full.err" ||
    { fail "check-config on every option" "$(cat "$T/full.err")"; exit 1; }
(cd "$ROOT" && "$OUTAGED" -c config/outaged.json --check-config) \
    > "$T/shipped.out" 2>"$T/shipped.err"
check "check-config accepts config/outaged.json" grep -q 'configuration OK' "$T/shipped.err"

python3 - "$ROOT" "$T" <<'PY'
import json, re, sys

root, t = sys.argv[1:3]
fails = 0

def result(ok, name, why=""):
    global fails
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))
    fails += 0 if ok else 1

def leaves(j, pre=""):
    """dotted option names; feeds[] members; sources.<name> -> sources"""
    out = {}
    for k, v in j.items():
        p = pre + k
        if p == "sources":
            out[p] = v
        elif p == "feeds":
            out[p] = v
            for f in v:
                for fk, fv in f.items():
                    out["feeds[]." + fk] = fv
        elif isinstance(v, dict):
            out.update(leaves(v, p + "."))
        else:
            out[p] = v
    return out

defaults = leaves(json.load(open(t + "/defaults.out")))
full = leaves(json.load(open(t + "/full.out")))
shipped = leaves(json.load(open(t + "/shipped.out")))
unset = [k for k in full if k not in defaults]
print("# %d options from --check-config, %d unset by default: %s"
      % (len(full), len(unset), ", ".join(unset)))

# cross-check with the source of opts[]
src = open(root + "/src/core/conf_opts.c").read()
table = src[src.index("opts[] = {"):src.index("};", src.index("opts[] = {"))]
names = re.findall(r'\{\s*"([a-z_.]+)",\s*OPT_', table)
top = [k for k in full if not k.startswith("feeds[].")]
result(names == top, "opts[] in conf_opts.c and --check-config list the same "
       "options, in the same order",
       "only in opts[]: %s; only dumped: %s" % (
           sorted(set(names) - set(top)), sorted(set(top) - set(names))))

# config/outaged.json
example = leaves(json.load(open(root + "/config/outaged.json")))
page = open(root + "/docs/configuration.md", encoding="utf-8").read()
intro = page[:page.index("## The file")]
paths = {"http.web_root", "http.openapi", "delivery.templates",
         "regions.packs", "sources"}
for k in full:
    if k.startswith("feeds[]."):
        continue
    if k in unset:
        stem = k.rsplit(".", 1)[0] + ".*"
        result("`%s`" % k in intro or "`%s`" % stem in intro,
               "config/outaged.json: %s (unset by default) is named as such "
               "in configuration.md" % k)
    elif k not in example:
        result(False, "config/outaged.json has %s" % k, "missing")
    elif k not in paths:
        result(shipped[k] == defaults[k],
               "config/outaged.json has %s at its default" % k,
               "%r, the default is %r" % (shipped[k], defaults[k]))
    else:
        result(True, "config/outaged.json has %s" % k)
for k in example:
    result(k in full, "config/outaged.json: %s is an option" % k, "unknown")

# docs/configuration.md tables
opts_part = page[page.index("## Options"):page.index("## Paths")]
rows = set(re.findall(r"^\| `([a-z_.\[\]]+)` \|", opts_part, re.M))
for k in full:
    result(k in rows, "configuration.md has a row for %s" % k, "missing")
for k in sorted(rows - set(full)):
    result(False, "configuration.md row %s is an option" % k,
           "the code has no such option")

# docs/outaged.8: every section in CONFIGURATION
man = open(root + "/docs/outaged.8", encoding="utf-8").read()
conf = man[man.index(".Sh CONFIGURATION"):man.index(".Sh MQTT TOPICS")]
listed = re.findall(r"^\.It Li (\S+)$", conf, re.M)
sections = []
for k in full:
    s = k.split(".")[0].replace("[]", "")
    if s not in sections:
        sections.append(s)
result(listed == sections, "outaged(8) CONFIGURATION lists every section, "
       "in table order", "man: %s; code: %s" % (listed, sections))

# the --check-config example of configuration.md
m = re.search(r"\$ \./build/outaged -c config/outaged\.json --check-config\n"
              r"(.*?)\n```", page, re.S)
shown = m.group(1) if m else ""
real = open(t + "/shipped.out").read() + open(t + "/shipped.err").read()
result(shown.strip() == real.strip(), "configuration.md's --check-config "
       "example is the real output", "differs")
sys.exit(1 if fails else 0)
PY
rc=$?
[ $rc -ne 0 ] && FAILS=$((FAILS + 1))
exit $rc
