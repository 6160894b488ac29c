"""Rebuild PART B of round 9 of the screening evaluation set (stdlib only).

Part B is a separate frozen set added before any labelling of round 9 (round 4's precedent):
part A's two town call logs hold few violence and almost no weapon mentions, so part B adds a
third agency's call log, the University of California, Berkeley Police Department's daily log.
Same rules as build.py (which it imports): incident narratives only, selection by the source's
own category, the rounds' dedupe (against rounds 1-8, every half and part, AND round 9 part A),
redaction, and the split rule (test when the first byte of SHA-256(id) is even).  It never
imports, runs or reads the project's narrative screen or its vocabulary.

Usage: python3 build_b.py UCB_JS
  UCB_JS  all.js of rachelli429/susa-data-viz @ 7374432 (UC Berkeley Police Department daily
          log, 5 Jan - 31 Mar 2019, as GeoJSON in a JavaScript file: Category, Incident
          Description, Location, Synopsis)
"""
import json, re, sys

import build
from build import HERE, Dedupe, take, redact, is_test

# --- UC Berkeley Police Department daily log, grouped by its own "Category" ---
# all.js is "var all = {GeoJSON};": the text from the first "{" to the last "}" is valid JSON.
# The text of an entry is its "Synopsis" (the department's one-line account of the case, in
# capitals, people written as "(MW-29-E)" = sex, race, age, affiliation); entries whose
# synopsis is "NA" have no narrative and are left out.  Id = the feature's position in the file.
UCB_VW = {'OTHER ASSAULTS', 'OTHERASSAULTS', 'ROBBERY', 'RAPE', 'WEAPONS VIOLATIONS',
          'AGGRAVATED ASSAULT', 'SEX OFFENSES', 'DISORDERLY CONDUCT', 'PENAL CODE VIOLATION'}
UCB_MED = {'WELFARE CHECK', 'DRIVING UNDER THE INFLUENCE', 'FIRE', 'MISSING PERSON',
           'LIQUOR LAWS', 'DRUNKENNESS', 'MEDICAL', '5150'}
UCB_QUOTA = {'vw': 600, 'med': 600, 'other': 600}  # > group sizes: all kept

# UCPD writes arrested / cited people as "LAST, FIRST [M] (MW-46-O)"; licence plates as
# 6-8 letters and digits ("7MXJ769"); house numbers without a street suffix ("605 OHLONE").
UCB_NAME = re.compile(r"\b[A-Z][A-Z'-]+, ?([A-Z][A-Z'-]*(?: [A-Z][A-Z'-]*\.?){0,3})(?= ?\()")
# words of the log's own phrasing: a "WORD, WORDS (" match whose WORDS hold one is not a name
UCB_NOT_NAME = {'REPORTS', 'REPORT', 'VIA', 'SUSPECT', 'SUSPECTS', 'VICTIM', 'VICTIMS', 'OF', 'TO', 'AND',
                'THE', 'FOR', 'HALL', 'LOT', 'CHECK', 'JAIL', 'SCENE', 'ARRESTED', 'CITED', 'LOSS',
                'TAKEN', 'TAKE', 'BPD', 'UCPD', 'PLAZA', 'STRUCTURE', 'UNIT', 'CONTACTED', 'ISSUED'}
UCB_PLATE = re.compile(r"\b(?=[A-Z0-9]{6,8}\b)(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,8}\b")
UCB_HOUSE = re.compile(r"(?<![\w$.,#/:'`-])(?<!\d )(?!19\d\d\b|20\d\d\b)\d{3,5}(?= (?!HRS\b|HOURS\b|BLK\b|BLOCK\b|POUNDS\b|LBS\b)[A-Z]{3,}\b)")


def ucb(path, dd):
    s = open(path, encoding='utf-8').read()
    feats = json.loads(s[s.index('{'):s.rindex('}') + 1])['features']
    groups = {k: [] for k in UCB_QUOTA}
    for i, f in enumerate(feats):
        p = f.get('properties') or {}
        t = re.sub(r'\s+', ' ', (p.get('Synopsis') or '')).strip()
        if t in ('', 'NA'):
            continue
        cat = (p.get('Category') or '').strip()
        g = 'vw' if cat in UCB_VW else 'med' if cat in UCB_MED else 'other'
        groups[g].append(dict(id='%04d' % i, text=t, names=set()))
    return take(groups, UCB_QUOTA, 2093,
                lambda r, t: dict(id='ucb-' + r['id'], source='uc-berkeley-pd-log', text=t,
                                  names=set()), dd)


def ucb_redact(text):
    text = UCB_NAME.sub(lambda m: m.group(0) if set(re.findall(r"[A-Z'-]+", m.group(1))) & UCB_NOT_NAME
                        else '[NAME]', text)
    text = re.sub(r"\b[A-Z][A-Z'-]+, ?(?:[A-Z][A-Z'-]* )*?(?:AKA )?\[NAME\]", '[NAME]', text)  # a name left before a match
    text = re.sub(r"\bAKA [A-Z][A-Z'-]+, ?[A-Z][A-Z'-]*", 'AKA [NAME]', text)  # an alias
    text = UCB_PLATE.sub('[ID]', text)
    return UCB_HOUSE.sub('[ADDRESS]', text)


def main(ucb_js):
    dd = Dedupe()
    for half in ('test', 'dev'):  # round 9 part A
        for line in open(HERE / (half + '.jsonl'), encoding='utf-8'):
            dd.add(json.loads(line)['text'])
    items = ucb(ucb_js, dd)
    rpath = HERE / 'redact_b.json'
    red = json.load(open(rpath)) if rpath.exists() else {}
    items = [x for x in items if x['id'] not in red.get('exclude', {})]
    for x in items:
        x['text'] = ucb_redact(redact(x, red))
    items.sort(key=lambda x: x['id'])
    for name, rows in (('test_b', [x for x in items if is_test(x['id'])]),
                       ('dev_b', [x for x in items if not is_test(x['id'])])):
        with open(HERE / (name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps({'id': x['id'], 'source': x['source'], 'text': x['text']},
                                   ensure_ascii=False) + '\n')
        with open(HERE / (name + '.groups.json'), 'w', encoding='utf-8') as f:
            json.dump({x['id']: x['group'] for x in rows}, f, indent=0, sort_keys=True)
        counts = {}
        for x in rows:
            counts[x['group']] = counts.get(x['group'], 0) + 1
        print(name, len(rows), ', '.join('%s %d' % kv for kv in sorted(counts.items())))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
