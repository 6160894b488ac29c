"""Rebuild the candidate texts of round 6 of the screening evaluation set (stdlib only).

Round 6 is the next held-out set (round 5 has been measured and will be tuned on).  Selection
only: reads two public sources from local snapshots (SOURCES.md says where they came from),
applies the selection rules written below, drops texts equal or nearly equal to a text of
rounds 1-5 (every half and part) or to a text already picked, redacts, and writes the split
(dev.jsonl, test.jsonl): an id goes to test when the first byte of SHA-256(id) is even, the
rule of rounds 1-5.  It never imports, runs or reads the project's narrative screen or its
vocabulary, and groups texts only by each source's own category field.

Usage: python3 build.py SSDB_INCIDENT_CSV NEISS_FIREWORKS_CSV
  SSDB_INCIDENT_CSV    SSData_raw/INCIDENT.csv of the-nlucero/SchoolShootings @ 786b718
                       (CHDS K-12 School Shooting Database, incident tab, with its "Narrative")
  NEISS_FIREWORKS_CSV  data/data_clean/df_injury_clean2.csv of
                       drusho/Analysis_of_US_Firework_Sales_and_Injuries @ be98cd9
                       (CPSC NEISS emergency-department records 2016-2020, firework product codes)
"""
import csv, hashlib, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / d for d in ('screening-eval', 'screening-eval-2', 'screening-eval-3',
                                     'screening-eval-4', 'screening-eval-5')]
HALVES = ('dev', 'test', 'dev_b', 'test_b')  # round 4 has a part B
MAXLEN = 600


def trim(text):
    """Rounds 1-5 length rule: strip; cut texts over MAXLEN at the last
    sentence end (or else the last space) before MAXLEN."""
    text = text.strip()
    if len(text) <= MAXLEN:
        return text
    cut = text[:MAXLEN]
    i = max(cut.rfind('. '), cut.rfind('.\n'))
    if i > MAXLEN // 2:
        return cut[:i + 1]
    return cut[:cut.rfind(' ')].rstrip()


def words(text):
    return len(re.findall(r'[A-Za-z]{2,}', text))


def norm(text):
    return ' '.join(re.findall(r'[a-z0-9]+', text.lower()))


def earlier_rows():
    for d in EARLIER:
        for half in HALVES:
            p = d / (half + '.jsonl')
            if p.exists():
                for line in open(p, encoding='utf-8'):
                    yield json.loads(line)


class Dedupe:
    """Rounds 3-5's rule, loaded with every half and part of rounds 1-5: exact
    (after folding case, punctuation and spacing) and near-exact (Jaccard >= 0.8
    on word sets of 4+ words, words with digits left out) duplicates of an
    earlier round's text or of a text already kept are refused."""

    def __init__(self):
        self.keys, self.sets = set(), []
        for row in earlier_rows():
            self.add(row['text'])

    @staticmethod
    def wordset(text):
        return frozenset(w for w in norm(text).split() if not any(c.isdigit() for c in w))

    def add(self, text):
        self.keys.add(norm(text))
        ws = self.wordset(text)
        if len(ws) >= 4:
            self.sets.append(ws)

    def fresh(self, text):
        if norm(text) in self.keys:
            return False
        ws = self.wordset(text)
        if len(ws) >= 4:
            for s in self.sets:
                if 0.8 * len(s) <= len(ws) <= 1.25 * len(s) and len(ws & s) >= 0.8 * len(ws | s):
                    return False
        return True


def take(groups, quota, seed, make, dd):
    """Shuffle each group with the seed, then keep texts in that order until
    the group's quota is met."""
    rng = random.Random(seed)
    out = []
    for g in quota:
        rng.shuffle(groups[g])
        n = 0
        for r in groups[g]:
            if n >= quota[g]:
                break
            t = trim(r['text'])
            if len(t) < 20 or words(t) < 4 or not dd.fresh(t):
                continue
            dd.add(t)
            n += 1
            out.append(dict(make(r, t), group=g))
    return out


# --- 1. CHDS K-12 School Shooting Database, incident narratives, grouped by its own "Situation" ---
# Every SSDB incident involves a gun brandished or fired, or a bullet hitting school property
# (the database's own definition); the narrative says what happened, often who was hurt.
SSDB_GROUPS = {
    'dispute': {'Escalation of Dispute'},
    'accidental': {'Accidental'},
    'suicide': {'Suicide/Attempted'},
    'driveby_indiscriminate': {'Drive-by Shooting', 'Indiscriminate Shooting'},
    'targeted': {'Domestic w/ Targeted Victim', 'Hostage/Standoff', 'Bullying', 'Psychosis',
                 'Anger Over Grade/Suspension/Discipline', 'Racial', 'Murder/Suicide'},
}
SSDB_QUOTA = {'dispute': 300, 'accidental': 140, 'suicide': 100, 'driveby_indiscriminate': 150,
              'targeted': 150, 'other': 200}


def ssdb_group(situation):
    for name, values in SSDB_GROUPS.items():
        if situation.strip() in values:
            return name
    return 'other'  # illegal activity, property damage, self-defence, unknown, blank


def ssdb(path, dd):
    groups = {k: [] for k in SSDB_QUOTA}
    seen = set()
    for r in csv.DictReader(open(path, newline='', encoding='utf-8-sig')):
        iid = (r['Incident_ID'] or '').strip()
        t = (r['Narrative'] or '').strip()
        if not iid or iid in seen or t.lower() == 'null' or len(t) < 20 or words(t) < 4:
            continue
        seen.add(iid)
        groups[ssdb_group(r['Situation'] or '')].append(dict(id=iid, text=t))
    return take(groups, SSDB_QUOTA, 2061,
                lambda r, t: dict(id='ssdb-' + r['id'], source='k12-school-shooting-db', text=t), dd)


# --- 2. CPSC NEISS emergency-department narratives for firework injuries, grouped by NEISS diagnosis ---
NEISS_GROUPS = {'burn': re.compile(r'^Burns'), 'wound': re.compile(r'Laceration|Amputation|Avulsion|Puncture'
                                                                    r'|Fracture|Internal organ')}
NEISS_QUOTA = {'burn': 180, 'wound': 120, 'other': 150}


def neiss_group(diagnosis):
    for name, rx in NEISS_GROUPS.items():
        if rx.search(diagnosis):
            return name
    return 'other'  # contusions, foreign body, anoxia, poisoning, sprain, not stated, ...


def neiss(path, dd):
    groups = {k: [] for k in NEISS_QUOTA}
    seen = set()
    for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
        rid = (r[''] or '').strip()
        t = (r['Narrative'] or '').strip()
        if not rid.isdigit() or rid in seen or len(t) < 20 or words(t) < 4:
            continue
        seen.add(rid)
        groups[neiss_group(r['Diagnosis'] or '')].append(dict(id=rid, text=t))
    return take(groups, NEISS_QUOTA, 2062,
                lambda r, t: dict(id='neissfw-' + r['id'], source='neiss-firework-injuries', text=t), dd)


# --- redaction (rounds 3-5's patterns; hand-found redactions as spans in redact.json) ---
STREET = re.compile(
    r"(?<![\w-])\d{3,6}(?:-?[A-Z])?[ \t]+(?!block\b)(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')
PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)|(?<![\d-])[2-9]\d{9}(?![\d-])')


def apply_spans(text_id, text, spans):
    """The hand-found redactions of redact.json: [start, end, replacement, check] in the
    text after the length cut, check being the first 2 hex digits of SHA-256 of the
    original span.  Short on purpose: a full hash of a short name can be confirmed by
    guessing names, two digits confirm nothing (1 guess in 256 passes), yet a changed
    or shifted source still stops the build, since each wrong span passes with a
    chance of 1 in 256 and a span past the end of its text never passes."""
    for start, end, label, check in sorted(spans.get(text_id, []), reverse=True):
        if not (0 <= start < end <= len(text) and len(check) == 2
                and hashlib.sha256(text[start:end].encode('utf-8')).hexdigest()[:2] == check):
            sys.exit('redact.json: span %d-%d of %s does not match the source text' % (start, end, text_id))
        text = text[:start] + label + text[end:]
    return text


def redact(x, red):
    """The spans listed in redact.json (private persons found by reading every test
    text and the dev half) first; then phone numbers, house-number street addresses
    (not "2600 block of ...", and not for the ids listed under no_street) and
    coordinates."""
    text = apply_spans(x['id'], x['text'], red.get('spans', {}))
    text = PHONE.sub('[PHONE]', text)
    if x['id'] not in red.get('no_street', []):
        text = STREET.sub('[ADDRESS]', text)
    text = COORD.sub('[ADDRESS]', text)
    return text


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(ssdb_csv, neiss_csv):
    dd = Dedupe()
    items = ssdb(ssdb_csv, dd) + neiss(neiss_csv, dd)
    assert len({x['id'] for x in items}) == len(items), 'duplicate ids'
    rpath = HERE / 'redact.json'
    red = json.load(open(rpath)) if rpath.exists() else {}
    items = [x for x in items if x['id'] not in red.get('exclude', {})]
    unknown = set(red.get('spans', {})) - {x['id'] for x in items}
    assert not unknown, 'redact.json spans for texts not built: %s' % sorted(unknown)
    for x in items:
        x['text'] = redact(x, red)
    items.sort(key=lambda x: x['id'])
    for name, rows in (('test', [x for x in items if is_test(x['id'])]),
                       ('dev', [x for x in items if not is_test(x['id'])])):
        with open(HERE / (name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps({'id': x['id'], 'source': x['source'], 'text': x['text']},
                                   ensure_ascii=False) + '\n')
        with open(HERE / (name + '.groups.json'), 'w', encoding='utf-8') as f:
            json.dump({x['id']: x['group'] for x in rows}, f, indent=0, sort_keys=True)
        print(name, len(rows))
        groups = {}
        for x in rows:
            groups.setdefault(x['source'], {}).setdefault(x['group'], 0)
            groups[x['source']][x['group']] += 1
        for src in sorted(groups):
            print('  %-30s %s' % (src, ', '.join('%s %d' % kv for kv in sorted(groups[src].items()))))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:3])
