"""Rebuild the candidate texts of round 5 of the screening evaluation set (stdlib only).

Round 5 is a reserve held-out set (used only if round 4 gets tuned on).  Selection only: reads
two public sources from local snapshots (SOURCES.md says where they came from), applies the
selection rules written below, drops texts equal or nearly equal to a text of rounds 1-4 (every
half and part) or to a text already picked, redacts, and writes the split (dev.jsonl,
test.jsonl): an id goes to test when the first byte of SHA-256(id) is even, the rule of rounds
1-4.  It never imports, runs or reads the project's narrative screen or its vocabulary, and
groups texts only by each source's own category field.

Usage: python3 build.py GVA_DIR CADPAGE_JSON
  GVA_DIR      a folder holding intermediate/stage2.*.csv of jamesqo/gun-violence-data @ 17dc307
               (Gun Violence Archive incidents 2013-2018, with GVA's "notes" column)
  CADPAGE_JSON cadpage INFO fields (../screening-eval/cad_extract.py output, cad_all.json,
               cadpage/cadpage-android @ 275b31c)
"""
import csv, hashlib, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / d for d in ('screening-eval', 'screening-eval-2', 'screening-eval-3', 'screening-eval-4')]
HALVES = ('dev', 'test', 'dev_b', 'test_b')  # round 4 has a part B
MAXLEN = 600


def trim(text):
    """Rounds 1-4 length rule: strip; cut texts over MAXLEN at the last
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
    """Rounds 3-4's rule, loaded with every half and part of rounds 1-4: exact
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


def take(groups, quota, seed, text_of, make, dd, key_of=None, per_key=None):
    """Shuffle each group with the seed, then keep texts in that order until
    the group's quota is met (at most per_key[g] per key_of(row))."""
    rng = random.Random(seed)
    out = []
    for g in quota:
        rng.shuffle(groups[g])
        n, per = 0, {}
        for r in groups[g]:
            if n >= quota[g]:
                break
            if per_key and per.get(key_of(r), 0) >= per_key[g]:
                continue
            t = trim(text_of(r))
            if len(t) < 20 or words(t) < 4 or not dd.fresh(t):
                continue
            dd.add(t)
            n += 1
            if per_key:
                per[key_of(r)] = per.get(key_of(r), 0) + 1
            out.append(dict(make(r, t), group=g))
    return out


# --- 1. Gun Violence Archive incident notes, grouped by GVA's own incident_characteristics ---
# Every GVA incident involves a firearm by the archive's definition; the notes are GVA's own
# short summaries.  Groups by the characteristics GVA assigned (first match wins):
GVA_RULES = [
    ('shot', re.compile(r'(?:^|\|)Shot - ')),                         # someone wounded or killed by gunfire
    ('shots_fired', re.compile(r'(?:^|\|)Shots Fired|Shots fired, no action')),
    ('non_shooting', re.compile(r'Non-Shooting Incident|Brandishing|Armed robbery|Home Invasion|Car-jacking'
                                r'|Pistol-whipping|Implied Weapon|Kidnapping|Sex crime')),
]
GVA_QUOTA = {'shot': 400, 'shots_fired': 100, 'non_shooting': 170, 'other': 60}


def gva_group(chars):
    for name, rx in GVA_RULES:
        if rx.search(chars):
            return name
    return 'other'


def gva_names(row):
    """Participant names GVA lists for the incident ('0::Name||1::Name')."""
    out = []
    for part in (row.get('participant_name') or '').split('||'):
        name = part.split('::', 1)[-1].strip()
        if len(name) >= 3:
            out.append(name)
    return out


def gva(folder, dd):
    groups = {k: [] for k in GVA_QUOTA}
    seen = set()
    for f in sorted(Path(folder).glob('stage2.*.csv')):
        for r in csv.DictReader(open(f, newline='', encoding='utf-8')):
            t = re.sub(r'\s+', ' ', r['notes'] or '').strip()
            iid = (r['incident_id'] or '').strip()
            if not iid.isdigit() or iid in seen or len(t) < 20 or words(t) < 4:
                continue
            seen.add(iid)
            groups[gva_group(r['incident_characteristics'] or '')].append(
                dict(id=iid, text=t, names=gva_names(r), address=(r['address'] or '').strip()))
    return take(groups, GVA_QUOTA, 2051, lambda r: r['text'],
                lambda r, t: dict(id='gva-' + r['id'], source='gun-violence-archive-notes', text=t,
                                  names=r['names'], address=r['address']), dd)


# --- 2. cadpage parser tests of agencies (parsers) no earlier round used ---
CAD_WEAPON = re.compile(r'SHOOT|SHOT|STAB|GSW|GUN|WEAPON|ARMED|FIREARM|KNIFE|PENETRAT|HOLD ?UP|ROBBER')
CAD_VW = re.compile(r'ASSAULT|FIGHT|DOMESTIC|BATTERY|SEXUAL|RAPE|HOSTAGE|THREAT|DISTURB|ABUSE|BRAWL|ATTACK|KIDNAP')
CAD_MED = re.compile(r'OVERDOSE|\bOD\b|POISON|UNCON|CARDIAC|TRAUMA|SEIZ|BREATH|CHEST|BLEED|HEMORR'
                     r'|STROKE|CVA|FALL|SICK|DIABET|SUICID|INJUR|DOA|DECEASED|DEATH|MEDICAL|\bEMS\b|AMBULANCE'
                     r'|\bALS\b|\bBLS\b|RESCUE|UNRESP|ALLERG|HEART|PAIN|ILL')
CAD_JUNK = re.compile(r'Prior Incident|Previous Calls|^Disp:|CAD Times|^Toner Alert|Call Created|Time reported:'
                      r'|CAD Call ID|INCIDENT TIMES|UNIT TIMES', re.I)
CLOCK = re.compile(r'\d{1,2}:\d\d')
CAD_QUOTA = {'weapon': 50, 'vw': 50, 'med': 340, 'other': 300}
CAD_PER_PARSER = {'weapon': 8, 'vw': 6, 'med': 4, 'other': 3}


def unit_log(text):
    """A page that is mostly a unit status / time-stamp log (3+ clock times and
    fewer than 6 words on the lines without one): not a narrative."""
    if len(CLOCK.findall(text)) < 3:
        return False
    rest = ' '.join(l for l in re.split(r'\n| \| ', text) if not CLOCK.search(l))
    return words(rest) < 6


def cadpage(path, dd):
    rows = json.load(open(path))
    used_ids = {r['id'][4:] for r in earlier_rows() if r['id'].startswith('cad-')}
    classes = {r['cls'] for r in rows}
    excluded = {c for c in classes if any(i.startswith(c + '-') for i in used_ids)}
    groups = {k: [] for k in CAD_QUOTA}
    for r in rows:
        t = r['info'].strip()
        if (r['cls'] in excluded or r['cls'].startswith('ZSE') or len(t) < 25 or words(t) < 4
                or CAD_JUNK.search(t) or unit_log(t)):
            continue  # ZSE: the Swedish parsers (not English)
        call = r['call'].upper()
        g = ('weapon' if CAD_WEAPON.search(call) else 'vw' if CAD_VW.search(call)
             else 'med' if CAD_MED.search(call) else 'other')
        name = r.get('name', '').strip()
        if len(name) > 4 and name.upper() in t.upper():
            t = re.sub(re.escape(name), '[NAME]', t, flags=re.I)
        groups[g].append(dict(r, info=t))
    return take(groups, CAD_QUOTA, 2052, lambda r: r['info'],
                lambda r, t: dict(id='cad-%s-%s' % (r['cls'], r['test']), source='cadpage-test-messages', text=t),
                dd, key_of=lambda r: r['cls'], per_key=CAD_PER_PARSER)


# --- redaction (rounds 3-4's patterns, plus GVA's own participant and address fields) ---
STREET = re.compile(
    r"(?<![\w-])\d{3,6}(?:-?[A-Z])?[ \t]+(?!block\b)(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')
PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)|(?<![\d-])[2-9]\d{9}(?![\d-])')
NAME_SKIP = {'Jr', 'Jr.', 'Sr', 'Sr.', 'II', 'III', 'IV', 'Deputy', 'Officer', 'Sgt', 'Sgt.', 'Trooper', 'Det.',
             'Detective', 'Lt.', 'Cpl.', 'Agent', 'Chief', 'Sheriff', 'Dr.'}


def redact_gva(x):
    """Every participant name GVA lists (people shot, killed, arrested, officers alike)
    becomes [NAME], first as the full name, then each of its words of 3+ letters
    standing alone (a surname used later).  The incident's house-number address
    becomes [ADDRESS] where the note repeats it."""
    text = x['text']
    for name in sorted(x['names'], key=len, reverse=True):
        if not any(w[:1].isupper() for w in name.split()):
            continue
        text = re.sub(r'\b%s\b' % re.escape(name), '[NAME]', text, flags=re.I)
    for name in x['names']:
        if not any(w[:1].isupper() for w in name.split()):
            continue  # GVA lists animals too ("pit bull"): not a name
        for w in name.replace(',', ' ').split():
            if w in NAME_SKIP or len(w.strip('.')) < 3 or not w[0].isupper():
                continue
            text = re.sub(r"\b%s\b" % re.escape(w), '[NAME]', text)
    text = re.sub(r"\[NAME\](?:\s+\[NAME\])+", '[NAME]', text)
    addr = x['address']
    if addr and re.match(r'\d', addr) and addr.lower() in text.lower():
        text = re.sub(re.escape(addr), '[ADDRESS]', text, flags=re.I)
    return text


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
    """Spans listed in redact.json first (names and addresses found by reading every
    test text); then the source rules; then phone numbers, house-number street
    addresses (not "2600 block of ...", and not for the ids listed under no_street)
    and coordinates."""
    text = apply_spans(x['id'], x['text'], red.get('spans', {}))
    if x['source'] == 'gun-violence-archive-notes':
        text = redact_gva(dict(x, text=text))
    text = PHONE.sub('[PHONE]', text)
    if x['id'] not in red.get('no_street', []):  # a year or a pistol model read as a house number
        text = STREET.sub(lambda m: m.group(0) if 'ALERTED' in m.group(0).upper() else '[ADDRESS]', text)
    text = COORD.sub('[ADDRESS]', text)
    return text


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(gva_dir, cad_json):
    dd = Dedupe()
    items = gva(gva_dir, dd) + cadpage(cad_json, dd)
    seen = {}
    for x in items:  # an id can repeat inside a source: suffix repeats
        n = seen.get(x['id'], 0) + 1
        seen[x['id']] = n
        if n > 1:
            x['id'] += '-%d' % n
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
