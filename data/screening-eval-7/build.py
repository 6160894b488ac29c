"""Rebuild the candidate texts of round 7 of the screening evaluation set (stdlib only).

Round 7 is the next held-out set (round 6 has been measured and is being tuned on).  Selection
only: reads three public sources from local snapshots (SOURCES.md says where they came from),
applies the selection rules written below, drops texts equal or nearly equal to a text of
rounds 1-6 (every half and part) or to a text already picked, redacts, and writes the split
(dev.jsonl, test.jsonl): an id goes to test when the first byte of SHA-256(id) is even, the
rule of rounds 1-6.  It never imports, runs or reads the project's narrative screen or its
vocabulary, and groups texts only by each source's own category field.

Usage: python3 build.py MSA_CSV MJ_CSV CADPAGE_JSON
  MSA_CSV       Data/Stanford_MSA_Database.csv of StanfordGeospatialCenter/MSA @ 7025a75
                (Stanford Mass Shootings in America, 1966-2016, with its "Description")
  MJ_CSV        "Export/Mother Jones - Mass Shootings Database 1982-2024.csv" of
                Codeholics/US-Mass-Shootings @ 56910e9 (Mother Jones' mass-shooting data, "summary")
  CADPAGE_JSON  cadpage INFO fields (../screening-eval/cad_extract.py output, cad_all.json,
                cadpage/cadpage-android @ 275b31c)
"""
import csv, hashlib, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / d for d in ('screening-eval', 'screening-eval-2', 'screening-eval-3',
                                     'screening-eval-4', 'screening-eval-5', 'screening-eval-6')]
HALVES = ('dev', 'test', 'dev_b', 'test_b')  # round 4 has a part B
MAXLEN = 600


def trim(text):
    """Rounds 1-6 length rule: strip; cut texts over MAXLEN at the last
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
    """Rounds 3-6's rule, loaded with every half and part of rounds 1-6: exact
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


def take(groups, quota, seed, make, dd, key_of=None, per_key=None):
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
            t = trim(r['text'])
            if len(t) < 20 or words(t) < 4 or not dd.fresh(t):
                continue
            dd.add(t)
            n += 1
            if per_key:
                per[key_of(r)] = per.get(key_of(r), 0) + 1
            out.append(dict(make(r, t), group=g))
    return out


def name_tokens(names):
    """Words of 3+ letters of the given person names, capitalised, for redaction."""
    out = set()
    for name in names:
        for w in re.split(r"[\s,;/()]+|\band\b", name):
            w = w.strip(".'\"")
            if len(w) >= 3 and w[0].isupper() and w not in NAME_SKIP:
                out.add(w)
    return out


NAME_SKIP = {'Unknown', 'Jr', 'Sr', 'III', 'Not', 'None', 'The', 'Two', 'Three'}


# --- 1. Stanford Mass Shootings in America (MSA), grouped by its own "Type of Gun - General" ---
# Every MSA case is a shooting with 3+ people shot (the database's own definition); the
# "Description" is the researchers' summary of the case.
def msa_group(gun):
    g = gun.strip().lower()
    if g == 'handgun' or g == '9-mm':
        return 'handgun'
    if g.startswith('multiple'):
        return 'multiple'
    if 'rifle' in g or 'shotgun' in g:
        return 'rifle_shotgun'
    return 'unknown'  # "Unknown" or blank


MSA_QUOTA = {'handgun': 200, 'multiple': 100, 'rifle_shotgun': 100, 'unknown': 120,  # > group sizes: all kept
             'motive_notes': 300, 'mental_health_notes': 200, 'target_notes': 300}
# Three more of the MSA's own free-text fields, each a group of its own: "Possible Motive -
# Detailed", "History of Mental Illness - Detailed" and "Targeted Victim/s - Detailed" (the
# researchers' notes on the shooter and the victims; texts about the same cases that mostly do
# not describe the shooting itself).
MSA_NOTES = (('motive_notes', 'Possible Motive - Detailed', 'motive'),
             ('mental_health_notes', 'History of Mental Illness - Detailed', 'mental'),
             ('target_notes', 'Targeted Victim/s - Detailed', 'target'))


def msa(path, dd):
    groups = {k: [] for k in MSA_QUOTA}
    seen = {}
    for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
        cid = (r['CaseID'] or '').strip()
        if not cid.isdigit():
            continue
        seen[cid] = seen.get(cid, 0) + 1  # two case ids are used twice in the file
        rid = cid if seen[cid] == 1 else '%s-%d' % (cid, seen[cid])
        names = name_tokens([r['Shooter Name'] or ''])
        fields = [(msa_group(r['Type of Gun - General'] or ''), 'Description', '')] + list(MSA_NOTES)
        for group, field, suffix in fields:
            t = (r[field] or '').strip()
            if len(t) < 20 or words(t) < 4:
                continue
            groups[group].append(dict(id=rid + ('-' + suffix if suffix else ''), text=t, names=names))
    return take(groups, MSA_QUOTA, 2071,
                lambda r, t: dict(id='msa-' + r['id'], source='stanford-mass-shootings', text=t,
                                  names=r['names']), dd)


# --- 2. Mother Jones mass-shooting database, grouped by its own "weapon_type" ---
def mj_group(weapon):
    w = weapon.lower()
    rifle = 'rifle' in w or 'assault' in w
    hand = any(k in w for k in ('handgun', 'pistol', 'revolver'))
    if rifle and not hand:
        return 'rifle'
    if hand and not rifle and 'shotgun' not in w:
        return 'handgun'
    return 'mixed_other'  # several kinds, shotguns, details pending


MJ_QUOTA = {'handgun': 100, 'rifle': 60, 'mixed_other': 60,  # > group sizes: all kept
            'mental_health_notes': 120}  # its own "mental_health_details" field, a group of its own
# "Name Surname, 40," / "Name M. Surname, 40," : the shooter as Mother Jones introduces him
MJ_NAMED = re.compile(r"((?:[A-Z][\w'’.-]*\s){1,3}[A-Z][\w'’-]+),\s(?:age\s)?\d{1,2}\b")


def slug(text):
    return '-'.join(re.findall(r'[a-z0-9]+', text.lower()))[:40].strip('-')


def mj(path, dd):
    groups = {k: [] for k in MJ_QUOTA}
    for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
        t = (r['summary'] or '').strip()
        if not (r['case'] or '').strip():
            continue
        rid = '%s-%s' % ((r['year'] or '').strip(), slug(r['case']))
        names = name_tokens(MJ_NAMED.findall(t))
        for group, text, suffix in ((mj_group(r['weapon_type'] or ''), t, ''),
                                    ('mental_health_notes', (r['mental_health_details'] or '').strip(), '-mental')):
            if len(text) < 20 or words(text) < 4:
                continue
            groups[group].append(dict(id=rid + suffix, text=text, names=names))
    return take(groups, MJ_QUOTA, 2072,
                lambda r, t: dict(id='mj-' + r['id'], source='mother-jones-mass-shootings', text=t,
                                  names=r['names']), dd)


# --- 3. cadpage parser tests of agencies (parsers) no earlier round used ---
CAD_WEAPON = re.compile(r'SHOOT|SHOT|STAB|GSW|GUN|WEAPON|ARMED|FIREARM|KNIFE|PENETRAT|HOLD ?UP|ROBBER')
CAD_VW = re.compile(r'ASSAULT|FIGHT|DOMESTIC|BATTERY|SEXUAL|RAPE|HOSTAGE|THREAT|DISTURB|ABUSE|BRAWL|ATTACK|KIDNAP')
CAD_MED = re.compile(r'OVERDOSE|\bOD\b|POISON|UNCON|CARDIAC|TRAUMA|SEIZ|BREATH|CHEST|BLEED|HEMORR'
                     r'|STROKE|CVA|FALL|SICK|DIABET|SUICID|INJUR|DOA|DECEASED|DEATH|MEDICAL|\bEMS\b|AMBULANCE'
                     r'|\bALS\b|\bBLS\b|RESCUE|UNRESP|ALLERG|HEART|PAIN|ILL')
CAD_JUNK = re.compile(r'Prior Incident|Previous Calls|^Disp:|CAD Times|^Toner Alert|Call Created|Time reported:'
                      r'|CAD Call ID|INCIDENT TIMES|UNIT TIMES', re.I)
CLOCK = re.compile(r'\d{1,2}:\d\d')
CAD_QUOTA = {'weapon': 20, 'vw': 20, 'med': 190, 'other': 250}
CAD_PER_PARSER = {'weapon': 8, 'vw': 8, 'med': 7, 'other': 6}


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
        groups[g].append(dict(r, text=t))
    return take(groups, CAD_QUOTA, 2073,
                lambda r, t: dict(id='cad-%s-%s' % (r['cls'], r['test']), source='cadpage-test-messages',
                                  text=t, names=set()),
                dd, key_of=lambda r: r['cls'], per_key=CAD_PER_PARSER)


# --- redaction (rounds 3-6's patterns; hand-found redactions as spans in redact.json) ---
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
    text and the dev half) first; then the source's own name list (MSA's "Shooter
    Name", the shooter Mother Jones introduces as "Name, age,"): each word of it,
    capitalised, becomes [NAME]; then phone numbers, house-number street addresses
    (not "2600 block of ...", and not for the ids listed under no_street) and
    coordinates."""
    text = apply_spans(x['id'], x['text'], red.get('spans', {}))
    for w in sorted(x['names'], key=len, reverse=True):
        text = re.sub(r"\b%s\b" % re.escape(w), '[NAME]', text)
    text = re.sub(r"\[NAME\](?:[ .]+\[NAME\])+", '[NAME]', text)
    text = PHONE.sub('[PHONE]', text)
    if x['id'] not in red.get('no_street', []):
        text = STREET.sub('[ADDRESS]', text)
    text = COORD.sub('[ADDRESS]', text)
    return text


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(msa_csv, mj_csv, cad_json):
    dd = Dedupe()
    items = msa(msa_csv, dd) + mj(mj_csv, dd) + cadpage(cad_json, dd)
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
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:4])
