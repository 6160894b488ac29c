"""Rebuild the candidate texts of round 8 of the screening evaluation set (stdlib only).

Round 8 is the next held-out set (round 7 has been measured and is being tuned on).  It holds
INCIDENT NARRATIVES only: text that tells what happened at one incident, as an officer, a
dispatcher or a department wrote it (no researcher notes, no headline fields).  Selection
only: reads three public sources from local snapshots (SOURCES.md says where they came from),
applies the selection rules written below, drops texts equal or nearly equal to a text of
rounds 1-7 (every half and part) or to a text already picked, redacts, and writes the split
(dev.jsonl, test.jsonl): an id goes to test when the first byte of SHA-256(id) is even, the
rule of rounds 1-7.  It never imports, runs or reads the project's narrative screen or its
vocabulary, and groups texts only by each source's own category field.

Usage: python3 build.py ATHERTON_LOG_JS TTU_CSV ODMP_2024_CSV ODMP_2025_CSV
  ATHERTON_LOG_JS  log.js of kentbrew/profiling-atherton @ 2e1f777 (Atherton, CA police daily
                   activity log, Jan-Jul 2013: event type, narrative, disposition)
  TTU_CSV          CrimeLog.csv of AidanTrent/ttu-crime-log @ 7c9da23 (Texas Tech University
                   police daily crime log, 2021-2022: "Synopsis", "Crime")
  ODMP_2024_CSV    data/processed/us_slain_police_officers_2024.csv and
  ODMP_2025_CSV    data/processed/us_slain_police_officers_2025.csv of stiles/police-end-of-watch
                   @ b456e19 (Officer Down Memorial Page incident descriptions, "cause")
"""
import csv, hashlib, html, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / d for d in ('screening-eval', 'screening-eval-2', 'screening-eval-3',
                                     'screening-eval-4', 'screening-eval-5', 'screening-eval-6',
                                     'screening-eval-7')]
HALVES = ('dev', 'test', 'dev_b', 'test_b')  # round 4 has a part B
MAXLEN = 600


def trim(text):
    """Rounds 1-7 length rule: strip; cut texts over MAXLEN at the last
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
    """Rounds 3-7's rule, loaded with every half and part of rounds 1-7: exact
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
        rows = sorted(groups[g], key=lambda r: r['id'])  # a fixed order before the shuffle
        rng.shuffle(rows)
        n = 0
        for r in rows:
            if n >= quota[g]:
                break
            t = trim(r['text'])
            if len(t) < 20 or words(t) < 4 or not dd.fresh(t):
                continue
            dd.add(t)
            n += 1
            out.append(dict(make(r, t), group=g))
    return out


NAME_SKIP = {'Unknown', 'Jr', 'Sr', 'III', 'Not', 'None', 'The'}


def name_tokens(names):
    """Words of 3+ letters of the given person names, capitalised, for redaction."""
    out = set()
    for name in names:
        for w in re.split(r"[\s,;/()]+", name):
            w = w.strip(".'\"")
            if len(w) >= 3 and w[0].isupper() and all(c.isalpha() or c in "'’-" for c in w) and w not in NAME_SKIP:
                out.add(w)
    return out


# --- 1. Atherton (CA) police daily activity log, grouped by its own event type ---
# The log's "narrative" is the officer's / dispatcher's note on the call ("Victim was pushed by
# suspect.").  HTML entities of the converted blog pages (&rsquo;) are decoded.
ATH_MED = {'MEDICAL AID', '72-HR HOLD-DANGER TO SELF/OTHERS', 'CORONERS CASE', 'ACCIDENT-MINOR INJURY',
           'FIRE CALL - GENERAL', 'PUBLIC INTOXICATION', 'WELFARE CHECK',
           'DRIVING UNDER INFLUENCE-DRUG/ALCOHOL'}
ATH_VW = {'DISTURBANCE', 'SIMPLE ASSAULT-BATTERY', 'SHOTS FIRED', 'ABUSE', 'CHILD/ELDER ABUSE',
          'CPS Case or referral', 'ANNOYING PHONE CALLS', 'JUVENILE PROBLEM', '911 HANG-UP'}
ATH_QUOTA = {'med': 200, 'vw': 200, 'other': 330}  # med and vw: > group sizes, all kept


def atherton(path, dd):
    s = open(path, encoding='utf-8').read()
    s = s[s.index('['):].rstrip().rstrip(';')
    groups = {k: [] for k in ATH_QUOTA}
    for r in json.loads(s):
        t = html.unescape(r.get('narrative') or '').strip()
        ev = (r.get('event') or '').strip()
        g = 'med' if ev in ATH_MED else 'vw' if ev in ATH_VW else 'other'
        groups[g].append(dict(id=r['id'], text=t))
    return take(groups, ATH_QUOTA, 2081,
                lambda r, t: dict(id='ath-' + r['id'], source='atherton-pd-log', text=t, names=set()), dd)


# --- 2. Texas Tech University police daily crime log, grouped by its own "Crime" ---
# The "Synopsis" is the department's one-paragraph account of the case ("An officer
# investigated an aggravated assault, which occurred at ...").
TTU_VW = {'Assault', 'Harassment', 'Robbery', 'Posession of firearm on campus', 'Unwanted communication'}
TTU_MED = {'Welfare check', 'Emergency detention', 'Vehicle accident', 'Public intoxication', 'DUI',
           'Consumption of alcohol by a minor'}
TTU_QUOTA = {'vw': 100, 'med': 200, 'other': 330}  # vw: > group size, all kept


def ttu(path, dd):
    groups = {k: [] for k in TTU_QUOTA}
    seen = {}
    for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
        cid = (r['Case Nbr'] or '').strip()
        if not cid:
            continue
        seen[cid] = seen.get(cid, 0) + 1
        rid = cid if seen[cid] == 1 else '%s-%d' % (cid, seen[cid])
        crime = (r['Crime'] or '').strip()
        g = 'vw' if crime in TTU_VW else 'med' if crime in TTU_MED else 'other'
        t = re.sub(r'[ \t]{2,}', ' ', (r['Synopsis'] or '').strip())  # the log's doubled spaces
        groups[g].append(dict(id=rid, text=t))
    return take(groups, TTU_QUOTA, 2082,
                lambda r, t: dict(id='ttu-' + r['id'], source='texas-tech-pd-crime-log', text=t,
                                  names=set()), dd)


# --- 3. Officer Down Memorial Page incident descriptions, grouped by its own "cause" ---
# Each description tells how one officer died, then gives the officer's service record and
# family.  The incident paragraphs are kept: paragraphs are taken from the start up to the
# first one that tells the officer's tenure, service record or survivors (BIO), at most 3.
ODMP_GROUP = {'Gunfire': 'gunfire', 'Gunfire (Inadvertent)': 'gunfire',
              'Assault': 'assault', 'Stabbed': 'assault', 'Vehicular assault': 'assault',
              'Heart attack': 'illness', '9/11 related illness': 'illness',
              'Duty related illness': 'illness', 'Heatstroke': 'illness', 'Exposure to toxins': 'illness'}
ODMP_QUOTA = {'gunfire': 200, 'assault': 100, 'illness': 100, 'other': 150}  # > group sizes: all kept
BIO = re.compile(r'had served|survived by|is survived|served with the|served as a|was a (?:U\.S\.|United States'
                 r'|military)|veteran of the|years of service', re.I)


def odmp_incident(text):
    paras = [p.strip() for p in re.split(r'\n\s*\n|\n', text) if p.strip()]
    keep = []
    for p in paras:
        if BIO.search(p) or len(keep) == 3:
            break
        keep.append(p)
    return ' '.join(keep)


def odmp(paths, dd):
    groups = {k: [] for k in ODMP_QUOTA}
    for path in paths:
        for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
            m = re.search(r'/officer/(\d+)-', r['url'] or '')
            if not m:
                continue
            g = ODMP_GROUP.get((r['cause'] or '').strip(), 'other')
            names = name_tokens([r['officer_name'] or '', r['name'] or ''])
            names -= {w for w in names if w in (r['title'] or '').split() or w.lower() in TITLE_WORDS}
            groups[g].append(dict(id=m.group(1), text=odmp_incident(r['incident_description'] or ''),
                                  names=names))
    return take(groups, ODMP_QUOTA, 2083,
                lambda r, t: dict(id='odmp-' + r['id'], source='odmp-incident-descriptions', text=t,
                                  names=r['names'], ranked=True), dd)


# Other people ODMP names by rank (officers killed or wounded with the honoured officer):
# up to three capitalised words after a rank word become [NAME] ("Police Officer [NAME]").
RANK = r"(?:Sheriff|Officer|Detective|Sergeant|Deputy|Trooper|Agent|Investigator|Lieutenant|Marshal|Corporal|Captain|Chief|Patrolman|Constable|Ranger|Warden)"
NOT_NAME = (r"(?:U\.S\.|(?:Sheriff|Sergeant|Deputy|First|Second|Class|II|III|Special|Police|Officer|Detective"
            r"|Trooper|Agent|Marshal|Lieutenant|Corporal|Captain|Chief|Investigator|Senior)\b)")
RANKED = re.compile(r"\b(%s)\s+(?!%s)[A-Z][\w'’-]*(?:\s+(?!%s)[A-Z][\w'’-]*){0,2}" % (RANK, NOT_NAME, NOT_NAME))


# rank words of ODMP's "name" field ("Deputy Sheriff Justin Smith"): not names
TITLE_WORDS = {'officer', 'police', 'deputy', 'sheriff', 'sergeant', 'trooper', 'detective', 'corporal',
               'lieutenant', 'captain', 'agent', 'special', 'patrolman', 'patrol', 'chief', 'master',
               'senior', 'constable', 'marshal', 'correctional', 'corrections', 'investigator', 'reserve',
               'major', 'commander', 'first', 'class', 'assistant', 'state', 'highway', 'game', 'warden',
               'conservation', 'border', 'inspector', 'technician', 'jailer', 'k9', 'deputy', 'lead',
               'supervisory', 'probation', 'parole', 'detention', 'security', 'public', 'safety', 'auxiliary',
               'specialist', 'tribal', 'federal', 'park', 'ranger', 'criminal', 'airport', 'school',
               'resource', 'transit', 'university', 'campus', 'staff', 'colonel', 'undersheriff', 'task',
               'force', 'member', 'sworn'}


# --- redaction (rounds 3-7's patterns; hand-found redactions as spans in redact.json) ---
STREET = re.compile(
    r"(?<![\w-])\d{3,6}(?:-?[A-Z])?[ \t]+(?!block\b|blk\b)(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')
PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)|(?<![\d-])[2-9]\d{9}(?![\d-])')


def apply_spans(text_id, text, spans):
    """The hand-found redactions of redact.json: [start, end, replacement, check] in the
    text after the length cut, check being the first 2 hex digits of SHA-256 of the
    original span (round 7's format: two digits confirm no guessed name, yet a changed
    or shifted source still stops the build)."""
    for start, end, label, check in sorted(spans.get(text_id, []), reverse=True):
        if not (0 <= start < end <= len(text) and len(check) == 2
                and hashlib.sha256(text[start:end].encode('utf-8')).hexdigest()[:2] == check):
            sys.exit('redact.json: span %d-%d of %s does not match the source text' % (start, end, text_id))
        text = text[:start] + label + text[end:]
    return text


def redact(x, red):
    """The spans listed in redact.json (private persons found by reading every test
    text) first; then the source's own name list (ODMP's officer name): each word of it,
    capitalised, becomes [NAME], and for ODMP up to three capitalised words after a rank
    word (other officers named) and initials next to [NAME]; then phone numbers, house-number street addresses (not
    "2600 block of ...", not for the ids listed under no_street) and coordinates."""
    text = apply_spans(x['id'], x['text'], red.get('spans', {}))
    if x.get('ranked'):
        text = RANKED.sub(lambda m: m.group(1) + ' [NAME]', text)
    for w in sorted(x['names'], key=len, reverse=True):
        text = re.sub(r"\b%s\b" % re.escape(w), '[NAME]', text)
    if x.get('ranked'):
        text = re.sub(r"\b(?:[A-Z]\.){1,3} ?\[NAME\]|\b[A-Z]{2} \[NAME\]|\[NAME\] [A-Z]\b", '[NAME]', text)
    text = re.sub(r"\[NAME\](?:[ .]+\[NAME\])+", '[NAME]', text)
    text = PHONE.sub('[PHONE]', text)
    if x['id'] not in red.get('no_street', []):
        text = STREET.sub('[ADDRESS]', text)
    text = COORD.sub('[ADDRESS]', text)
    return text


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(ath_js, ttu_csv, odmp24, odmp25):
    dd = Dedupe()
    items = odmp([odmp24, odmp25], dd) + atherton(ath_js, dd) + ttu(ttu_csv, dd)
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
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:5])
