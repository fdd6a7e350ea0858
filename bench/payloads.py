#!/usr/bin/python3
"""payloads.py - the benchmarks' report payloads, one JSON a line
(bench/table.sh, bench/peer.sh).

  payloads.py ingest FILE N [TAG]
      N QoS 1 report payloads over 7 regions (UA and US, whose households
      make severities), each changing a figure: id TAG<i> (default "b"),
      source "bench", power, outage, affected 1000 + i.
  payloads.py thousand FILE
      1,000 regions of iso-codes outside UA and US (no denominator: counts
      decide the severity) in outage, 200,000 affected and more.
  payloads.py latregions FILE
      500 top-level regions outside UA and US, one id a line (mqtt_lat).
"""
import json
import sys

SEVEN = ["UA-12", "UA-63", "UA-51", "UA-46", "UA-32", "US-TX", "US-CA"]
ISO = "/usr/share/iso-codes/json/iso_3166-2.json"


def ingest(path, n, tag="b"):
    with open(path, "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"{tag}{i}", "source": "bench",
                "region": SEVEN[i % 7], "utility": "power",
                "status": "outage", "affected": 1000 + i}) + "\n")


def others():
    d = json.load(open(ISO))["3166-2"]
    return [x for x in d if x["code"][:3] not in ("UA-", "US-")]


def thousand(path):
    with open(path, "w") as f:
        for i, x in enumerate(others()[:1000]):
            f.write(json.dumps({"id": f"k{i}", "source": "bench",
                "region": x["code"], "utility": "power", "status": "outage",
                "affected": 200000 + i}) + "\n")


def latregions(path):
    top = [x["code"] for x in others() if "parent" not in x]
    with open(path, "w") as f:
        f.write("\n".join(top[:500]) + "\n")


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "ingest":
        ingest(sys.argv[2], int(sys.argv[3]), *sys.argv[4:5])
    elif what == "thousand":
        thousand(sys.argv[2])
    elif what == "latregions":
        latregions(sys.argv[2])
    else:
        sys.exit(__doc__)
