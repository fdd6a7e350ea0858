#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""agree.py - how well two labellings of the same passages agree.

    scripts/agree.py GOLD.jsonl OTHER.jsonl
    scripts/agree.py --extractor OUTAGECTL GOLD.jsonl

Both files hold one JSON object a line with "id" and "reports" (the corpus
format, ../shared/corpus/README.md); OTHER may hold only those two.  With
--extractor, OTHER is what `OUTAGECTL extract` gives for each passage's
"text" (its report's mention, else its region's name, is the region), so
the extractor is scored by the same matcher as a second annotator.

Reports are matched one to one on (utility, status, region), the region
compared loosely: without case, punctuation, "the", "'s" and kind words
("region", "oblast", "district", "parts of", ...), one name inside the
other matching, null only matching null.  extract_eval's gazetteer
matcher cannot read a second labelling; this one reads both alike, which
is what an agreement figure needs (tests/data/eval/README.md, "Agreement
between two annotators").  Prints one line:

    gold N other N matched N  P x R x F1 x
"""
import json
import os
import re
import subprocess
import sys
import tempfile

KIND = re.compile(r'\b(the|region|regions|oblast|province|provinces|county|'
                  r'counties|district|districts|state|city|area|areas|'
                  r'prefecture|parts?|of|and|in)\b')


def norm(region):
    """A region's words for comparison, or None for no region."""
    if region is None:
        return None
    s = region.lower()
    s = re.sub(r"[\u2019'`]s\b", '', s)
    s = re.sub(r'[^\w\s]', ' ', s)
    s = KIND.sub(' ', s)
    s = ' '.join(s.split())
    return s or None


def region_match(a, b):
    a, b = norm(a), norm(b)
    if a is None or b is None:
        return a is None and b is None
    return a == b or a in b or b in a


def load(path):
    out = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                o = json.loads(line)
                out[o['id']] = o.get('reports') or []
            except (ValueError, KeyError) as e:
                sys.exit(f'{path}:{n}: {e}')
    return out


def extract(outagectl, path):
    """The extractor's reports for each passage of the corpus at path."""
    out = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            o = json.loads(line)
            with tempfile.NamedTemporaryFile('w', suffix='.txt',
                                             encoding='utf-8',
                                             delete=False) as t:
                t.write(o['text'])
            try:
                r = subprocess.run([outagectl, 'extract', t.name],
                                   capture_output=True, text=True,
                                   check=True)
            except subprocess.CalledProcessError as e:
                sys.exit(f'{outagectl} extract: {e.stderr.strip()}')
            finally:
                os.unlink(t.name)
            out[o['id']] = [{'region': x['mention'] or x['region_name'],
                             'utility': x['utility'],
                             'status': x['status']}
                            for x in json.loads(r.stdout)]
    return out


def score(gold, other):
    ng = no = nm = 0
    for key, reports in gold.items():
        used = [False] * len(reports)
        for p in other.get(key, []):
            for i, g in enumerate(reports):
                if (not used[i] and g['utility'] == p['utility'] and
                        g['status'] == p['status'] and
                        region_match(g.get('region'), p.get('region'))):
                    used[i] = True
                    nm += 1
                    break
        ng += len(reports)
        no += len(other.get(key, []))
    prec = nm / no if no else 0.0
    rec = nm / ng if ng else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return ng, no, nm, prec, rec, f1


def main(argv):
    if len(argv) == 4 and argv[1] == '--extractor':
        gold, other = load(argv[3]), extract(argv[2], argv[3])
    elif len(argv) == 3 and not argv[1].startswith('-'):
        gold, other = load(argv[1]), load(argv[2])
    else:
        sys.exit(__doc__.strip().split('\n\n')[1])
    ng, no, nm, prec, rec, f1 = score(gold, other)
    print(f'gold {ng} other {no} matched {nm}  '
          f'P {prec:.3f} R {rec:.3f} F1 {f1:.3f}')


if __name__ == '__main__':
    main(sys.argv)
